// map_tenant_schemas (contract in lua/op_tenant.h).
#include "lua/op_tenant.h"

#include <optional>
#include <string>

#include "ops/schema_names.h"
#include "ops/tenant_schema.h"

namespace strata::lua {

void map_tenant_schemas(ops::Op& op, const runtime::OpSink& sink) {
  const std::optional<std::string> tenant = sink.x_arg(std::string(ops::kTenantArg));
  if (!tenant) return;
  ops::for_each_schema_name(op, [&](std::string& schema) {
    ops::map_tenant_schema(schema, *tenant, [&sink](const std::string& name) {
      return sink.x_arg(std::string(ops::kSchemaMapArgPrefix) + name);
    });
  });
}

}  // namespace strata::lua
