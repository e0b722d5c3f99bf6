// map_tenant_schemas (contract in lua/op_tenant.h).
#include "lua/op_tenant.h"

#include <optional>
#include <string>

#include "common/text.h"
#include "ops/schema_names.h"

namespace strata::lua {

void map_tenant_schemas(ops::Op& op, const runtime::OpSink& sink) {
  const std::optional<std::string> tenant = sink.x_arg("tenant");
  if (!tenant) return;
  ops::for_each_schema_name(op, [&](std::string& schema) {
    if (std::optional<std::string> mapped = sink.x_arg("schema_map:" + schema)) {
      schema = *mapped;
    } else if (schema.find("${tenant}") != std::string::npos) {
      schema = text::replace_all(schema, "${tenant}", *tenant);
    }
  });
}

}  // namespace strata::lua
