// make_data_checksum (dialect/data_checksum.h).
#include "dialect/data_checksum.h"

namespace strata::dialect {

std::unique_ptr<DataChecksum> make_data_checksum(const Dialect& dialect) {
  if (dialect.name() == "postgresql") return make_postgres_data_checksum(dialect);
  if (dialect.name() == "sqlite") return make_sqlite_data_checksum(dialect);
  if (dialect.name() == "mysql") return make_mysql_data_checksum(dialect);
  return nullptr;
}

}  // namespace strata::dialect
