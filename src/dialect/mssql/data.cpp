// SQL Server rendering of op.bulk_insert and of its reverse (delete_rows).
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <string_view>
#include <variant>

#include "dialect/mssql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mssql {
namespace {

using Kind = model::Type::Kind;

// FLOAT(p) with p <= 24 is REAL, single precision: a value compared with it
// must be rounded the same way the insert rounded it.
bool single_precision(const std::optional<model::Type>& type) {
  return type && type->kind == Kind::kFloat && type->precision && *type->precision <= 24;
}

// Would sqlcmd or SSMS read a line of `text` as the batch separator? They end
// a batch at a line that is GO (or GO <count>), even inside a string literal.
bool has_go_line(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    size_t i = line.find_first_not_of(" \t");
    if (i != std::string_view::npos && line.size() - i >= 2 && (line[i] | 0x20) == 'g' &&
        (line[i + 1] | 0x20) == 'o' &&
        (line.size() - i == 2 || !(std::isalpha(static_cast<unsigned char>(line[i + 2])) ||
                                   line[i + 2] == '_'))) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// Text as N'...'; text with a GO line without its line breaks, so the script
// keeps its batches: CAST(N'a' AS NVARCHAR(max)) + NCHAR(10) + N'GO' (the CAST
// keeps the concatenation from truncating at 4000 characters).
std::string text_sql(const MssqlDialect& d, const std::string& text) {
  if (!has_go_line(text)) return d.nliteral(text);
  std::string out, piece;
  auto flush = [&] {
    if (out.empty()) {
      out = "CAST(" + d.nliteral(piece) + " AS NVARCHAR(max))";
    } else if (!piece.empty()) {
      out += " + " + d.nliteral(piece);
    }
    piece.clear();
  };
  for (char c : text) {
    if (c != '\r' && c != '\n') {
      piece += c;
      continue;
    }
    flush();
    out += c == '\r' ? " + NCHAR(13)" : " + NCHAR(10)";
  }
  flush();
  return out;
}

// One value as a T-SQL literal for a column of `type` (unknown: nullopt).
class ValueSql {
 public:
  ValueSql(const MssqlDialect& d, const ops::BulkInsert& op, const std::optional<model::Type>& type)
      : d_(d), op_(op), type_(type) {}

  std::string operator()(std::monostate) const { return "NULL"; }
  std::string operator()(bool value) const { return value ? "1" : "0"; }
  std::string operator()(long long value) const { return std::to_string(value); }
  // The shortest spelling that reads back as the same double: a decimal
  // literal, converted to the column's type on insert and in comparisons
  // alike, or E notation for very large or small values.
  std::string operator()(double value) const {
    if (!std::isfinite(value)) unsupported(op_, "NaN or infinity as a value");
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
  }
  // Text is Unicode (text_sql); for a LargeBinary column its bytes (0x...).
  std::string operator()(const std::string& value) const {
    if (!type_ || type_->kind != Kind::kLargeBinary) return text_sql(d_, value);
    static const char* const kHex = "0123456789ABCDEF";
    std::string out = "0x";
    for (unsigned char c : value) {
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
    return out;
  }

 private:
  const MssqlDialect& d_;
  const ops::BulkInsert& op_;
  const std::optional<model::Type>& type_;
};

// The rows of one op: validated, rendered as a VALUES tuple or a predicate.
class RowSql {
 public:
  RowSql(const MssqlDialect& d, const ops::BulkInsert& op) : d_(d), op_(op) {
    if (op.columns.empty()) throw Error(ErrorCode::kScript, ops::describe(op) + ": no columns");
    if (!op.types.empty() && op.types.size() != op.columns.size()) {
      throw Error(ErrorCode::kScript, ops::describe(op) + ": " + std::to_string(op.types.size()) +
                                          " types for " + std::to_string(op.columns.size()) +
                                          " columns");
    }
    for (const std::vector<ops::Value>& row : op.rows) {
      if (row.size() != op.columns.size()) {
        throw Error(ErrorCode::kScript, ops::describe(op) + ": a row has " +
                                            std::to_string(row.size()) + " values for " +
                                            std::to_string(op.columns.size()) + " columns");
      }
    }
  }

  // "(v1, v2, ...)".
  std::string values(const std::vector<ops::Value>& row) const {
    std::vector<std::string> parts;
    for (size_t i = 0; i < row.size(); ++i) parts.push_back(value(row, i));
    return "(" + common::join(parts, ", ") + ")";
  }

  // "c1 = v1 AND c2 IS NULL ...": the row as it was inserted.
  std::string predicate(const std::vector<ops::Value>& row) const {
    std::vector<std::string> parts;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string column = d_.quote(op_.columns[i]);
      if (std::holds_alternative<std::monostate>(row[i])) {
        parts.push_back(column + " IS NULL");
        continue;
      }
      std::string v = value(row, i);
      if (std::holds_alternative<double>(row[i]) && single_precision(type(i))) {
        v = "CAST(" + v + " AS REAL)";
      }
      parts.push_back(column + " = " + v);
    }
    return common::join(parts, " AND ");
  }

 private:
  const std::optional<model::Type>& type(size_t i) const {
    static const std::optional<model::Type> kNone;
    return op_.types.empty() ? kNone : op_.types[i];
  }
  std::string value(const std::vector<ops::Value>& row, size_t i) const {
    return std::visit(ValueSql(d_, op_, type(i)), row[i]);
  }

  const MssqlDialect& d_;
  const ops::BulkInsert& op_;
};

}  // namespace

Statements render_op(const MssqlDialect& d, const ops::BulkInsert& op) {
  if (op.rows.empty()) return {};
  RowSql rows(d, op);
  const std::string table = d.qualify(op.schema, op.table);
  Statements out;
  if (op.delete_rows) {
    // Each distinct row, in first-listed order, deleted as often as listed:
    // exactly the rows the insert added, not other equal rows beyond that.
    std::vector<std::string> order;
    std::map<std::string, size_t> count;
    for (const std::vector<ops::Value>& row : op.rows) {
      std::string predicate = rows.predicate(row);
      if (count[predicate]++ == 0) order.push_back(predicate);
    }
    for (const std::string& predicate : order) {
      out.push_back("DELETE TOP (" + std::to_string(count[predicate]) + ") FROM " + table +
                    " WHERE " + predicate);
    }
    return out;
  }
  // Explicit values for an IDENTITY column need IDENTITY_INSERT (one table
  // per session at a time, so it is switched off again).
  std::vector<std::string> names;
  for (const std::string& column : op.columns) names.push_back(d.nliteral(column));
  const std::string has_identity =
      "EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = " +
      object_id(d, op.schema, op.table) + " AND name IN (" + common::join(names, ", ") + "))";
  out.push_back(d.guarded(has_identity, {"SET IDENTITY_INSERT " + table + " ON"}));
  const std::string head = "INSERT INTO " + table + " (" + common::quoted_list(d, op.columns) +
                           ") VALUES ";
  for (size_t first = 0; first < op.rows.size(); first += MssqlDialect::kRowsPerInsert) {
    std::vector<std::string> values;
    for (size_t i = first; i < op.rows.size() && i < first + MssqlDialect::kRowsPerInsert; ++i) {
      values.push_back(rows.values(op.rows[i]));
    }
    out.push_back(head + common::join(values, ", "));
  }
  out.push_back(d.guarded(has_identity, {"SET IDENTITY_INSERT " + table + " OFF"}));
  return out;
}

}  // namespace strata::dialect::mssql
