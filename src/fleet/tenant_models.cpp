// map_model_schemas / unmap_op_schemas (contract in fleet/tenant_models.h).
#include "fleet/tenant_models.h"

#include <algorithm>
#include <optional>

#include "fleet/tenant.h"
#include "ops/schema_names.h"

namespace strata::fleet {
namespace {

std::optional<std::string> arg(const std::map<std::string, std::string>& x_args,
                               const std::string& key) {
  auto it = x_args.find(key);
  return it == x_args.end() ? std::nullopt : std::optional<std::string>(it->second);
}

}  // namespace

WrittenSchemaNames map_model_schemas(model::Catalog& catalog,
                                     const std::map<std::string, std::string>& x_args) {
  WrittenSchemaNames written;
  const std::optional<std::string> tenant = arg(x_args, std::string(kTenantArg));
  if (!tenant) return written;
  auto map = [&](std::string& schema) {
    const std::string before = schema;
    ops::map_tenant_schema(schema, *tenant, [&x_args](const std::string& name) {
      return arg(x_args, std::string(kSchemaMapArgPrefix) + name);
    });
    if (schema != before) written.emplace(schema, before);
  };
  auto map_optional = [&](std::optional<std::string>& schema) {
    if (schema) map(*schema);
  };

  for (std::string& schema : catalog.schemas) map(schema);
  std::sort(catalog.schemas.begin(), catalog.schemas.end());
  catalog.schemas.erase(std::unique(catalog.schemas.begin(), catalog.schemas.end()),
                        catalog.schemas.end());
  for (model::Table& table : catalog.tables) {
    map_optional(table.schema);
    for (model::ForeignKey& fk : table.foreign_keys) map_optional(fk.ref_schema);
    if (table.renamed_from) {
      const size_t dot = table.renamed_from->find('.');
      if (dot != std::string::npos) {
        std::string schema = table.renamed_from->substr(0, dot);
        map(schema);
        *table.renamed_from = schema + table.renamed_from->substr(dot);
      }
    }
  }
  for (model::Index& index : catalog.indexes) map_optional(index.schema);
  for (model::Sequence& sequence : catalog.sequences) map_optional(sequence.schema);
  for (model::Enum& e : catalog.enums) map_optional(e.schema);
  for (model::View& view : catalog.views) map_optional(view.schema);
  return written;
}

void unmap_op_schemas(ops::Op& op, const WrittenSchemaNames& names) {
  if (names.empty()) return;
  ops::for_each_schema_name(op, [&names](std::string& schema) {
    auto it = names.find(schema);
    if (it != names.end()) schema = it->second;
  });
}

}  // namespace strata::fleet
