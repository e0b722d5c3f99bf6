// The postgres inspector: the live catalog as model::Catalog, in a fixed number of
// bulk queries (contract: inspect/inspect.h).
#pragma once

#include <string>
#include <vector>

#include "driver/connection.h"
#include "model/catalog.h"

namespace strata::dialect::postgres {

// `helper`: a second connection to the same database (or nullptr); with
// one, half the queries run on it at the same time, in a transaction sharing
// the main connection's snapshot. REQUIRES: conn not inside a transaction
// when `helper` is given.
model::Catalog inspect(driver::Connection& conn, const std::vector<std::string>& schemas,
                       driver::Connection* helper = nullptr);
std::string default_schema(driver::Connection& conn);

}  // namespace strata::dialect::postgres
