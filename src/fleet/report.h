// The `strata fleet` report: the JSON form of run_fleet's results (--json)
// and the one-line text forms the CLI prints. Passwords never appear: a
// target is shown by Target::label() / redacted_url().
//
// JSON: {"command", "revision" (null for current/check/verify), "jobs",
//   "duration_ms", "summary": {"total", "ok", "skipped", "failed", "not_run"},
//   "targets": [{"target" (URL, password masked), "tenant" (or null),
//   "status" ("ok" | "skipped" | "failed" | "not_run"), "reason" (skipped:
//   "at head" | "at target", else null), "from", "to" (version rows, [] =
//   base), "duration_ms", "error" (failed: one line, else null),
//   "warnings"}]} — targets in input order.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fleet/runner.h"

namespace strata::fleet {

nlohmann::json report_json(const FleetOptions& options, const std::vector<TargetResult>& results,
                           long long duration_ms);

// "ok       <label>  base -> 3c1e (42 ms)", "skipped: at head  <label> (3c1e)",
// "failed   <label>: <error>", "current  <label>: 3c1e" ...
std::string result_line(const FleetOptions& options, const TargetResult& result);

// "fleet upgrade: 300 targets in 12.3 s: 290 ok, 9 skipped, 1 failed, 0 not run"
std::string summary_line(const FleetOptions& options, const std::vector<TargetResult>& results,
                         long long duration_ms);

}  // namespace strata::fleet
