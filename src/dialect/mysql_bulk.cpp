// MySQL dialect: bulk_insert and its reverse (mysql_render.h).
#include <charconv>
#include <cmath>
#include <map>
#include <variant>

#include "dialect/mysql_render.h"
#include "dialect/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

using Kind = model::Type::Kind;

// FLOAT without a precision, or FLOAT(p) with p <= 24, is single precision
// in MySQL: a double literal never equals the stored value.
bool single_precision(const std::optional<model::Type>& type) {
  return type && type->kind == Kind::kFloat && (!type->precision || *type->precision <= 24);
}

bool binary(const std::optional<model::Type>& type) {
  return type && type->kind == Kind::kLargeBinary;
}

class ValueSql {
 public:
  ValueSql(const MysqlDialect& d, const ops::BulkInsert& op, const std::optional<model::Type>& type)
      : d_(d), op_(op), type_(type) {}

  std::string operator()(std::monostate) const { return "NULL"; }
  std::string operator()(bool value) const { return value ? "1" : "0"; }
  std::string operator()(long long value) const { return std::to_string(value); }
  std::string operator()(double value) const {
    if (!std::isfinite(value)) {
      throw Error(ErrorCode::kScript,
                  ops::describe(op_) + ": MySQL/MariaDB cannot store NaN or infinity");
    }
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest round trip
    std::string text(buffer, end);
    // A bare integer spelling would be an exact (DECIMAL/integer) literal.
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
  }
  std::string operator()(const std::string& value) const {
    if (!binary(type_)) return d_.literal(value);
    static const char* const kHex = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char c : value) {
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
    return out + "'";
  }

 private:
  const MysqlDialect& d_;
  const ops::BulkInsert& op_;
  const std::optional<model::Type>& type_;
};

class RowSql {
 public:
  RowSql(const MysqlDialect& d, const ops::BulkInsert& op) : d_(d), op_(op) {
    if (op.columns.empty()) {
      throw Error(ErrorCode::kScript, ops::describe(op) + ": no columns");
    }
    if (!op.types.empty() && op.types.size() != op.columns.size()) {
      throw Error(ErrorCode::kScript, ops::describe(op) + ": " + std::to_string(op.types.size()) +
                                          " types for " + std::to_string(op.columns.size()) +
                                          " columns");
    }
  }

  // "(v1, v2, ...)".
  std::string values(const std::vector<ops::Value>& row) const {
    check(row);
    std::vector<std::string> parts;
    for (size_t i = 0; i < row.size(); ++i) parts.push_back(value(row, i));
    return "(" + common::join(parts, ", ") + ")";
  }

  // "c1 <=> v1 AND c2 <=> v2 ...".
  std::string predicate(const std::vector<ops::Value>& row) const {
    check(row);
    std::vector<std::string> parts;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string v = value(row, i);
      if (std::holds_alternative<double>(row[i]) && single_precision(type(i))) {
        v = "CAST(" + v + " AS FLOAT)";
      }
      parts.push_back(d_.quote(op_.columns[i]) + " <=> " + v);
    }
    return common::join(parts, " AND ");
  }

 private:
  void check(const std::vector<ops::Value>& row) const {
    if (row.size() != op_.columns.size()) {
      throw Error(ErrorCode::kScript, ops::describe(op_) + ": a row has " +
                                          std::to_string(row.size()) + " values for " +
                                          std::to_string(op_.columns.size()) + " columns");
    }
  }
  const std::optional<model::Type>& type(size_t i) const {
    static const std::optional<model::Type> kNone;
    return op_.types.empty() ? kNone : op_.types[i];
  }
  std::string value(const std::vector<ops::Value>& row, size_t i) const {
    return std::visit(ValueSql(d_, op_, type(i)), row[i]);
  }

  const MysqlDialect& d_;
  const ops::BulkInsert& op_;
};

}  // namespace

std::vector<std::string> bulk_insert(const MysqlDialect& d, const ops::BulkInsert& op) {
  if (op.rows.empty()) return {};
  RowSql rows(d, op);
  const std::string table = d.qualify(op.schema, op.table);
  std::vector<std::string> out;
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
      out.push_back("DELETE FROM " + table + " WHERE " + predicate + " LIMIT " +
                    std::to_string(count[predicate]));
    }
    return out;
  }
  const std::string head = "INSERT INTO " + table + " (" + common::quoted_list(d, op.columns) +
                           ") VALUES ";
  for (size_t first = 0; first < op.rows.size(); first += MysqlDialect::kRowsPerInsert) {
    std::vector<std::string> values;
    for (size_t i = first; i < op.rows.size() && i < first + MysqlDialect::kRowsPerInsert; ++i) {
      values.push_back(rows.values(op.rows[i]));
    }
    out.push_back(head + common::join(values, ", "));
  }
  return out;
}

}  // namespace strata::dialect::mysql
