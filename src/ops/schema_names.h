// Every schema name an op names, for tools that rewrite them (tenant
// schemas: lua/op_tenant.h).
//
// Contract: for_each_schema_name(op, f) calls f on each schema name `op`
// carries — schema, new_schema, source/referent schemas, foreign-key target
// schemas (in tables, constraints and dropped descriptions), index schemas,
// op.create_schema / drop_schema's name, enum columns' schemas, and the ops
// inside a batch — letting f change it in place. Unset optional schemas are
// skipped. Raw SQL (Execute) is not parsed.
#pragma once

#include <functional>
#include <string>

#include "ops/ops.h"

namespace strata::ops {

void for_each_schema_name(Op& op, const std::function<void(std::string&)>& f);

}  // namespace strata::ops
