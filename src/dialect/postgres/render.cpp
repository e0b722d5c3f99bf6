#include "dialect/postgres/dialect.h"

#include <cctype>
#include <cmath>
#include <variant>

#include "dialect/postgres/alter_identity.h"
#include "dialect/postgres/enum_type.h"
#include "dialect/postgres/move_table.h"
#include "dialect/postgres/online.h"
#include "dialect/common/alter_sequence.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::postgres {
namespace {

using Kind = model::Type::Kind;

// Renders each op; one statement list per op.
class PostgresRenderer {
 public:
  explicit PostgresRenderer(const PostgresDialect& d) : d_(d) {}

  std::vector<std::string> operator()(const ops::Execute& op) const {
    return {common::execute_sql(op, d_.name())};
  }

  // With if_not_exists, a catalog check in a DO block instead of CREATE
  // SCHEMA IF NOT EXISTS: PostgreSQL checks the database-level CREATE
  // privilege before it looks whether the schema exists, so IF NOT EXISTS
  // fails for a role that may use (and create in) an existing schema but
  // not create schemas. The block works the same online and in --sql.
  std::vector<std::string> operator()(const ops::CreateSchema& op) const {
    const std::string create = "CREATE SCHEMA " + d_.quote(op.name);
    if (!op.if_not_exists) return {create};
    const std::string body = "\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = " +
                             d_.literal(op.name) + ") THEN\n    " + create +
                             ";\n  END IF;\nEND\n";
    return {"DO " + postgres_dollar_quote(body)};
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

  std::vector<std::string> operator()(const ops::AlterColumn& op) const {
    const std::string table = d_.qualify(op.schema, op.table);
    const std::string alter = "ALTER TABLE " + table + " ALTER COLUMN " + d_.quote(op.column);
    IdentityStatements identity = postgres_alter_identity(op, alter);
    std::vector<std::string> out = std::move(identity.before);
    if (op.type) {
      out.push_back(alter + " TYPE " + d_.render_type(*op.type) +
                    (op.using_expr ? " USING " + *op.using_expr : ""));
    } else if (op.using_expr) {
      throw Error(ErrorCode::kScript,
                  ops::describe(ops::Op(op)) + ": a USING expression needs the new type");
    }
    if (op.nullable && !*op.nullable && op.online) {
      for (std::string& sql : online_set_not_null(d_, op)) out.push_back(std::move(sql));
    } else if (op.nullable) {
      out.push_back(alter + (*op.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
    }
    if (op.server_default) {
      out.push_back(*op.server_default ? alter + " SET DEFAULT " + default_sql(**op.server_default)
                                       : alter + " DROP DEFAULT");
    }
    for (std::string& sql : identity.after) out.push_back(std::move(sql));
    if (op.comment) {
      out.push_back("COMMENT ON COLUMN " + table + "." + d_.quote(op.column) + " IS " +
                    (*op.comment ? d_.literal(**op.comment) : "NULL"));
    }
    if (op.new_column_name) {
      out.push_back(rename_column(op.schema, op.table, op.column, *op.new_column_name));
    }
    return out;
  }

  std::vector<std::string> operator()(const ops::RenameColumn& op) const {
    return {rename_column(op.schema, op.table, op.old_name, op.new_name)};
  }

  std::vector<std::string> operator()(const ops::AddConstraint& op) const {
    auto referent = [this](const model::ForeignKey& fk) {
      return d_.qualify(fk.ref_schema, fk.ref_table);
    };
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " ADD " +
            common::constraint_clause(d_, op.constraint, referent) + not_valid_suffix(op)};
  }

  std::vector<std::string> operator()(const ops::ValidateConstraint& op) const {
    return {validate_constraint_sql(d_, op)};
  }

  std::vector<std::string> operator()(const ops::DropConstraint& op) const {
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " DROP CONSTRAINT " +
            (op.if_exists ? "IF EXISTS " : "") + d_.quote(op.name)};
  }

  std::vector<std::string> operator()(const ops::RenameConstraint& op) const {
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " RENAME CONSTRAINT " +
            d_.quote(op.old_name) + " TO " + d_.quote(op.new_name)};
  }

