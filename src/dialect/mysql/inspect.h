// The mysql inspector: the live catalog as model::Catalog, in a fixed number of
// bulk queries (contract: inspect/inspect.h; decisions: inspect.cpp). The one
// reading of the MySQL/MariaDB catalog: autogenerate uses inspect(), the
// dialect's live ops (restating a column, reading back a foreign key or a
// check, looking a constraint up) use inspect_tables().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "driver/connection.h"
#include "model/catalog.h"

namespace strata::dialect::mysql {

// `generated_columns`: list generated columns too (inspect::Options).
model::Catalog inspect(driver::Connection& conn, const std::vector<std::string>& schemas,
                       bool generated_columns = false);
std::string default_schema(driver::Connection& conn);

// A table to inspect; an unset schema is the connection's database.
struct TableName {
  std::optional<std::string> schema;
  std::string name;
};

// The named tables only: inspect() with every query filtered by the tables'
// databases and names (the same fixed number of queries, whatever the
// number of tables; names match as information_schema matches them, which
// follows lower_case_table_names). Unlike inspect(), generated columns are listed, with
// Column::reflected_generated set. Catalog::schemas are the tables'
// databases that exist.
model::Catalog inspect_tables(driver::Connection& conn, const std::vector<TableName>& tables);

// The table `name` of `catalog` in `schema` (unset: catalog.default_schema):
// the exact name, else the one equal ignoring ASCII case; nullptr when none.
const model::Table* find_table(const model::Catalog& catalog,
                               const std::optional<std::string>& schema, const std::string& name);
// The column of `table` named `name` (exact, else ignoring ASCII case).
const model::Column* find_column(const model::Table& table, const std::string& name);

}  // namespace strata::dialect::mysql
