#include "cli/safety_verbs.h"

#include <iostream>

#include <nlohmann/json.hpp>


namespace strata::cli {

void add_lock_options(CLI::App* sub, GlobalOptions& g) {
  sub->add_option("--lock-timeout", g.lock_timeout,
                  "Seconds to wait for the migration lock (default: strata.toml lock_timeout, 60)")
      ->check(CLI::Range(0, 86400));
  sub->add_flag("--no-lock", g.no_lock,
                "Take no migration lock (connection poolers in transaction mode; see README)");
}

int run_validate(const GlobalOptions& g, bool json) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  Result<ValidationReport> validated = migrator->validate();
  if (!validated) throw validated.error();
  const ValidationReport& report = validated.value();
  if (json) {
    nlohmann::json problems = nlohmann::json::array();
    for (const ChecksumMismatch& p : report.problems) {
      problems.push_back({{"revision", p.revision},
                          {"kind", p.kind},
                          {"path", p.path},
                          {"recorded", p.recorded},
                          {"current", p.current ? nlohmann::json(*p.current) : nlohmann::json()}});
    }
    nlohmann::json failures = nlohmann::json::array();
    for (const FailedStep& f : report.failures) {
      failures.push_back({{"revision", f.revision},
                          {"direction", f.direction},
                          {"statements_done", f.statements_done},
                          {"error", f.error}});
    }
    std::cout << nlohmann::json{{"valid", report.ok()}, {"problems", problems}, {"failures", failures}}
                     .dump(2)
              << std::endl;
  } else {
    for (const ChecksumMismatch& p : report.problems) std::cout << p.text << "\n";
    for (const FailedStep& f : report.failures) {
      std::cout << f.text << " (run `strata repair` once fixed)\n";
    }
    if (report.ok() && !g.quiet) std::cerr << "INFO  [strata] applied revisions match their scripts" << std::endl;
    std::cout.flush();
  }
  return report.ok() ? 0 : 1;
}

int run_repair(const GlobalOptions& g) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  Result<RepairReport> repaired = migrator->repair();
  if (!repaired) throw repaired.error();
  const RepairReport& report = repaired.value();
  for (const std::string& revision : report.checksums_updated) {
    std::cout << "checksum recorded: " << revision << "\n";
  }
  for (const std::string& revision : report.failures_cleared) {
    std::cout << "failed step cleared: " << revision << "\n";
  }
  if (report.checksums_updated.empty() && report.failures_cleared.empty() && !g.quiet) {
    std::cerr << "INFO  [strata] nothing to repair" << std::endl;
  }
  std::cout.flush();
  return 0;
}

}  // namespace strata::cli
