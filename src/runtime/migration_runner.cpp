#include "runtime/migration_runner.h"

#include "lua/script_runner.h"
#include "runtime/head_maintainer.h"
#include "strata/error.h"

namespace strata::runtime {
namespace {

// Alembic's online check: a version-row UPDATE/DELETE must hit exactly one
// row (another process, or the script itself, may have changed the table).
void expect_one_row(SqlEmitter& emitter, const std::string& action,
                    const dialect::VersionTableName& vt) {
  if (emitter.offline()) return;
  const long long found = emitter.connection()->last_affected_rows();
  if (found == 1) return;
  throw Error(ErrorCode::kDatabase, "Online migration expected to match one row when " + action +
                                        " in '" + vt.table + "'; " + std::to_string(found) +
                                        " found");
}

void apply_version_changes(SqlEmitter& emitter, const dialect::VersionTableName& vt,
                           const std::vector<VersionChange>& changes) {
  const dialect::Dialect& d = emitter.dialect();
  for (const VersionChange& change : changes) {
    switch (change.kind) {
      case VersionChange::Kind::kInsert:
        emitter.emit_sql(d.insert_version(vt, change.to));
        break;
      case VersionChange::Kind::kUpdate:
        emitter.emit_sql(d.update_version(vt, change.from, change.to));
        expect_one_row(emitter, "updating '" + change.from + "' to '" + change.to + "'", vt);
        break;
      case VersionChange::Kind::kDelete:
        emitter.emit_sql(d.delete_version(vt, change.from));
        expect_one_row(emitter, "deleting '" + change.from + "'", vt);
        break;
    }
  }
}

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

// Run one step's script (if any) and its version-table changes. With
// `record` (online, non-transactional DDL) a failure also reports the
// statements of the step that already ran: they stay applied.
void apply_step(SqlEmitter& emitter, HeadMaintainer& heads, const script::MigrationStep& step,
                const RunSettings& settings, bool record = false) {
  if (settings.progress) settings.progress("Running " + step.describe());
  if (emitter.offline()) emitter.comment("Running " + step.short_log());
  emitter.clear_step_log();
  try {
    if (!step.is_stamp && step.revision != nullptr) {
      lua::ScriptEnv env;
      env.module_roots = settings.lua_module_roots;
      env.instruction_limit = settings.script_instruction_limit;
      env.memory_limit_mb = settings.script_memory_limit_mb;
      env.instruction_limit_setting = "strata.toml script_instruction_limit";
      env.memory_limit_setting = "strata.toml script_memory_limit_mb";
      lua::run_migration(*step.revision, step.is_upgrade, emitter, env);
    }
    apply_version_changes(emitter, settings.version_table, heads.update_to_step(step));
  } catch (const Error& e) {
    if (!record) {
      if (e.code() != ErrorCode::kDatabase) throw;
      throw Error(ErrorCode::kDatabase, step_failure_prefix(step, e.message()) + e.message());
    }
    // Non-transactional DDL: whatever failed (a statement or the script
    // itself), say which statements stayed applied; keep the error's code.
    const std::vector<std::string>& ran = emitter.step_log();
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

}  // namespace

bool version_table_exists(SqlEmitter& emitter, const dialect::VersionTableName& vt) {
  const dialect::Dialect& d = emitter.dialect();
  driver::Connection& connection = *emitter.connection();
  if (d.name() == "postgresql") {
    auto result = connection.query("SELECT to_regclass(" + d.literal(d.qualify(vt.schema, vt.table)) +
                                   ") IS NOT NULL");
    return !result.rows.empty() && result.rows[0][0] == std::optional<std::string>("t");
  }
  if (d.name() == "sqlite") {
    const std::string schema = vt.schema.value_or("main");
    auto attached = connection.query("PRAGMA database_list");
    bool found = false;
    for (const auto& row : attached.rows) found = found || (row.size() > 1 && row[1] == schema);
    if (!found) return false;
    auto result = connection.query("SELECT count(*) FROM " + d.quote(schema) +
                                   ".sqlite_master WHERE type = 'table' AND name = " +
                                   d.literal(vt.table));
    return !result.rows.empty() && result.rows[0][0] != std::optional<std::string>("0");
  }
  if (d.name() == "mysql") {
    auto result = connection.query(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = COALESCE(" +
        (vt.schema ? d.literal(*vt.schema) : std::string("NULL")) +
        ", DATABASE()) AND table_name = " + d.literal(vt.table));
    return !result.rows.empty() && result.rows[0][0] != std::optional<std::string>("0");
  }
  throw Error(ErrorCode::kConfig, "no live driver for dialect " + std::string(d.name()));
}

std::vector<std::string> read_version_rows(SqlEmitter& emitter,
                                           const dialect::VersionTableName& vt) {
  std::vector<std::string> rows;
  if (!version_table_exists(emitter, vt)) return rows;
  auto result = emitter.connection()->query(emitter.dialect().select_versions(vt));
  for (const auto& row : result.rows) {
    if (!row.empty() && row[0]) rows.push_back(*row[0]);
  }
  return rows;
}

void ensure_version_table(SqlEmitter& emitter, const dialect::VersionTableName& vt) {
  if (version_table_exists(emitter, vt)) return;
  for (const std::string& statement : emitter.dialect().create_version_table(vt)) {
    emitter.emit_sql(statement);
  }
}

// The version table created if missing, emptied with --purge, and its rows:
// the heads an online run starts from.
static std::vector<std::string> prepare_version_table(SqlEmitter& emitter,
                                                      const RunSettings& settings) {
  const dialect::VersionTableName& vt = settings.version_table;
  ensure_version_table(emitter, vt);
  if (settings.purge_version_table) {
    emitter.emit_sql("DELETE FROM " + emitter.dialect().qualify(vt.schema, vt.table));
  }
  return read_version_rows(emitter, vt);
}

// Online run for a dialect whose DDL commits implicitly (MySQL): no
// transaction to lean on, so each statement stands on its own and the version
// table is updated right after each revision; a failure names what ran.
void run_online_nontransactional(SqlEmitter& emitter, const PlanFn& plan,
                                 const RunSettings& settings) {
  std::vector<std::string> current = prepare_version_table(emitter, settings);
  std::vector<script::MigrationStep> steps = plan(current);
  HeadMaintainer heads(current);
  for (const script::MigrationStep& step : steps) {
    apply_step(emitter, heads, step, settings, /*record=*/true);
  }
}

void run_online(SqlEmitter& emitter, const PlanFn& plan, const RunSettings& settings) {
  if (!emitter.dialect().transactional_ddl()) {
    run_online_nontransactional(emitter, plan, settings);
    return;
  }
  driver::Connection& connection = *emitter.connection();
  const bool per_migration = settings.transaction_per_migration;
  try {
    connection.begin();
    std::vector<std::string> current = prepare_version_table(emitter, settings);
    std::vector<script::MigrationStep> steps = plan(current);
    HeadMaintainer heads(current);
    if (per_migration) commit(connection, nullptr);
    for (const script::MigrationStep& step : steps) {
      if (per_migration) connection.begin();
      apply_step(emitter, heads, step, settings);
      if (per_migration) commit(connection, &step);
    }
    if (!per_migration) commit(connection, steps.size() == 1 ? &steps.front() : nullptr);
  } catch (...) {
    rollback_quietly(connection);
    throw;
  }
}

void run_offline(SqlEmitter& emitter, const std::vector<std::string>& starting_heads,
                 const PlanFn& plan, const RunSettings& settings) {
  const dialect::Dialect& d = emitter.dialect();
  const bool transactional = d.transactional_ddl();
  const bool per_migration = settings.transaction_per_migration;
  std::vector<script::MigrationStep> steps = plan(starting_heads);
  HeadMaintainer heads(starting_heads);
  // Alembic's offline shape: one BEGIN/COMMIT around the run (or around each
  // step), the version table created in the script whenever a step starts
  // from base, and dropped again when the run ends at base.
  if (transactional && !per_migration) emitter.emit_begin();
  for (const script::MigrationStep& step : steps) {
    if (transactional && per_migration) emitter.emit_begin();
    if (heads.heads().empty()) {
      for (const std::string& statement : d.create_version_table(settings.version_table)) {
        emitter.emit_sql(statement);
      }
    }
    apply_step(emitter, heads, step, settings);
    if (transactional && per_migration) emitter.emit_commit();
  }
  if (!steps.empty() && heads.heads().empty()) {
    emitter.emit_sql("DROP TABLE " + d.qualify(settings.version_table.schema,
                                                settings.version_table.table));
  }
  if (transactional && !per_migration) emitter.emit_commit();
}

}  // namespace strata::runtime
