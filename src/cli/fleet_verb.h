// `strata fleet COMMAND [REVISION] TARGETS`: one command over many databases
// and tenant schemas, over the public API (strata/fleet.h; the output is its
// FleetTargetResult::text lines, summary and fleet_report_json). Registered
// by main.cpp with
// add_fleet_verb(); run_fleet_verb prints one line per target on stdout (or
// the JSON report with --json), a live n/N summary on stderr when it is a
// TTY, the final summary on stderr, and returns 1 when a target failed, else
// 0. Bad arguments are Error(kUsage) (exit 2).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/verbs.h"

namespace strata::cli {

struct FleetArgs {
  std::vector<std::string> positionals;  // COMMAND [REVISION] TARGETS
  int jobs = 1;
  bool continue_on_error = false;
  bool json = false;
  std::optional<std::string> tenants_file;
  std::optional<std::string> tenant_pattern;
};

CLI::App* add_fleet_verb(CLI::App& app, GlobalOptions& g, FleetArgs& args);
int run_fleet_verb(const GlobalOptions& g, const FleetArgs& args);

}  // namespace strata::cli
