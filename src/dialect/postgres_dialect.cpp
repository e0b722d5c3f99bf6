#include "dialect/postgres_dialect.h"

#include <variant>

#include "dialect/render_common.h"
#include "strata/error.h"

namespace strata::dialect {
namespace {

using Kind = model::Type::Kind;

// Renders each op; one statement list per op.
class PostgresRenderer {
 public:
  explicit PostgresRenderer(const PostgresDialect& d) : d_(d) {}

  std::vector<std::string> operator()(const ops::Execute& op) const {
    return {common::execute_sql(op, d_.name())};
  }

  std::vector<std::string> operator()(const ops::CreateSchema& op) const {
    return {std::string("CREATE SCHEMA ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
            d_.quote(op.name)};
  }

  std::vector<std::string> operator()(const ops::DropSchema& op) const {
    return {std::string("DROP SCHEMA ") + (op.if_exists ? "IF EXISTS " : "") + d_.quote(op.name) +
            (op.cascade ? " CASCADE" : "")};
  }

  std::vector<std::string> operator()(const ops::CreateTable& op) const {
    const model::Table& table = op.table;
    std::vector<std::string> elements;
    for (const model::Column& column : table.columns) {
      elements.push_back(d_.column_spec(column, common::is_primary_key(table, column.name),
                                        common::is_autoincrement(table, column)));
    }
    auto referent = [this](const model::ForeignKey& fk) -> std::optional<std::string> {
      return d_.qualify(fk.ref_schema, fk.ref_table);
    };
    for (std::string& c : common::table_constraints(d_, table, referent)) {
      elements.push_back(std::move(c));
    }
    std::string head = std::string("CREATE TABLE ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
                       d_.qualify(table.schema, table.name);
    std::vector<std::string> out{common::table_body(head, elements)};
    for (std::string& c : d_.comments(table)) out.push_back(std::move(c));
    return out;
  }

  std::vector<std::string> operator()(const ops::DropTable& op) const {
    return {std::string("DROP TABLE ") + (op.if_exists ? "IF EXISTS " : "") +
            d_.qualify(op.schema, op.name)};
  }

  std::vector<std::string> operator()(const ops::AddColumn& op) const {
    const model::Column& column = op.column;
    std::string spec = d_.column_spec(column, column.primary_key, false);
    if (column.primary_key) spec += " PRIMARY KEY";
    if (column.unique) spec += " UNIQUE";
    std::vector<std::string> out{"ALTER TABLE " + d_.qualify(op.schema, op.table) + " ADD COLUMN " +
                                 (op.if_not_exists ? "IF NOT EXISTS " : "") + spec};
    if (column.comment) {
      out.push_back("COMMENT ON COLUMN " + d_.qualify(op.schema, op.table) + "." +
                    d_.quote(column.name) + " IS " + d_.literal(*column.comment));
    }
    return out;
  }

  std::vector<std::string> operator()(const ops::DropColumn& op) const {
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " DROP COLUMN " +
            (op.if_exists ? "IF EXISTS " : "") + d_.quote(op.column)};
  }

  std::vector<std::string> operator()(const ops::CreateIndex& op) const {
    const model::Index& index = op.index;
    std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      (op.if_not_exists ? "IF NOT EXISTS " : "") + d_.quote(index.name) + " ON " +
                      d_.qualify(index.schema, index.table) + " " +
                      common::index_elements(d_, index);
    if (!index.include.empty()) sql += " INCLUDE (" + common::quoted_list(d_, index.include) + ")";
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
  const PostgresDialect& d_;
};

}  // namespace

std::string PostgresDialect::quote(std::string_view identifier) const {
  return common::ansi_quote(identifier);
}

std::string PostgresDialect::render_type(const model::Type& type) const {
  if (std::optional<std::string> sql = common::standard_type(type)) return *sql;
  switch (type.kind) {
    case Kind::kDateTime:
      return type.timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
    case Kind::kTime: return type.timezone ? "TIME WITH TIME ZONE" : "TIME WITHOUT TIME ZONE";
    case Kind::kLargeBinary: return "BYTEA";
    case Kind::kUuid: return "UUID";
    default: break;  // handled by common::standard_type
  }
  throw Error(ErrorCode::kInternal, "unhandled type kind");
}

std::string PostgresDialect::column_spec(const model::Column& column, bool in_primary_key,
                                         bool autoincrement) const {
  std::string type;
  if (autoincrement) {
    type = column.type.kind == Kind::kBigInteger     ? "BIGSERIAL"
           : column.type.kind == Kind::kSmallInteger ? "SMALLSERIAL"
                                                     : "SERIAL";
  } else {
    type = render_type(column.type);
  }
  std::string out = quote(column.name) + " " + type;
  if (column.server_default) {
    const model::ServerDefault& def = *column.server_default;
    out += " DEFAULT " + (def.is_expression ? def.value : literal(def.value));
  }
  if (!column.nullable || in_primary_key) out += " NOT NULL";
  return out;
}

std::vector<std::string> PostgresDialect::comments(const model::Table& table) const {
  std::vector<std::string> out;
  std::string name = qualify(table.schema, table.name);
  if (table.comment) out.push_back("COMMENT ON TABLE " + name + " IS " + literal(*table.comment));
  for (const model::Column& column : table.columns) {
    if (!column.comment) continue;
    out.push_back("COMMENT ON COLUMN " + name + "." + quote(column.name) + " IS " +
                  literal(*column.comment));
  }
  return out;
}

std::vector<std::string> PostgresDialect::render(const ops::Op& op) const {
  return std::visit(PostgresRenderer(*this), op);
}

std::vector<std::string> PostgresDialect::create_version_table(const VersionTableName& vt) const {
  std::vector<std::string> out;
  if (vt.schema) out.push_back("CREATE SCHEMA IF NOT EXISTS " + quote(*vt.schema));
  out.push_back(common::version_table_ddl(*this, vt, true));
  return out;
}

}  // namespace strata::dialect
