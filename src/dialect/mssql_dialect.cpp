#include "dialect/mssql_dialect.h"

#include <variant>

#include "dialect/render_common.h"
#include "strata/error.h"

namespace strata::dialect {
namespace {

using Kind = model::Type::Kind;

[[noreturn]] void unsupported(const std::string& what) {
  throw Error(ErrorCode::kScript, what + " is not supported on SQL Server");
}

// Renders each op; one statement list per op.
class MssqlRenderer {
 public:
  explicit MssqlRenderer(const MssqlDialect& d) : d_(d) {}

  std::vector<std::string> operator()(const ops::Execute& op) const {
    return {common::execute_sql(op, d_.name())};
  }

  std::vector<std::string> operator()(const ops::CreateSchema& op) const {
    if (op.if_not_exists) return {d_.create_schema_if_not_exists(op.name)};
    return {"CREATE SCHEMA " + d_.quote(op.name)};
  }

  std::vector<std::string> operator()(const ops::DropSchema& op) const {
    if (op.cascade) unsupported("drop_schema with cascade");
    if (!op.if_exists) return {"DROP SCHEMA " + d_.quote(op.name)};
    return {"IF EXISTS (SELECT 1 FROM sys.schemas WHERE name = " + d_.nliteral(op.name) +
            ") EXEC(" + d_.nliteral("DROP SCHEMA " + d_.quote(op.name)) + ")"};
  }

  std::vector<std::string> operator()(const ops::CreateTable& op) const {
    const model::Table& table = op.table;
    std::vector<std::string> elements;
    for (const model::Column& column : table.columns) {
      elements.push_back(d_.column_spec(column, common::is_primary_key(table, column.name),
                                        common::is_autoincrement(table, column)));
    }
    auto referent = [this](const model::ForeignKey& fk) -> std::optional<std::string> {
      check_foreign_key(fk);
      return d_.qualify(fk.ref_schema, fk.ref_table);
    };
    for (std::string& c : common::table_constraints(d_, table, referent)) {
      elements.push_back(std::move(c));
    }
    std::vector<std::string> out{
        common::table_body("CREATE TABLE " + d_.qualify(table.schema, table.name), elements)};
    if (table.comment) {
      out.push_back(d_.comment_statement(table.schema, table.name, std::nullopt, *table.comment));
    }
    for (const model::Column& column : table.columns) {
      if (column.comment) {
        out.push_back(d_.comment_statement(table.schema, table.name, column.name, *column.comment));
      }
    }
    if (!op.if_not_exists) return out;
    return {d_.guarded(object_id(table.schema, table.name) + " IS NULL", out)};
  }

  std::vector<std::string> operator()(const ops::DropTable& op) const {
    std::string sql = "DROP TABLE " + d_.qualify(op.schema, op.name);
    if (!op.if_exists) return {sql};
    return {d_.guarded(object_id(op.schema, op.name) + " IS NOT NULL", {sql})};
  }

  std::vector<std::string> operator()(const ops::AddColumn& op) const {
    const model::Column& column = op.column;
    std::string spec = d_.column_spec(column, column.primary_key, false);
    if (column.primary_key) spec += " PRIMARY KEY";
    if (column.unique) spec += " UNIQUE";
    std::vector<std::string> out{"ALTER TABLE " + d_.qualify(op.schema, op.table) + " ADD " + spec};
    if (column.comment) {
      out.push_back(d_.comment_statement(op.schema, op.table, column.name, *column.comment));
    }
    if (!op.if_not_exists) return out;
    return {d_.guarded(col_length(op.schema, op.table, column.name) + " IS NULL", out)};
  }

  std::vector<std::string> operator()(const ops::DropColumn& op) const {
    std::string table = d_.qualify(op.schema, op.table);
    std::string drop_default =
        "DECLARE @sql NVARCHAR(max);\n"
        "SELECT @sql = " +
        d_.nliteral("ALTER TABLE " + table + " DROP CONSTRAINT ") +
        " + QUOTENAME(name)\n"
        "FROM sys.default_constraints\n"
        "WHERE parent_object_id = OBJECT_ID(" +
        d_.nliteral(table) +
        ")\n"
        "AND COL_NAME(parent_object_id, parent_column_id) = " +
        d_.nliteral(op.column) +
        ";\n"
        "IF @sql IS NOT NULL EXEC sp_executesql @sql";
    std::string drop = "ALTER TABLE " + table + " DROP COLUMN " + d_.quote(op.column);
    if (op.if_exists) {
      drop = d_.guarded(col_length(op.schema, op.table, op.column) + " IS NOT NULL", {drop});
    }
    return {drop_default, drop};
  }

