// Marks each recorded op of one revision with whether its table (and, for
// column ops, its column) is new: created earlier in the same revision.
// Tables are followed through rename_table / move_table / drop_table; an
// unset schema and the dialect's default schema (PostgreSQL public, SQLite
// main, SQL Server dbo) are the same.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lint/revision_run.h"

namespace strata::lint {

// Sets table_new / column_new of every op, in order.
void mark_new_tables(std::vector<LintedOp>& ops, std::string_view dialect);

// The table an op acts on (schema, name), or nullopt (schemas, sequences,
// enums, execute, ...). For rename_table / move_table: the old name.
std::optional<std::pair<std::optional<std::string>, std::string>> op_table(const ops::Op& op);

}  // namespace strata::lint
