// Foreign-key bookkeeping for SQLite changes that drop and re-create a table
// inside a transaction (table rebuilds, move_table): who references a table,
// PRAGMA foreign_key_check reported readably, and PRAGMA defer_foreign_keys
// around the change.
//
// Background: PRAGMA foreign_keys cannot change inside a transaction. With
// foreign keys on, DROP TABLE performs an implicit DELETE of every row, which
// fires the ON DELETE actions of the tables referencing it and counts the
// rows it orphans; deferring foreign keys turns that count into a check at
// COMMIT instead of an error at the DROP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/connection.h"

namespace strata::dialect::sqlite {

// A foreign key of another table of the same database that references a
// table.
struct SqliteChildKey {
  std::string table;                 // the referencing table
  int id = 0;                        // PRAGMA foreign_key_list id
  std::vector<std::string> columns;  // its key columns
  std::string on_delete;             // "NO ACTION", "CASCADE", ...
};

// The foreign keys of the other tables in `schema` (nullopt: main) that
// reference `table` (case-insensitive), ordered by table name.
std::vector<SqliteChildKey> sqlite_child_keys(driver::Connection& conn,
                                              const std::optional<std::string>& schema,
                                              const std::string& table);

// Does the child table have a row whose key columns are all non-NULL (a row
// the key constrains)?
bool sqlite_child_has_keyed_rows(driver::Connection& conn,
                                 const std::optional<std::string>& schema,
                                 const SqliteChildKey& key);

// PRAGMA foreign_key_check of `table`, one line per violation:
// "<table> rowid N (cols) has no parent row in <parent>"; only the
// violations of keys referencing `parent` when set. Throws Error(kDatabase)
// when the check itself fails.
std::vector<std::string> sqlite_fk_violations(driver::Connection& conn,
                                              const std::optional<std::string>& schema,
                                              const std::string& table,
                                              const std::optional<std::string>& parent);

// "<what> violates foreign keys (N rows): <first ten lines>; ..." as
// Error(kDatabase); nothing when `found` is empty.
void sqlite_throw_fk_violations(const std::string& what, const std::vector<std::string>& found);

// PRAGMA defer_foreign_keys around a change that orphans rows for a moment.
// Construct before the change's savepoint (it reads the current settings);
// then defer() inside it, and after the change either cleared() (the
// caller's own foreign_key_check passed) or restore() (rolled back).
class SqliteFkDeferral {
 public:
  explicit SqliteFkDeferral(driver::Connection& conn);

  bool foreign_keys_on() const { return fks_on_; }
  // Foreign keys on: PRAGMA defer_foreign_keys = ON. Otherwise nothing.
  void defer();
  // After a successful change: clears the deferred-violation counter the
  // change left behind (PRAGMA defer_foreign_keys OFF resets it) and puts
  // the caller's deferral back. When the caller had deferral on, its own
  // pending violations are in the same counter: it is cleared only when no
  // attached database has any (PRAGMA foreign_key_check of each).
  void cleared();
  // After a failure rolled back to a savepoint: the caller's setting again.
  void restore();

 private:
  driver::Connection& conn_;
  bool fks_on_ = false;
  bool deferred_before_ = false;
};

}  // namespace strata::dialect::sqlite
