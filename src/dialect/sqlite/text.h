// Edits of SQLite's stored SQL text, used by table rebuilds, move_table and
// rename_constraint (dialect/sqlite/live.h). All of them work on SQLite's
// tokens, so quoted names, string literals and comments are never mistaken
// for each other. A "name" below is a bare or quoted identifier token that is
// not immediately followed by '(' (a function call) and not the X of a blob
// literal X'..'; matching is case-insensitive, as SQLite's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "dialect/sqlite/reflect.h"

namespace strata::dialect::sqlite {

// Does the SQL text (an expression, CHECK body or index predicate) contain
// `identifier` as a name?
bool sqlite_sql_mentions(std::string_view sql, std::string_view identifier);

// `sql` with every name that is a key of `renames` (old → new) replaced by
// the new name, quoted as SqliteDialect quotes; everything else verbatim.
std::string sqlite_rename_identifiers(std::string_view sql,
                                      const std::map<std::string, std::string>& renames);

// The stored CREATE TABLE text of `old_name` (as in sqlite_master) made to
// create `new_name` in `schema` (nullopt: main): the table name is replaced
// by the qualified new name, and REFERENCES to `old_name` (self-references)
// by the new name. Everything else — columns, constraints, STRICT, WITHOUT
// ROWID, AUTOINCREMENT, generated columns, comments — stays verbatim.
// Throws Error(kDatabase) for text that is not a CREATE TABLE.
std::string sqlite_retarget_create_table(std::string_view sql,
                                         const std::optional<std::string>& schema,
                                         const std::string& old_name, const std::string& new_name);

// A stored CREATE TRIGGER text made to create the trigger in `schema`
// (nullopt: main — always qualified, since an unqualified trigger lands in
// main) on table `table`: the trigger name is (re)qualified and the ON
// clause names `table`. The trigger body stays verbatim. Throws
// Error(kDatabase) for text that is not a CREATE TRIGGER.
std::string sqlite_retarget_trigger(std::string_view sql, const std::optional<std::string>& schema,
                                    const std::string& table);

// The stored CREATE TABLE text with the named constraint `old_name` (of
// `kind`, or of any kind when nullopt: PRIMARY KEY, UNIQUE, CHECK or FOREIGN
// KEY / REFERENCES, table- or column-level) renamed to `new_name`; nullopt
// when there is no such constraint. Only the name token changes.
std::optional<std::string> sqlite_rename_constraint_text(
    std::string_view sql, const std::string& old_name, const std::string& new_name,
    std::optional<SqliteConstraintText::Kind> kind);

}  // namespace strata::dialect::sqlite
