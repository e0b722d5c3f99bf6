// inspect(): dispatch to the dialect's inspector (see inspect.h).
#include "inspect/inspect.h"

#include "dialect/mysql/inspect.h"
#include "dialect/postgres/inspect.h"
#include "dialect/sqlite/inspect.h"
#include "strata/error.h"

namespace strata::inspect {

model::Catalog inspect(driver::Connection& conn, std::string_view dialect,
                       const std::vector<std::string>& schemas) {
  if (dialect == "postgresql") return dialect::postgres::inspect(conn, schemas);
  if (dialect == "sqlite") return dialect::sqlite::inspect(conn, schemas);
  if (dialect == "mysql") return dialect::mysql::inspect(conn, schemas);
  throw Error(ErrorCode::kConfig,
              "cannot inspect a " + std::string(dialect) + " database: it has no live connection here");
}

std::string default_schema(driver::Connection& conn, std::string_view dialect) {
  if (dialect == "postgresql") return dialect::postgres::default_schema(conn);
  if (dialect == "sqlite") return "main";
  if (dialect == "mysql") return dialect::mysql::default_schema(conn);
  throw Error(ErrorCode::kConfig, "no default schema for dialect " + std::string(dialect));
}

}  // namespace strata::inspect
