#include "dialect/mysql_dialect.h"

#include <variant>

#include "dialect/render_common.h"
#include "strata/error.h"

namespace strata::dialect {
namespace {

using Kind = model::Type::Kind;

[[noreturn]] void unsupported(const std::string& what) {
  throw Error(ErrorCode::kScript, what + " is not supported on MySQL/MariaDB");
}

class MysqlRenderer {
 public:
  explicit MysqlRenderer(const MysqlDialect& d) : d_(d) {}

  std::vector<std::string> operator()(const ops::Execute& op) const {
    for (const char* key : {"mysql", "mariadb"}) {
      auto it = op.per_dialect.find(key);
      if (it != op.per_dialect.end()) return {it->second};
    }
    return {common::execute_sql(op, d_.name())};
  }

  std::vector<std::string> operator()(const ops::CreateSchema& op) const {
    return {std::string("CREATE DATABASE ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
            d_.quote(op.name)};
  }

  std::vector<std::string> operator()(const ops::DropSchema& op) const {
    return {std::string("DROP DATABASE ") + (op.if_exists ? "IF EXISTS " : "") + d_.quote(op.name)};
  }

  std::vector<std::string> operator()(const ops::CreateTable& op) const {
    // NOT DEFERRABLE is what MySQL always does: dropped, not an error.
    model::Table table = op.table;
    for (model::ForeignKey& fk : table.foreign_keys) {
      if (fk.deferrable == std::optional<bool>(false)) fk.deferrable.reset();
    }
    std::vector<std::string> elements;
    for (const model::Column& column : table.columns) {
      elements.push_back(d_.column_spec(column, common::is_primary_key(table, column.name),
                                        common::is_autoincrement(table, column)));
    }
    for (const model::ForeignKey& fk : table.foreign_keys) {
      if (fk.deferrable || fk.initially) unsupported("a DEFERRABLE / INITIALLY foreign key");
    }
    auto referent = [this](const model::ForeignKey& fk) -> std::optional<std::string> {
      return d_.qualify(fk.ref_schema, fk.ref_table);
    };
    std::vector<std::string> constraints = common::table_constraints(d_, table, referent);
    // InnoDB wants an AUTO_INCREMENT column first in some key: when it is not
    // the key's first column, add a key of its own (SQLAlchemy's
    // KEY idx_autoinc_<col>).
    std::vector<std::string> key = common::primary_key_columns(table);
    for (const model::Column& column : table.columns) {
      if (common::is_autoincrement(table, column) && !key.empty() && key.front() != column.name) {
        size_t after_pk = constraints.empty() ? 0 : 1;
        constraints.insert(constraints.begin() + static_cast<std::ptrdiff_t>(after_pk),
                           "KEY " + d_.quote("idx_autoinc_" + column.name) + " (" +
                               d_.quote(column.name) + ")");
      }
    }
    for (std::string& c : constraints) elements.push_back(std::move(c));
    std::string head = std::string("CREATE TABLE ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
                       d_.qualify(table.schema, table.name);
    std::string sql = common::table_body(head, elements);
    if (table.comment) sql += " COMMENT = " + d_.literal(*table.comment);
    return {sql};
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
    // IF NOT EXISTS is MariaDB's (MySQL 8 rejects it).
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " ADD COLUMN " +
            (op.if_not_exists ? "IF NOT EXISTS " : "") + spec};
  }

  std::vector<std::string> operator()(const ops::DropColumn& op) const {
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " DROP COLUMN " +
            (op.if_exists ? "IF EXISTS " : "") + d_.quote(op.column)};
  }

  std::vector<std::string> operator()(const ops::CreateIndex& op) const {
    const model::Index& index = op.index;
    if (index.where) unsupported("a partial index (where)");
    if (!index.include.empty()) unsupported("an index with include columns");
    for (const model::IndexElement& element : index.elements) {
      if (element.is_expression) unsupported("an index expression");
    }
    return {std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
            (op.if_not_exists ? "IF NOT EXISTS " : "") + d_.quote(index.name) + " ON " +
            d_.qualify(index.schema, index.table) + " " + common::index_elements(d_, index)};
  }

