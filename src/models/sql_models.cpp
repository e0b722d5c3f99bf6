// Placeholder for SQL model files (contract in models/sql_models.h): the
// dev-database implementation replaces this file.
#include "models/sql_models.h"

#include "strata/error.h"

namespace strata::models {

model::Catalog load_sql_models(const config::Config&, std::string_view,
                               const std::vector<std::string>&) {
  throw Error(ErrorCode::kConfig, "SQL model files: not built yet");
}

}  // namespace strata::models
