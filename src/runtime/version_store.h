// VersionStore: the one owner of the version table (alembic_version: the
// heads, authoritative, Alembic-compatible) and the history table
// (strata_history, beside it in the same schema: one row per applied,
// reverted or stamped step). Every statement goes through the SqlEmitter, so
// online it runs on the connection and offline (--sql) it is written out; the
// per-dialect SQL comes from the Dialect (table_exists_queries,
// create_version_table, create_history_table, *_version, applied_by_sql).
//
// History columns: id (auto-increment), revision VARCHAR(32) NOT NULL,
// direction VARCHAR(10) NOT NULL ('upgrade' | 'downgrade' | 'stamp'),
// checksum CHAR(64) (runtime/script_checksum.h; NULL for stamps without a
// script), applied_at TIMESTAMP, applied_by VARCHAR(255) (database
// user@client host), duration_ms BIGINT, strata_version VARCHAR(32),
// success BOOLEAN (0/1 on SQLite/MariaDB), statements_done INTEGER, error TEXT.
//
// Contract:
//  - Online reads (exists / read_versions / read_history) REQUIRE
//    emitter.connection(); a missing table reads as empty.
//  - ensure() creates what is missing (online: checked first, then the
//    idempotent CREATE statements; offline: the version table exactly as
//    Alembic's offline output creates it — Dialect::create_version_table_offline,
//    after its schema's statements — and the idempotent history table). The
//    first row offline is Dialect::insert_version_offline (Alembic's RETURNING
//    form); online it is insert_version. A dialect without history
//    statements (SQL Server) keeps no history: record() does nothing.
//  - apply(): online, an UPDATE/DELETE must change exactly one row (Alembic's
//    check) else Error(kDatabase).
//
// Thread-safety: one thread at a time, like the emitter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "runtime/head_maintainer.h"
#include "runtime/sql_emitter.h"

namespace strata::runtime {

struct HistoryEntry {
  long long id = 0;  // read_history only
  std::string revision;
  std::string direction;  // "upgrade", "downgrade", "stamp"
  std::optional<std::string> checksum;
  std::optional<long long> duration_ms;
  bool success = true;
  long long statements_done = 0;
  std::optional<std::string> error;
  std::string applied_at;  // read_history only
  std::string applied_by;  // read_history only
};

class VersionStore {
 public:
  // REQUIRES: emitter outlives the store. `history_table` empty: no history.
  VersionStore(SqlEmitter& emitter, dialect::VersionTableName vt, std::string history_table);

  const dialect::VersionTableName& version_table() const { return vt_; }

  bool version_table_exists();
  bool history_table_exists();
  std::vector<std::string> read_versions();
  void ensure();
  // Empty the version table (stamp --purge).
  void purge();
  void apply(const std::vector<VersionChange>& changes);
  void record(const HistoryEntry& entry);
  // All history rows, oldest first.
  std::vector<HistoryEntry> read_history();
  // Set the checksum of history row `id` (repair).
  void set_checksum(long long id, const std::string& checksum);
  // Mark a failed step's row as resolved (repair): success stays false, its
  // error gets " [repaired]" appended — see repaired().
  void mark_repaired(const HistoryEntry& entry);
  static bool repaired(const HistoryEntry& entry);
  // Offline: DROP the version table (a run that ends at base).
  void drop_version_table();

 private:
  bool table_exists(const std::string& table);
  std::string qualified_history() const;

  SqlEmitter& emitter_;
  dialect::VersionTableName vt_;
  std::string history_;
  // Whether record() writes rows: a history table is named and the dialect
  // keeps one (decided once, not per step).
  bool records_history_ = false;
  // The parts of record()'s INSERT that are the same for every row.
  std::string insert_head_;  // "INSERT INTO <history> (...) VALUES ("
  std::string row_middle_;   // ", <now>, <applied_by>, "
  std::string version_literal_;
};

}  // namespace strata::runtime
