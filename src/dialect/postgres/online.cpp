// Online-safe PostgreSQL forms (contract in online.h).
#include "dialect/postgres/online.h"

#include <variant>

#include "strata/error.h"

namespace strata::dialect::postgres {

std::string not_valid_suffix(const ops::AddConstraint& op) {
  if (!op.not_valid) return "";
  if (std::holds_alternative<model::ForeignKey>(op.constraint) ||
      std::holds_alternative<model::CheckConstraint>(op.constraint)) {
    return " NOT VALID";
  }
  throw Error(ErrorCode::kScript,
              ops::describe(ops::Op(op)) +
                  ": not_valid applies to foreign keys and check constraints only");
}

std::string validate_constraint_sql(const PostgresDialect& d, const ops::ValidateConstraint& op) {
  return "ALTER TABLE " + d.qualify(op.schema, op.table) + " VALIDATE CONSTRAINT " +
         d.quote(op.name);
}

std::string not_null_check_name(const std::string& table, const std::string& column) {
  std::string name = table + "_" + column + "_nn_online";
  if (name.size() <= 63) return name;
  size_t cut = 63;
  // Never split a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut);
}

std::vector<std::string> online_set_not_null(const PostgresDialect& d,
                                             const ops::AlterColumn& op) {
  const std::string table = "ALTER TABLE " + d.qualify(op.schema, op.table);
  const std::string check = d.quote(not_null_check_name(op.table, op.column));
  return {table + " ADD CONSTRAINT " + check + " CHECK (" + d.quote(op.column) +
              " IS NOT NULL) NOT VALID",
          table + " VALIDATE CONSTRAINT " + check,
          table + " ALTER COLUMN " + d.quote(op.column) + " SET NOT NULL",
          table + " DROP CONSTRAINT " + check};
}

}  // namespace strata::dialect::postgres
