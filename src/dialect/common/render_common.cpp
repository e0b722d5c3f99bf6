#include "dialect/common/render_common.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <variant>
#include <string_view>
#include <unordered_set>

#include "common/text.h"
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
  for (const model::Column& c : table.columns) {
    if (c.identity) return false;
  }
  std::vector<std::string> key = primary_key_columns(table);
  if (std::find(key.begin(), key.end(), column.name) == key.end()) return false;
  return key.size() == 1 || column.autoincrement.value_or(false);
}

namespace {

// Reserved words of PostgreSQL, SQLite, SQL Server and MySQL (the union:
// quoting a word one dialect does not reserve is harmless).
const std::unordered_set<std::string_view>& reserved_words() {
  static const std::unordered_set<std::string_view> words = {
      "abort", "add", "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc",
      "asymmetric", "attach", "authorization", "autoincrement", "backup", "before", "begin",
      "between", "binary", "both", "break", "browse", "bulk", "by", "cascade", "case", "cast",
      "check", "checkpoint", "close", "clustered", "coalesce", "collate", "collation", "column",
      "commit", "compute", "concurrently", "conflict", "constraint", "contains", "continue",
      "convert", "create", "cross", "current", "current_catalog", "current_date", "current_role",
      "current_schema", "current_time", "current_timestamp", "current_user", "cursor",
      "database", "databases", "day", "dbcc", "deallocate", "declare", "default", "deferrable",
      "deferred", "delete", "deny", "desc", "describe", "detach", "disk", "distinct",
      "distributed", "do", "double", "drop", "dual", "dump", "each", "else", "elseif", "end",
      "errlvl", "escape", "except", "exclusive", "exec", "execute", "exists", "exit", "explain",
      "external", "false", "fetch", "file", "fillfactor", "for", "force", "foreign", "freeze",
      "freetext", "from", "full", "function", "glob", "goto", "grant", "group", "having",
      "holdlock", "identity", "identity_insert", "identitycol", "if", "ignore", "ilike",
      "immediate", "in", "index", "initially", "inner", "insert", "instead", "intersect", "interval",
      "into", "is", "isnull", "join", "key", "keys", "kill", "lateral", "leading", "left", "like",
      "limit", "lineno", "load", "localtime", "localtimestamp", "lock", "match", "merge",
      "national", "natural", "nocheck", "nonclustered", "not", "notnull", "null", "nullif", "of",
      "off", "offset", "offsets", "on", "only", "open", "opendatasource", "openquery",
      "openrowset", "openxml", "option", "or", "order", "outer", "over", "overlaps", "percent",
      "pivot", "placing", "plan", "pragma", "precision", "primary", "print", "proc", "procedure",
      "raise", "raiserror", "range", "read", "readtext", "reconfigure", "recursive",
      "references", "regexp", "reindex", "release", "rename", "replace", "replication",
      "restore", "restrict", "returning", "revert", "revoke", "right", "rollback", "row", "rowcount",
      "rowguidcol", "rows", "rule", "save", "schema", "securityaudit", "select", "session_user",
      "set", "setuser", "show", "shutdown", "similar", "some", "statistics", "symmetric",
      "system_user", "table", "tablesample", "temp", "temporary", "textsize", "then", "to", "top",
      "trailing", "tran", "transaction", "trigger", "true", "truncate", "try_convert", "tsequal",
      "union", "unique", "unpivot", "update", "updatetext", "usage", "use", "user", "using",
      "vacuum", "values", "variadic", "varying", "verbose", "view", "virtual", "waitfor", "when",
      "where", "while", "window", "with", "within", "without", "writetext",
  };
  return words;
}

}  // namespace

bool needs_quoting(std::string_view identifier) {
  if (identifier.empty()) return true;
  const char first = identifier.front();
  if (!((first >= 'a' && first <= 'z') || first == '_')) return true;
  for (char c : identifier) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return true;
  }
  return reserved_words().count(identifier) > 0;
}

std::string ansi_quote(std::string_view identifier) {
  return needs_quoting(identifier) ? double_quote(identifier) : std::string(identifier);
}

std::string drop_index_sql(const Dialect& dialect, const ops::DropIndex& op) {
  return std::string("DROP INDEX ") + (op.if_exists ? "IF EXISTS " : "") +
         dialect.qualify(op.schema, op.name);
}