  std::vector<std::string> operator()(const ops::DropIndex& op) const {
    if (!op.table) {
      throw Error(ErrorCode::kScript,
                  "drop_index '" + op.name + "' needs the table name on MySQL/MariaDB");
    }
    return {std::string("DROP INDEX ") + (op.if_exists ? "IF EXISTS " : "") + d_.quote(op.name) +
            " ON " + d_.qualify(op.schema, *op.table)};
  }

  std::vector<std::string> operator()(const ops::RenameTable& op) const {
    return {"RENAME TABLE " + d_.qualify(op.schema, op.old_name) + " TO " +
            d_.qualify(op.schema, op.new_name)};
  }

  // TODO(issue 3): every remaining op; until then a clear error.
  template <class Unhandled>
  std::vector<std::string> operator()(const Unhandled& op) const {
    throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) + " is not supported on " +
                                        std::string(d_.name()) + " yet");
  }

 private:
  const MysqlDialect& d_;
};

}  // namespace

std::string MysqlDialect::quote(std::string_view identifier) const {
  if (!common::needs_quoting(identifier)) return std::string(identifier);
  std::string out = "`";
  for (char c : identifier) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
  return out;
}

std::string MysqlDialect::literal(std::string_view value) const {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  out += '\'';
  return out;
}

std::string MysqlDialect::render_type(const model::Type& type) const {
  switch (type.kind) {
    case Kind::kInteger: return "INTEGER";
    case Kind::kBigInteger: return "BIGINT";
    case Kind::kSmallInteger: return "SMALLINT";
    case Kind::kString:
      if (!type.length) {
        throw Error(ErrorCode::kScript, "VARCHAR requires a length on MySQL/MariaDB: use op.String(n)");
      }
      return "VARCHAR(" + std::to_string(*type.length) + ")";
    case Kind::kText: return "TEXT";
    case Kind::kBoolean: return "BOOL";
    case Kind::kNumeric: return common::numeric_type(type);
    case Kind::kFloat: return common::float_type(type);
    case Kind::kDate: return "DATE";
    case Kind::kDateTime: return "DATETIME";  // no time-zone-aware DATETIME in MySQL
    case Kind::kTime: return "TIME";
    case Kind::kLargeBinary:
      return type.length && *type.length > 65535 ? "LONGBLOB" : "BLOB";
    case Kind::kJson: return "JSON";
    case Kind::kUuid: return "CHAR(32)";
    case Kind::kRaw: return type.raw;
  }
  throw Error(ErrorCode::kInternal, "unhandled type kind");
}

std::string MysqlDialect::column_spec(const model::Column& column, bool in_primary_key,
                                      bool autoincrement) const {
  std::string out = quote(column.name) + " " + render_type(column.type);
  if (!column.nullable || in_primary_key) out += " NOT NULL";
  if (autoincrement) out += " AUTO_INCREMENT";
  if (column.server_default) {
    const model::ServerDefault& def = *column.server_default;
    out += " DEFAULT " + (def.is_expression ? def.value : literal(def.value));
  }
  if (column.comment) out += " COMMENT " + literal(*column.comment);
  return out;
}

std::vector<std::string> MysqlDialect::render(const ops::Op& op) const {
  return std::visit(MysqlRenderer(*this), op);
}

std::vector<std::string> MysqlDialect::create_version_table(const VersionTableName& vt) const {
  std::vector<std::string> out;
  if (vt.schema) out.push_back("CREATE DATABASE IF NOT EXISTS " + quote(*vt.schema));
  out.push_back(common::version_table_ddl(*this, vt, true));
  return out;
}

}  // namespace strata::dialect
