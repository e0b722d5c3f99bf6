// SqliteDialect: SQLite (the embedded default), 3.35 or later.
//
// Contract:
//  - Identifiers are always double-quoted; literals are standard SQL.
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
//  - Comments are ignored. INCLUDE columns of an index are left out (they are
//    only an optimisation). An index's schema qualifies the index name, and
//    the table name stays unqualified: CREATE INDEX "s"."ix" ON "t" (...).
//  - Not expressible (Error kScript): add_column with if_not_exists, with a
//    primary key or unique column; drop_column with if_exists.
//  - DDL is transactional.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"

namespace strata::dialect {

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

  // `ATTACH DATABASE '<file>' AS "<schema>"`.
  std::string attach(const std::string& schema) const;
  // "<name> <type> [DEFAULT d] [NOT NULL]"; a key column is always NOT NULL.
  std::string column_spec(const model::Column& column, bool in_primary_key,
                          bool autoincrement) const;

 private:
  std::string main_path_;
};

}  // namespace strata::dialect
