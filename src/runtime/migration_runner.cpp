#include "runtime/migration_runner.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "dialect/lock.h"
#include "lua/script_cache.h"
#include "lua/script_runner.h"
#include "runtime/head_maintainer.h"
#include "runtime/lock_retry.h"
#include "runtime/migration_lock.h"
#include "runtime/script_checksum.h"
#include "runtime/script_prefetch.h"
#include "runtime/untranslated_guard.h"
#include "runtime/validation.h"
#include "runtime/version_schema_guard.h"
#include "runtime/version_store.h"
#include "strata/error.h"

namespace strata::runtime {
namespace {

// "upgrade a -> b, message (path) failed: " — how a database error inside a
// step is reported.
// The script's path is left out when `message` already starts with it (a
// database error positioned at the script line that sent the statement).
std::string step_failure_prefix(const script::MigrationStep& step,
                                const std::string& message = "") {
  std::string where;
  if (step.revision && message.rfind(step.revision->path + ":", 0) != 0) {
    where = " (" + step.revision->path + ")";
  }
  return step.describe() + where + " failed: ";
}

// The strata_history row of a step (see version_store.h): a revision step
// names its revision and the script's checksum; a stamp names the revision
// it moves to (or, moving down, the one it leaves) and that script's
// checksum only when moving up.
// A revision step's checksum is filled in by apply_step, from the bytes it runs.
HistoryEntry history_entry(const script::MigrationStep& step) {
  HistoryEntry entry;
  if (!step.is_stamp && step.revision != nullptr) {
    entry.revision = step.revision->revision;
    entry.direction = step.is_upgrade ? "upgrade" : "downgrade";
    return entry;
  }
  entry.direction = "stamp";
  const std::vector<std::string>& to = step.to_revisions_no_deps.empty() ? step.to_revisions
                                                                         : step.to_revisions_no_deps;
  if (step.is_upgrade && !to.empty()) {
    entry.revision = to.front();
    const script::Revision* r =
        step.revision_map != nullptr ? step.revision_map->find(entry.revision) : nullptr;
    if (r != nullptr) entry.checksum = script_checksum(r->path);
  } else if (!step.from_revisions.empty()) {
    entry.revision = step.from_revisions.front();
  } else {
    entry.revision = to.empty() ? "base" : to.front();
  }
  return entry;
}

// Saves a run's newly compiled scripts however the run ends.
struct SavedOnExit {
  lua::ScriptCache& cache;
  ~SavedOnExit() { cache.save(); }
};

long long elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

// The scripts' sandbox settings for a run (built once, used by every step).
lua::ScriptEnv script_env(const RunSettings& settings) {
  lua::ScriptEnv env;
  env.module_roots = settings.lua_module_roots;
  env.instruction_limit = settings.script_instruction_limit;
  env.memory_limit_mb = settings.script_memory_limit_mb;
  env.instruction_limit_setting = "strata.toml script_instruction_limit";
  env.memory_limit_setting = "strata.toml script_memory_limit_mb";
  return env;
}

// Run one step's script (if any), its version-table changes and its history
// row. With `prefetch` (offline) the script ran ahead and its record is
// replayed here instead (script_prefetch.h). With `record`
// (online, non-transactional DDL) a failure also reports the statements of
// the step that already ran (they stay applied) and records the failed step
// in the history.
void apply_step(SqlEmitter& emitter, VersionStore& store, HeadMaintainer& heads,
                lua::ScriptCache& scripts, const script::MigrationStep& step,
                const RunSettings& settings, const lua::ScriptEnv& env,
                ScriptPrefetch* prefetch, bool record = false) {
  if (settings.progress) settings.progress("Running " + step.describe());
  if (settings.on_step) settings.on_step(step, false);
  if (emitter.offline()) {
    std::string comment = "Running ";
    step.append_short_log(comment);
    emitter.comment(comment);
  }
  emitter.clear_step_log();
  const auto start = std::chrono::steady_clock::now();
  HistoryEntry entry = history_entry(step);
  try {
    // A drop_schema of the version table's schema is skipped with this note
    // (version_schema_guard.h).
    const auto note = [&](const std::string& text) {
      if (emitter.offline()) emitter.comment(text);
      if (settings.progress) settings.progress(text);
    };
    if (!step.is_stamp && step.revision != nullptr && prefetch != nullptr) {
      entry.checksum = prefetch->replay(step, emitter, note);
    } else if (!step.is_stamp && step.revision != nullptr) {
      const std::optional<script::FileKey>& key = step.revision->loaded_key;
      const lua::ScriptSource script = scripts.read(step.revision->path, key ? &*key : nullptr);
      entry.checksum = script.checksum;
      VersionSchemaGuard guard(emitter, settings.version_table, note);
      lua::run_migration(*step.revision, step.is_upgrade, guard, env, script, &scripts);
    }
    // The history row first, then the version rows (the same transaction;
    // offline scripts keep Alembic's version statements adjacent).
    entry.statements_done = static_cast<long long>(emitter.step_log().size());
    if (!emitter.offline()) entry.duration_ms = elapsed_ms(start);
    const std::vector<VersionChange> changes = heads.update_to_step(step);
    store.record(entry);
    store.apply(changes);
    if (settings.on_step) settings.on_step(step, true);
  } catch (const Error& e) {
    if (!record) {
      if (e.code() != ErrorCode::kDatabase) throw;
      throw Error(ErrorCode::kDatabase, step_failure_prefix(step, e.message()) + e.message());
    }
    // Non-transactional DDL: whatever failed (a statement or the script
    // itself), say which statements stayed applied; keep the error's code.
    const std::vector<std::string> ran = emitter.step_log();
    std::string prefix = step_failure_prefix(step, e.message());
    prefix.resize(prefix.size() - 2);  // drop ": "
    std::string report = prefix + " after " + std::to_string(ran.size()) +
                         (ran.size() == 1 ? " statement" : " statements") +
                         " (" + std::string(emitter.dialect().name()) +
                         " DDL is not transactional; nothing was rolled back";
    if (!ran.empty()) {
      report += "; already applied: ";
      for (size_t i = 0; i < ran.size(); ++i) {
        report += (i ? " | " : "") + one_line(ran[i], 80);
      }
    }
    // The failed step, for the next upgrade (which refuses until `strata
    // repair`, or continues with `upgrade --resume`).
    entry.success = false;
    entry.statements_done = static_cast<long long>(ran.size());
    entry.duration_ms = elapsed_ms(start);
    entry.error = one_line(e.message(), 1000);
    try {
      store.record(entry);
    } catch (const Error&) {
      // The original error is the one worth reporting.
    }
    throw Error(e.code(), report + "): " + e.message());
  }
}

// COMMIT can fail too (deferred constraints): report it like a failing
// statement, naming the step when the transaction held just that step.
void commit(driver::Connection& connection, const script::MigrationStep* step) {
  try {
    connection.commit();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kDatabase) throw;
    throw Error(ErrorCode::kDatabase, (step ? step_failure_prefix(*step) : std::string()) +
                                          e.message() + "; statement: COMMIT");
  }
}

void rollback_quietly(driver::Connection& connection) {
  try {
    if (connection.in_transaction()) connection.rollback();
  } catch (const Error&) {
    // The original error is the one worth reporting.
  }
}

// The run's migration lock (null with --no-lock), taken before the version
// table is read.
std::unique_ptr<MigrationLock> take_lock(SqlEmitter& emitter, const RunSettings& settings) {
  if (!settings.use_lock) return nullptr;
  std::unique_ptr<MigrationLock> lock =
      make_migration_lock(emitter.dialect(), *emitter.connection(), settings.version_table);
  lock->acquire(settings.lock_timeout);
  return lock;
}

// BEGIN; for SQLite this is where the lock is taken (BEGIN EXCLUSIVE with
// the lock timeout as busy timeout), so its timeout is reported as one.
void begin(SqlEmitter& emitter, const RunSettings& settings, const MigrationLock* lock) {
  try {
    emitter.connection()->begin();
  } catch (const Error& e) {
    if (lock == nullptr || e.code() != ErrorCode::kDatabase ||
        e.message().find("locked") == std::string::npos) {
      throw;
    }
    const dialect::VersionTableName& vt = settings.version_table;
    throw Error(ErrorCode::kDatabase,
                dialect::lock_timeout_message(vt.schema.value_or("main") + "." + vt.table,
                                              settings.lock_timeout,
                                              "another process (" + e.message() + ")"));
  }
}

bool same_rows(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::set<std::string>(a.begin(), a.end()) == std::set<std::string>(b.begin(), b.end());
}

// The version table created if missing, emptied with --purge, checked, and
// its rows: the heads an online run starts from.
std::vector<std::string> prepare(VersionStore& store, const RunSettings& settings,
                                 const PreRunCheck& check) {
  store.ensure();
  if (settings.purge_version_table) store.purge();
  if (check) check(store);
  return store.read_versions();
}

// The steps of one online run, re-planned from the version table whenever a
// step starts from rows other than the plan expected (see the header).
class OnlinePlan {
 public:
  OnlinePlan(const PlanFn& plan, std::vector<std::string> rows)
      : plan_(plan), steps_(plan(rows)), heads_(rows) {
    refuse_untranslated(steps_);
  }

