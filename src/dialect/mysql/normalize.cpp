// MysqlNormalizer (contract: dialect/normalizer.h).
//
//  - type_key: the type's text (a neutral kind as MysqlDialect renders it, a
//    raw type, or for a reflected kRaw column its COLUMN_TYPE) folded by
//    mysql::fold_type: int / integer / int(11) are "int", bool / boolean /
//    tinyint(1) "boolean", NUMERIC(10, 2) "decimal(10,2)", VARCHAR(20)
//    "varchar(20)", FLOAT(30) "double", ... A reflected Json column (MariaDB:
//    longtext with its json_valid check) keys as "json" through its kind.
//  - default_key: nullopt without a default or for NULL; see
//    common::sqltok::default_value_key — the class is boolean for "boolean", number
//    for the integer, decimal, float and double keys (MariaDB reports 0 and
//    1.50 bare and '0' quoted on a varchar), other otherwise. Expressions
//    are keyed with mysql::key_options(), so CURRENT_TIMESTAMP, now() and
//    MariaDB's current_timestamp() are one key.
//  - expression_key: sql_key with mysql::key_options(): what MariaDB
//    rewrites when it stores a CHECK clause does not count — `quoted` names,
//    lcase(), length() -> octet_length(), != -> <>, NOT (a = b) -> a <> b,
//    _utf8mb4'x' -> 'x', TRUE -> 1, 007 -> 7, 'it\'s' escapes, extra
//    parentheses (the full list: mysql::key_options in types.h).
//  - is_autoincrement: a reflected column (reflected_type set) is what the
//    catalog says (autoincrement == true: EXTRA auto_increment). A model
//    column follows common::is_autoincrement, which MysqlDialect renders as
//    AUTO_INCREMENT: integer kind, no server default, autoincrement not
//    false, and the sole primary key column (or autoincrement == true).
#include "dialect/mysql/normalize.h"

#include "dialect/common/render_common.h"
#include "dialect/mysql/dialect.h"
#include "dialect/mysql/types.h"

namespace strata::dialect::mysql {
namespace {

using Kind = model::Type::Kind;

std::string type_text(const model::Column& column) {
  if (column.type.kind == Kind::kRaw && column.type.raw.empty()) return column.reflected_type;
  static const MysqlDialect dialect;
  return dialect.render_type(column.type);
}

}  // namespace

std::string MysqlNormalizer::type_key(const model::Column& column) const {
  return fold_type(type_text(column));
}

std::optional<std::string> MysqlNormalizer::default_key(const model::Column& column) const {
  if (!column.server_default) return std::nullopt;
  const std::string type = type_key(column);
  common::sqltok::DefaultClass cls = common::sqltok::DefaultClass::kOther;
  if (type == "boolean") {
    cls = common::sqltok::DefaultClass::kBoolean;
  } else if (type.rfind("int", 0) == 0 || type.rfind("bigint", 0) == 0 ||
             type.rfind("smallint", 0) == 0 || type.rfind("mediumint", 0) == 0 ||
             type.rfind("tinyint", 0) == 0 || type.rfind("decimal", 0) == 0 ||
             type.rfind("float", 0) == 0 || type.rfind("double", 0) == 0) {
    cls = common::sqltok::DefaultClass::kNumber;
  }
  return common::sqltok::default_value_key(*column.server_default, cls, key_options());
}

std::string MysqlNormalizer::expression_key(std::string_view sql) const {
  return common::sqltok::sql_key(sql, key_options());
}

bool MysqlNormalizer::is_autoincrement(const model::Column& column, bool sole_pk) const {
  if (!column.reflected_type.empty()) return column.autoincrement.value_or(false);
  if (!common::is_integer(column.type) || column.server_default) return false;
  if (column.autoincrement.has_value()) return *column.autoincrement;
  return sole_pk;
}

}  // namespace strata::dialect::mysql
