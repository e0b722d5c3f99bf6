// compare(): the comparator. Diffs the desired state (model files) against
// the live one (inspect()) and returns the ops that turn live into desired,
// in an order that applies cleanly. Written once over the neutral model;
// what differs per dialect is behind dialect::Normalizer.
//
// Contract:
//  - Scope: only schemas in `include_schemas` are compared (an unset schema
//    is `default_schema`); tables matching an `exclude_tables` glob
//    ("name", "schema.name", '*' / '?' wildcards) and the version table are
//    never part of a diff, nor is the version table's schema (strata creates
//    it before a revision runs). Views are never dropped or created unless the
//    models declare views.
//  - Never loses data silently: a table that disappears while one with the
//    same columns (names and type keys) appears becomes MoveTable /
//    RenameTable when the match is unambiguous; `renamed_from` hints on
//    tables and columns become moves and renames. A column dropped and one
//    of the same type added in one table without a hint stays drop + add,
//    with a note on the add ("possible rename of old -> new: add
//    renamed_from to the model") and a warning.
//  - Unnamed model constraints and indexes match reflected ones by
//    definition; a named one whose definition matches a reflected one with
//    another name becomes RenameConstraint / RenameIndex.
//  - Every emitted op carries what reverse() needs (dropped / existing_*),
//    so the downgrade is the exact reverse.
//  - Order: create schemas, create enums, create sequences, then per table;
//    tables before the foreign keys that reference them (foreign keys of new
//    tables that reference tables created later, or in a cycle, are split
//    out into create_foreign_key after all creates); foreign keys dropped
//    before the tables they reference; drop sequences / enums, drop schemas
//    last.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialect/normalizer.h"
#include "model/catalog.h"
#include "ops/ops.h"

namespace strata::autogen {

struct CompareOptions {
  std::string default_schema;                // the connection's default schema
  std::vector<std::string> include_schemas;  // resolved scope (always has default_schema)
  std::vector<std::string> exclude_tables;   // globs
  std::string version_table = "alembic_version";
  std::optional<std::string> version_table_schema;  // unset: default_schema
  std::string history_table = "strata_history";     // beside the version table
  // Whether enums and sequences are compared (dialects that have them).
  bool enums = true;
  bool sequences = true;
  // Whether comments are compared (SQLite keeps none).
  bool comments = true;
  // Whether column identities are compared and changed (alter_column's
  // identity): dialects whose inspector reflects them (PostgreSQL).
  // Elsewhere an identity is the dialect's auto-increment: a model identity
  // on a live column that is not auto-increment is only a warning.
  bool identity = true;
  // Whether foreign keys survive a table moving to another schema (SQLite:
  // no — its keys cannot cross database files, so the comparator drops the
  // keys of a moved table before the move and creates them after).
  bool foreign_keys_follow_moves = true;
};

// One op with the notes the Lua renderer writes above it as comments.
struct Change {
  ops::Op op;
  std::vector<std::string> notes;
};

struct Diff {
  std::vector<Change> changes;
  std::vector<std::string> warnings;  // for stderr, one line each
  bool empty() const { return changes.empty(); }
};

Diff compare(const model::Catalog& live, const model::Catalog& desired,
             const dialect::Normalizer& normalizer, const CompareOptions& options);

// One line per change for `strata check` ("add_column core.users.tier").
std::vector<std::string> describe_changes(const Diff& diff);

}  // namespace strata::autogen
