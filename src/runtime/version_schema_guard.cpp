// VersionSchemaGuard (contract in runtime/version_schema_guard.h).
#include "runtime/version_schema_guard.h"

#include "strata/error.h"

namespace strata::runtime {

void VersionSchemaGuard::emit(const ops::Op& op) {
  const auto* drop = std::get_if<ops::DropSchema>(&op);
  if (drop == nullptr || !vt_.schema || drop->name != *vt_.schema) {
    inner_.emit(op);
    return;
  }
  const std::string where = *vt_.schema + "." + vt_.table;
  if (drop->cascade) {
    throw Error(ErrorCode::kScript,
                "op.drop_schema(\"" + drop->name + "\", {cascade = true}): schema " + drop->name +
                    " holds the version table " + where +
                    ", so strata keeps it; drop the schema's other objects one by one instead "
                    "of with cascade");
  }
  if (note_) note_("schema " + drop->name + " kept: it holds the version table " + where);
}

}  // namespace strata::runtime
