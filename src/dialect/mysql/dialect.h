// MysqlDialect: MySQL 8 and MariaDB 10.5+ (URLs mysql:// and mariadb://).
// Tested against MariaDB 10.11; the IF [NOT] EXISTS forms of ALTER TABLE
// clauses and CREATE / DROP INDEX, sequences and drop_schema's --sql guard
// (a prepared SIGNAL) are MariaDB's.
//
// Contract:
//  - Identifiers are back-quoted only when they need it (common::needs_quoting),
//    embedded backquotes doubled; string literals double ' and escape \ (the
//    server's default sql_mode treats backslash as an escape; a strata
//    connection removes NO_BACKSLASH_ESCAPES from its session, see
//    driver/mysql_connection.h — a --sql script assumes the same) and write
//    a NUL byte as \0.
//  - Types follow SQLAlchemy's MySQL names: VARCHAR(n) (a String needs a
//    length), BOOL, DATETIME (a timezone flag is dropped: MySQL has no zoned
//    DATETIME), BLOB, JSON, CHAR(32) for UUID. An autoincrement integer key
//    column (common::is_autoincrement) gets AUTO_INCREMENT.
//  - A column identity is AUTO_INCREMENT (NOT NULL; with its own KEY when it
//    is not the primary key's first column). Its start is the table option
//    AUTO_INCREMENT = n of create_table (add_column refuses a start: the
//    option belongs to the table). Refused (kScript): identity always
//    (AUTO_INCREMENT accepts explicit values), increment / minvalue /
//    maxvalue / cache / cycle, and a server_default beside it.
//    alter_column's identity change restates the column with or without
//    AUTO_INCREMENT (mysql::alter_column; same refusals, the start
//    included). The server requires an AUTO_INCREMENT column to be a key:
//    make it one first.
//  - alter_sequence is MariaDB's ALTER SEQUENCE (common/alter_sequence.h),
//    with NOCYCLE for cycle = false (MariaDB 10.11 refuses NO CYCLE there).
//    Enum types (create_enum / drop_enum / alter_enum) are Error(kScript)
//    "<op>: mysql has no enum types; use a CHECK or an ENUM(...) column type".
//  - A schema is a database: create_schema is CREATE DATABASE. drop_schema
//    with cascade is DROP DATABASE; without, a database that holds a table,
//    view or sequence is refused like PostgreSQL's DROP SCHEMA — online from
//    the catalog (Error(kDatabase) "... is not empty (...); use cascade =
//    true"), in --sql by a guard the server evaluates when the script runs
//    (mysql::drop_schema). move_table is RENAME TABLE across databases
//    (InnoDB keeps foreign keys in both directions); online, a table with
//    triggers, which RENAME TABLE refuses to move to another database, has
//    them dropped and created again beside it (mysql::apply_move_table).
//    Table and column comments are inline (COMMENT = '...'; dropping a table
//    comment sets '').
//  - alter_column: a change of type, nullability or comment restates the
//    column (MODIFY, or CHANGE when it is also renamed), which drops
//    whatever the restatement leaves out. Online, what the op does not give
//    (as the change or its existing_* fact) is read from the catalog, with
//    what no op argument carries (collation, ON UPDATE, INVISIBLE, a column
//    CHECK); in --sql a fact not given is a kScript error naming the
//    existing_* arguments to pass (mysql::alter_column). A change of the
//    default alone is ALTER COLUMN SET / DROP DEFAULT; a rename alone is
//    RENAME COLUMN (after the default change). `using_expr` is PostgreSQL's
//    and ignored here.
//  - Constraints: MySQL drops each kind with its own clause (DROP FOREIGN
//    KEY / DROP INDEX for a unique / DROP CONSTRAINT for a check / DROP
//    PRIMARY KEY). A primary key is always named PRIMARY: its name is ignored
//    when it is created, dropped or renamed (renaming it changes nothing).
//    A unique constraint is renamed with RENAME INDEX. Foreign keys and
//    checks have no rename syntax: they are read back from the catalog and
//    dropped and re-added under the new name in one ALTER TABLE. A foreign
//    key's MATCH SIMPLE is left out and MATCH FULL / PARTIAL refused: MySQL
//    ignores ON DELETE / ON UPDATE after a MATCH clause, and InnoDB enforces
//    MATCH SIMPLE semantics whatever it says.
//  - Live catalog (MysqlLiveApplier, live.h): alter_column restating the column,
//    drop_schema without cascade, move_table to another database,
//    drop_constraint without a type (and without `dropped`), drop of a
//    primary key with if_exists, and rename_constraint of a foreign key, a
//    check or a constraint of unknown type read information_schema online.
//    In --sql mode drop_schema and move_table render their offline form
//    (above); the others are a kScript error naming what to pass instead.
//  - bulk_insert: multi-row INSERTs (common::bulk_rows_sql), booleans as
//    1/0, the text of a LargeBinary column as X'..'. Its reverse (delete_rows)
//    deletes each distinct row as often as it is listed: DELETE ... WHERE
//    every column <=> its value (NULL-safe) LIMIT <count>; a value of a
//    single-precision FLOAT column is compared as CAST(v AS FLOAT).
//  - batch_alter_table runs its ops one by one, in order.
//  - Not expressible (Error(kScript)): String without length, partial
//    indexes (`where`), INCLUDE columns, index expressions (MariaDB has no
//    functional key parts), DEFERRABLE / INITIALLY DEFERRED foreign keys
//    (NOT DEFERRABLE is what MySQL does and is dropped), MATCH FULL /
//    PARTIAL, drop_index and rename_index without their table.
//  - DDL is not transactional: each DDL statement commits implicitly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"

namespace strata::dialect::mysql {

class MysqlDialect : public Dialect {
 public:
  std::string_view name() const override { return "mysql"; }
  std::string quote(std::string_view identifier) const override;
  std::string literal(std::string_view value) const override;
  std::string render_type(const model::Type& type) const override;
  std::vector<std::string> render(const ops::Op& op) const override;
  bool transactional_ddl() const override { return false; }
  std::string begin_transaction_sql() const override { return "START TRANSACTION"; }
  std::vector<std::string> create_version_table(const VersionTableName& vt) const override;
  // Version/history table statements (version_table.cpp; see Dialect).
  std::vector<std::string> table_exists_queries(const std::optional<std::string>& schema,
                                                std::string_view table) const override;
  std::vector<std::string> create_history_table(const VersionTableName& vt,
                                                std::string_view table) const override;
  std::string applied_by_sql(std::string_view fallback) const override;

  // "<name> <type> [NOT NULL] [AUTO_INCREMENT] [DEFAULT d] [COMMENT '...']".
  std::string column_spec(const model::Column& column, bool in_primary_key,
                          bool autoincrement) const;
  // "DEFAULT <literal or expression>" body: the default as MySQL spells it.
  std::string default_sql(const model::ServerDefault& def) const;
  // "ALTER TABLE <qualified table>".
  std::string alter_table(const std::optional<std::string>& schema, std::string_view table) const;
};

}  // namespace strata::dialect::mysql
