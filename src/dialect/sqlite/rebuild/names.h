// Column renames of a SQLite table rebuild (dialect/sqlite/rebuild/rebuild.h). The
// rebuild makes the new table under the OLD names of its renamed columns and
// then renames each with ALTER TABLE ... RENAME COLUMN, which SQLite applies
// to everything that names the column: the table's own constraints and
// indexes, triggers, views, and other tables' foreign keys. Re-creating the
// triggers verbatim therefore works, and views keep working.
//
// Names match case-insensitively, as in SQLite.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "driver/connection.h"
#include "model/schema.h"

namespace strata::dialect::sqlite {

// Final column name → the name the column has while the rebuild runs, for
// the columns whose names differ: a renamed column (original → final in
// `renamed`) is staged under its original name; a column of `next` that is
// not renamed but whose name a renamed original column had (the change
// re-used it) is staged as "_strata_col_<n>", free in `next`.
std::map<std::string, std::string> sqlite_staged_names(
    const model::Table& next, const std::map<std::string, std::string>& renamed);

// `table` with its columns renamed by `names` (from → to, all at once): the
// column list, primary key, UNIQUE and FOREIGN KEY column lists, the
// referenced columns of self-references, and CHECK texts.
void sqlite_rename_columns(model::Table& table, const std::map<std::string, std::string>& names);

// ALTER TABLE <schema>.<table> RENAME COLUMN for each staged → final pair of
// `staged` (final → staged, as sqlite_staged_names returns), with PRAGMA
// legacy_alter_table OFF so SQLite rewrites what names the columns. When a
// final name is taken (or differs from the staged one only in case) every
// column goes through a temporary name first. Errors (e.g. a view that no
// longer resolves) are Error(kDatabase) naming the rename.
void sqlite_rename_staged_columns(driver::Connection& conn, const std::optional<std::string>& schema,
                                  const std::string& table,
                                  const std::map<std::string, std::string>& staged);

}  // namespace strata::dialect::sqlite
