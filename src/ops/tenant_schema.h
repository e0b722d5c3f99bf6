// The tenant rewrite of one schema name (tenant schemas: fleet/tenant.h) —
// the one rule for the schema names of script ops (lua/op_tenant.h) and of
// model files (fleet/tenant_models.h). It lives in the op layer so both can
// use it without the op layer reaching up into fleet/.
//
// The tenant and schema_map travel as -x arguments named kTenantArg and
// kSchemaMapArgPrefix + <schema used in scripts>.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::ops {

inline constexpr std::string_view kTenantArg = "tenant";
inline constexpr std::string_view kSchemaMapArgPrefix = "schema_map:";

// `text` with every `${tenant}` replaced by `tenant`.
std::string substitute_tenant(std::string_view text, std::string_view tenant);

// When `schema_map(schema)` (the `schema_map:<schema>` -x argument) is set,
// the name becomes it; else `${tenant}` inside the name becomes `tenant`.
template <typename SchemaMap>
void map_tenant_schema(std::string& schema, std::string_view tenant, const SchemaMap& schema_map) {
  if (std::optional<std::string> mapped = schema_map(schema)) {
    schema = *mapped;
  } else if (schema.find("${tenant}") != std::string::npos) {
    schema = substitute_tenant(schema, tenant);
  }
}

}  // namespace strata::ops
