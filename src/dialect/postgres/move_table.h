// PostgreSQL's op.move_table, split out of the PostgreSQL renderer.
//
// Contract (statements in order; none when nothing changes):
//  1. When the schema changes: ALTER TABLE <schema>.<name> SET SCHEMA <new>.
//     PostgreSQL moves the table's indexes, constraints and owned sequences
//     along; foreign keys in both directions keep working. An unset
//     new_schema is the default schema, current_schema() (where unqualified
//     names are created; public by default), which only the server knows:
//     that move is a DO block.
//  2. When new_name differs: ALTER TABLE <new schema>.<name> RENAME TO <new>.
//  3. With 2., a DO block that renames each sequence owned by a column of the
//     table (serial: pg_depend deptype 'a'; identity: 'i') whose name is the
//     one PostgreSQL gives such a sequence for the old table name —
//     <table>_<column>_seq, shortened to max_identifier_length as
//     PostgreSQL's makeObjectName shortens it — to that name for the new
//     table name. Other sequences keep their names. The block reads the
//     catalog itself, so it works the same online and in --sql scripts.
//  4. With 2., a DO block that renames the table's constraints and indexes
//     named as PostgreSQL names them for the old table name (<old>_pkey,
//     <old>_<cols>_key / _fkey / _excl / _idx, <old>[_<col>]_check, with an
//     optional clash number) to the same name for the new table name
//     (<new>_pkey, ...); a primary key / unique / exclusion constraint's
//     index follows its constraint. Other names, names that would not fit
//     max_identifier_length and names already taken are kept. The reverse
//     move renames them back by the same rule.
// Identifiers reach the server as string literals and are quoted there with
// format('%I'), so any name (quotes, spaces, non-ASCII) is safe.
#pragma once

#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "ops/ops.h"

namespace strata::dialect::postgres {

std::vector<std::string> postgres_move_table(const Dialect& dialect, const ops::MoveTable& op);

// `body` between dollar quotes whose tag does not occur in it ($$, else
// $strata$, $strata1$, ...).
std::string postgres_dollar_quote(const std::string& body);

}  // namespace strata::dialect::postgres
