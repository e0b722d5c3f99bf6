// SQLite's version/history table statements (see Dialect and
// runtime/version_store.h). A schema is an attached file: the table exists
// when the schema is attached and its sqlite_master names the table.
#include "dialect/sqlite/dialect.h"

namespace strata::dialect::sqlite {

std::vector<std::string> SqliteDialect::table_exists_queries(
    const std::optional<std::string>& schema, std::string_view table) const {
  const std::string name = schema.value_or("main");
  return {"SELECT count(*) FROM pragma_database_list WHERE name = " + literal(name),
          "SELECT count(*) FROM " + quote(name) + ".sqlite_master WHERE type = 'table' AND name = " +
              literal(table)};
}

std::vector<std::string> SqliteDialect::create_history_table(const VersionTableName& vt,
                                                             std::string_view table) const {
  return {"CREATE TABLE IF NOT EXISTS " + qualify(vt.schema, table) +
          " (\n    id INTEGER NOT NULL PRIMARY KEY, \n"
          "    revision VARCHAR(32) NOT NULL, \n    direction VARCHAR(10) NOT NULL, \n"
          "    checksum CHAR(64), \n    applied_at TIMESTAMP, \n    applied_by VARCHAR(255), \n"
          "    duration_ms BIGINT, \n    strata_version VARCHAR(32), \n"
          "    success INTEGER NOT NULL, \n    statements_done INTEGER, \n    error TEXT\n)"};
}

}  // namespace strata::dialect::sqlite
