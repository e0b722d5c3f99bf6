// MysqlDialect: MySQL 8 and MariaDB 10.5+ (URLs mysql:// and mariadb://).
//
// Contract:
//  - Identifiers are back-quoted only when they need it (common::needs_quoting),
//    embedded backquotes doubled; string literals double ' and escape \ (the
//    server's default sql_mode treats backslash as an escape).
//  - Types follow SQLAlchemy's MySQL names: VARCHAR(n) (a String needs a
//    length), BOOL, DATETIME (a timezone flag is dropped: MySQL has no zoned
//    DATETIME), BLOB, JSON, CHAR(32) for UUID. An autoincrement integer key
//    column (common::is_autoincrement) gets AUTO_INCREMENT.
//  - A schema is a database: create_schema / drop_schema render CREATE /
//    DROP DATABASE (DROP DATABASE always drops what the database holds, so
//    `cascade` changes nothing). Table and column comments are inline
//    (COMMENT = '...' after the table body, COMMENT '...' per column).
//  - Not expressible (Error(kScript)): String without length, partial
//    indexes (`where`), INCLUDE columns, index expressions (MariaDB has no
//    functional key parts), DEFERRABLE / INITIALLY on foreign keys,
//    drop_index without its table.
//  - DDL is not transactional: each DDL statement commits implicitly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"

namespace strata::dialect {

class MysqlDialect : public Dialect {
 public:
  std::string_view name() const override { return "mysql"; }
  std::string quote(std::string_view identifier) const override;
  std::string literal(std::string_view value) const override;
  std::string render_type(const model::Type& type) const override;
  std::vector<std::string> render(const ops::Op& op) const override;
  bool transactional_ddl() const override { return false; }
  std::string begin_transaction_sql() const override { return "START TRANSACTION"; }
  std::vector<std::string> create_version_table(const VersionTableName& vt) const override;

  // "<name> <type> [NOT NULL] [AUTO_INCREMENT] [DEFAULT d] [COMMENT '...']".
  std::string column_spec(const model::Column& column, bool in_primary_key,
                          bool autoincrement) const;
};

}  // namespace strata::dialect
