// SqliteDialect: SQLite (the embedded default), 3.35 or later.
//
// Contract:
//  - Identifiers are double-quoted only when they need it
//    (common::needs_quoting), embedded quotes doubled; literals are standard
//    SQL ('it''s').
//  - A schema is an attached database file beside the main one:
//    create_schema(s) is `ATTACH DATABASE '<main>.<s>.db' AS "s"` and
//    drop_schema(s) is `DETACH DATABASE "s"` (the file stays). When the main
//    path is empty or ":memory:" the attached database is ':memory:' too.
//    ATTACH/DETACH have no IF [NOT] EXISTS and DETACH no CASCADE: those flags
//    are accepted and have no effect.
//  - Types use SQLAlchemy's SQLite names (DATETIME, BLOB, JSON, CHAR(32) for
//    UUID, ...). An autoincrement integer key column (common::is_autoincrement)
//    is rendered `INTEGER NOT NULL` with a table-level PRIMARY KEY, which makes
//    it an alias of the rowid — also for BigInteger/SmallInteger, whose BIGINT
//    or SMALLINT spelling would not alias the rowid (SQLite integers are all
//    64-bit, so nothing is lost).
//  - Expression server defaults are parenthesised (`DEFAULT (expr)`), which
//    SQLite's grammar requires for anything but a literal.
//  - Foreign keys: SQLite cannot reference a table in another database file,
//    and the referent must be unqualified. A foreign key whose referent schema
//    equals the table's schema (or both are unset) is rendered with an
//    unqualified referent; one that crosses schemas is left out of the CREATE
//    TABLE entirely (no foreign keys across schemas on SQLite).
//  - Comments are ignored (create/drop_table_comment render nothing, as in
//    SQLAlchemy). An index's schema qualifies the index name, and the table
//    name stays unqualified: CREATE INDEX "s"."ix" ON "t" (...); partial
//    (WHERE) and expression indexes are supported, INCLUDE columns are not
//    (Error kScript); `concurrently` is ignored.
//  - Rendered as ALTER TABLE (offline too): add_column, rename_column,
//    rename_table, drop_column (plain DROP COLUMN; online the catalog
//    decides, see below), alter_column changing only the name (RENAME
//    COLUMN) or the comment (nothing).
//  - bulk_insert: multi-row INSERTs of at most 500 rows; booleans as 1 / 0;
//    a string for a LargeBinary column as a blob literal; a string holding
//    NUL bytes as literals joined with char(0) ('a' || char(0) || 'b');
//    infinities as 9e999; NaN is refused (Error kScript). Its reverse
//    (delete_rows) deletes exactly as many rows as the insert added, never
//    other equal rows: per distinct row (in first-listed order, matched
//    column by column, a NULL by IS NULL, listed n times)
//      DELETE FROM t WHERE rowid IN (SELECT rowid FROM t WHERE <row>
//      ORDER BY rowid DESC LIMIT n)
//    (the rows inserted last go first: equal rows may differ in columns the
//    insert did not list, such as an INTEGER PRIMARY KEY it assigned).
//    That is its offline (--sql) form, for a rowid table. Online it is a
//    live-catalog op: the identity is the rowid under a name no column
//    shadows (rowid, _rowid_ or oid), and for a WITHOUT ROWID table its
//    primary key columns (no order) — the one op that needs the catalog
//    online and still renders offline.
//  - A column identity is the rowid: it must be the table's one integer
//    primary key column (rendered INTEGER, as autoincrement); `always`, any
//    sequence option, a server_default beside it, or an identity elsewhere
//    (another column, add_column) is Error(kScript). So is alter_column's
//    identity change (online and offline, in a batch too): ALTER TABLE
//    cannot make a column the rowid or stop it being one.
//  - create_sequence / drop_sequence / alter_sequence: Error(kScript) "<op>:
//    SQLite has no sequences"; create_enum / drop_enum / alter_enum:
//    Error(kScript) "<op>: SQLite has no enum types". autocommit_block markers render nothing (the runtime ends
//    and restarts the transaction).
//  - Live catalog (SqliteLiveApplier; dialect/sqlite/live.h has the
//    details): alter_column of type, nullable or server_default; add, drop
//    and rename of constraints; drop_column (a rebuild when the column is in
//    a constraint or index); add_column with if_not_exists and drop_column
//    with if_exists (the catalog decides); batch_alter_table when a change
//    needs a rebuild or the catalog (all of its changes by ONE rebuild);
//    rename_index; move_table. Offline (--sql) these throw Error(kScript)
//    "<op>: on sqlite this needs a live database (...); run it online", as
//    Alembic refuses batch mode offline without the table definition — a
//    batch of changes ALTER TABLE makes renders offline, one by one.
//  - Not expressible (Error kScript): add_column of a primary key or unique
//    column outside a batch (in a batch the rebuild adds a unique column).
//  - DDL is transactional.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"

namespace strata::dialect::sqlite {

class SqliteDialect : public Dialect {
 public:
  // `main_path`: the main database file of the connection URL.
  explicit SqliteDialect(std::string main_path) : main_path_(std::move(main_path)) {}

  std::string_view name() const override { return "sqlite"; }
  std::string quote(std::string_view identifier) const override;
  std::string render_type(const model::Type& type) const override;
  std::vector<std::string> render(const ops::Op& op) const override;
  bool runs_after_commit(const std::string& statement) const override {
    return statement.rfind("DETACH ", 0) == 0;
  }
  bool transactional_ddl() const override { return true; }
  std::vector<std::string> create_version_table(const VersionTableName& vt) const override;
  // Version/history table statements (version_table.cpp; see Dialect).
  std::vector<std::string> table_exists_queries(const std::optional<std::string>& schema,
                                                std::string_view table) const override;
  std::vector<std::string> create_history_table(const VersionTableName& vt,
                                                std::string_view table) const override;

  // `ATTACH DATABASE '<file>' AS "<schema>"`.
  std::string attach(const std::string& schema) const;
  // One op.bulk_insert value as a literal (see the contract above).
  std::string bulk_value(const ops::Value& value, const std::optional<model::Type>& type) const;
  // The reverse of bulk_insert (op.delete_rows; see the contract above) with
  // `identity` (SQL as written: "rowid", or quoted primary key columns)
  // addressing a row. Shape errors: common::check_bulk_shape.
  std::vector<std::string> bulk_delete(const ops::BulkInsert& op,
                                       const std::vector<std::string>& identity) const;
  // "<name> <type> [DEFAULT d] [NOT NULL]"; a key column is always NOT NULL.
  std::string column_spec(const model::Column& column, bool in_primary_key,
                          bool autoincrement) const;

 private:
  std::string main_path_;
};

// Would this change of a batch (or the op on its own) need a table rebuild —
// something ALTER TABLE cannot express whatever the catalog says? (A
// drop_column may still need one: that depends on the catalog.) render()
// refuses such ops offline; online SqliteLiveApplier rebuilds. Defined in
// live.cpp beside sqlite_needs_live_catalog.
bool sqlite_needs_rebuild(const ops::TableOp& op);

}  // namespace strata::dialect::sqlite
