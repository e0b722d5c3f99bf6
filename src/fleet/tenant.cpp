#include "fleet/tenant.h"

#include <optional>

#include "common/text.h"
#include "strata/error.h"

namespace strata::fleet {
namespace {

constexpr std::string_view kPlaceholder = "${tenant}";

}  // namespace

void check_tenant_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 63;
  for (char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-');
  }
  if (!ok) {
    throw Error(ErrorCode::kUsage, "invalid tenant name '" + name +
                                       "' (1 to 63 letters, digits, '_' or '-')");
  }
}

void apply_tenant(config::Config& config, std::map<std::string, std::string>& x_args) {
  auto it = x_args.find(std::string(kTenantArg));
  if (it == x_args.end()) return;
  const std::string tenant = it->second;
  check_tenant_name(tenant);
  if (config.version_table_schema) {
    config.version_table_schema = substitute_tenant(*config.version_table_schema, tenant);
  }
  for (const auto& [from, to] : config.schema_map) {
    x_args[std::string(kSchemaMapArgPrefix) + from] = substitute_tenant(to, tenant);
  }
}

void require_tenant(const config::Config& config) {
  if (config.version_table_schema &&
      config.version_table_schema->find(kPlaceholder) != std::string::npos) {
    throw Error(ErrorCode::kConfig,
                "version_table_schema '" + *config.version_table_schema +
                    "' names a tenant: pass -x tenant=NAME, or run `strata fleet`");
  }
}


}  // namespace strata::fleet
