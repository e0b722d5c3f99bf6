// MigrationRunner: applies a plan of migration steps through a SqlEmitter —
// runs each revision's upgrade()/downgrade() (stamps run nothing), keeps the
// version table in step via HeadMaintainer and VersionStore (which also
// writes one strata_history row per step, in the step's transaction), and
// owns transaction boundaries.
//
// Lock (online, unless RunSettings::use_lock is false): the migration lock
// (runtime/migration_lock.h) is taken before the version table is read and
// held until the run ends. Each step's transaction (transaction_per_migration,
// or each step of a non-transactional dialect) re-reads the version table
// first; when the rows differ from what the plan expected (another process
// without the lock, or SQLite between two exclusive transactions) the rest is
// planned again from the rows found, so a step is never applied to rows it
// does not fit.
//
// Transactions (online):
//   - default: the whole run is one transaction; any failure rolls it all back.
//   - transaction_per_migration: each step commits on its own; a failure rolls
//     back only the failing step, earlier steps stay committed.
// Offline: the same statements are written with BEGIN/COMMIT around the same
// boundaries, and the version table is created in the script when the run
// starts from base. A long offline run's scripts run ahead on worker threads
// and are replayed at their steps (runtime/script_prefetch.h): the same
// output, byte for byte.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "runtime/sql_emitter.h"
#include "script/migration_plan.h"

namespace strata::runtime {

struct RunSettings {
  dialect::VersionTableName version_table;
  // strata.toml history_table; empty: keep no history.
  std::string history_table = "strata_history";
  // The migration lock (--no-lock: false) and how long to wait for it
  // (--lock-timeout, strata.toml lock_timeout).
  bool use_lock = true;
  std::chrono::milliseconds lock_timeout{60'000};
  // `upgrade --resume` (non-transactional DDL): a revision whose upgrade
  // failed part-way (strata_history success = false, not repaired) continues
  // after the statements that ran, if its script's checksum is unchanged
  // since the failure; else Error(kScript).
  bool resume = false;
  bool transaction_per_migration = false;
  // Online only (`stamp --purge`): empty the version table first, in the
  // run's transaction.
  bool purge_version_table = false;
  // Directories `require` may load project modules from.
  std::vector<std::string> lua_module_roots;
  // The compiled-script cache of the project (lua/script_cache.h), read and
  // written by every run; empty: none.
  std::string script_cache_file;
  // Limits for upgrade()/downgrade() (strata.toml script_instruction_limit,
  // script_memory_limit_mb); 0: none.
  long script_instruction_limit = 0;
  long script_memory_limit_mb = 0;
  // Progress lines ("Running upgrade a -> b, message"); may be empty.
  std::function<void(const std::string&)> progress;
  // Structured progress (the public API's events): called when a step
  // starts (finished = false) and after its statements and version rows
  // ran (finished = true); may be empty.
  std::function<void(const script::MigrationStep&, bool finished)> on_step;
};

// Online: checks run under the lock after the tables are ensured and before
// the plan is made (upgrade's validation, the failed-step refusal); throwing
// ends the run with nothing applied. May be empty.
class VersionStore;
using PreRunCheck = std::function<void(VersionStore&)>;

// Online helpers (REQUIRES: emitter.connection() != nullptr).
bool version_table_exists(SqlEmitter& emitter, const dialect::VersionTableName& vt);
// Rows of the version table; empty when the table does not exist.
std::vector<std::string> read_version_rows(SqlEmitter& emitter,
                                           const dialect::VersionTableName& vt);
// Create the version table (and its schema) if missing.
void ensure_version_table(SqlEmitter& emitter, const dialect::VersionTableName& vt);
// `ensure_version` online: under the lock, create the version and history
// tables if missing, in one transaction where DDL is transactional.
void ensure_version_online(SqlEmitter& emitter, const RunSettings& settings);

// A plan maker: given the heads read from the version table (inside the run's
// transaction, after the table is ensured), returns the steps to apply.
using PlanFn = std::function<std::vector<script::MigrationStep>(const std::vector<std::string>&)>;

// Online run: ensure the version table, read heads, plan, apply.
// Throws strata::Error; on failure the open transaction is rolled back.
void run_online(SqlEmitter& emitter, const PlanFn& plan, const RunSettings& settings,
                const PreRunCheck& check = {});

// Offline run from `starting_heads` (the `a` of `a:b`, or empty = base).
void run_offline(SqlEmitter& emitter, const std::vector<std::string>& starting_heads,
                 const PlanFn& plan, const RunSettings& settings);

}  // namespace strata::runtime
