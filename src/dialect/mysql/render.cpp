#include "dialect/mysql/dialect.h"

#include <variant>

#include "common/text.h"
#include "dialect/mysql/render_parts.h"
#include "dialect/common/alter_sequence.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

using Kind = model::Type::Kind;

// Renders each op; one statement list per op. The longer renderers live in
// alter.cpp and bulk.cpp (render_parts.h).
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
    return mysql::drop_schema(d_, op);
  }

  std::vector<std::string> operator()(const ops::CreateTable& op) const {
    const model::Table& table = op.table;
    std::vector<std::string> elements;
    std::optional<long long> identity_start;
    for (const model::Column& column : table.columns) {
      check_identity(op, column);
      if (column.identity && column.identity->start) identity_start = column.identity->start;
      elements.push_back(d_.column_spec(column, common::is_primary_key(table, column.name),
                                        common::is_autoincrement(table, column)));
    }
    std::vector<std::string> constraints = common::table_constraints(
        d_, table, [](const model::ForeignKey&) { return std::nullopt; });
    // Foreign keys come after the unique constraints and before the checks
    // (common::table_constraints' order), spelled by this dialect.
    size_t checks = table.checks.size();
    auto at = constraints.end() - static_cast<std::ptrdiff_t>(checks);
    for (const model::ForeignKey& fk : table.foreign_keys) {
      at = constraints.insert(at, mysql::foreign_key_clause(d_, op, fk)) + 1;
    }
    // InnoDB wants an AUTO_INCREMENT column first in some key: when it is not
    // the key's first column, add a key of its own (SQLAlchemy's
    // KEY idx_autoinc_<col>).
    std::vector<std::string> key = common::primary_key_columns(table);
    for (const model::Column& column : table.columns) {
      const bool keyed_elsewhere = column.identity ? key.empty() || key.front() != column.name
                                                   : !key.empty() && key.front() != column.name;
      if ((column.identity || common::is_autoincrement(table, column)) && keyed_elsewhere) {
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
    if (identity_start) sql += " AUTO_INCREMENT = " + std::to_string(*identity_start);
    if (table.comment) sql += " COMMENT = " + d_.literal(*table.comment);
    return {sql};
  }

  std::vector<std::string> operator()(const ops::DropTable& op) const {
    return {std::string("DROP TABLE ") + (op.if_exists ? "IF EXISTS " : "") +
            d_.qualify(op.schema, op.name)};
  }

  std::vector<std::string> operator()(const ops::AddColumn& op) const {
    const model::Column& column = op.column;
    check_identity(op, column);
    if (column.identity && column.identity->start) {
      mysql::unsupported(op, "an identity start on an added column",
                         "AUTO_INCREMENT = n is a table option: set it with op.execute");
    }
    std::string spec = d_.column_spec(column, column.primary_key, false);
    if (column.primary_key) spec += " PRIMARY KEY";
    if (column.unique) spec += " UNIQUE";
    // IF NOT EXISTS is MariaDB's (MySQL 8 rejects it).
    return {d_.alter_table(op.schema, op.table) + " ADD COLUMN " +
            (op.if_not_exists ? "IF NOT EXISTS " : "") + spec};
  }

  std::vector<std::string> operator()(const ops::DropColumn& op) const {
    return {d_.alter_table(op.schema, op.table) + " DROP COLUMN " +
            (op.if_exists ? "IF EXISTS " : "") + d_.quote(op.column)};
  }

  std::vector<std::string> operator()(const ops::AlterColumn& op) const {
    return mysql::alter_column(d_, op);
  }

  std::vector<std::string> operator()(const ops::RenameColumn& op) const {
    return {d_.alter_table(op.schema, op.table) + " RENAME COLUMN " + d_.quote(op.old_name) +
            " TO " + d_.quote(op.new_name)};
  }

  std::vector<std::string> operator()(const ops::AddConstraint& op) const {
    return {mysql::add_constraint(d_, op)};
  }

  std::vector<std::string> operator()(const ops::DropConstraint& op) const {
    ops::ConstraintType type = mysql::drop_type(op);
    if (type == ops::ConstraintType::kUnknown) {
      mysql::needs_live_database(
          op, "MySQL drops each kind of constraint with its own clause, so strata looks up its "
              "type in the catalog; for --sql pass type_ = \"foreignkey\", \"unique\", "
              "\"check\" or \"primary\"");
    }
    if (type == ops::ConstraintType::kPrimaryKey && op.if_exists) {
      mysql::needs_live_database(
          op, "there is no DROP PRIMARY KEY IF EXISTS, so strata looks for the key in the "
              "catalog; for --sql drop it without if_exists");
    }
    return mysql::drop_constraint(d_, op, type);
  }

  std::vector<std::string> operator()(const ops::RenameConstraint& op) const {
    switch (op.type) {
      case ops::ConstraintType::kUnique:
      case ops::ConstraintType::kPrimaryKey:
        return mysql::rename_index_like_constraint(d_, op, op.type);
      case ops::ConstraintType::kUnknown:
        mysql::needs_live_database(
            op, "strata looks up the constraint's type in the catalog; in --sql mode only a "
                "unique constraint (type_ = \"unique\": RENAME INDEX) or a primary key can be "
                "renamed");
      case ops::ConstraintType::kForeignKey:
      case ops::ConstraintType::kCheck:
        break;
    }
    mysql::needs_live_database(
        op, "MySQL cannot rename a " +
                std::string(op.type == ops::ConstraintType::kCheck ? "check constraint"
                                                                   : "foreign key") +
                ", so strata reads its definition from the catalog and drops and re-adds it "
                "under the new name; there is no offline form");
  }

  std::vector<std::string> operator()(const ops::CreateIndex& op) const {
    const model::Index& index = op.index;
    if (index.where) mysql::unsupported(op, "a partial index (where " + *index.where + ")");
    if (!index.include.empty()) {
      mysql::unsupported(op, "an index with include columns", "InnoDB has no covering columns");
    }
    for (const model::IndexElement& element : index.elements) {
      if (element.is_expression) {
        mysql::unsupported(op, "an index expression (" + element.text + ")",
                           "MariaDB has no functional indexes: index a generated column instead");
      }
    }
    // `concurrently` is PostgreSQL's: InnoDB builds indexes online anyway.
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

  std::vector<std::string> operator()(const ops::RenameIndex& op) const {
    if (!op.table) {
      throw Error(ErrorCode::kScript,
                  "rename_index '" + op.old_name + "' needs the table name on MySQL/MariaDB");
    }
    return {d_.alter_table(op.schema, *op.table) + " RENAME INDEX " + d_.quote(op.old_name) +
            " TO " + d_.quote(op.new_name)};
  }

  std::vector<std::string> operator()(const ops::RenameTable& op) const {
    return {"RENAME TABLE " + d_.qualify(op.schema, op.old_name) + " TO " +
            d_.qualify(op.schema, op.new_name)};
  }

  std::vector<std::string> operator()(const ops::MoveTable& op) const {
    return mysql::move_table(d_, op);
  }

  std::vector<std::string> operator()(const ops::SetTableComment& op) const {
    return {d_.alter_table(op.schema, op.table) + " COMMENT = " +
            d_.literal(op.comment.value_or(""))};
  }

  // MariaDB's sequences (10.3+); MySQL 8 has none and refuses the statement.
  // Options in SQLAlchemy's order.
  std::vector<std::string> operator()(const ops::CreateSequence& op) const {
    std::string sql = std::string("CREATE SEQUENCE ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
                      d_.qualify(op.schema, op.name);
    if (op.increment) sql += " INCREMENT BY " + std::to_string(*op.increment);
    if (op.start) sql += " START WITH " + std::to_string(*op.start);
    if (op.minvalue) sql += " MINVALUE " + std::to_string(*op.minvalue);
    if (op.maxvalue) sql += " MAXVALUE " + std::to_string(*op.maxvalue);
    if (op.cache) sql += " CACHE " + std::to_string(*op.cache);
    if (op.cycle) sql += " CYCLE";
    return {sql};
  }

  std::vector<std::string> operator()(const ops::DropSequence& op) const {
    return {std::string("DROP SEQUENCE ") + (op.if_exists ? "IF EXISTS " : "") +
            d_.qualify(op.schema, op.name)};
  }

  // MariaDB's ALTER SEQUENCE (10.3+), which spells cycling off NOCYCLE.
  std::vector<std::string> operator()(const ops::AlterSequence& op) const {
    return common::alter_sequence_sql(d_, op, "NOCYCLE");
  }

  std::vector<std::string> operator()(const ops::CreateEnum& op) const { no_enums(op); }
  std::vector<std::string> operator()(const ops::DropEnum& op) const { no_enums(op); }
  std::vector<std::string> operator()(const ops::AlterEnum& op) const { no_enums(op); }

  std::vector<std::string> operator()(const ops::BulkInsert& op) const {
    return mysql::bulk_insert(d_, op);
  }

  std::vector<std::string> operator()(const ops::BatchAlterTable& op) const {
    return common::render_batch(d_, op);
  }

  // The runtime ends and resumes the transaction around autocommit blocks.
  std::vector<std::string> operator()(const ops::AutocommitBegin&) const { return {}; }
  std::vector<std::string> operator()(const ops::AutocommitEnd&) const { return {}; }
  // Constraints are checked when added (NOT VALID does not exist here).
  std::vector<std::string> operator()(const ops::ValidateConstraint&) const { return {}; }

 private:
  [[noreturn]] static void no_enums(const ops::Op& op) {
    throw Error(ErrorCode::kScript, ops::describe(op) +
                                        ": mysql has no enum types; use a CHECK or an "
                                        "ENUM(...) column type");
  }

  // An identity is AUTO_INCREMENT: it cannot refuse explicit values (no
  // `always`) and takes no sequence options but its start.
  static void check_identity(const ops::Op& op, const model::Column& column) {
    if (!column.identity) return;
    const model::Identity& identity = *column.identity;
    if (identity.always) {
      mysql::unsupported(op, "identity always (column " + column.name + ")",
                         "AUTO_INCREMENT accepts explicit values: use identity = \"by_default\"");
    }
    if (identity.increment || identity.minvalue || identity.maxvalue || identity.cache ||
        identity.cycle) {
      mysql::unsupported(op, "identity options other than start (column " + column.name + ")",
                         "AUTO_INCREMENT has none");
    }
    if (column.server_default) {
      mysql::unsupported(op, "a server_default on an identity column (" + column.name + ")");
    }
  }

  const MysqlDialect& d_;
};

}  // namespace

std::string MysqlDialect::quote(std::string_view identifier) const {
  if (!common::needs_quoting(identifier)) return std::string(identifier);
  return text::quote_with(identifier, '`', '`');
}

std::string MysqlDialect::literal(std::string_view value) const {
  std::string out = "'";
  for (char c : value) {
    if (c == '\0') {
      out += "\\0";  // a raw NUL would end the statement text for many clients
      continue;
    }
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
  if (!column.nullable || in_primary_key || column.identity) out += " NOT NULL";
  if (autoincrement || column.identity) out += " AUTO_INCREMENT";
  if (column.server_default) out += " DEFAULT " + default_sql(*column.server_default);
  if (column.comment) out += " COMMENT " + literal(*column.comment);
  return out;
}

std::string MysqlDialect::default_sql(const model::ServerDefault& def) const {
  return def.is_expression ? def.value : literal(def.value);
}

std::string MysqlDialect::alter_table(const std::optional<std::string>& schema,
                                      std::string_view table) const {
  return "ALTER TABLE " + qualify(schema, table);
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

}  // namespace strata::dialect::mysql
