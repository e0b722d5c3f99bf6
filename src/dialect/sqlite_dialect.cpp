#include "dialect/sqlite_dialect.h"

#include "driver/sqlite_connection.h"

#include <variant>

#include "dialect/render_common.h"
#include "strata/error.h"

namespace strata::dialect {
namespace {

using Kind = model::Type::Kind;

[[noreturn]] void unsupported(const std::string& what) {
  throw Error(ErrorCode::kScript, what + " is not supported on SQLite");
}

// Renders each op; one statement list per op.
class SqliteRenderer {
 public:
  explicit SqliteRenderer(const SqliteDialect& d) : d_(d) {}

  std::vector<std::string> operator()(const ops::Execute& op) const {
    return {common::execute_sql(op, d_.name())};
  }

  std::vector<std::string> operator()(const ops::CreateSchema& op) const {
    return {d_.attach(op.name)};
  }

  std::vector<std::string> operator()(const ops::DropSchema& op) const {
    return {"DETACH DATABASE " + d_.quote(op.name)};
  }

  std::vector<std::string> operator()(const ops::CreateTable& op) const {
    const model::Table& table = op.table;
    std::vector<std::string> elements;
    for (const model::Column& column : table.columns) {
      elements.push_back(d_.column_spec(column, common::is_primary_key(table, column.name),
                                        common::is_autoincrement(table, column)));
    }
    // Same schema (or both unset): unqualified referent. Otherwise: omitted.
    auto referent = [&](const model::ForeignKey& fk) -> std::optional<std::string> {
      if (fk.ref_schema != table.schema) return std::nullopt;
      return d_.quote(fk.ref_table);
    };
    for (std::string& c : common::table_constraints(d_, table, referent)) {
      elements.push_back(std::move(c));
    }
    std::string head = std::string("CREATE TABLE ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
                       d_.qualify(table.schema, table.name);
    return {common::table_body(head, elements)};
  }

  std::vector<std::string> operator()(const ops::DropTable& op) const {
    return {std::string("DROP TABLE ") + (op.if_exists ? "IF EXISTS " : "") +
            d_.qualify(op.schema, op.name)};
  }

  std::vector<std::string> operator()(const ops::AddColumn& op) const {
    if (op.if_not_exists) unsupported("add_column with if_not_exists");
    if (op.column.primary_key) unsupported("add_column of a primary key column");
    if (op.column.unique) {
      unsupported("add_column of a unique column (add it, then create a unique index)");
    }
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " ADD COLUMN " +
            d_.column_spec(op.column, false, false)};
  }

  std::vector<std::string> operator()(const ops::DropColumn& op) const {
    if (op.if_exists) unsupported("drop_column with if_exists");
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " DROP COLUMN " +
            d_.quote(op.column)};
  }

  std::vector<std::string> operator()(const ops::CreateIndex& op) const {
    const model::Index& index = op.index;
    std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      (op.if_not_exists ? "IF NOT EXISTS " : "") +
                      d_.qualify(index.schema, index.name) + " ON " + d_.quote(index.table) + " " +
                      common::index_elements(d_, index);
    if (index.where) sql += " WHERE " + *index.where;
    return {sql};
  }

  std::vector<std::string> operator()(const ops::DropIndex& op) const {
    return {common::drop_index_sql(d_, op)};
  }

  std::vector<std::string> operator()(const ops::RenameTable& op) const {
    return {common::rename_table_sql(d_, op)};
  }

  // TODO(issue 3): every remaining op; until then a clear error.
  template <class Unhandled>
  std::vector<std::string> operator()(const Unhandled& op) const {
    throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) + " is not supported on " +
                                        std::string(d_.name()) + " yet");
  }

 private:
  const SqliteDialect& d_;
};

}  // namespace

std::string SqliteDialect::quote(std::string_view identifier) const {
  return common::ansi_quote(identifier);
}

std::string SqliteDialect::render_type(const model::Type& type) const {
  if (std::optional<std::string> sql = common::standard_type(type)) return *sql;
  switch (type.kind) {
    case Kind::kDateTime: return "DATETIME";
    case Kind::kTime: return "TIME";
    case Kind::kLargeBinary: return "BLOB";
    case Kind::kUuid: return "CHAR(32)";
    default: break;  // handled by common::standard_type
  }
  throw Error(ErrorCode::kInternal, "unhandled type kind");
}

std::string SqliteDialect::column_spec(const model::Column& column, bool in_primary_key,
                                       bool autoincrement) const {
  std::string out =
      quote(column.name) + " " + (autoincrement ? "INTEGER" : render_type(column.type));
  if (column.server_default) {
    const model::ServerDefault& def = *column.server_default;
    out += " DEFAULT " + (def.is_expression ? "(" + def.value + ")" : literal(def.value));
  }
  if (!column.nullable || in_primary_key) out += " NOT NULL";
  return out;
}

std::string SqliteDialect::attach(const std::string& schema) const {
  // The same file rule the driver uses when it auto-attaches on connect.
  std::string file = main_path_.empty() ? ":memory:" : driver::sqlite_schema_path(main_path_, schema);
  return "ATTACH DATABASE " + literal(file) + " AS " + quote(schema);
}

std::vector<std::string> SqliteDialect::render(const ops::Op& op) const {
  return std::visit(SqliteRenderer(*this), op);
}

std::vector<std::string> SqliteDialect::create_version_table(const VersionTableName& vt) const {
  std::vector<std::string> out;
  if (vt.schema) out.push_back(attach(*vt.schema));
  out.push_back(common::version_table_ddl(*this, vt, true));
  return out;
}

}  // namespace strata::dialect