  bool done() const { return next_ >= steps_.size(); }
  // Before the next step, with the rows read in its transaction: re-plan if
  // they moved. Returns false when nothing is left to do.
  bool sync(const std::vector<std::string>& rows) {
    if (!same_rows(rows, heads_.heads())) {
      steps_ = plan_(rows);
      refuse_untranslated(steps_);
      next_ = 0;
      heads_ = HeadMaintainer(rows);
    }
    return !done();
  }
  const script::MigrationStep& step() const { return steps_[next_]; }
  HeadMaintainer& heads() { return heads_; }
  void advance() { ++next_; }
  size_t size() const { return steps_.size(); }

 private:
  const PlanFn& plan_;
  std::vector<script::MigrationStep> steps_;
  HeadMaintainer heads_;
  size_t next_ = 0;
};

// Online run for a dialect whose DDL commits implicitly (MySQL): no
// transaction to lean on, so each statement stands on its own and the version
// table is updated right after each revision; a failure names what ran.
void run_online_nontransactional(SqlEmitter& emitter, VersionStore& store,
                                 lua::ScriptCache& scripts, const PlanFn& plan,
                                 const RunSettings& settings, const PreRunCheck& check) {
  const lua::ScriptEnv env = script_env(settings);
  OnlinePlan steps(plan, prepare(store, settings, check));
  // upgrade --resume: the failed upgrades to continue, by revision.
  std::map<std::string, HistoryEntry> failed;
  if (settings.resume) {
    for (HistoryEntry& f : outstanding_failures(store.read_history())) {
      if (f.direction == "upgrade") failed[f.revision] = std::move(f);
    }
  }
  while (steps.sync(store.read_versions())) {
    const script::MigrationStep& step = steps.step();
    auto resumed = step.revision != nullptr && !step.is_stamp && step.is_upgrade
                       ? failed.find(step.revision->revision)
                       : failed.end();
    if (resumed != failed.end()) {
      const HistoryEntry& f = resumed->second;
      if (!f.checksum || script_checksum(step.revision->path) != f.checksum) {
        throw Error(ErrorCode::kScript, "cannot resume upgrade " + f.revision + ": " +
                                            step.revision->path +
                                            " changed since it failed; fix the database by "
                                            "hand and run `strata repair`");
      }
      if (settings.progress) {
        settings.progress("Resuming upgrade " + f.revision + " after " +
                          std::to_string(f.statements_done) + " statements that ran before");
      }
      emitter.skip_statements(static_cast<size_t>(f.statements_done));
      failed.erase(resumed);
    }
    apply_step(emitter, store, steps.heads(), scripts, step, settings, env, nullptr,
               /*record=*/true);
    steps.advance();
  }
}

}  // namespace

