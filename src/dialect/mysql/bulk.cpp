// MySQL dialect: bulk_insert and its reverse (render_parts.h).
#include <map>
#include <variant>

#include "dialect/mysql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

using Kind = model::Type::Kind;

// FLOAT without a precision, or FLOAT(p) with p <= 24, is single precision
// in MySQL: a double literal never equals the stored value.
bool single_precision(const std::optional<model::Type>& type) {
  return type && type->kind == Kind::kFloat && (!type->precision || *type->precision <= 24);
}

// common::value_literal with booleans as 1 / 0 and the text of a LargeBinary
// column as a hex literal (binary-safe: NUL bytes and all).
std::string value_sql(const MysqlDialect& d, const ops::Value& value,
                      const std::optional<model::Type>& type) {
  const std::string* text = std::get_if<std::string>(&value);
  if (text == nullptr || !type || type->kind != Kind::kLargeBinary) {
    return common::value_literal(d, value, type, "1", "0");
  }
  static const char* const kHex = "0123456789ABCDEF";
  std::string out = "X'";
  for (unsigned char c : *text) {
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out + "'";
}

// The reverse: each distinct row, in first-listed order, deleted as often as
// it is listed — exactly the rows the insert added, not other equal rows:
//   DELETE FROM t WHERE c1 <=> v1 AND c2 <=> v2 LIMIT <count>
// (<=> is MySQL's NULL-safe equality).
std::vector<std::string> delete_rows(const MysqlDialect& d, const ops::BulkInsert& op) {
  common::check_bulk_shape(op);
  std::vector<std::string> order;
  std::map<std::string, size_t> count;
  for (const std::vector<ops::Value>& row : op.rows) {
    std::vector<std::string> parts;
    for (size_t c = 0; c < row.size(); ++c) {
      const std::optional<model::Type> type = op.types.empty() ? std::nullopt : op.types[c];
      std::string v = value_sql(d, row[c], type);
      if (std::holds_alternative<double>(row[c]) && single_precision(type)) {
        v = "CAST(" + v + " AS FLOAT)";
      }
      parts.push_back(d.quote(op.columns[c]) + " <=> " + v);
    }
    std::string predicate = common::join(parts, " AND ");
    if (count[predicate]++ == 0) order.push_back(predicate);
  }
  const std::string table = d.qualify(op.schema, op.table);
  std::vector<std::string> out;
  for (const std::string& predicate : order) {
    out.push_back("DELETE FROM " + table + " WHERE " + predicate + " LIMIT " +
                  std::to_string(count[predicate]));
  }
  return out;
}

}  // namespace

std::vector<std::string> bulk_insert(const MysqlDialect& d, const ops::BulkInsert& op) {
  if (op.rows.empty()) return {};
  if (op.delete_rows) return delete_rows(d, op);
  auto literal = [&d](const ops::Value& value, const std::optional<model::Type>& type) {
    return value_sql(d, value, type);
  };
  return common::bulk_rows_sql(d, op, literal);
}

}  // namespace strata::dialect::mysql
