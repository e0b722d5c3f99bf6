// PostgreSQL identity changes of op.alter_column (contract in
// alter_identity.h).
#include "dialect/postgres/alter_identity.h"

#include <optional>

#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::postgres {
namespace {

std::string kind(const model::Identity& identity) {
  return identity.always ? "ALWAYS" : "BY DEFAULT";
}

// The database's start for a sequence with these bounds and increment.
long long default_start(const model::Identity& identity) {
  return identity.increment.value_or(1) > 0 ? identity.minvalue.value_or(1)
                                            : identity.maxvalue.value_or(-1);
}

// The SET clauses that turn `was` into `next`.
std::vector<std::string> changes(const model::Identity& was, const model::Identity& next) {
  std::vector<std::string> out;
  if (was.always != next.always) out.push_back("SET GENERATED " + kind(next));
  auto option = [&out](const char* keyword, const std::optional<long long>& old_value,
                       const std::optional<long long>& new_value, const std::string& reset) {
    if (old_value == new_value) return;
    out.push_back(new_value ? std::string("SET ") + keyword + " " + std::to_string(*new_value)
                            : reset);
  };
  option("START WITH", was.start, next.start,
         "SET START WITH " + std::to_string(default_start(next)));
  option("INCREMENT BY", was.increment, next.increment, "SET INCREMENT BY 1");
  option("MINVALUE", was.minvalue, next.minvalue, "SET NO MINVALUE");
  option("MAXVALUE", was.maxvalue, next.maxvalue, "SET NO MAXVALUE");
  option("CACHE", was.cache, next.cache, "SET CACHE 1");
  if (was.cycle != next.cycle) out.push_back(next.cycle ? "SET CYCLE" : "SET NO CYCLE");
  return out;
}

}  // namespace

std::string postgres_identity_clause(const model::Identity& identity) {
  std::vector<std::string> options;
  auto option = [&options](const char* keyword, const std::optional<long long>& value) {
    if (value) options.push_back(std::string(keyword) + " " + std::to_string(*value));
  };
  option("START WITH", identity.start);
  option("INCREMENT BY", identity.increment);
  option("MINVALUE", identity.minvalue);
  option("MAXVALUE", identity.maxvalue);
  option("CACHE", identity.cache);
  if (identity.cycle) options.push_back("CYCLE");
  std::string out = "GENERATED " + kind(identity) + " AS IDENTITY";
  if (!options.empty()) out += " (" + common::join(options, " ") + ")";
  return out;
}

IdentityStatements postgres_alter_identity(const ops::AlterColumn& op, const std::string& alter) {
  IdentityStatements out;
  if (!op.identity) return out;
  const std::optional<model::Identity>& next = *op.identity;
  const bool had_none = op.existing_identity && !*op.existing_identity;
  if (!next) {
    if (!had_none) out.before.push_back(alter + " DROP IDENTITY");
    return out;
  }
  auto refuse = [&op](const std::string& why) {
    throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) + ": " + why);
  };
  if (op.nullable == true) refuse("an identity column cannot be nullable");
  if (op.server_default && *op.server_default) {
    refuse("an identity column cannot have a server_default");
  }
  if (!op.existing_identity || had_none) {
    if (op.nullable != false && op.existing_nullable != false) {
      out.after.push_back(alter + " SET NOT NULL");
    }
    out.after.push_back(alter + " ADD " + postgres_identity_clause(*next));
    return out;
  }
  std::vector<std::string> clauses = changes(**op.existing_identity, *next);
  if (!clauses.empty()) out.after.push_back(alter + " " + common::join(clauses, " "));
  return out;
}

}  // namespace strata::dialect::postgres