bool version_table_exists(SqlEmitter& emitter, const dialect::VersionTableName& vt) {
  return VersionStore(emitter, vt, "").version_table_exists();
}

std::vector<std::string> read_version_rows(SqlEmitter& emitter,
                                           const dialect::VersionTableName& vt) {
  return VersionStore(emitter, vt, "").read_versions();
}

void ensure_version_table(SqlEmitter& emitter, const dialect::VersionTableName& vt) {
  VersionStore(emitter, vt, "").ensure();
}

void ensure_version_online(SqlEmitter& emitter, const RunSettings& settings) {
  VersionStore store(emitter, settings.version_table, settings.history_table);
  std::unique_ptr<MigrationLock> lock = take_lock(emitter, settings);
  driver::Connection& connection = *emitter.connection();
  const bool transactional = emitter.dialect().transactional_ddl();
  try {
    if (transactional) begin(emitter, settings, lock.get());
    store.ensure();
    if (transactional) commit(connection, nullptr);
  } catch (...) {
    rollback_quietly(connection);
    throw;
  }
  if (lock) lock->release();
}

void run_online(SqlEmitter& emitter, const PlanFn& plan, const RunSettings& settings,
                const PreRunCheck& check) {
  VersionStore store(emitter, settings.version_table, settings.history_table);
  lua::ScriptCache scripts(settings.script_cache_file);
  const SavedOnExit save_scripts{scripts};
  std::unique_ptr<MigrationLock> lock = take_lock(emitter, settings);
  if (!emitter.dialect().transactional_ddl()) {
    run_online_nontransactional(emitter, store, scripts, plan, settings, check);
    if (lock) lock->release();
    return;
  }
  driver::Connection& connection = *emitter.connection();
  const bool per_migration = settings.transaction_per_migration;
  const lua::ScriptEnv env = script_env(settings);
  try {
    begin(emitter, settings, lock.get());
    OnlinePlan steps(plan, prepare(store, settings, check));
    // The step a single-transaction run is named after when COMMIT fails.
    const script::MigrationStep* only =
        !per_migration && steps.size() == 1 ? &steps.step() : nullptr;
    if (per_migration) commit(connection, nullptr);
    while (!steps.done()) {
      if (per_migration) {
        begin(emitter, settings, lock.get());
        if (!steps.sync(store.read_versions())) break;
      }
      // lock_timeout / lock_retries (lock_retry.h): retried only when the
      // step is alone in its transaction.
      const HeadMaintainer heads_before = steps.heads();
      run_step_with_lock_policy(
          emitter, steps.step(),
          {.own_transaction = per_migration || steps.size() == 1,
           .reset_after = !per_migration,
           .progress = settings.progress,
           .before_retry = [&] { steps.heads() = heads_before; }},
          [&] {
            apply_step(emitter, store, steps.heads(), scripts, steps.step(), settings, env, nullptr);
          });
      if (per_migration) commit(connection, &steps.step());
      steps.advance();
    }
    if (connection.in_transaction()) {
      commit(connection, only);
    }
  } catch (...) {
    rollback_quietly(connection);
    throw;
  }
  if (lock) lock->release();
}

