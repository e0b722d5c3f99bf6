// strata::run_fleet — `strata fleet` as a library call: one command
// (upgrade, downgrade, current, check or verify) over many databases and
// tenant schemas, a few at a time (the CLI's `fleet` verb is built on it).
//
//   strata::FleetOptions options;
//   options.targets = "targets.txt";          // or one URL
//   options.tenant_pattern = "tenant_%";      // each URL once per matching schema
//   options.jobs = 4;
//   auto report = strata::run_fleet(options);
//   if (!report) { log(report.error().message()); return 1; }
//   for (const auto& t : report.value().targets) log(t.text);
//
// Contract:
//  - Targets: `targets` is one database URL (it contains "://") or a file
//    with one target a line — a URL, optionally `URL#tenant=NAME` (one
//    tenant schema of that database); blank lines and `#` comments ignored;
//    `${VAR}` expanded when connecting. Targets without a tenant run once
//    per tenant of `tenants`, `tenants_file` (one name a line) or
//    `tenant_pattern` (the schemas matching that SQL LIKE pattern in each
//    database; PostgreSQL and MySQL/MariaDB) — at most one of the three.
//    Tenant names are 1-63 letters, digits, '_' or '-'.
//  - A tenant is passed to each target's project as `-x tenant=NAME`:
//    `${tenant}` in version_table_schema and in [schema_map] values, the
//    schema names of scripts and (for check) of the model files are mapped
//    (README "Fleet"). SQLite has no schemas to hold tenants (strata's
//    SQLite schemas are files attached to every connection, ten at most): a
//    SQLite target with a tenant is refused before anything runs.
//  - Each target runs with its own project, connection, migration lock and
//    transactions; nothing is shared between targets. `upgrade head` on a
//    target already at head is "skipped" (reason "at head", checked
//    read-only before taking the lock); a run that changes nothing is
//    "skipped" ("at target"). check: "failed" when the database differs
//    from the models (`error` lists the differences). A target's failure is
//    its result, not the call's: unless `continue_on_error`, the first
//    failure starts no new target (the rest are "not_run"; running ones
//    finish).
//  - The call's own error (Result): bad options (kUsage: more than one
//    tenant source, a `tenant` -x argument, downgrade without a revision, a
//    malformed targets line, a bad tenant name, a duplicate target, no
//    target at all, a tenant on a SQLite target), an unreadable targets or
//    tenants file (kIo), a tenant pattern's query failing. Then nothing ran.
//    No exception crosses this API.
//  - Passwords never appear in a result, an event or a message: targets are
//    shown with the password masked.
//  - Nothing is printed.
//
// Thread-safety: run_fleet may be called from any thread; calls are
// independent. `on_event` is called from the worker threads (the caller's
// among them), one call at a time (under the runner's lock), so it needs no
// locking of its own but must not block for long; it must not call
// run_fleet.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "strata/error.h"
#include "strata/export.h"

namespace strata {

enum class FleetCommand { kUpgrade, kDowngrade, kCurrent, kCheck, kVerify };
// "upgrade", "downgrade", "current", "check", "verify"
STRATA_EXPORT const char* fleet_command_name(FleetCommand command);

enum class FleetStatus { kOk, kSkipped, kFailed, kNotRun };
// "ok", "skipped", "failed", "not_run"
STRATA_EXPORT const char* fleet_status_name(FleetStatus status);

// One target's outcome.
struct FleetTargetResult {
  std::string target;                 // the URL, password masked
  std::optional<std::string> tenant;  // the tenant schema, when one
  FleetStatus status = FleetStatus::kNotRun;
  std::string reason;                 // skipped: "at head" / "at target"; else ""
  std::vector<std::string> from;      // version rows before (empty: base)
  std::vector<std::string> to;        // version rows after
  long long duration_ms = 0;
  std::string error;                  // failed: one line; else ""
  std::vector<std::string> warnings;  // one line each
  std::string label;                  // target, then "#tenant=NAME" when a tenant
  std::string text;                   // the line `strata fleet` prints for it
};

// A progress event: a target started or finished, and the counts then.
struct FleetEvent {
  enum class Kind { kStarted, kFinished };
  Kind kind = Kind::kStarted;
  // kStarted: target, tenant and label only; kFinished: the whole result.
  FleetTargetResult result;
  size_t index = 0;  // the target's position in FleetReport::targets
  size_t total = 0, done = 0, running = 0, ok = 0, skipped = 0, failed = 0;
};

struct FleetOptions {
  FleetCommand command = FleetCommand::kUpgrade;
  // upgrade (default "head") / downgrade (required: "-1", "base", an id);
  // ignored by current, check and verify.
  std::string revision;
  // A database URL, or the path of a targets file (see above).
  std::string targets;
  // Tenants for the targets without #tenant= (at most one of the three).
  std::vector<std::string> tenants;
  std::optional<std::string> tenants_file;
  std::optional<std::string> tenant_pattern;
  int jobs = 1;  // targets at once (at least 1)
  bool continue_on_error = false;
  std::string config_path = "strata.toml";
  // -x key=value for every target (`tenant` is set per target: refused here).
  std::map<std::string, std::string> x_args;
  // The migration lock, as MigratorOptions.
  std::optional<int> lock_timeout_seconds;
  bool no_lock = false;
  // Progress; may be empty (see Thread-safety above).
  std::function<void(const FleetEvent&)> on_event;
};

struct FleetReport {
  FleetCommand command = FleetCommand::kUpgrade;
  std::string revision;  // upgrade / downgrade; "" otherwise
  int jobs = 1;
  long long duration_ms = 0;               // the run (targets read and expanded before)
  std::vector<FleetTargetResult> targets;  // in input order
  std::string summary;  // "fleet upgrade: 60 target(s) in 1.2 s: 59 ok, 0 skipped, 1 failed, 0 not run"
  size_t count(FleetStatus status) const {
    size_t n = 0;
    for (const FleetTargetResult& t : targets) n += t.status == status ? 1 : 0;
    return n;
  }
  bool ok() const { return count(FleetStatus::kFailed) == 0; }
};

[[nodiscard]] STRATA_EXPORT Result<FleetReport> run_fleet(const FleetOptions& options);

// The report as `strata fleet --json` prints it (2-space indent, no final
// newline): {"command", "revision", "jobs", "duration_ms", "summary":
// {"total", "ok", "skipped", "failed", "not_run"}, "targets": [{"target",
// "tenant", "status", "reason", "from", "to", "duration_ms", "error",
// "warnings"}]}.
STRATA_EXPORT std::string fleet_report_json(const FleetReport& report);

}  // namespace strata