  std::vector<std::string> operator()(const ops::CreateIndex& op) const {
    const model::Index& index = op.index;
    for (const model::IndexElement& element : index.elements) {
      if (element.is_expression) {
        unsupported("index expression '" + element.text + "' (index a computed column)");
      }
    }
    std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      d_.quote(index.name) + " ON " + d_.qualify(index.schema, index.table) + " " +
                      common::index_elements(d_, index);
    if (!index.include.empty()) sql += " INCLUDE (" + common::quoted_list(d_, index.include) + ")";
    if (index.where) sql += " WHERE " + *index.where;
    if (!op.if_not_exists) return {sql};
    return {d_.guarded("NOT " + index_exists(index.schema, index.table, index.name), {sql})};
  }

  std::vector<std::string> operator()(const ops::DropIndex& op) const {
    if (!op.table) {
      throw Error(ErrorCode::kScript,
                  "drop_index '" + op.name + "' needs the table name on SQL Server");
    }
    std::string sql = "DROP INDEX " + d_.quote(op.name) + " ON " + d_.qualify(op.schema, *op.table);
    if (!op.if_exists) return {sql};
    return {d_.guarded(index_exists(op.schema, *op.table, op.name), {sql})};
  }

  std::vector<std::string> operator()(const ops::RenameTable& op) const {
    return {"EXEC sp_rename " + d_.nliteral(d_.qualify(op.schema, op.old_name)) + ", " +
            d_.nliteral(op.new_name)};
  }

  // TODO(issue 3): every remaining op; until then a clear error.
  template <class Unhandled>
  std::vector<std::string> operator()(const Unhandled& op) const {
    throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) + " is not supported on " +
                                        std::string(d_.name()) + " yet");
  }

 private:
  // OBJECT_ID(N'[s].[t]', N'U')
  std::string object_id(const std::optional<std::string>& schema, const std::string& table) const {
    return "OBJECT_ID(" + d_.nliteral(d_.qualify(schema, table)) + ", N'U')";
  }

  // COL_LENGTH(N'[s].[t]', N'c')
  std::string col_length(const std::optional<std::string>& schema, const std::string& table,
                         const std::string& column) const {
    return "COL_LENGTH(" + d_.nliteral(d_.qualify(schema, table)) + ", " + d_.nliteral(column) +
           ")";
  }

  // EXISTS (SELECT 1 FROM sys.indexes WHERE ...)
  std::string index_exists(const std::optional<std::string>& schema, const std::string& table,
                           const std::string& index) const {
    return "EXISTS (SELECT 1 FROM sys.indexes WHERE name = " + d_.nliteral(index) +
           " AND object_id = OBJECT_ID(" + d_.nliteral(d_.qualify(schema, table)) + "))";
  }

  static void check_foreign_key(const model::ForeignKey& fk) {
    if (fk.deferrable.value_or(false)) unsupported("a deferrable foreign key");
    if (fk.initially) unsupported("INITIALLY on a foreign key");
    if (fk.match) unsupported("MATCH on a foreign key");
    if ((fk.ondelete && common::fk_action("ondelete", *fk.ondelete) == "RESTRICT") ||
        (fk.onupdate && common::fk_action("onupdate", *fk.onupdate) == "RESTRICT")) {
      unsupported("foreign key action RESTRICT (use NO ACTION)");
    }
  }

  const MssqlDialect& d_;
};

}  // namespace

std::string MssqlDialect::quote(std::string_view identifier) const {
  if (!common::needs_quoting(identifier)) return std::string(identifier);
  std::string out = "[";
  for (char c : identifier) {
    if (c == ']') out += ']';
    out += c;
  }
  out += ']';
  return out;
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
  out += (!column.nullable || in_primary_key) ? " NOT NULL" : " NULL";
  if (autoincrement) out += " IDENTITY";
  if (column.server_default) {
    const model::ServerDefault& def = *column.server_default;
    out += " DEFAULT " + (def.is_expression ? def.value : literal(def.value));
  }
  return out;
}

std::string MssqlDialect::comment_statement(const std::optional<std::string>& schema,
                                            const std::string& table,
                                            const std::optional<std::string>& column,
                                            const std::string& comment) const {
  std::string out = "EXEC sp_addextendedproperty 'MS_Description', " + nliteral(comment) +
                    ", 'SCHEMA', " + nliteral(schema.value_or("dbo")) + ", 'TABLE', " +
                    nliteral(table);
  if (column) out += ", 'COLUMN', " + nliteral(*column);
  return out;
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
  return std::visit(MssqlRenderer(*this), op);
}

std::vector<std::string> MssqlDialect::create_version_table(const VersionTableName& vt) const {
  std::vector<std::string> out;
  if (vt.schema) out.push_back(create_schema_if_not_exists(*vt.schema));
  out.push_back(guarded("OBJECT_ID(" + nliteral(qualify(vt.schema, vt.table)) + ", N'U') IS NULL",
                        {common::version_table_ddl(*this, vt, false)}));
  return out;
}

}  // namespace strata::dialect
