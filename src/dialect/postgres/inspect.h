// The postgres inspector: the live catalog as model::Catalog, in a fixed number of
// bulk queries (contract: inspect/inspect.h).
#pragma once

#include <string>
#include <vector>

#include "driver/connection.h"
#include "model/catalog.h"

namespace strata::dialect::postgres {

model::Catalog inspect(driver::Connection& conn, const std::vector<std::string>& schemas);
std::string default_schema(driver::Connection& conn);

}  // namespace strata::dialect::postgres
