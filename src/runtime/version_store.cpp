#include "runtime/version_store.h"

#include <unistd.h>

#include <cstdlib>

#include "strata/error.h"

namespace strata::runtime {
namespace {

constexpr const char* kRepairedMark = " [repaired]";

bool truthy(const driver::QueryResult& result) {
  if (result.rows.empty() || result.rows[0].empty() || !result.rows[0][0]) return false;
  const std::string& v = *result.rows[0][0];
  return !v.empty() && v != "0" && v != "f" && v != "false";
}

std::string text(const driver::Row& row, size_t i) {
  return row.size() > i && row[i] ? *row[i] : std::string();
}

// user@host of this process: who applies a step where the database has no
// user (SQLite). Looked up once per process (gethostname is a system call).
const std::string& local_user() {
  static const std::string who = [] {
    const char* user = std::getenv("USER");
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return std::string(user ? user : "unknown") + "@" + (host[0] ? host : "localhost");
  }();
  return who;
}

}  // namespace

VersionStore::VersionStore(SqlEmitter& emitter, dialect::VersionTableName vt,
                           std::string history_table)
    : emitter_(emitter), vt_(std::move(vt)), history_(std::move(history_table)) {
  const dialect::Dialect& d = emitter_.dialect();
  records_history_ = !history_.empty() && !d.create_history_table(vt_, history_).empty();
  if (!records_history_) return;
  insert_head_ = "INSERT INTO " + qualified_history() +
                 " (revision, direction, checksum, applied_at, applied_by, duration_ms, "
                 "strata_version, success, statements_done, error) VALUES (";
  row_middle_ = ", " + d.now_sql() + ", " + d.applied_by_sql(local_user()) + ", ";
  version_literal_ = d.literal(STRATA_VERSION);
}

bool VersionStore::table_exists(const std::string& table) {
  for (const std::string& query : emitter_.dialect().table_exists_queries(vt_.schema, table)) {
    if (!truthy(emitter_.connection()->query(query))) return false;
  }
  return true;
}

bool VersionStore::version_table_exists() { return table_exists(vt_.table); }

bool VersionStore::history_table_exists() {
  return !history_.empty() && table_exists(history_);
}

std::vector<std::string> VersionStore::read_versions() {
  std::vector<std::string> rows;
  if (!version_table_exists()) return rows;
  auto result = emitter_.connection()->query(emitter_.dialect().select_versions(vt_));
  for (const auto& row : result.rows) {
    if (!row.empty() && row[0]) rows.push_back(*row[0]);
  }
  return rows;
}

void VersionStore::ensure() {
  const dialect::Dialect& d = emitter_.dialect();
  if (emitter_.offline()) {
    // As Alembic writes it: a script that creates the table starts at base.
    for (const std::string& statement : d.create_version_table_offline(vt_)) {
      emitter_.emit_sql(statement);
    }
  } else if (!version_table_exists()) {
    for (const std::string& statement : d.create_version_table(vt_)) emitter_.emit_sql(statement);
  }
  if (history_.empty()) return;
  if (emitter_.offline() || !table_exists(history_)) {
    for (const std::string& statement : d.create_history_table(vt_, history_)) {
      emitter_.emit_sql(statement);
    }
  }
}

void VersionStore::purge() {
  emitter_.emit_sql("DELETE FROM " + emitter_.dialect().qualify(vt_.schema, vt_.table));
}

void VersionStore::apply(const std::vector<VersionChange>& changes) {
  const dialect::Dialect& d = emitter_.dialect();
  auto expect_one_row = [&](const std::string& action) {
    if (emitter_.offline()) return;
    const long long found = emitter_.connection()->last_affected_rows();
    if (found == 1) return;
    throw Error(ErrorCode::kDatabase, "Online migration expected to match one row when " + action +
                                          " in '" + vt_.table + "'; " + std::to_string(found) +
                                          " found");
  };
  for (const VersionChange& change : changes) {
    switch (change.kind) {
      case VersionChange::Kind::kInsert:
        emitter_.emit_sql(emitter_.offline() ? d.insert_version_offline(vt_, change.to)
                                             : d.insert_version(vt_, change.to));
        break;
      case VersionChange::Kind::kUpdate:
        emitter_.emit_sql(d.update_version(vt_, change.from, change.to));
        expect_one_row("updating '" + change.from + "' to '" + change.to + "'");
        break;
      case VersionChange::Kind::kDelete:
        emitter_.emit_sql(d.delete_version(vt_, change.from));
        expect_one_row("deleting '" + change.from + "'");
        break;
    }
  }
}

std::string VersionStore::qualified_history() const {
  return emitter_.dialect().qualify(vt_.schema, history_);
}

void VersionStore::record(const HistoryEntry& entry) {
  if (!records_history_) return;
  const dialect::Dialect& d = emitter_.dialect();
  std::string sql;
  sql.reserve(insert_head_.size() + row_middle_.size() + 192);
  sql += insert_head_;
  sql += d.literal(entry.revision);
  sql += ", ";
  sql += d.literal(entry.direction);
  sql += ", ";
  sql += entry.checksum ? d.literal(*entry.checksum) : "NULL";
  sql += row_middle_;
  sql += entry.duration_ms ? std::to_string(*entry.duration_ms) : "NULL";
  sql += ", ";
  sql += version_literal_;
  sql += ", ";
  sql += d.literal(entry.success ? "1" : "0");
  sql += ", ";
  sql += std::to_string(entry.statements_done);
  sql += ", ";
  sql += entry.error ? d.literal(*entry.error) : "NULL";
  sql += ')';
  emitter_.emit_sql(sql);
}

std::vector<HistoryEntry> VersionStore::read_history() {
  std::vector<HistoryEntry> out;
  if (!history_table_exists()) return out;
  auto result = emitter_.connection()->query(
      "SELECT id, revision, direction, checksum, duration_ms, success, statements_done, error, "
      "applied_at, applied_by FROM " + qualified_history() + " ORDER BY id");
  for (const driver::Row& row : result.rows) {
    HistoryEntry e;
    e.id = std::stoll(text(row, 0));
    e.revision = text(row, 1);
    e.direction = text(row, 2);
    if (row.size() > 3 && row[3]) e.checksum = *row[3];
    if (row.size() > 4 && row[4]) e.duration_ms = std::stoll(*row[4]);
    const std::string success = text(row, 5);
    e.success = success == "1" || success == "t" || success == "true";
    e.statements_done = text(row, 6).empty() ? 0 : std::stoll(text(row, 6));
    if (row.size() > 7 && row[7]) e.error = *row[7];
    e.applied_at = text(row, 8);
    e.applied_by = text(row, 9);
    out.push_back(std::move(e));
  }
  return out;
}

void VersionStore::set_checksum(long long id, const std::string& checksum) {
  const dialect::Dialect& d = emitter_.dialect();
  emitter_.emit_sql("UPDATE " + qualified_history() + " SET checksum = " + d.literal(checksum) +
                    " WHERE id = " + std::to_string(id));
}

void VersionStore::mark_repaired(const HistoryEntry& entry) {
  const dialect::Dialect& d = emitter_.dialect();
  emitter_.emit_sql("UPDATE " + qualified_history() + " SET error = " +
                    d.literal(entry.error.value_or("") + kRepairedMark) +
                    " WHERE id = " + std::to_string(entry.id));
}

bool VersionStore::repaired(const HistoryEntry& entry) {
  const std::string mark = kRepairedMark;
  return entry.error && entry.error->size() >= mark.size() &&
         entry.error->compare(entry.error->size() - mark.size(), mark.size(), mark) == 0;
}

void VersionStore::drop_version_table() {
  emitter_.emit_sql("DROP TABLE " + emitter_.dialect().qualify(vt_.schema, vt_.table));
}

}  // namespace strata::runtime
