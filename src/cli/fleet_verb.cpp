// `strata fleet` on the command line (contract in cli/fleet_verb.h): the
// arguments parsed into strata::FleetOptions, run by the public API
// (strata/fleet.h), its lines, live summary and JSON printed.
#include "cli/fleet_verb.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/safety_verbs.h"
#include "strata/error.h"
#include "strata/fleet.h"

namespace strata::cli {
namespace {

Error usage(const std::string& message) { return Error(ErrorCode::kUsage, message); }

FleetCommand parse_command(const std::string& name) {
  if (name == "upgrade") return FleetCommand::kUpgrade;
  if (name == "downgrade") return FleetCommand::kDowngrade;
  if (name == "current") return FleetCommand::kCurrent;
  if (name == "check") return FleetCommand::kCheck;
  if (name == "verify") return FleetCommand::kVerify;
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
  FleetOptions options;
  options.command = parse_command(p[0]);
  const bool takes_revision =
      options.command == FleetCommand::kUpgrade || options.command == FleetCommand::kDowngrade;
  if (p.size() == 3 && !takes_revision) {
    throw usage("fleet " + p[0] + " takes no revision");
  }
  options.revision = p.size() == 3 ? p[1] : "";
  options.targets = p.back();
  options.tenants_file = args.tenants_file;
  options.tenant_pattern = args.tenant_pattern;
  options.jobs = args.jobs;
  options.continue_on_error = args.continue_on_error;
  options.config_path = g.config_path;
  options.x_args = project_options(g).x_args;
  if (g.url) throw usage("fleet: --url does not apply; the targets name the databases");
  options.lock_timeout_seconds = g.lock_timeout;
  options.no_lock = g.no_lock;

  const bool live = isatty(STDERR_FILENO) && !g.quiet;
  options.on_event = [&](const FleetEvent& e) {
    if (e.kind == FleetEvent::Kind::kFinished) {
      if (live) std::fputs("\r\033[K", stderr);
      const bool print = !args.json && (!g.quiet || e.result.status == FleetStatus::kFailed);
      if (print) std::cout << e.result.text << std::endl;
    }
    if (!live) return;
    std::fprintf(stderr, "\r\033[Kfleet %s: %zu/%zu done, %zu running, %zu failed",
                 fleet_command_name(options.command), e.done, e.total, e.running, e.failed);
    std::fflush(stderr);
  };

  Result<FleetReport> run = run_fleet(options);
  if (!run) throw run.error();
  const FleetReport& report = run.value();
  if (live) std::fputs("\r\033[K", stderr);

  for (const FleetTargetResult& r : report.targets) {
    if (r.status == FleetStatus::kNotRun && !args.json && !g.quiet) std::cout << r.text << "\n";
  }
  if (args.json) std::cout << fleet_report_json(report) << "\n";
  std::cout.flush();
  if (!g.quiet || !report.ok()) std::cerr << report.summary << std::endl;
  return report.ok() ? 0 : 1;
}

}  // namespace strata::cli
