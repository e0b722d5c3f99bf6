// SqliteNormalizer (contract: dialect/normalizer.h).
//
// SQLite keeps declared types, defaults and CHECK / index text as written,
// and decides storage by type affinity; the keys follow that:
//  - type_key: the type's text (a neutral kind as SqliteDialect renders it, a
//    raw type or the reflected declared type), lower-cased with single spaces
//    and no spaces inside parentheses, then aliases folded: every integer
//    spelling (int, integer, bigint, smallint, tinyint, mediumint, int2,
//    int8, with or without a display width) is "integer" — SQLite stores them
//    all as 64-bit integers, and SqliteDialect renders an auto-increment
//    BigInteger key as INTEGER; bool / boolean -> "boolean"; character
//    varying(n) -> varchar(n); decimal -> numeric; real / double / double
//    precision / float(p) -> "real". Anything else is kept.
//  - default_key: nullopt without a default or for NULL. A literal and an
//    expression that is one string literal are the same value; outer
//    parentheses are dropped (SqliteDialect renders DEFAULT (expr), PRAGMA
//    reports expr). On a boolean column true / 1 / 'true' / '1' are "1" and
//    false / 0 / 'false' / '0' are "0"; on an integer, numeric or real column
//    a number, quoted or not, is the number without a '+', trailing
//    fraction zeros or a trailing '.'; on other columns a number is the
//    string of its digits. Other expressions: "expr:" + expression_key.
//  - expression_key: sql_key (dialect/common/sql_key.h) without aliases.
//  - is_autoincrement: whether the column is SQLite-assigned — the rowid
//    alias (sole key column whose type is INTEGER) or AUTOINCREMENT. A model
//    column: sole_pk and either rendered as the auto-increment INTEGER
//    (common::is_autoincrement's rule: integer kind, no default,
//    autoincrement not false) or its type renders as INTEGER anyway. A
//    reflected column: autoincrement true, or sole_pk with the declared type
//    INTEGER. (SqliteDialect never writes the AUTOINCREMENT keyword, so
//    autoincrement = true alone cannot be told from the plain rowid alias.)
#include "dialect/sqlite/normalize.h"

#include <cctype>
#include <regex>

#include "dialect/common/render_common.h"
#include "dialect/sqlite/dialect.h"
#include "dialect/common/sql_key.h"

namespace strata::dialect::sqlite {
namespace {

using Kind = model::Type::Kind;

std::string rendered_type(const model::Column& column) {
  if (column.type.kind == Kind::kRaw && column.type.raw.empty()) return column.reflected_type;
  static const SqliteDialect dialect("");
  return dialect.render_type(column.type);
}

std::string folded_type(std::string text) {
  text = common::sqltok::type_text(text);
  static const std::regex integer(
      R"((int|integer|bigint|smallint|tinyint|mediumint|int2|int8|unsigned big int)(\(\d+\))?)");
  static const std::regex real(R"((real|double|double precision|float)(\(\d+\))?)");
  static const std::regex varying(R"(character varying(\(\d+\))?)");
  static const std::regex decimal(R"(decimal(\(.*\))?)");
  std::smatch m;
  if (std::regex_match(text, integer)) return "integer";
  if (text == "bool" || text == "boolean") return "boolean";
  if (std::regex_match(text, real)) return "real";
  if (std::regex_match(text, m, varying)) return "varchar" + m[1].str();
  if (std::regex_match(text, m, decimal)) return "numeric" + m[1].str();
  return text;
}

}  // namespace

std::string SqliteNormalizer::type_key(const model::Column& column) const {
  return folded_type(rendered_type(column));
}

std::optional<std::string> SqliteNormalizer::default_key(const model::Column& column) const {
  if (!column.server_default) return std::nullopt;
  const std::string type = type_key(column);
  common::sqltok::DefaultClass cls = common::sqltok::DefaultClass::kOther;
  if (type == "boolean") {
    cls = common::sqltok::DefaultClass::kBoolean;
  } else if (type == "integer" || type == "real" || type.rfind("numeric", 0) == 0) {
    cls = common::sqltok::DefaultClass::kNumber;
  }
  return common::sqltok::default_value_key(*column.server_default, cls, {});
}

std::string SqliteNormalizer::expression_key(std::string_view sql) const {
  return common::sqltok::sql_key(sql);
}

bool SqliteNormalizer::is_autoincrement(const model::Column& column, bool sole_pk) const {
  if (!column.reflected_type.empty()) {
    return column.autoincrement.value_or(false) ||
           (sole_pk && common::sqltok::type_text(column.reflected_type) == "integer");
  }
  if (!sole_pk) return false;
  const bool autoincrement_integer = common::is_integer(column.type) && !column.server_default &&
                                     column.autoincrement.value_or(true);
  return autoincrement_integer || common::sqltok::type_text(rendered_type(column)) == "integer";
}

}  // namespace strata::dialect::sqlite
