// MssqlDialect's own members (quoting, types, the version table, dispatch to
// the per-op renderers) and the T-SQL building blocks of mssql_render.h.
#include "dialect/mssql/dialect.h"

#include <variant>

#include "common/text.h"
#include "dialect/mssql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mssql {

void unsupported(const ops::Op& op, const std::string& what, const std::string& hint) {
  throw Error(ErrorCode::kScript, ops::describe(op) + ": " + what +
                                      " is not supported on SQL Server" +
                                      (hint.empty() ? "" : "; " + hint));
}

std::string schema_or_dbo(const std::optional<std::string>& schema) {
  return schema.value_or("dbo");
}

std::string alter_table(const MssqlDialect& d, const std::optional<std::string>& schema,
                        const std::string& table) {
  return "ALTER TABLE " + d.qualify(schema, table);
}

std::string object_id(const MssqlDialect& d, const std::optional<std::string>& schema,
                      const std::string& name, std::string_view type) {
  std::string out = "OBJECT_ID(" + d.nliteral(d.qualify(schema, name));
  if (!type.empty()) out += ", " + d.nliteral(type);
  return out + ")";
}

std::string sp_rename(const MssqlDialect& d, const std::optional<std::string>& schema,
                      const std::vector<std::string>& parts, const std::string& new_name,
                      std::string_view type) {
  std::string object = d.quote(schema_or_dbo(schema));
  for (const std::string& part : parts) object += "." + d.quote(part);
  std::string out = "EXEC sp_rename " + d.nliteral(object) + ", " + d.nliteral(new_name);
  if (!type.empty()) out += ", " + d.nliteral(type);
  return out;
}

namespace {

// The level arguments of the extended-property procedures:
// 'SCHEMA', N's', 'TABLE', N't'[, 'COLUMN', N'c'].
std::string property_levels(const MssqlDialect& d, const std::optional<std::string>& schema,
                            const std::string& table, const std::optional<std::string>& column) {
  std::string out = "'SCHEMA', " + d.nliteral(schema_or_dbo(schema)) + ", 'TABLE', " +
                    d.nliteral(table);
  if (column) out += ", 'COLUMN', " + d.nliteral(*column);
  return out;
}

// EXISTS (...): the table or column has an MS_Description.
std::string comment_exists(const MssqlDialect& d, const std::optional<std::string>& schema,
                           const std::string& table, const std::optional<std::string>& column) {
  // fn_listextendedproperty takes all three levels; NULLs stop at the table.
  return "EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', " +
         property_levels(d, schema, table, column) + (column ? "" : ", NULL, NULL") + "))";
}

}  // namespace

std::string add_comment(const MssqlDialect& d, const std::optional<std::string>& schema,
                        const std::string& table, const std::optional<std::string>& column,
                        const std::string& comment) {
  return "EXEC sp_addextendedproperty 'MS_Description', " + d.nliteral(comment) + ", " +
         property_levels(d, schema, table, column);
}

std::string set_comment(const MssqlDialect& d, const std::optional<std::string>& schema,
                        const std::string& table, const std::optional<std::string>& column,
                        const std::string& comment) {
  return "IF " + comment_exists(d, schema, table, column) +
         "\n    EXEC sp_updateextendedproperty 'MS_Description', " + d.nliteral(comment) + ", " +
         property_levels(d, schema, table, column) + "\nELSE\n    " +
         add_comment(d, schema, table, column, comment);
}

std::string drop_comment(const MssqlDialect& d, const std::optional<std::string>& schema,
                         const std::string& table, const std::optional<std::string>& column) {
  return "IF " + comment_exists(d, schema, table, column) +
         "\n    EXEC sp_dropextendedproperty 'MS_Description', " +
         property_levels(d, schema, table, column);
}

std::string drop_column_constraints(const MssqlDialect& d, const std::optional<std::string>& schema,
                                    const std::string& table, const std::string& column,
                                    bool checks) {
  const std::string drop = d.nliteral(alter_table(d, schema, table) + " DROP CONSTRAINT ");
  const std::string where = "WHERE c.object_id = " + object_id(d, schema, table) +
                            " AND c.name = " + d.nliteral(column);
  if (!checks) {
    // A column has at most one default: a single-row assignment.
    return "DECLARE @sql NVARCHAR(max);\n"
           "SELECT @sql = " + drop + " + QUOTENAME(df.name)\n"
           "FROM sys.default_constraints AS df\n"
           "JOIN sys.columns AS c ON c.default_object_id = df.object_id\n" +
           where + ";\n"
           "IF @sql IS NOT NULL EXEC sp_executesql @sql";
  }
  // Several constraints: concatenated with FOR XML PATH (well defined, unlike
  // SELECT @v = @v + ...). A check reads the column when SQL Server made it a
  // column-level check (parent_column_id) or records a dependency on it.
  return "DECLARE @sql NVARCHAR(max) = (\n"
         "    SELECT " + drop + " + QUOTENAME(o.name) + N'; '\n"
         "    FROM sys.objects AS o\n"
         "    JOIN sys.columns AS c ON c.object_id = o.parent_object_id\n"
         "    " + where + "\n"
         "    AND (o.object_id = c.default_object_id\n"
         "        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k\n"
         "            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)\n"
         "        OR (o.type = 'C' AND o.object_id IN (\n"
         "            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x\n"
         "            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))\n"
         "    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');\n"
         "IF @sql IS NOT NULL EXEC sp_executesql @sql";
}

