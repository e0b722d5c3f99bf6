// substitute_tenant (contract in ops/tenant_schema.h).
#include "ops/tenant_schema.h"

#include "common/text.h"

namespace strata::ops {

std::string substitute_tenant(std::string_view text, std::string_view tenant) {
  return text::replace_all(text, "${tenant}", tenant);
}

}  // namespace strata::ops
