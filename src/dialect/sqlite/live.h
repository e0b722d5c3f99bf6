// The SQLite ops that need the live catalog (SqliteLiveApplier, a
// dialect::LiveApplier, dialect/live.h):
// what ALTER TABLE cannot do is made by a table rebuild
// (dialect/sqlite/rebuild/rebuild.h) of the reflected table (dialect/sqlite/reflect.h).
// SqliteLiveApplier::apply_live dispatches here; each function reads the catalog
// with conn.query() and makes every change with conn.execute().
//
// Which ops (see also dialect/sqlite/dialect.h):
//  - alter_column changing type, nullable or server_default; add/drop
//    constraint (primary key, unique, check, foreign key): one rebuild each.
//  - drop_column: ALTER TABLE DROP COLUMN when the column is in no
//    constraint and no index (SQLite refuses those); otherwise a rebuild,
//    which drops the indexes and constraints that need the column
//    (dialect/sqlite/rebuild/table_edit.h).
//  - add_column with if_not_exists / drop_column with if_exists: the
//    catalog decides whether there is anything to do.
//  - batch_alter_table: when every change is one ALTER TABLE can make (add
//    a plain column, rename a column, drop an unconstrained column, alter a
//    column's name or comment only) and index creates/drops, they run one by
//    one; otherwise ALL changes are made by ONE rebuild: the batch's index
//    drops run before it, its index creates after it (an index a batch
//    creates and then drops is never created).
//  - rename_constraint: only the name changes, so it is an edit of the
//    stored CREATE TABLE text (PRAGMA writable_schema, the procedure of
//    sqlite.org/lang_altertable.html "ALTER TABLE ... other changes" for
//    changes that leave the stored rows alone) — no rebuild, so it also works
//    on a table other tables reference with ON DELETE CASCADE. An unnamed
//    primary key (renamed with type primary) gets its name by a rebuild, and
//    so does every rename when the database refuses writable_schema
//    (SQLITE_DBCONFIG_DEFENSIVE).
//  - rename_index: the index is read back, dropped and created under the new
//    name. Automatic indexes of UNIQUE / PRIMARY KEY constraints cannot be
//    renamed (Error kScript).
//  - move_table: see sqlite_move_table below.
//  - the reverse of bulk_insert (delete_rows): per distinct row, DELETE of
//    exactly as many rows as listed, addressed by the rowid (under a name no
//    column shadows: rowid, _rowid_ or oid) or, for a WITHOUT ROWID table,
//    by its primary key (SqliteDialect::bulk_delete). A table whose columns
//    take all three rowid names is Error(kScript).
//
// Atomicity: each op runs inside SAVEPOINT strata_live (which starts a
// transaction when none is open, e.g. in an autocommit block): on failure it
// is rolled back to the savepoint and the error rethrown, prefixed with the
// op ("alter_column t.c: ...").
#pragma once

#include "dialect/live.h"
#include "dialect/sqlite/dialect.h"
#include "driver/connection.h"
#include "ops/ops.h"

namespace strata::dialect::sqlite {

// SqliteLiveApplier::needs_live_catalog (sqlite_needs_rebuild: dialect.h).
bool sqlite_needs_live_catalog(const ops::Op& op);

// SqliteLiveApplier::apply_live. REQUIRES: sqlite_needs_live_catalog(op).
void sqlite_apply_live(const SqliteDialect& dialect, const ops::Op& op, driver::Connection& conn);

class SqliteLiveApplier : public LiveApplier {
 public:
  // REQUIRES: `dialect` outlives the applier.
  explicit SqliteLiveApplier(const SqliteDialect& dialect) : dialect_(dialect) {}
  bool needs_live_catalog(const ops::Op& op) const override {
    return sqlite_needs_live_catalog(op);
  }
  void apply_live(const ops::Op& op, driver::Connection& conn) const override {
    sqlite_apply_live(dialect_, op, conn);
  }

 private:
  const SqliteDialect& dialect_;
};

// move_table between attached databases (SQLite cannot move a table, so it
// is copied; inside the caller's transaction and the op's savepoint):
//  1. the target database must be attached (op.create_schema earlier in the
//     migration attaches it; existing schema files are attached on connect):
//     Error(kDatabase) otherwise;
//  2. CREATE TABLE in the target from the stored CREATE TABLE text, with the
//     new name (dialect/sqlite/text.h: every column, constraint and table
//     option verbatim; self-references follow the new name);
//  3. every row copied, with its rowid when the table has a rowid but no
//     INTEGER PRIMARY KEY; an AUTOINCREMENT table's sqlite_sequence position
//     is carried over;
//  4. the original dropped (its indexes and triggers with it), then its
//     indexes re-created in the target (same names) and its triggers too
//     (bodies verbatim, ON the new name); triggers are created after the
//     copy, so they do not fire on it;
//  5. PRAGMA foreign_key_check of the moved table, and of the target's
//     tables whose foreign keys name the new name (they reach it now):
//     violations are Error(kDatabase) and everything is rolled back.
// Same database on both sides: ALTER TABLE ... RENAME TO (or nothing).
//
// Foreign keys cannot cross database files in SQLite (a REFERENCES clause
// names a table of the table's own database, and a key naming a table its
// database lacks makes every INSERT, UPDATE and DELETE of the referencing
// table fail once foreign keys are on). So the move is refused
// (Error(kScript) "... SQLite foreign keys cannot cross database files:
// drop the foreign key first ...", nothing changed) — whatever the rows and
// PRAGMA foreign_keys — when a foreign key would cross files afterwards:
//  - one of the moved table's own foreign keys names a table the target
//    database lacks. One naming a table the target has (e.g. one moved there
//    before under the same name) is kept as written and works there; a
//    self-reference follows the new name;
//  - another table of the source database references the moved table.
// Re-point such a key instead: drop it first (op.drop_constraint), move the
// tables, and create it again between the tables in their new database
// (op.create_foreign_key) — both are rebuilds; examples/weatherai revision
// 0004 does this. Views are not moved: a view naming the table stops working
// (as in SQLite's own ALTER TABLE rules).
void sqlite_move_table(const SqliteDialect& dialect, const ops::MoveTable& op,
                       driver::Connection& conn);

}  // namespace strata::dialect::sqlite
