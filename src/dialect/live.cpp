// LiveApplier: the render-only default and the factory (dialect/live.h).
#include "dialect/live.h"

#include "dialect/mysql/dialect.h"
#include "dialect/mysql/live.h"
#include "dialect/sqlite/dialect.h"
#include "dialect/sqlite/live.h"
#include "strata/error.h"

namespace strata::dialect {

void RenderOnlyApplier::apply_live(const ops::Op& op, driver::Connection& conn) const {
  for (const std::string& statement : dialect_.render(op)) conn.execute(statement);
}

std::unique_ptr<LiveApplier> make_live_applier(const Dialect& dialect) {
  if (const auto* sqlite_dialect = dynamic_cast<const sqlite::SqliteDialect*>(&dialect)) {
    return std::make_unique<sqlite::SqliteLiveApplier>(*sqlite_dialect);
  }
  if (const auto* mysql_dialect = dynamic_cast<const mysql::MysqlDialect*>(&dialect)) {
    return std::make_unique<mysql::MysqlLiveApplier>(*mysql_dialect);
  }
  return std::make_unique<RenderOnlyApplier>(dialect);
}

}  // namespace strata::dialect
