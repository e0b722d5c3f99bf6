// PostgreSQL: the identity change of op.alter_column (AlterColumn::identity),
// split out of the PostgreSQL renderer.
//
// Contract (`alter` is "ALTER TABLE <t> ALTER COLUMN <c>"):
//  - identity unset: no statement.
//  - identity = none (drop): `alter` DROP IDENTITY, in `before` (ahead of
//    every other change of the op: PostgreSQL refuses DROP NOT NULL and SET
//    DEFAULT on an identity column). existing_identity = none as well: no
//    statement. (No IF EXISTS: dropping an identity the column does not have
//    is an error the script should see.)
//  - identity set and existing_identity unset or none: the identity is
//    added, in `after` (behind the type, nullability and default changes:
//    PostgreSQL refuses an identity on a column with a default):
//      `alter` SET NOT NULL — PostgreSQL refuses an identity on a nullable
//        column, so it comes first unless the op itself sets NOT NULL
//        (nullable = false) or existing_nullable says the column is NOT
//        NULL already. (Unknown nullability: SET NOT NULL, a no-op on a NOT
//        NULL column.) Its reverse keeps the column NOT NULL: see
//        ops/reverse.cpp.
//      `alter` ADD GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(START WITH n
//        INCREMENT BY n MINVALUE n MAXVALUE n CACHE n CYCLE)] (the options
//        set).
//    An unset existing_identity is taken as none: when the column has an
//    identity already, the server refuses the ADD.
//  - identity set and existing_identity set: one statement in `after` with
//    a clause per difference (nothing when they are equal): SET GENERATED
//    ALWAYS | BY DEFAULT; SET START WITH n, SET INCREMENT BY n, SET MINVALUE
//    n, SET MAXVALUE n, SET CACHE n, SET [NO] CYCLE. An option the new
//    identity leaves unset while the existing one sets it goes back to the
//    database's default: SET START WITH <minvalue, or 1> (<maxvalue, or -1>
//    when descending), SET INCREMENT BY 1, SET NO MINVALUE, SET NO
//    MAXVALUE, SET CACHE 1. The sequence keeps its position (no drop + add:
//    numbering would start again and collide with existing rows).
//  - Error(kScript): an identity set together with nullable = true or with
//    a new server_default.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "ops/ops.h"

namespace strata::dialect::postgres {

struct IdentityStatements {
  std::vector<std::string> before;  // ahead of the op's other changes
  std::vector<std::string> after;   // behind type, nullability and default
};

IdentityStatements postgres_alter_identity(const ops::AlterColumn& op, const std::string& alter);

// "GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(options)]".
std::string postgres_identity_clause(const model::Identity& identity);

}  // namespace strata::dialect::postgres
