// MySQL/MariaDB types (the dialect's types file): a catalog COLUMN_TYPE as
// the neutral model::Type and a type text folded for comparison, with the
// other catalog column values read the same way (defaults, ON UPDATE, the
// key-part limit) and the comparison keys of expressions. Shared by the
// inspector (inspect.cpp) and MysqlNormalizer (normalize.cpp). Internal to
// the dialect.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dialect/common/sql_key.h"
#include "model/schema.h"

namespace strata::dialect::mysql {

// COLUMN_TYPE -> the neutral type whose MysqlDialect::render_type the server
// stores as exactly that text: int / int(11) -> Integer, bigint / bigint(20)
// -> BigInteger, smallint / smallint(6) -> SmallInteger, varchar(n) ->
// String(n), text -> Text, tinyint(1) -> Boolean, decimal(p,s) ->
// Numeric(p, s), float -> Float, date, datetime, time, blob -> LargeBinary,
// json -> Json (MySQL 8; MariaDB's longtext JSON is recognised by the
// inspector from its json_valid check). Anything else (char(32), double,
// longblob, int(10), unsigned, ...) is Kind::kRaw with the text.
model::Type type_from_column_type(std::string_view column_type);

// A type text folded for comparison: common::sqltok::type_text, then integer
// display widths dropped (int(11) -> int; integer -> int), tinyint(1) /
// bool / boolean -> boolean, numeric / dec / fixed / decimal -> decimal(p,s)
// with MySQL's defaults (10, 0), float(p) -> float (p <= 24) or double,
// real / double precision -> double, character varying / character -> varchar
// / char (char alone: char(1)).
std::string fold_type(std::string_view type);

// A catalog COLUMN_DEFAULT as a ServerDefault; nullopt for none (SQL NULL or
// the word NULL). MariaDB (10.2.7+) writes it as SQL: a quoted literal ('it''s',
// backslash escapes undone) is a literal, anything else (numbers,
// current_timestamp()) an expression. MySQL 8 writes bare values: with
// DEFAULT_GENERATED in `extra` (or CURRENT_TIMESTAMP) an expression — put in
// parentheses, as MySQL needs it restated, unless it is CURRENT_TIMESTAMP —
// else a literal. MysqlDialect::default_sql of the result restates the
// default as the server has it (column.cpp does).
std::optional<model::ServerDefault> default_from_catalog(
    const std::optional<std::string>& column_default, std::string_view extra, bool mariadb);

// The ON UPDATE expression of a COLUMNS.EXTRA ("on update
// current_timestamp()" on MariaDB, "DEFAULT_GENERATED on update
// CURRENT_TIMESTAMP" on MySQL 8): "current_timestamp()"; nullopt without.
std::optional<std::string> on_update_from_extra(std::string_view extra);

// The longest index key part, in bytes, a table's ENGINE / ROW_FORMAT allow
// (the server shortens a longer one to a prefix of that many bytes): InnoDB
// DYNAMIC / COMPRESSED 3072 (1536 / 768 with an 8k / 4k innodb_page_size),
// MyISAM 1000, Aria 2300 (MariaDB 10.11); 0 for anything else (InnoDB
// COMPACT / REDUNDANT refuse a longer key part rather than shorten it).
long long key_part_limit(std::string_view engine, std::string_view row_format,
                         long long innodb_page_size);

// sql_key options for MySQL/MariaDB text — the rewrites MariaDB 10.11
// applies when it stores a CHECK clause (probed in
// tests/integration/mysql_inspect_test.cpp, MariadbCheckRewritesKeyEqual):
// lcase / ucase -> lower / upper, length -> octet_length, character_length
// -> char_length, substring -> substr; now / localtime / localtimestamp ->
// current_timestamp, curdate / curtime -> current_date / current_time, and
// those niladic functions' "()" dropped; strings with backslash escapes
// ("..." is a string too); % -> mod, || -> or, && -> and, ! -> not;
// true / false -> 1 / 0; charset introducers dropped; numbers without
// leading zeros; NOT (a = b) -> a <> b and the other folded negations (see
// sql_key.h).
const common::sqltok::KeyOptions& key_options();

}  // namespace strata::dialect::mysql