model::ForeignKey checked_foreign_key(const ops::Op& context,
                                      const std::optional<std::string>& schema,
                                      const std::string& table, const model::ForeignKey& fk) {
  if (fk.deferrable.value_or(false)) {
    unsupported(context, "a deferrable foreign key", "SQL Server checks constraints at once");
  }
  if (fk.initially) unsupported(context, "INITIALLY on a foreign key");
  if (fk.match) unsupported(context, "MATCH on a foreign key");
  const bool self_reference =
      fk.ref_table == table && schema_or_dbo(fk.ref_schema) == schema_or_dbo(schema);
  for (const auto& [clause, action] :
       {std::pair{"ondelete", fk.ondelete}, std::pair{"onupdate", fk.onupdate}}) {
    if (!action) continue;
    const std::string keyword = common::fk_action(clause, *action);
    if (keyword == "RESTRICT") {
      unsupported(context, "foreign key action RESTRICT",
                  "use NO ACTION (SQL Server checks it at once, like RESTRICT)");
    }
    if (self_reference && keyword != "NO ACTION") {
      unsupported(context, keyword + " on a foreign key referencing its own table",
                  "SQL Server refuses it as a possible cycle; use NO ACTION");
    }
  }
  model::ForeignKey plain = fk;
  plain.deferrable.reset();
  return plain;
}

Statements render_op(const MssqlDialect&, const ops::AutocommitBegin&) { return {}; }
Statements render_op(const MssqlDialect&, const ops::AutocommitEnd&) { return {}; }
// Constraints are added checked (not_valid is ignored): nothing to validate.
Statements render_op(const MssqlDialect&, const ops::ValidateConstraint&) { return {}; }

using Kind = model::Type::Kind;

std::string MssqlDialect::quote(std::string_view identifier) const {
  if (!common::needs_quoting(identifier)) return std::string(identifier);
  return text::quote_with(identifier, '[', ']');
}

std::string MssqlDialect::literal(std::string_view value) const {
  for (char c : value) {
    if (static_cast<unsigned char>(c) >= 0x80) return nliteral(value);
  }
  return Dialect::literal(value);
}

std::string MssqlDialect::nliteral(std::string_view value) const {
  return "N" + Dialect::literal(value);
}

std::string MssqlDialect::render_type(const model::Type& type) const {
  switch (type.kind) {
    case Kind::kInteger: return "INTEGER";
    case Kind::kBigInteger: return "BIGINT";
    case Kind::kSmallInteger: return "SMALLINT";
    case Kind::kString:
      return type.length ? "NVARCHAR(" + std::to_string(*type.length) + ")" : "NVARCHAR(max)";
    case Kind::kText: return "NVARCHAR(max)";
    case Kind::kBoolean: return "BIT";
    case Kind::kNumeric: return common::numeric_type(type);
    case Kind::kFloat: return common::float_type(type);
    case Kind::kDate: return "DATE";
    case Kind::kDateTime: return type.timezone ? "DATETIMEOFFSET" : "DATETIME2";
    case Kind::kTime: return "TIME";
    case Kind::kLargeBinary: return "VARBINARY(max)";
    case Kind::kJson: return "NVARCHAR(max)";
    case Kind::kUuid: return "UNIQUEIDENTIFIER";
    case Kind::kRaw: return type.raw;
  }
  throw Error(ErrorCode::kInternal, "unhandled type kind");
}

std::string MssqlDialect::column_spec(const model::Column& column, bool in_primary_key,
                                      bool autoincrement) const {
  std::string out = quote(column.name) + " " + render_type(column.type);
  out += (!column.nullable || in_primary_key || column.identity) ? " NOT NULL" : " NULL";
  if (column.identity) {
    const model::Identity& identity = *column.identity;
    out += " IDENTITY";
    if (identity.start || identity.increment) {
      out += "(" + std::to_string(identity.start.value_or(1)) + ", " +
             std::to_string(identity.increment.value_or(1)) + ")";
    }
  } else if (autoincrement) {
    out += " IDENTITY";
  }
  if (column.server_default) out += " DEFAULT " + default_sql(*column.server_default);
  return out;
}

std::string MssqlDialect::default_sql(const model::ServerDefault& def) const {
  return def.is_expression ? def.value : literal(def.value);
}

std::string MssqlDialect::guarded(std::string_view condition,
                                  const std::vector<std::string>& body) const {
  if (body.size() == 1) return "IF " + std::string(condition) + " " + body.front();
  return "IF " + std::string(condition) + "\nBEGIN\n" + common::join(body, ";\n") + ";\nEND";
}

std::string MssqlDialect::create_schema_if_not_exists(const std::string& schema) const {
  return "IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = " + nliteral(schema) + ") EXEC(" +
         nliteral("CREATE SCHEMA " + quote(schema)) + ")";
}

std::vector<std::string> MssqlDialect::render(const ops::Op& op) const {
  return std::visit([this](const auto& o) { return mssql::render_op(*this, o); }, op);
}

std::vector<std::string> MssqlDialect::create_version_table(const VersionTableName& vt) const {
  std::vector<std::string> out;
  if (vt.schema) out.push_back(create_schema_if_not_exists(*vt.schema));
  out.push_back(guarded(mssql::object_id(*this, vt.schema, vt.table, "U") + " IS NULL",
                        {common::version_table_ddl(*this, vt, false)}));
  return out;
}

std::string MssqlDialect::insert_version_offline(const VersionTableName& vt,
                                                 std::string_view rev) const {
  return "INSERT INTO " + qualify(vt.schema, vt.table) + " (" + quote("version_num") +
         ") OUTPUT inserted." + quote("version_num") + " VALUES (" + literal(rev) + ")";
}

}  // namespace strata::dialect::mssql
