// MssqlDialect: Microsoft SQL Server (T-SQL), 2012 or later (sequences are
// 2012's); offline (--sql) scripts only — strata has no SQL Server driver yet
// (driver::connect is where an ODBC connection would be added).
//
// Contract:
//  - Identifiers are bracketed when they need it (common::needs_quoting),
//    embedded ']' doubled ([a]]b]). String literals are '...', prefixed with N
//    when they contain non-ASCII characters; names passed to system
//    procedures and catalog lookups, and bulk_insert text, are always N'...'.
//  - An op without a schema means `dbo` wherever T-SQL needs a schema name:
//    sp_rename's object name, the extended-property levels and both sides of
//    ALTER SCHEMA ... TRANSFER. Plain DDL leaves such names unqualified.
//  - sp_rename's object name is one N'...' literal of the quoted parts
//    (N'[my schema].t.[x]]y it''s]'); its new name is the bare name (sp_rename
//    takes it literally). Columns, indexes and constraints are renamed with
//    the COLUMN, INDEX and OBJECT types.
//  - Types: strings are Unicode (NVARCHAR(n), NVARCHAR(max) for String without
//    length, Text and JSON), BIT, DATETIME2 / DATETIMEOFFSET, VARBINARY(max),
//    UNIQUEIDENTIFIER. Columns always say NULL or NOT NULL (the server default
//    depends on session settings). An autoincrement integer key column
//    (common::is_autoincrement) gets IDENTITY.
//  - A column identity (always or by_default alike: an IDENTITY column takes
//    explicit values only under IDENTITY_INSERT) is IDENTITY(start,
//    increment); minvalue, maxvalue, cache, cycle or a server_default beside
//    it are Error(kScript); so is alter_column's identity change (SQL
//    Server cannot add or remove IDENTITY on a column). alter_sequence is ALTER SEQUENCE
//    (common/alter_sequence.h); enum types are Error(kScript) (use a CHECK).
//  - Comments are MS_Description extended properties. A new table's or
//    column's comment is added (sp_addextendedproperty); a changed one is
//    updated or added depending on sys.fn_listextendedproperty; a removed one
//    is dropped when it exists.
//  - IF [NOT] EXISTS is spelled with catalog checks (OBJECT_ID, COL_LENGTH,
//    sys.schemas, sys.indexes, sys.objects); CREATE/DROP SCHEMA under a check
//    go through EXEC because they must be alone in their batch. A guarded
//    statement list becomes one IF ... BEGIN ... END block.
//  - SQL Server names defaults itself. drop_column first drops, with dynamic
//    SQL, the column's default constraint and every check constraint that
//    reads the column (sys.default_constraints, sys.check_constraints,
//    sys.sql_expression_dependencies); indexes, keys and foreign keys on the
//    column must be dropped by the script. alter_column changing or removing
//    the default drops the existing default constraint the same way, then
//    adds the new one (ADD DEFAULT ... FOR c), around the ALTER COLUMN.
//  - alter_column restates type and nullability together
//    (ALTER COLUMN c <type> NULL|NOT NULL): a type change needs nullable or
//    existing_nullable, a nullability change needs type or existing_type
//    (Error kScript naming the missing one). `using_expr` is PostgreSQL's and
//    ignored: ALTER COLUMN converts the values implicitly. A rename comes
//    last (sp_rename ... N'COLUMN').
//  - move_table: ALTER SCHEMA <to> TRANSFER <from>.<name>, then sp_rename for
//    a new name. Indexes, constraints and foreign keys in both directions
//    follow the table; permissions granted on the table itself do not.
//  - bulk_insert: INSERTs of at most kRowsPerInsert rows (SQL Server's limit
//    for a VALUES list), booleans as 1/0, text as N'..', LargeBinary text as
//    0x... When an IDENTITY column is among the inserted columns,
//    IDENTITY_INSERT is switched on around the INSERTs (Alembic's offline
//    behaviour, guarded by sys.identity_columns). Text with a line sqlcmd
//    would take for GO is written without line breaks (N'a' + NCHAR(10) +
//    ...). Its reverse (delete_rows)
//    deletes each distinct row as often as it is listed:
//    DELETE TOP (n) FROM t WHERE every column = its value (IS NULL for NULL).
//  - batch_alter_table runs its ops one by one, in order; autocommit blocks
//    render nothing (the runtime ends and resumes the transaction).
//  - Not expressible (Error kScript, "<op>: ... is not supported on SQL
//    Server"): drop_schema with cascade; drop_index and rename_index without a
//    table; an index expression; a foreign key that is deferrable, has
//    INITIALLY or MATCH, uses RESTRICT, or references its own table with a
//    cascading action (SQL Server refuses the possible cycle). NOT
//    DEFERRABLE is what SQL Server does and is dropped.
//  - Offline scripts: DDL is transactional, "BEGIN TRANSACTION" opens the
//    transaction and "GO" follows every statement, so each statement is its
//    own batch (DECLAREd variables never collide).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"

namespace strata::dialect::mssql {

class MssqlDialect : public Dialect {
 public:
  // The most rows one INSERT ... VALUES may carry on SQL Server.
  static constexpr size_t kRowsPerInsert = 1000;

  std::string_view name() const override { return "mssql"; }
  std::string quote(std::string_view identifier) const override;
  std::string literal(std::string_view value) const override;
  std::string render_type(const model::Type& type) const override;
  std::vector<std::string> render(const ops::Op& op) const override;
  bool transactional_ddl() const override { return true; }
  std::string batch_separator() const override { return "GO"; }
  std::string begin_transaction_sql() const override { return "BEGIN TRANSACTION"; }
  std::vector<std::string> create_version_table(const VersionTableName& vt) const override;
  // Offline first row: INSERT ... OUTPUT inserted.version_num VALUES (...).
  std::string insert_version_offline(const VersionTableName& vt,
                                     std::string_view rev) const override;

  // N'...': a Unicode string literal.
  std::string nliteral(std::string_view value) const;
  // "<name> <type> NULL|NOT NULL [IDENTITY[(start, increment)]] [DEFAULT d]";
  // a key column and an identity column are always NOT NULL. A column
  // identity is IDENTITY(start, increment) (each defaulting to 1; plain
  // IDENTITY when neither is set).
  std::string column_spec(const model::Column& column, bool in_primary_key,
                          bool autoincrement) const;
  // A server default as T-SQL spells it: the expression, or a literal.
  std::string default_sql(const model::ServerDefault& def) const;
  // `IF <condition> <statement>`, or IF <condition> BEGIN ...; END for several.
  std::string guarded(std::string_view condition, const std::vector<std::string>& body) const;
  // IF NOT EXISTS (...sys.schemas...) EXEC(N'CREATE SCHEMA [s]').
  std::string create_schema_if_not_exists(const std::string& schema) const;
};

}  // namespace strata::dialect::mssql
