// `strata doctor` (cli/doctor_verb.h), over Migrator::doctor(). Text output: one line per passed
// check ("ok      ..."), then each problem ("PROBLEM <check>: <message>")
// with its fix indented below ("  fix: GRANT ..."), then a summary line.
// --json: {"ok", "dialect", "url", "user", "passed": [...],
// "problems": [{"check", "message", "fix"}]}.
#include "cli/doctor_verb.h"

#include <nlohmann/json.hpp>

#include <iostream>

#include "strata/migrator.h"

namespace strata::cli {

CLI::App* add_doctor_verb(CLI::App& app, DoctorArgs& args) {
  CLI::App* doctor = app.add_subcommand(
      "doctor",
      "Check privileges, search_path, revision and lock; print the fix for each problem");
  doctor->footer(
      "\nChecks USAGE/CREATE on the included schemas and the version table's schema,\n"
      "privileges on the version and history tables, search_path pitfalls, a database\n"
      "revision the scripts do not have, unlisted model files and the lock holder.\n"
      "Each problem is printed with the GRANT or config change that fixes it; exit 1\n"
      "when one is found. Never creates anything.");
  doctor->add_flag("--json", args.json, "JSON output: {ok, passed, problems}");
  return doctor;
}

int run_doctor_verb(const GlobalOptions& g, const DoctorArgs& args) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  Result<DoctorReport> checked = migrator->doctor();
  if (!checked) throw checked.error();
  const DoctorReport& report = checked.value();
  if (args.json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const DoctorProblem& p : report.problems) {
      problems.push_back({{"check", p.check}, {"message", p.message}, {"fix", p.fix}});
    }
    nlohmann::json out = {{"ok", report.ok()},         {"dialect", report.dialect},
                          {"url", report.url},         {"user", report.user},
                          {"passed", report.passed},   {"problems", problems}};
    std::cout << out.dump(2) << std::endl;
    return report.ok() ? 0 : 1;
  }
  std::cout << "strata doctor: " << report.url
            << (report.user.empty() ? "" : " as " + report.user) << "\n";
  for (const std::string& line : report.passed) std::cout << "ok      " << line << "\n";
  for (const DoctorProblem& p : report.problems) {
    std::cout << "PROBLEM " << p.check << ": " << p.message << "\n";
    if (!p.fix.empty()) std::cout << "  fix: " << p.fix << "\n";
  }
  const size_t n = report.problems.size();
  std::cout << (n == 0 ? std::string("no problems found")
                       : std::to_string(n) + (n == 1 ? " problem" : " problems") + " found")
            << std::endl;
  return report.ok() ? 0 : 1;
}

}  // namespace strata::cli
