// Tenant schemas: one project migrating many schemas of one database, one
// tenant at a time (`strata fleet ... --tenant-pattern`, `URL#tenant=NAME`
// lines, or a single run with `-x tenant=NAME`).
//
// The tenant travels as the `-x tenant=NAME` argument. When it is set:
//  - `${tenant}` in strata.toml's version_table_schema is replaced by NAME
//    (apply_tenant, called by app::Project on load), so each tenant has its
//    own version table, history table and migration lock;
//  - strata.toml's `schema_map` (a table: schema name used in scripts ->
//    real schema, `${tenant}` replaced) is passed to the scripts' op layer as
//    `-x schema_map:<name>=<schema>` arguments;
//  - every schema name an op.* call names (ops/schema_names.h) is mapped
//    by the op layer (lua/op_tenant.h): a schema_map key becomes its value,
//    and `${tenant}` inside a name is replaced. Raw SQL (op.execute, op.query) is never rewritten: scripts
//    use op.tenant there.
//  - scripts see the name as `op.tenant` (nil without a tenant).
// Without a tenant nothing is mapped, and a version_table_schema that still
// holds `${tenant}` is refused when connecting (require_tenant).
//
// Thread-safety: free functions over their arguments; safe to call from
// many threads on distinct objects.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "ops/tenant_schema.h"

namespace strata::fleet {

// The -x arguments that carry the tenant and schema_map, and the rewrite of
// one schema name: ops/tenant_schema.h.
using ops::kSchemaMapArgPrefix;
using ops::kTenantArg;
using ops::substitute_tenant;

// A tenant name is 1-63 characters of [A-Za-z0-9_-]. Throws
// strata::Error(kUsage) "invalid tenant name '<name>' (...)" otherwise.
void check_tenant_name(const std::string& name);

// With x_args["tenant"] set (and valid): substitutes it into
// config.version_table_schema and adds x_args["schema_map:<k>"] for each
// config.schema_map entry. Without it: changes nothing.
void apply_tenant(config::Config& config, std::map<std::string, std::string>& x_args);

// Throws strata::Error(kConfig) when version_table_schema still holds
// `${tenant}` (no tenant was given).
void require_tenant(const config::Config& config);

}  // namespace strata::fleet
