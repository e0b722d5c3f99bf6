// The sqlite inspector: the live catalog as model::Catalog, in a fixed number of
// bulk queries (contract: inspect/inspect.h; decisions: inspect.cpp). The one
// reading of the SQLite catalog: autogenerate and the catalog snapshot use
// inspect(), table rebuilds and the dialect's live ops use inspect_tables()
// (through reflect_sqlite_table / reflect_sqlite_indexes, reflect.h).
#pragma once

#include <string>
#include <vector>

#include "driver/connection.h"
#include "model/catalog.h"

namespace strata::dialect::sqlite {

// `generated_columns`: list generated columns too (inspect::Options).
model::Catalog inspect(driver::Connection& conn, const std::vector<std::string>& schemas,
                       bool generated_columns = false);
std::string default_schema(driver::Connection& conn);

// The named tables of the attached database `schema` only: inspect() with
// every query filtered by table name (the same fixed number of queries,
// whatever the number of tables; names match ignoring ASCII case, as SQLite
// matches them; the reflected names are the stored spellings). Tables and
// their indexes; no views. Catalog::schemas is {schema} when it is attached,
// else empty (and nothing else is read).
model::Catalog inspect_tables(driver::Connection& conn, const std::string& schema,
                              const std::vector<std::string>& tables);

}  // namespace strata::dialect::sqlite
