#include "dialect/render_common.h"

#include <algorithm>
#include <cctype>

#include "strata/error.h"

namespace strata::dialect::common {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Upper-cases `value` and checks it against `allowed`; throws otherwise.
std::string keyword(std::string_view clause, const std::string& value,
                    const std::vector<std::string_view>& allowed) {
  std::string normalized = upper(value);
  if (std::find(allowed.begin(), allowed.end(), normalized) == allowed.end()) {
    throw Error(ErrorCode::kScript, "invalid " + std::string(clause) + " value '" + value + "'");
  }
  return normalized;
}

}  // namespace

bool is_integer(const model::Type& type) {
  using Kind = model::Type::Kind;
  return type.kind == Kind::kInteger || type.kind == Kind::kBigInteger ||
         type.kind == Kind::kSmallInteger;
}

std::vector<std::string> primary_key_columns(const model::Table& table) {
  std::vector<std::string> columns;
  if (table.primary_key) columns = table.primary_key->columns;
  for (const model::Column& column : table.columns) {
    if (column.primary_key &&
        std::find(columns.begin(), columns.end(), column.name) == columns.end()) {
      columns.push_back(column.name);
    }
  }
  return columns;
}

bool is_primary_key(const model::Table& table, std::string_view name) {
  std::vector<std::string> columns = primary_key_columns(table);
  return std::find(columns.begin(), columns.end(), name) != columns.end();
}

bool is_autoincrement(const model::Table& table, const model::Column& column) {
  if (!is_integer(column.type) || column.server_default) return false;
  if (column.autoincrement.has_value() && !*column.autoincrement) return false;
  std::vector<std::string> key = primary_key_columns(table);
  if (std::find(key.begin(), key.end(), column.name) == key.end()) return false;
  return key.size() == 1 || column.autoincrement.value_or(false);
}

std::string double_quote(std::string_view identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string numeric_type(const model::Type& type) {
  if (!type.precision) return "NUMERIC";
  if (!type.scale) return "NUMERIC(" + std::to_string(*type.precision) + ")";
  return "NUMERIC(" + std::to_string(*type.precision) + ", " + std::to_string(*type.scale) + ")";
}

std::string float_type(const model::Type& type) {
  return type.precision ? "FLOAT(" + std::to_string(*type.precision) + ")" : "FLOAT";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string quoted_list(const Dialect& dialect, const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  quoted.reserve(names.size());
  for (const std::string& name : names) quoted.push_back(dialect.quote(name));
  return join(quoted, ", ");
}

std::string constraint_prefix(const Dialect& dialect, const std::optional<std::string>& name) {
  return name ? "CONSTRAINT " + dialect.quote(*name) + " " : "";
}

std::string table_body(std::string_view head, const std::vector<std::string>& elements) {
  return std::string(head) + " (\n    " + join(elements, ", \n    ") + "\n)";
}

std::string fk_action(std::string_view clause, const std::string& value) {
  return keyword(clause, value, {"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"});
}

std::string foreign_key_clause(const Dialect& dialect, const model::ForeignKey& fk,
                               std::string_view referent) {
  std::string out = constraint_prefix(dialect, fk.name) + "FOREIGN KEY(" +
                    quoted_list(dialect, fk.columns) + ") REFERENCES " + std::string(referent);
  if (!fk.ref_columns.empty()) out += " (" + quoted_list(dialect, fk.ref_columns) + ")";
  if (fk.match) out += " MATCH " + keyword("match", *fk.match, {"FULL", "PARTIAL", "SIMPLE"});
  if (fk.ondelete) out += " ON DELETE " + fk_action("ondelete", *fk.ondelete);
  if (fk.onupdate) out += " ON UPDATE " + fk_action("onupdate", *fk.onupdate);
  if (fk.deferrable) out += *fk.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
  if (fk.initially) {
    out += " INITIALLY " + keyword("initially", *fk.initially, {"DEFERRED", "IMMEDIATE"});
  }
  return out;
}

std::vector<std::string> table_constraints(const Dialect& dialect, const model::Table& table,
                                           const ReferentFn& referent) {
  std::vector<std::string> out;
  std::vector<std::string> key = primary_key_columns(table);
  if (!key.empty()) {
    std::optional<std::string> name;
    if (table.primary_key) name = table.primary_key->name;
    out.push_back(constraint_prefix(dialect, name) + "PRIMARY KEY (" + quoted_list(dialect, key) +
                  ")");
  }
  for (const model::UniqueConstraint& unique : table.uniques) {
    out.push_back(constraint_prefix(dialect, unique.name) + "UNIQUE (" +
                  quoted_list(dialect, unique.columns) + ")");
  }
  for (const model::Column& column : table.columns) {
    if (column.unique) out.push_back("UNIQUE (" + dialect.quote(column.name) + ")");
  }
  for (const model::ForeignKey& fk : table.foreign_keys) {
    std::optional<std::string> target = referent(fk);
    if (target) out.push_back(foreign_key_clause(dialect, fk, *target));
  }
  for (const model::CheckConstraint& check : table.checks) {
    out.push_back(constraint_prefix(dialect, check.name) + "CHECK (" + check.sqltext + ")");
  }
  return out;
}

std::string index_elements(const Dialect& dialect, const model::Index& index) {
  if (index.elements.empty()) {
    throw Error(ErrorCode::kScript, "index '" + index.name + "' has no columns");
  }
  std::vector<std::string> parts;
  for (const model::IndexElement& element : index.elements) {
    parts.push_back(element.is_expression ? element.text : dialect.quote(element.text));
  }
  return "(" + join(parts, ", ") + ")";
}

std::string execute_sql(const ops::Execute& op, std::string_view dialect_name) {
  auto it = op.per_dialect.find(std::string(dialect_name));
  if (it != op.per_dialect.end()) return it->second;
  if (op.sql) return *op.sql;
  throw Error(ErrorCode::kScript,
              "op.execute has no SQL for dialect '" + std::string(dialect_name) + "'");
}

std::string version_table_ddl(const Dialect& dialect, const VersionTableName& vt,
                              bool if_not_exists) {
  std::string head = if_not_exists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ";
  head += dialect.qualify(vt.schema, vt.table);
  return table_body(head, {dialect.quote("version_num") + " VARCHAR(32) NOT NULL",
                           "CONSTRAINT " + dialect.quote(vt.table + "_pkc") + " PRIMARY KEY (" +
                               dialect.quote("version_num") + ")"});
}

}  // namespace strata::dialect::common
