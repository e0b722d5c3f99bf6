// catalog_snapshot() (see catalog_snapshot.h): the dialect's inspector, the
// snapshot's policy, then the printer.
#include "inspect/catalog_snapshot.h"

#include "inspect/inspect.h"
#include "inspect/snapshot_printer.h"
#include "strata/error.h"

namespace strata::inspect {
namespace {

// The snapshot's policy over the inspector's view: the version table and
// strata's history table (and their indexes) left out.
void drop_version_table(model::Catalog& catalog) {
  auto version = [](const std::string& name) {
    return name == "alembic_version" || name == "strata_history";
  };
  std::erase_if(catalog.tables, [&](const model::Table& t) { return version(t.name); });
  std::erase_if(catalog.indexes, [&](const model::Index& ix) { return version(ix.table); });
}

}  // namespace

std::vector<std::string> catalog_snapshot(driver::Connection& conn, std::string_view dialect,
                                          const std::vector<std::string>& schemas) {
  if (dialect != "postgresql" && dialect != "sqlite" && dialect != "mysql") {
    throw Error(ErrorCode::kConfig,
                "catalog snapshot: no live catalog reader for dialect '" + std::string(dialect) + "'");
  }
  if (schemas.empty()) return {};  // inspect() would read the default schema
  model::Catalog catalog = inspect(conn, dialect, schemas, Options{.generated_columns = true});
  drop_version_table(catalog);
  return print_snapshot(catalog);
}

}  // namespace strata::inspect