  std::vector<std::string> operator()(const ops::CreateIndex& op) const {
    const model::Index& index = op.index;
    std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      (op.concurrently ? "CONCURRENTLY " : "") +
                      (op.if_not_exists ? "IF NOT EXISTS " : "") + d_.quote(index.name) + " ON " +
                      d_.qualify(index.schema, index.table) + " " +
                      (index.method ? "USING " + *index.method + " " : "") +
                      common::index_elements(d_, index, true);
    if (!index.include.empty()) sql += " INCLUDE (" + common::quoted_list(d_, index.include) + ")";
    if (index.where) sql += " WHERE " + *index.where;
    return {sql};
  }

  std::vector<std::string> operator()(const ops::DropIndex& op) const {
    if (!op.concurrently) return {common::drop_index_sql(d_, op)};
    return {std::string("DROP INDEX CONCURRENTLY ") + (op.if_exists ? "IF EXISTS " : "") +
            d_.qualify(op.schema, op.name)};
  }

  std::vector<std::string> operator()(const ops::RenameIndex& op) const {
    return {"ALTER INDEX " + d_.qualify(op.schema, op.old_name) + " RENAME TO " +
            d_.quote(op.new_name)};
  }

  std::vector<std::string> operator()(const ops::RenameTable& op) const {
    return {common::rename_table_sql(d_, op)};
  }

  std::vector<std::string> operator()(const ops::MoveTable& op) const {
    return postgres_move_table(d_, op);
  }

  std::vector<std::string> operator()(const ops::SetTableComment& op) const {
    return {"COMMENT ON TABLE " + d_.qualify(op.schema, op.table) + " IS " +
            (op.comment ? d_.literal(*op.comment) : "NULL")};
  }

  std::vector<std::string> operator()(const ops::CreateSequence& op) const {
    std::string sql = std::string("CREATE SEQUENCE ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
                      d_.qualify(op.schema, op.name);
    auto option = [&sql](const char* keyword, const std::optional<long long>& value) {
      if (value) sql += " " + std::string(keyword) + " " + std::to_string(*value);
    };
    option("INCREMENT BY", op.increment);
    option("MINVALUE", op.minvalue);
    option("MAXVALUE", op.maxvalue);
    option("START WITH", op.start);
    option("CACHE", op.cache);
    if (op.cycle) sql += " CYCLE";
    return {sql};
  }

  std::vector<std::string> operator()(const ops::DropSequence& op) const {
    return {std::string("DROP SEQUENCE ") + (op.if_exists ? "IF EXISTS " : "") +
            d_.qualify(op.schema, op.name)};
  }

  std::vector<std::string> operator()(const ops::AlterSequence& op) const {
    return common::alter_sequence_sql(d_, op);
  }

  std::vector<std::string> operator()(const ops::CreateEnum& op) const {
    return postgres_create_enum(d_, op);
  }
  std::vector<std::string> operator()(const ops::DropEnum& op) const {
    return postgres_drop_enum(d_, op);
  }
  std::vector<std::string> operator()(const ops::AlterEnum& op) const {
    return postgres_alter_enum(d_, op);
  }

  std::vector<std::string> operator()(const ops::BulkInsert& op) const {
    if (op.rows.empty()) return {};
    common::check_bulk_shape(op);
    refuse_nul_text(op);
    if (op.delete_rows) {
      // (tableoid, ctid): a ctid alone repeats across the partitions (and
      // inheritance children) a DELETE of the parent reaches. Newest first:
      // the youngest inserting transaction (age(xmin)), then the later
      // place in the heap.
      auto compare = [this](const std::string& column, const ops::Value& value,
                            const std::optional<model::Type>& type) {
        return comparison(column, value, type);
      };
      return common::delete_rows_by_identity(d_.qualify(op.schema, op.table),
                                             {"tableoid", "ctid"}, "age(xmin), ctid DESC",
                                             common::bulk_row_matches(d_, op, compare));
    }
    return common::bulk_rows_sql(
        d_, op, [this](const ops::Value& value, const std::optional<model::Type>& type) {
          return value_literal(value, type);
        });
  }

  std::vector<std::string> operator()(const ops::BatchAlterTable& op) const {
    return common::render_batch(d_, op);
  }

  // The runtime's business (COMMIT before, BEGIN after); nothing to render.
  std::vector<std::string> operator()(const ops::AutocommitBegin&) const { return {}; }
  std::vector<std::string> operator()(const ops::AutocommitEnd&) const { return {}; }

 private:
  std::string default_sql(const model::ServerDefault& def) const {
    return def.is_expression ? def.value : d_.literal(def.value);
  }

  std::string rename_column(const std::optional<std::string>& schema, const std::string& table,
                            const std::string& from, const std::string& to) const {
    return "ALTER TABLE " + d_.qualify(schema, table) + " RENAME COLUMN " + d_.quote(from) +
           " TO " + d_.quote(to);
  }

  // Values as common::value_literal writes them, plus PostgreSQL's float
  // specials as strings the target column's type reads ('NaN', 'Infinity'),
  // and the text of a LargeBinary column as bytea hex input ('\x00FF': its
  // bytes, NUL included).
  std::string value_literal(const ops::Value& value,
                            const std::optional<model::Type>& type) const {
    if (const double* f = std::get_if<double>(&value); f && !std::isfinite(*f)) {
      return std::isnan(*f) ? "'NaN'" : (*f > 0 ? "'Infinity'" : "'-Infinity'");
    }
    const std::string* text = std::get_if<std::string>(&value);
    if (text && is_binary(type)) {
      static const char kHex[] = "0123456789ABCDEF";
      std::string out = "'\\x";
      for (unsigned char c : *text) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
      return out + "'";
    }
    return common::value_literal(d_, value, type, "true", "false");
  }

  // The reverse of bulk_insert compares each value the way the insert stored
  // it: a JSON column as jsonb (json has no equality operator), a REAL
  // column with the value rounded to REAL (a double never equals it).
  // Without the column's type (bulk_insert's `types`): plain equality.
  std::string comparison(const std::string& column, const ops::Value& value,
                         const std::optional<model::Type>& type) const {
    const std::string v = value_literal(value, type);
    if (std::holds_alternative<std::string>(value) && is_json(type)) {
      return column + "::jsonb = " + v + "::jsonb";
    }
    if (std::holds_alternative<double>(value) && is_real(type)) {
      return column + " = CAST(" + v + " AS REAL)";
    }
    return column + " = " + v;
  }

  static std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }
  static bool is_binary(const std::optional<model::Type>& type) {
    return type && (type->kind == Kind::kLargeBinary ||
                    (type->kind == Kind::kRaw && lower(type->raw) == "bytea"));
  }
  static bool is_json(const std::optional<model::Type>& type) {
    return type && (type->kind == Kind::kJson ||
                    (type->kind == Kind::kRaw && lower(type->raw) == "json"));
  }
  // FLOAT(p) with p <= 24 is REAL (single precision); FLOAT alone is double.
  static bool is_real(const std::optional<model::Type>& type) {
    if (!type) return false;
    if (type->kind == Kind::kFloat) return type->precision && *type->precision <= 24;
    if (type->kind != Kind::kRaw) return false;
    const std::string raw = lower(type->raw);
    return raw == "real" || raw == "float4";
  }

