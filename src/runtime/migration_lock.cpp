// make_migration_lock: picks the dialect's lock (dialect/<name>/lock.cpp).
#include "runtime/migration_lock.h"

#include "dialect/lock.h"
#include "strata/error.h"

namespace strata::runtime {

std::unique_ptr<MigrationLock> make_migration_lock(const dialect::Dialect& dialect,
                                                   driver::Connection& connection,
                                                   const dialect::VersionTableName& vt) {
  const std::string_view name = dialect.name();
  if (name == "postgresql") return dialect::postgres::make_migration_lock(connection, vt);
  if (name == "mysql") return dialect::mysql::make_migration_lock(connection, vt);
  if (name == "sqlite") return dialect::sqlite::make_migration_lock(connection, vt);
  throw Error(ErrorCode::kConfig, "no migration lock for dialect " + std::string(name));
}

}  // namespace strata::runtime
