// inspect(): dispatch to the dialect's inspector (see inspect.h).
#include "inspect/inspect.h"

#include "dialect/mysql/inspect.h"
#include "dialect/postgres/inspect.h"
#include "dialect/sqlite/inspect.h"
#include "strata/error.h"

namespace strata::inspect {

model::Catalog inspect(driver::Connection& conn, std::string_view dialect,
                       const std::vector<std::string>& schemas, const Options& options) {
  if (dialect == "postgresql") {
    std::unique_ptr<driver::Connection> helper;
    if (options.open_connection && !conn.in_transaction()) {
      try {
        helper = options.open_connection();
      } catch (const Error&) {
        helper.reset();  // one connection is enough, only slower
      }
    }
    return dialect::postgres::inspect(conn, schemas, helper.get());
  }
  if (dialect == "sqlite") return dialect::sqlite::inspect(conn, schemas, options.generated_columns);
  if (dialect == "mysql") return dialect::mysql::inspect(conn, schemas, options.generated_columns);
  throw Error(ErrorCode::kConfig,
              "cannot inspect a " + std::string(dialect) + " database: it has no live connection here");
}

std::vector<std::string> list_schemas(driver::Connection& conn, std::string_view dialect) {
  std::string sql;
  if (dialect == "postgresql") {
    sql = "SELECT nspname FROM pg_namespace ORDER BY nspname";
  } else if (dialect == "sqlite") {
    sql = "SELECT name FROM pragma_database_list ORDER BY seq";
  } else if (dialect == "mysql") {
    sql = "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME";
  } else {
    throw Error(ErrorCode::kConfig, "cannot list the schemas of a " + std::string(dialect) + " database");
  }
  std::vector<std::string> out;
  for (const driver::Row& row : conn.query(sql).rows) {
    if (!row.empty() && row[0]) out.push_back(*row[0]);
  }
  return out;
}

std::string default_schema(driver::Connection& conn, std::string_view dialect) {
  if (dialect == "postgresql") return dialect::postgres::default_schema(conn);
  if (dialect == "sqlite") return "main";
  if (dialect == "mysql") return dialect::mysql::default_schema(conn);
  throw Error(ErrorCode::kConfig, "no default schema for dialect " + std::string(dialect));
}

}  // namespace strata::inspect