void run_offline(SqlEmitter& emitter, const std::vector<std::string>& starting_heads,
                 const PlanFn& plan, const RunSettings& settings) {
  const dialect::Dialect& d = emitter.dialect();
  const bool transactional = d.transactional_ddl();
  const bool per_migration = settings.transaction_per_migration;
  VersionStore store(emitter, settings.version_table, settings.history_table);
  lua::ScriptCache scripts(settings.script_cache_file);
  const SavedOnExit save_scripts{scripts};
  const lua::ScriptEnv env = script_env(settings);
  std::vector<script::MigrationStep> steps = plan(starting_heads);
  refuse_untranslated(steps);
  HeadMaintainer heads(starting_heads);
  // Alembic's offline shape: one BEGIN/COMMIT around the run (or around each
  // step), the version table (and the history table) created in the script
  // whenever a step starts from base, and the version table dropped again
  // when the run ends at base.
  if (transactional && !per_migration) emitter.emit_begin();
  // The scripts run ahead on worker threads when there are many
  // (script_prefetch.h); destroyed (joined) before `scripts` and `env`.
  std::optional<ScriptPrefetch> prefetch;
  if (const size_t workers = ScriptPrefetch::workers_for(steps); workers > 0) {
    prefetch.emplace(steps, emitter, settings.version_table, scripts, env, workers);
  }
  for (const script::MigrationStep& step : steps) {
    if (transactional && per_migration) emitter.emit_begin();
    if (heads.heads().empty()) store.ensure();
    run_step_with_lock_policy(emitter, step, {.reset_after = !per_migration}, [&] {
      apply_step(emitter, store, heads, scripts, step, settings, env,
                 prefetch ? &*prefetch : nullptr);
    });
    if (transactional && per_migration) emitter.emit_commit();
  }
  if (!steps.empty() && heads.heads().empty()) store.drop_version_table();
  if (transactional && !per_migration) emitter.emit_commit();
}

}  // namespace strata::runtime
