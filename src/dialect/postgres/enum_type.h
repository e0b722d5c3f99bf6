// PostgreSQL's enum types (op.create_enum / op.drop_enum / op.alter_enum),
// split out of the PostgreSQL renderer.
//
// Contract:
//  - create_enum: CREATE TYPE <s.n> AS ENUM ('a', 'b'). PostgreSQL has no
//    CREATE TYPE IF NOT EXISTS, so with if_not_exists the statement runs
//    inside a DO block that first looks for a type of that name in the
//    schema (pg_type; an unset schema is current_schema(), where the
//    unqualified CREATE TYPE puts it): any existing type of the name, enum
//    or not, counts. The block works the same online and in --sql scripts.
//  - drop_enum: DROP TYPE [IF EXISTS] <s.n>.
//  - alter_enum, when `values` is `existing_values` with values inserted
//    (order kept, nothing removed): one ALTER TYPE <s.n> ADD VALUE 'v'
//    [BEFORE 'w' | AFTER 'w'] per new value (PostgreSQL 12+ runs them in a
//    transaction; a value added there cannot be used before the commit).
//    New values after the last existing one are appended in order (no
//    placement); new values before the first existing one are added right
//    to left, each BEFORE its successor; the others AFTER their
//    predecessor. values == existing_values: no statement.
//  - alter_enum otherwise (a value removed, or the order changed), the type
//    swap, in one go:
//      ALTER TYPE <s.n> RENAME TO <n>_old
//      CREATE TYPE <s.n> AS ENUM (<values>)
//      per listed column: ALTER TABLE <t> ALTER COLUMN <c> DROP DEFAULT (when
//        the column lists a server_default), ALTER COLUMN <c> TYPE <s.n>
//        USING <c>::text::<s.n>, SET DEFAULT <server_default>
//      DROP TYPE <s>.<n>_old
//    A row holding a removed value fails the USING cast, and a column using
//    the type that is not listed (or an array or domain over it) makes the
//    final DROP TYPE fail: either error rolls the migration's transaction
//    back, so nothing is lost.
//  - Enum values are written as string literals, identifiers quoted as the
//    dialect quotes them. Duplicate values are Error(kScript).
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "ops/ops.h"

namespace strata::dialect::postgres {

std::vector<std::string> postgres_create_enum(const Dialect& dialect, const ops::CreateEnum& op);
std::vector<std::string> postgres_drop_enum(const Dialect& dialect, const ops::DropEnum& op);
std::vector<std::string> postgres_alter_enum(const Dialect& dialect, const ops::AlterEnum& op);

}  // namespace strata::dialect::postgres
