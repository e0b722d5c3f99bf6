// reverse(): the operation that undoes an operation, so a downgrade can be
// derived from an upgrade (op.reverse_upgrade() in a revision script).
//
// Contract: applying `op` and then `reverse(op)` leaves the catalog (and, for
// bulk_insert, the rows) as it was before `op`. Ops that destroy information
// reverse only when they carry it: DropTable/DropColumn/DropIndex/
// DropConstraint/DropSequence/DropEnum need `dropped`, AlterColumn needs the
// `existing_*` fact of every property it changes, AlterSequence needs
// `existing` (and never reverses a RESTART), AlterEnum needs
// `existing_values`, SetTableComment needs `existing_comment`, Execute needs
// `reverse_sql`. Otherwise reverse() throws
// Error(kScript) "<describe(op)> cannot be reversed: <what is missing>".
// DropSchema never reverses (the schema's contents are not carried).
#pragma once

#include <vector>

#include "ops/ops.h"

namespace strata::ops {

Op reverse(const Op& op);

// The reverse of a sequence of ops: each reversed, in the opposite order.
std::vector<Op> reverse_all(const std::vector<Op>& ops);

}  // namespace strata::ops
