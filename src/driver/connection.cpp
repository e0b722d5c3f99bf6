// connect(): pick the live driver for a URL's dialect.
#include "driver/connection.h"

#include <memory>

#include "config/config.h"
#include "driver/mysql_connection.h"
#include "driver/postgres_connection.h"
#include "driver/sqlite_connection.h"
#include "strata/error.h"

namespace strata::driver {

std::unique_ptr<Connection> connect(const config::Url& url, bool create) {
  if (url.dialect == "postgresql") return std::make_unique<PostgresConnection>(url);
  if (url.dialect == "mysql") return std::make_unique<MysqlConnection>(url);
  if (url.dialect == "sqlite") return std::make_unique<SqliteConnection>(url.database, create);
  if (url.dialect == "mssql") {
    throw Error(ErrorCode::kConfig, "no live driver for mssql yet; use --sql to render T-SQL");
  }
  throw Error(ErrorCode::kConfig, "no live driver for " + url.dialect +
                                      " yet; use --sql to render the SQL offline");
}

}  // namespace strata::driver
