// online_plan(): autogenerate's `--online` shaping (PostgreSQL): the
// comparator's ops rewritten so that no statement holds an ACCESS EXCLUSIVE
// lock while it scans or builds (README "Online-safe plans for PostgreSQL").
//
// Contract (tables "new" = created by a CreateTable of the same list;
// "dropped" = dropped by a DropTable of it; a table is named by schema and
// name as the ops spell them):
//  - CreateIndex on a table that is not new: concurrently = true, inside an
//    autocommit block at its place (adjacent blocks merge).
//  - DropIndex with a table that is neither new nor dropped: likewise.
//  - AddConstraint of a named foreign key or check on a table that is not
//    new: not_valid = true at its place, and a ValidateConstraint for it in
//    the trailing autocommit block (after every other op, so it runs in its
//    own transaction after the migration's work has committed and its locks
//    are gone). Unnamed ones stay as they are (nothing to validate by).
//  - AlterColumn that makes a column NOT NULL (nullable = false, without an
//    identity change): the other changes stay at its place (dropped when
//    there are none); an AlterColumn {nullable = false, online = true} on
//    the column's final name goes to the trailing block.
//  - Everything else is unchanged, notes included; the trailing block gets
//    one note saying what it is. An op list needing none of this comes back
//    as it went in.
// The result ends in the same catalog as the input (tested live).
#pragma once

#include <vector>

#include "autogen/compare.h"

namespace strata::autogen {

std::vector<Change> online_plan(const std::vector<Change>& changes);
std::vector<Change> online_plan(const std::vector<ops::Op>& ops);

}  // namespace strata::autogen
