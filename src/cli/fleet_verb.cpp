#include "cli/fleet_verb.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/safety_verbs.h"
#include "fleet/report.h"
#include "fleet/runner.h"
#include "fleet/targets.h"
#include "strata/error.h"

namespace strata::cli {
namespace {

Error usage(const std::string& message) { return Error(ErrorCode::kUsage, message); }

fleet::Command parse_command(const std::string& name) {
  if (name == "upgrade") return fleet::Command::kUpgrade;
  if (name == "downgrade") return fleet::Command::kDowngrade;
  if (name == "current") return fleet::Command::kCurrent;
  if (name == "check") return fleet::Command::kCheck;
  if (name == "verify") return fleet::Command::kVerify;
  throw usage("fleet: unknown command '" + name +
              "' (upgrade, downgrade, current, check or verify)");
}

}  // namespace

CLI::App* add_fleet_verb(CLI::App& app, GlobalOptions& g, FleetArgs& args) {
  auto* fleet = app.add_subcommand(
      "fleet", "Run upgrade, downgrade, current, check or verify on many databases / tenants");
  fleet->add_option("args", args.positionals,
                    "COMMAND [REVISION] TARGETS: upgrade [REV, default head] | downgrade REV | "
                    "current | check | verify, then a URL or a file of URLs")
      ->required();
  fleet->add_option("-j,--jobs", args.jobs, "Targets migrated at once (default 1)")
      ->check(CLI::Range(1, 256));
  fleet->add_flag("--continue-on-error", args.continue_on_error,
                  "Go on after a failed target (default: start no new target)");
  fleet->add_flag("--json", args.json, "Print the JSON report on stdout");
  fleet->add_option("--tenants", args.tenants_file,
                    "File of tenant names (one a line): each URL without #tenant= runs once per "
                    "tenant");
  fleet->add_option("--tenant-pattern", args.tenant_pattern,
                    "Tenants: the schemas matching this SQL LIKE pattern in each database "
                    "(e.g. 'tenant_%')")
      ->excludes("--tenants");
  add_lock_options(fleet, g);
  fleet->footer(
      "\nTARGETS: a database URL, or a file with one URL a line (blank lines and # comments\n"
      "ignored); `URL#tenant=NAME` names one tenant schema. With a tenant, ${tenant} in\n"
      "strata.toml's version_table_schema and schema_map values is the tenant's name, and\n"
      "scripts see op.tenant. Exit 1 when any target failed.");
  return fleet;
}

int run_fleet_verb(const GlobalOptions& g, const FleetArgs& args) {
  const std::vector<std::string>& p = args.positionals;
  if (p.size() < 2 || p.size() > 3) {
    throw usage("fleet: expected COMMAND [REVISION] TARGETS (see strata fleet --help)");
  }
  fleet::FleetOptions options;
  options.command = parse_command(p[0]);
  const bool takes_revision =
      options.command == fleet::Command::kUpgrade || options.command == fleet::Command::kDowngrade;
  if (p.size() == 3 && !takes_revision) {
    throw usage("fleet " + p[0] + " takes no revision");
  }
  if (p.size() == 2 && options.command == fleet::Command::kDowngrade) {
    throw usage("fleet downgrade needs a revision (e.g. -1 or base)");
  }
  options.revision = p.size() == 3 ? p[1] : "head";
  options.jobs = args.jobs;
  options.continue_on_error = args.continue_on_error;
  options.config_path = g.config_path;
  options.x_args = project_options(g).x_args;
  if (options.x_args.count("tenant")) {
    throw usage("fleet: -x tenant= is set per target (URL#tenant=NAME, --tenants, --tenant-pattern)");
  }
  if (g.url) throw usage("fleet: --url does not apply; the targets name the databases");
  options.lock_timeout_seconds = g.lock_timeout;
  options.no_lock = g.no_lock;

  std::vector<fleet::Target> targets = fleet::expand_tenants(
      fleet::read_targets(p.back()), fleet::TenantSource{args.tenants_file, args.tenant_pattern});

  const bool live = isatty(STDERR_FILENO) && !g.quiet;
  auto live_line = [&](const fleet::FleetSummary& s) {
    if (!live) return;
    std::fprintf(stderr, "\r\033[Kfleet %s: %zu/%zu done, %zu running, %zu failed",
                 fleet::command_name(options.command), s.done, s.total, s.running, s.failed);
    std::fflush(stderr);
  };
  auto on_done = [&](const fleet::TargetResult& r, const fleet::FleetSummary& s) {
    if (live) std::fputs("\r\033[K", stderr);
    const bool print = !args.json && (!g.quiet || r.status == fleet::Status::kFailed);
    if (print) std::cout << fleet::result_line(options, r) << std::endl;
    live_line(s);
  };

  const auto started = std::chrono::steady_clock::now();
  std::vector<fleet::TargetResult> results = fleet::run_fleet(targets, options, on_done, live_line);
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  if (live) std::fputs("\r\033[K", stderr);

  bool failed = false;
  for (const fleet::TargetResult& r : results) {
    if (r.status == fleet::Status::kFailed) failed = true;
    if (r.status == fleet::Status::kNotRun && !args.json && !g.quiet) {
      std::cout << fleet::result_line(options, r) << "\n";
    }
  }
  if (args.json) std::cout << fleet::report_json(options, results, ms).dump(2) << "\n";
  std::cout.flush();
  if (!g.quiet || failed) std::cerr << fleet::summary_line(options, results, ms) << std::endl;
  return failed ? 1 : 0;
}

}  // namespace strata::cli
