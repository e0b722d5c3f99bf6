// make_normalizer(): the dialect's Normalizer (see normalizer.h).
#include "dialect/normalizer.h"

#include "dialect/mysql/normalize.h"
#include "dialect/postgres/normalize.h"
#include "dialect/sqlite/normalize.h"
#include "strata/error.h"

namespace strata::dialect {

std::unique_ptr<Normalizer> make_normalizer(std::string_view dialect) {
  if (dialect == "postgresql") return std::make_unique<dialect::postgres::PostgresNormalizer>();
  if (dialect == "sqlite") return std::make_unique<dialect::sqlite::SqliteNormalizer>();
  if (dialect == "mysql") return std::make_unique<dialect::mysql::MysqlNormalizer>();
  throw Error(ErrorCode::kConfig, "autogenerate does not support dialect " + std::string(dialect));
}

}  // namespace strata::dialect
