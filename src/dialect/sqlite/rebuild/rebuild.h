// SQLite table rebuilds: the schema changes ALTER TABLE cannot make (change a
// column's type, nullability or default, drop a constrained column, add or
// drop CHECK / UNIQUE / FOREIGN KEY constraints, rename with a mapping),
// done by copying the table, following sqlite.org/lang_altertable.html
// "Making Other Kinds Of Table Schema Changes". The SQLite dialect's live ops
// (dialect/sqlite/live.h) drive it.
//
// Procedure (all inside the caller's open transaction):
//   1. reflect the table, its indexes and triggers (dialect/sqlite/reflect.h)
//      and apply `change` to the reflected model; note the views of the
//      table's database (and temp) that name the table and work;
//   2. CREATE TABLE "_strata_tmp_<table>" rendered by SqliteDialect, its
//      renamed columns still under their OLD names (a new column re-using a
//      renamed column's old name under a temporary one,
//      dialect/sqlite/rebuild/names.h);
//   3. INSERT INTO tmp (new columns) SELECT <mapped expressions> FROM table;
//   4. DROP TABLE table; ALTER TABLE tmp RENAME TO table (with
//      PRAGMA legacy_alter_table=ON for the rename only, so views and other
//      tables' triggers that name the table are neither rewritten nor
//      re-validated while it is briefly missing; the previous setting is
//      restored afterwards);
//   5. re-create the indexes and the triggers (verbatim, valid since the
//      columns still have their old names). An index that names a dropped
//      column (as a column element, or as a name in an expression element or
//      its WHERE predicate — dialect/sqlite/text.h) is dropped with it;
//   6. each rename by ALTER TABLE ... RENAME COLUMN (legacy_alter_table OFF;
//      through temporary names when names are swapped or change case only):
//      SQLite rewrites the table's constraints and indexes, triggers, views
//      and other tables' foreign keys that name the column, as after a plain
//      rename_column;
//   7. every view noted in step 1 must still work (SELECT * ... LIMIT 0),
//      else Error(kDatabase) "... view <v> would stop working: ..." — as
//      SQLite's own DROP COLUMN refuses to break a view;
//   8. PRAGMA foreign_key_check of the table and of every table that
//      references it; violations throw Error(kDatabase) naming the rows.
//
// Foreign keys inside a transaction. PRAGMA foreign_keys cannot change inside
// a transaction, and with foreign_keys=ON the DROP TABLE of step 4 performs an
// implicit DELETE of every row. Therefore, when foreign keys are on:
//   - PRAGMA defer_foreign_keys=ON for the rebuild, so the rows that look
//     orphaned between DROP and RENAME are not an error;
//   - the tmp table's self-references point at the tmp table itself (the
//     RENAME rewrites them), so the implicit DELETE cannot reach its rows;
//   - ON DELETE actions still fire on that implicit DELETE. If another table
//     references this one with ON DELETE CASCADE / SET NULL / SET DEFAULT /
//     RESTRICT and has a row with a non-NULL key, the rebuild refuses up front
//     (Error kDatabase, nothing changed): those rows would be deleted or
//     changed. Turn foreign keys off outside the transaction in that case.
//   - after the check of step 6 passes, the deferred-violation counter the
//     DROP left behind is cleared (defer_foreign_keys OFF resets it; it is
//     turned back on if the caller had it on, after checking every schema).
// Steps 2-8 run inside SAVEPOINT strata_rebuild: on any error they are rolled
// back to it (the original table, rows, indexes, triggers and foreign-key
// counters are back), legacy_alter_table and defer_foreign_keys are restored,
// and the error is rethrown; the caller's transaction stays usable, and
// rolling it back restores everything as well.
//
// AUTOINCREMENT is kept: the new table is written with the table-level
// PRIMARY KEY ("id" AUTOINCREMENT), and the table's sqlite_sequence position
// is carried over (the larger of the old position and the copied keys). A
// change that leaves no INTEGER PRIMARY KEY column for it is Error(kScript).
//
// Not supported (Error kScript, before anything changes): WITHOUT ROWID and
// STRICT tables, generated columns, an ON CONFLICT clause on a PRIMARY KEY,
// UNIQUE or NOT NULL constraint (the model has no place for it, so a rebuild
// would lose it; the error names the clause), renaming the table in
// `change`. Implicit rowids of a table without an INTEGER PRIMARY KEY are not
// preserved (as in SQLite's own procedure). Trigger bodies are re-created
// verbatim: one that names a dropped column is an error when it fires, or,
// when the rebuild also renames a column, at once (RENAME COLUMN re-checks
// the schema: Error(kDatabase), everything rolled back).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "driver/connection.h"
#include "model/schema.h"

namespace strata::dialect::sqlite {

struct RebuildOptions {
  // Renamed columns: old name → new name. A column of the new table gets the
  // value of the old column of the same name unless that old column is
  // renamed here; an old column with no new counterpart is dropped.
  std::map<std::string, std::string> renamed;
  // New column → SQL expression over the OLD table's columns giving its
  // value (e.g. a fill value for a new NOT NULL column, or a conversion);
  // takes precedence over the name mapping. New columns with neither get
  // their DEFAULT (or NULL).
  std::map<std::string, std::string> fill;
  // The main database file (only used to render ATTACH statements; not
  // needed for the rebuild itself).
  std::string main_path;
};

// REQUIRES: conn is a SQLite connection inside an open transaction
// (Error kInternal otherwise). `schema` nullopt is the main database.
void rebuild_sqlite_table(driver::Connection& conn, const std::optional<std::string>& schema,
                          const std::string& table,
                          const std::function<void(model::Table&)>& change,
                          const RebuildOptions& options = {});

}  // namespace strata::dialect::sqlite
