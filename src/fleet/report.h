// The `strata fleet` report forms of a public strata::FleetReport
// (strata/fleet.h): its JSON (--json, strata::fleet_report_json) and the
// one-line texts the CLI prints (FleetTargetResult::text,
// FleetReport::summary). Passwords never appear: a target is shown by its
// masked URL and label.
//
// JSON: {"command", "revision" (null for current/check/verify), "jobs",
//   "duration_ms", "summary": {"total", "ok", "skipped", "failed", "not_run"},
//   "targets": [{"target" (URL, password masked), "tenant" (or null),
//   "status" ("ok" | "skipped" | "failed" | "not_run"), "reason" (skipped:
//   "at head" | "at target", else null), "from", "to" (version rows, [] =
//   base), "duration_ms", "error" (failed: one line, else null),
//   "warnings"}]} — targets in input order.
//
// Thread-safety: free functions over their arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "strata/fleet.h"

namespace strata::fleet {

nlohmann::json report_json(const FleetReport& report);

// "ok       <label>: base -> 3c1e (42 ms)", "skipped: at head  <label>: 3c1e (3 ms)",
// "failed   <label>: <error>", "not run  <label>", "ok       <label>: 3c1e (5 ms)" ...
std::string result_line(FleetCommand command, const FleetTargetResult& result);

// "fleet upgrade: 300 target(s) in 12.3 s: 290 ok, 9 skipped, 1 failed, 0 not run"
std::string summary_line(const FleetReport& report);

}  // namespace strata::fleet
