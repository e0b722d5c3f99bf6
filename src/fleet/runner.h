// The `strata fleet` runner: one command over many targets (fleet/targets.h),
// at most `jobs` at a time.
//
// Each target runs on its own thread-pool worker with its own app::Project
// (the configuration re-read, the URL overridden, `-x tenant=NAME` for a
// tenant target), hence its own connection, migration lock and
// transactions; nothing is shared between targets but the read-only
// options. Results come back in target order.
//
// Per command:
//  - upgrade REV / downgrade REV: the version rows before (`from`) and after
//    (`to`). A target already at the goal is "skipped" with reason "at head"
//    (upgrade head/heads: checked before taking the lock, read-only) or
//    "at target" (any other revision: nothing changed). Otherwise "ok".
//  - current: "ok" with from = to = the version rows.
//  - check: "failed" when the database differs from the models (error: the
//    changes), else "ok".
//  - verify: app::verify on each target's server; "failed" with its failure.
// Any strata::Error (or other exception) of a target makes it "failed" with
// the one-line, password-free message.
//
// Failure: unless continue_on_error, the first failure stops the run: no new
// target starts (they are reported "not_run"); running ones finish.
//
// Thread-safety: run_fleet may be called from any thread; `on_start` and
// `on_done` are called from the workers under the runner's mutex, one call
// at a time.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fleet/targets.h"

namespace strata::fleet {

enum class Command { kUpgrade, kDowngrade, kCurrent, kCheck, kVerify };
const char* command_name(Command command);

struct FleetOptions {
  Command command = Command::kUpgrade;
  std::string revision;  // upgrade / downgrade
  int jobs = 1;
  bool continue_on_error = false;
  std::string config_path = "strata.toml";
  std::map<std::string, std::string> x_args;  // -x (tenant is set per target)
  std::optional<int> lock_timeout_seconds;
  bool no_lock = false;
};

enum class Status { kOk, kSkipped, kFailed, kNotRun };
const char* status_name(Status status);  // "ok", "skipped", "failed", "not_run"

struct TargetResult {
  Target target;
  Status status = Status::kNotRun;
  std::string reason;              // skipped: "at head" / "at target"
  std::vector<std::string> from;   // version rows before (empty: base)
  std::vector<std::string> to;     // after
  long long duration_ms = 0;
  std::string error;               // failed: one line, no password
  std::vector<std::string> warnings;
};

struct FleetSummary {
  size_t total = 0, done = 0, ok = 0, skipped = 0, failed = 0, running = 0;
};

// `on_start` / `on_done` (may be empty) see each target (its index in
// `targets`) start / finish and the summary then.
std::vector<TargetResult> run_fleet(
    const std::vector<Target>& targets, const FleetOptions& options,
    const std::function<void(size_t, const TargetResult&, const FleetSummary&)>& on_done = {},
    const std::function<void(size_t, const TargetResult&, const FleetSummary&)>& on_start = {});

}  // namespace strata::fleet