  // PostgreSQL text cannot hold NUL bytes (bytea can: a LargeBinary column's
  // value is written as hex). Error(kScript) naming the row and column.
  static void refuse_nul_text(const ops::BulkInsert& op) {
    for (size_t r = 0; r < op.rows.size(); ++r) {
      for (size_t c = 0; c < op.columns.size(); ++c) {
        const std::string* text = std::get_if<std::string>(&op.rows[r][c]);
        if (!text || text->find('\0') == std::string::npos) continue;
        if (!op.types.empty() && is_binary(op.types[c])) continue;
        throw Error(ErrorCode::kScript,
                    "bulk_insert " + (op.schema ? *op.schema + "." : std::string()) + op.table +
                        ": row " + std::to_string(r + 1) + " column " + op.columns[c] +
                        ": PostgreSQL text cannot contain NUL bytes");
      }
    }
  }

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
  if (column.identity) return identity_column_spec(column);
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

std::string PostgresDialect::identity_column_spec(const model::Column& column) const {
  const model::Identity& identity = *column.identity;
  if (column.server_default) {
    throw Error(ErrorCode::kScript, "column " + column.name +
                                        ": an identity column cannot have a server_default");
  }
  return quote(column.name) + " " + render_type(column.type) + " " +
         postgres_identity_clause(identity) + " NOT NULL";
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
  // The schema only when missing (see the CreateSchema renderer).
  if (vt.schema) out = render(ops::CreateSchema{.name = *vt.schema, .if_not_exists = true});
  out.push_back(common::version_table_ddl(*this, vt, true));
  return out;
}

}  // namespace strata::dialect::postgres
