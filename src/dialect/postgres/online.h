// Online-safe forms of PostgreSQL DDL (README "Online-safe plans"): what the
// op options `not_valid` (create_foreign_key, create_check_constraint),
// `online` (alter_column with nullable = false) and op.validate_constraint
// render to. PostgresRenderer (render.cpp) calls these.
//
// Contract:
//  - not_valid_suffix(op): " NOT VALID" for a foreign key or check with
//    not_valid; "" without it; Error(kScript) for a primary key or unique
//    constraint with it (PostgreSQL has no NOT VALID for those).
//  - validate_constraint_sql: ALTER TABLE t VALIDATE CONSTRAINT n.
//  - online_set_not_null(op): the four statements that replace ALTER COLUMN
//    c SET NOT NULL, each meant to run in its own transaction (the op API
//    only accepts `online = true` inside op.autocommit_block):
//      ALTER TABLE t ADD CONSTRAINT <k> CHECK (c IS NOT NULL) NOT VALID
//      ALTER TABLE t VALIDATE CONSTRAINT <k>   -- scan, SHARE UPDATE EXCLUSIVE
//      ALTER TABLE t ALTER COLUMN c SET NOT NULL  -- PG 12+: no scan, the
//                                                    valid check proves it
//      ALTER TABLE t DROP CONSTRAINT <k>
//    <k> is not_null_check_name(table, column). The catalog afterwards is
//    the plain SET NOT NULL's.
//  - not_null_check_name: "<table>_<column>_nn_online", cut to 63 bytes
//    (PostgreSQL's NAMEDATALEN - 1) at a UTF-8 character boundary.
#pragma once

#include <string>
#include <vector>

#include "dialect/postgres/dialect.h"

namespace strata::dialect::postgres {

std::string not_valid_suffix(const ops::AddConstraint& op);
std::string validate_constraint_sql(const PostgresDialect& d, const ops::ValidateConstraint& op);
std::string not_null_check_name(const std::string& table, const std::string& column);
std::vector<std::string> online_set_not_null(const PostgresDialect& d,
                                             const ops::AlterColumn& op);

}  // namespace strata::dialect::postgres
