// What strata reads itself from SQL model statements (models/sql_models.h),
// beside what the dev database reflects: the objects each CREATE declares
// (for their "file:line" origins), the schemas the DDL uses, and rename
// hints. Not a parser: only statement heads and CREATE TABLE bodies.
//
// Contract:
//  - Names are folded as the dialect folds them: unquoted names lower-case
//    on PostgreSQL, as written elsewhere; quoted names as written.
//  - Objects: CREATE SCHEMA / DATABASE, TABLE, SEQUENCE, TYPE ... AS ENUM,
//    [MATERIALIZED] VIEW, with their schema when qualified. CREATE INDEX
//    contributes only its schema (indexes carry no origin in the model).
//  - Schemas: every CREATE SCHEMA / DATABASE name and every schema that
//    qualifies a created object's name (or a CREATE INDEX's table).
//  - Rename hints: a line comment `-- renamed from <old>` (any case; `<old>`
//    the next word, quotes removed) in a CREATE TABLE statement. It must end
//    a line that holds code: a line of the table head (up to the body's
//    opening parenthesis, or the one-line statement) makes a table hint; a
//    line of a column definition makes a column hint. Anywhere else in a
//    CREATE TABLE (its own line, a constraint's line) it is Error(kScript)
//    "<file>:<line>: ...". Outside CREATE TABLE such comments are ignored.
//  - dev_text(): the statement as the dev database runs it — "" for CREATE
//    SCHEMA / DATABASE when the dev database makes schemas itself (SQLite,
//    MySQL), and on MySQL every `<schema>.` qualifier of a known schema
//    renamed to its scratch database.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/sql_script.h"

namespace strata::models::sql {

struct DeclaredObject {
  enum class Kind { kSchema, kTable, kSequence, kEnum, kView };
  Kind kind = Kind::kTable;
  std::optional<std::string> schema;
  std::string name;
  int line = 0;
};

struct RenameHint {
  std::optional<std::string> schema;  // the table's
  std::string table;
  std::optional<std::string> column;  // unset: a table hint
  std::string old_name;               // "[schema.]name" for a table, the column's old name
};

struct ScriptFacts {
  std::vector<DeclaredObject> objects;
  std::vector<RenameHint> hints;
  std::set<std::string> schemas;
};

// Adds what `st` declares to `facts`.
void scan(const Statement& st, std::string_view dialect, std::string_view file, ScriptFacts& facts);

// `st` as the dev database runs it; `scratch`: SQL schema -> dev schema (MySQL).
std::string dev_text(const Statement& st, std::string_view script, std::string_view dialect,
                     const std::map<std::string, std::string>& scratch);

}  // namespace strata::models::sql