std::string rename_table_sql(const Dialect& dialect, const ops::RenameTable& op) {
  return "ALTER TABLE " + dialect.qualify(op.schema, op.old_name) + " RENAME TO " +
         dialect.quote(op.new_name);
}

std::string double_quote(std::string_view identifier) { return text::double_quoted(identifier); }

std::optional<std::string> standard_type(const model::Type& type) {
  using Kind = model::Type::Kind;
  switch (type.kind) {
    case Kind::kInteger: return "INTEGER";
    case Kind::kBigInteger: return "BIGINT";
    case Kind::kSmallInteger: return "SMALLINT";
    case Kind::kString:
      return type.length ? "VARCHAR(" + std::to_string(*type.length) + ")" : "VARCHAR";
    case Kind::kText: return "TEXT";
    case Kind::kBoolean: return "BOOLEAN";
    case Kind::kNumeric: return numeric_type(type);
    case Kind::kFloat: return float_type(type);
    case Kind::kDate: return "DATE";
    case Kind::kJson: return "JSON";
    case Kind::kRaw: return type.raw;
    default: return std::nullopt;
  }
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

std::string index_elements(const Dialect& dialect, const model::Index& index,
                           bool with_opclasses) {
  if (index.elements.empty()) {
    throw Error(ErrorCode::kScript, "index '" + index.name + "' has no columns");
  }
  std::vector<std::string> parts;
  for (const model::IndexElement& element : index.elements) {
    std::string part = element.is_expression ? element.text : dialect.quote(element.text);
    if (with_opclasses && !element.opclass.empty()) part += " " + element.opclass;
    parts.push_back(std::move(part));
  }
  return "(" + join(parts, ", ") + ")";
}

std::vector<std::string> render_batch(const Dialect& dialect, const ops::BatchAlterTable& op) {
  std::vector<std::string> out;
  for (const ops::TableOp& inner : op.ops) {
    for (std::string& statement : dialect.render(ops::to_op(inner))) {
      out.push_back(std::move(statement));
    }
  }
  return out;
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

namespace {

[[noreturn]] void no_columns(std::string_view what, const std::optional<std::string>& name) {
  throw Error(ErrorCode::kScript,
              std::string(what) + " '" + name.value_or("(unnamed)") + "' has no columns");
}

struct ConstraintClause {
  const Dialect& d;
  const FkReferentFn& referent;

  std::string operator()(const model::PrimaryKey& pk) const {
    if (pk.columns.empty()) no_columns("primary key", pk.name);
    return constraint_prefix(d, pk.name) + "PRIMARY KEY (" + quoted_list(d, pk.columns) + ")";
  }
  std::string operator()(const model::UniqueConstraint& unique) const {
    if (unique.columns.empty()) no_columns("unique constraint", unique.name);
    return constraint_prefix(d, unique.name) + "UNIQUE (" + quoted_list(d, unique.columns) + ")";
  }
  std::string operator()(const model::CheckConstraint& check) const {
    return constraint_prefix(d, check.name) + "CHECK (" + check.sqltext + ")";
  }
  std::string operator()(const model::ForeignKey& fk) const {
    if (fk.columns.empty()) no_columns("foreign key", fk.name);
    return foreign_key_clause(d, fk, referent(fk));
  }
};

// Shortest round-trip text of a finite double, with '.' or an exponent.
std::string double_text(double value) {
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string out(buffer, end);
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

}  // namespace

std::string constraint_clause(const Dialect& dialect, const ops::Constraint& constraint,
                              const FkReferentFn& referent) {
  return std::visit(ConstraintClause{dialect, referent}, constraint);
}

std::string value_literal(const Dialect& dialect, const ops::Value& value,
                          const std::optional<model::Type>& type, std::string_view true_sql,
                          std::string_view false_sql) {
  const bool boolean_column = type && type->kind == model::Type::Kind::kBoolean;
  if (std::holds_alternative<std::monostate>(value)) return "NULL";
  if (const bool* b = std::get_if<bool>(&value)) return std::string(*b ? true_sql : false_sql);
  if (const long long* i = std::get_if<long long>(&value)) {
    if (boolean_column && (*i == 0 || *i == 1)) return std::string(*i ? true_sql : false_sql);
    return std::to_string(*i);
  }
  if (const double* f = std::get_if<double>(&value)) {
    if (!std::isfinite(*f)) {
      throw Error(ErrorCode::kScript, "bulk_insert: the value " + std::string(std::isnan(*f) ? "NaN" : "infinity") +
                                          " has no literal on " + std::string(dialect.name()));
    }
    return double_text(*f);
  }
  return dialect.literal(std::get<std::string>(value));
}

void check_bulk_shape(const ops::BulkInsert& op) {
  const std::string what = ops::describe(ops::Op(op));
  if (op.columns.empty()) throw Error(ErrorCode::kScript, what + ": no columns");
  if (!op.types.empty() && op.types.size() != op.columns.size()) {
    throw Error(ErrorCode::kScript, what + ": " + std::to_string(op.types.size()) +
                                        " types for " + std::to_string(op.columns.size()) +
                                        " columns");
  }
  for (size_t r = 0; r < op.rows.size(); ++r) {
    if (op.rows[r].size() != op.columns.size()) {
      throw Error(ErrorCode::kScript, what + ": row " + std::to_string(r + 1) + " has " +
                                          std::to_string(op.rows[r].size()) + " values for " +
                                          std::to_string(op.columns.size()) + " columns");
    }
  }
}

std::vector<std::string> bulk_rows_sql(const Dialect& dialect, const ops::BulkInsert& op,
                                       const ValueLiteralFn& literal, std::size_t batch_rows) {
  if (op.delete_rows) {
    throw Error(ErrorCode::kInternal, "bulk_rows_sql renders inserts only");
  }
  if (op.rows.empty()) return {};
  check_bulk_shape(op);
  auto column_type = [&](size_t i) -> std::optional<model::Type> {
    return op.types.empty() ? std::nullopt : op.types[i];
  };
  const std::string table = dialect.qualify(op.schema, op.table);
  std::vector<std::string> out;
  for (size_t first = 0; first < op.rows.size(); first += batch_rows) {
    const size_t last = std::min(op.rows.size(), first + batch_rows);
    std::vector<std::string> rows;
    for (size_t r = first; r < last; ++r) {
      std::vector<std::string> parts;
      for (size_t c = 0; c < op.rows[r].size(); ++c) {
        parts.push_back(literal(op.rows[r][c], column_type(c)));
      }
      rows.push_back("(" + join(parts, ", ") + ")");
    }
    out.push_back("INSERT INTO " + table + " (" + quoted_list(dialect, op.columns) +
                  ") VALUES\n    " + join(rows, ",\n    "));
  }
  return out;
}

std::vector<RowMatch> bulk_row_matches(const Dialect& dialect, const ops::BulkInsert& op,
                                       const ComparisonFn& compare) {
  if (op.rows.empty()) return {};
  check_bulk_shape(op);
  std::vector<RowMatch> out;
  std::map<std::string, size_t> position;  // predicate → index into out
  for (const std::vector<ops::Value>& row : op.rows) {
    std::vector<std::string> parts;
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string column = dialect.quote(op.columns[c]);
      if (std::holds_alternative<std::monostate>(row[c])) {
        parts.push_back(column + " IS NULL");
      } else {
        parts.push_back(compare(column, row[c], op.types.empty() ? std::nullopt : op.types[c]));
      }
    }
    std::string predicate = join(parts, " AND ");
    auto [it, inserted] = position.emplace(predicate, out.size());
    if (inserted) out.push_back(RowMatch{std::move(predicate), 0});
    ++out[it->second].count;
  }
  return out;
}

std::vector<std::string> delete_rows_by_identity(const std::string& table,
                                                 const std::vector<std::string>& id_columns,
                                                 const std::string& newest_first,
                                                 const std::vector<RowMatch>& rows) {
  const std::string select = join(id_columns, ", ");
  const std::string id = id_columns.size() == 1 ? select : "(" + select + ")";
  std::vector<std::string> out;
  for (const RowMatch& row : rows) {
    out.push_back("DELETE FROM " + table + " WHERE " + id + " IN (SELECT " + select + " FROM " +
                  table + " WHERE " + row.predicate +
                  (newest_first.empty() ? "" : " ORDER BY " + newest_first) + " LIMIT " +
                  std::to_string(row.count) +
                  ")");
  }
  return out;
}

}  // namespace strata::dialect::common
