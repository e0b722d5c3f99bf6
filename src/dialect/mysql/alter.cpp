// MySQL dialect: the constraint ops (render_parts.h).
#include <cctype>
#include <variant>

#include "dialect/mysql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mysql {

void unsupported(const ops::Op& op, const std::string& what, const std::string& hint) {
  throw Error(ErrorCode::kScript, ops::describe(op) + ": " + what +
                                      " is not supported on MySQL/MariaDB" +
                                      (hint.empty() ? "" : " (" + hint + ")"));
}

void needs_live_database(const ops::Op& op, const std::string& why) {
  throw Error(ErrorCode::kScript,
              ops::describe(op) + ": on MySQL/MariaDB this needs a live database (" + why + ")");
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

ops::ConstraintType drop_type(const ops::DropConstraint& op) {
  if (op.type != ops::ConstraintType::kUnknown) return op.type;
  if (op.dropped) return ops::constraint_type(*op.dropped);
  return ops::ConstraintType::kUnknown;
}

namespace {

// The foreign key as MySQL takes it. MySQL's manual (FOREIGN KEY
// Constraints) says a MATCH clause makes the server ignore the statement's
// ON DELETE / ON UPDATE, and that MATCH has no other effect (MATCH SIMPLE
// semantics are enforced always): MATCH SIMPLE is therefore left out, FULL
// and PARTIAL are refused. Likewise DEFERRABLE /
// INITIALLY DEFERRED are refused and NOT DEFERRABLE / INITIALLY IMMEDIATE
// (what MySQL always does) left out.
model::ForeignKey for_mysql(const ops::Op& op, const model::ForeignKey& fk) {
  static const std::string kHint = "MySQL checks foreign keys immediately";
  if (fk.deferrable == std::optional<bool>(true)) {
    unsupported(op, "a DEFERRABLE foreign key", kHint);
  }
  if (fk.initially && upper(*fk.initially) != "IMMEDIATE") {
    unsupported(op, "INITIALLY " + *fk.initially + " on a foreign key", kHint);
  }
  model::ForeignKey out = fk;
  out.deferrable.reset();
  out.initially.reset();
  if (fk.match) {
    const std::string match = upper(*fk.match);
    if (match == "FULL" || match == "PARTIAL") {
      unsupported(op, "MATCH " + match + " on a foreign key",
                  "InnoDB enforces MATCH SIMPLE only, and a MATCH clause makes MySQL ignore the "
                  "key's ON DELETE / ON UPDATE");
    }
    // SIMPLE is the default; any other word is left for common::
    // foreign_key_clause to refuse.
    if (match == "SIMPLE") out.match.reset();
  }
  return out;
}

std::string referent(const MysqlDialect& d, const model::ForeignKey& fk) {
  return d.qualify(fk.ref_schema, fk.ref_table);
}

}  // namespace

std::string foreign_key_clause(const MysqlDialect& d, const ops::Op& op,
                               const model::ForeignKey& fk) {
  return common::foreign_key_clause(d, for_mysql(op, fk), referent(d, fk));
}

std::string add_constraint(const MysqlDialect& d, const ops::AddConstraint& op) {
  // A primary key's name is accepted and ignored (the key is always PRIMARY).
  ops::Constraint constraint = op.constraint;
  if (auto* fk = std::get_if<model::ForeignKey>(&constraint)) *fk = for_mysql(op, *fk);
  return d.alter_table(op.schema, op.table) + " ADD " +
         common::constraint_clause(d, constraint, [&d](const model::ForeignKey& fk) {
           return referent(d, fk);
         });
}

std::string drop_constraint_clause(const MysqlDialect& d, const std::string& name,
                                   ops::ConstraintType type, bool if_exists) {
  const std::string exists = if_exists ? "IF EXISTS " : "";
  switch (type) {
    case ops::ConstraintType::kForeignKey: return "DROP FOREIGN KEY " + exists + d.quote(name);
    case ops::ConstraintType::kUnique: return "DROP INDEX " + exists + d.quote(name);
    // DROP CHECK is MySQL's only; DROP CONSTRAINT works on MySQL 8.0.19+
    // and MariaDB.
    case ops::ConstraintType::kCheck: return "DROP CONSTRAINT " + exists + d.quote(name);
    case ops::ConstraintType::kPrimaryKey: return "DROP PRIMARY KEY";
    case ops::ConstraintType::kUnknown: break;
  }
  throw Error(ErrorCode::kInternal, "drop_constraint_clause: constraint type unknown");
}

std::vector<std::string> drop_constraint(const MysqlDialect& d, const ops::DropConstraint& op,
                                         ops::ConstraintType type) {
  std::string drop = d.alter_table(op.schema, op.table) + " " +
                     drop_constraint_clause(d, op.name, type, op.if_exists);
  if (type != ops::ConstraintType::kForeignKey) return {drop};
  // Decided while the key still exists: a non-unique index of the key's name
  // on exactly the key's columns is the one InnoDB made for it.
  const std::string where = " WHERE table_schema = " +
                            (op.schema ? d.literal(*op.schema) : std::string("DATABASE()")) +
                            " AND table_name = " + d.literal(op.table);
  const std::string drop_index =
      d.alter_table(op.schema, op.table) + " DROP INDEX " + d.quote(op.name);
  return {"SET @strata_sql = IF((SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM "
          "information_schema.statistics" + where + " AND index_name = " + d.literal(op.name) +
              " AND non_unique = 1) = (SELECT GROUP_CONCAT(column_name ORDER BY "
              "ordinal_position) FROM information_schema.key_column_usage" + where +
              " AND constraint_name = " + d.literal(op.name) +
              " AND referenced_table_name IS NOT NULL), " + d.literal(drop_index) + ", 'DO 0')",
          drop, "PREPARE strata_stmt FROM @strata_sql", "EXECUTE strata_stmt",
          "DEALLOCATE PREPARE strata_stmt"};
}

std::vector<std::string> rename_index_like_constraint(const MysqlDialect& d,
                                                      const ops::RenameConstraint& op,
                                                      ops::ConstraintType type) {
  // A primary key is always named PRIMARY: the name a script gives it was
  // ignored when it was created, so renaming it changes nothing.
  if (type == ops::ConstraintType::kPrimaryKey) return {};
  if (type != ops::ConstraintType::kUnique) {
    throw Error(ErrorCode::kInternal, "rename_index_like_constraint: not a unique or primary key");
  }
  return {d.alter_table(op.schema, op.table) + " RENAME INDEX " + d.quote(op.old_name) + " TO " +
          d.quote(op.new_name)};
}

}  // namespace strata::dialect::mysql
