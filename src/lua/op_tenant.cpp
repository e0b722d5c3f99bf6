// map_tenant_schemas (contract in lua/op_tenant.h).
#include "lua/op_tenant.h"

#include <optional>
#include <string>

#include "fleet/tenant.h"
#include "ops/schema_names.h"

namespace strata::lua {

void map_tenant_schemas(ops::Op& op, const runtime::OpSink& sink) {
  const std::optional<std::string> tenant = sink.x_arg("tenant");
  if (!tenant) return;
  ops::for_each_schema_name(op, [&](std::string& schema) {
    fleet::map_schema_name(schema, *tenant, [&sink](const std::string& name) {
      return sink.x_arg(std::string(fleet::kSchemaMapArgPrefix) + name);
    });
  });
}

}  // namespace strata::lua
