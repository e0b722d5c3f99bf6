// `strata lint [RANGE]`: lints revision scripts (Migrator::lint) and prints
// one line per finding on stdout — `file:line: RULE severity: message (fix:
// ...)` — and a summary on stderr; `--json` prints one object instead.
// Exit 1 when an error-severity finding remains. Never connects: the
// dialect is --dialect, else the configured URL's (which is only parsed).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/lint_verb.h"
#include "strata/migrator.h"

namespace strata::cli {
namespace {

const char* severity_name(Finding::Severity s) {
  switch (s) {
    case Finding::Severity::kInfo: return "info";
    case Finding::Severity::kWarning: return "warning";
    case Finding::Severity::kError: break;
  }
  return "error";
}

nlohmann::json to_json(const LintReport& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : report.findings) {
    findings.push_back({{"file", f.file},
                        {"line", f.line},
                        {"rule", f.kind},
                        {"severity", severity_name(f.severity)},
                        {"message", f.message},
                        {"fix", f.fix},
                        {"revision", f.revision}});
  }
  return {{"dialect", report.dialect},
          {"revisions", report.revisions},
          {"findings", findings},
          {"summary",
           {{"error", report.count(Finding::Severity::kError)},
            {"warning", report.count(Finding::Severity::kWarning)},
            {"info", report.count(Finding::Severity::kInfo)},
            {"suppressed", report.suppressed}}}};
}

}  // namespace

CLI::App* add_lint_verb(CLI::App& app, LintArgs& args) {
  auto* lint = app.add_subcommand(
      "lint", "Check revision scripts for risky operations (lock risks, destructive and "
              "data-dependent changes, renames, missing downgrades); never connects");
  lint->add_option("range", args.range,
                   "Revisions to lint: a:b (after a, up to b), a: or :b, or one revision "
                   "(default: base:heads)");
  lint->add_option("--dialect", args.dialect,
                   "postgresql, sqlite, mysql or mssql (default: the configured URL's)");
  lint->add_flag("--json", args.json,
                 "JSON output: {dialect, revisions, findings: [{file, line, rule, severity, "
                 "message, fix, revision}], summary}");
  return lint;
}

int run_lint(const GlobalOptions& g, const LintArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  Result<LintReport> linted = migrator->lint(a.range, a.dialect);
  if (!linted) throw linted.error();
  const LintReport& report = linted.value();

  const int errors = report.count(Finding::Severity::kError);
  if (a.json) {
    std::cout << to_json(report).dump(2) << std::endl;
  } else {
    for (const Finding& f : report.findings) std::cout << f.text << "\n";
    std::cout.flush();
    if (!g.quiet) {
      std::cerr << "lint (" << report.dialect << "): " << report.revisions << " revision"
                << (report.revisions == 1 ? "" : "s") << ", " << errors << " error"
                << (errors == 1 ? "" : "s") << ", " << report.count(Finding::Severity::kWarning)
                << " warning" << (report.count(Finding::Severity::kWarning) == 1 ? "" : "s") << ", "
                << report.count(Finding::Severity::kInfo) << " info, " << report.suppressed
                << " suppressed" << std::endl;
    }
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace strata::cli
