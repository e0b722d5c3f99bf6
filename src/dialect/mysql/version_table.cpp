// MySQL/MariaDB's version/history table statements (see Dialect and
// runtime/version_store.h).
#include "dialect/mysql/dialect.h"

namespace strata::dialect::mysql {

std::vector<std::string> MysqlDialect::table_exists_queries(
    const std::optional<std::string>& schema, std::string_view table) const {
  return {"SELECT count(*) FROM information_schema.tables WHERE table_schema = COALESCE(" +
          (schema ? literal(*schema) : std::string("NULL")) +
          ", DATABASE()) AND table_name = " + literal(table)};
}

std::vector<std::string> MysqlDialect::create_history_table(const VersionTableName& vt,
                                                            std::string_view table) const {
  return {"CREATE TABLE IF NOT EXISTS " + qualify(vt.schema, table) +
          " (\n    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, \n"
          "    revision VARCHAR(32) NOT NULL, \n    direction VARCHAR(10) NOT NULL, \n"
          "    checksum CHAR(64) NULL, \n    applied_at TIMESTAMP NULL, \n"
          "    applied_by VARCHAR(255) NULL, \n    duration_ms BIGINT NULL, \n"
          "    strata_version VARCHAR(32) NULL, \n    success BOOLEAN NOT NULL, \n"
          "    statements_done INTEGER NULL, \n    error TEXT NULL\n)"};
}

std::string MysqlDialect::applied_by_sql(std::string_view) const { return "USER()"; }

}  // namespace strata::dialect::mysql
