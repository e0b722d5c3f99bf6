// Tenant schemas in the op layer (`strata fleet`, `-x tenant=NAME`; the
// whole scheme is described in fleet/tenant.h).
//
// Contract: map_tenant_schemas(op, sink) — when the sink carries a `tenant`
// -x argument — rewrites every schema name of `op` (ops/schema_names.h): a
// name with a `schema_map:<name>` -x argument becomes its value, else
// `${tenant}` inside the name becomes the tenant. Without a tenant it does
// nothing. Called by opapi::emit for every op a script makes.
#pragma once

#include "ops/ops.h"
#include "runtime/op_sink.h"

namespace strata::lua {

void map_tenant_schemas(ops::Op& op, const runtime::OpSink& sink);

}  // namespace strata::lua
