// MssqlDialect: Microsoft SQL Server (T-SQL), 2008 or later; offline (--sql)
// scripts only — strata has no SQL Server driver.
//
// Contract:
//  - Identifiers are always bracketed ([a]]b]). String literals are '...',
//    prefixed with N when they contain non-ASCII characters; names passed to
//    system procedures and catalog lookups are always N'...'.
//  - Types: strings are Unicode (NVARCHAR(n), NVARCHAR(max) for String without
//    length, Text and JSON), BIT, DATETIME2 / DATETIMEOFFSET, VARBINARY(max),
//    UNIQUEIDENTIFIER. Columns always say NULL or NOT NULL (the server default
//    depends on session settings). An autoincrement integer key column
//    (common::is_autoincrement) gets IDENTITY.
//  - Comments are MS_Description extended properties (sp_addextendedproperty;
//    schema 'dbo' when the table has none).
//  - IF [NOT] EXISTS is spelled with catalog checks (OBJECT_ID, COL_LENGTH,
//    sys.schemas, sys.indexes); CREATE/DROP SCHEMA under a check go through
//    EXEC because they must be alone in their batch. A guarded statement list
//    becomes one IF ... BEGIN ... END block.
//  - drop_column first drops the column's default constraint, whose name SQL
//    Server generated, with a T-SQL block that looks it up in
//    sys.default_constraints; then DROP COLUMN.
//  - Not expressible (Error kScript): drop_schema with cascade; drop_index
//    without a table; an index expression; a foreign key that is deferrable,
//    has INITIALLY or MATCH, or uses RESTRICT.
//  - Offline scripts: DDL is transactional, "BEGIN TRANSACTION" opens the
//    transaction and "GO" follows every statement.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"

namespace strata::dialect {

class MssqlDialect : public Dialect {
 public:
  std::string_view name() const override { return "mssql"; }
  std::string quote(std::string_view identifier) const override;
  std::string literal(std::string_view value) const override;
  std::string render_type(const model::Type& type) const override;
  std::vector<std::string> render(const ops::Op& op) const override;
  bool transactional_ddl() const override { return true; }
  std::string batch_separator() const override { return "GO"; }
  std::string begin_transaction_sql() const override { return "BEGIN TRANSACTION"; }
  std::vector<std::string> create_version_table(const VersionTableName& vt) const override;

  // N'...': a Unicode string literal.
  std::string nliteral(std::string_view value) const;
  // "<name> <type> NULL|NOT NULL [IDENTITY] [DEFAULT d]"; a key column is
  // always NOT NULL.
  std::string column_spec(const model::Column& column, bool in_primary_key,
                          bool autoincrement) const;
  // EXEC sp_addextendedproperty 'MS_Description', ... for a table comment
  // (`column` unset) or a column comment.
  std::string comment_statement(const std::optional<std::string>& schema, const std::string& table,
                                const std::optional<std::string>& column,
                                const std::string& comment) const;
  // `IF <condition> <statement>`, or IF <condition> BEGIN ...; END for several.
  std::string guarded(std::string_view condition, const std::vector<std::string>& body) const;
  // IF NOT EXISTS (...sys.schemas...) EXEC(N'CREATE SCHEMA [s]').
  std::string create_schema_if_not_exists(const std::string& schema) const;
};

}  // namespace strata::dialect
