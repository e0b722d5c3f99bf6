// Internal to the comparator (autogen/compare.h): the state one compare()
// call shares between its per-kind passes, and the buckets that fix the
// order of the emitted ops.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "autogen/compare.h"

namespace strata::autogen::detail {

// "schema.name" — the identity of a table, sequence, enum or index.
struct QualifiedName {
  std::string schema;
  std::string name;
  friend auto operator<=>(const QualifiedName&, const QualifiedName&) = default;
  std::string text() const { return schema + "." + name; }
};

// The ops of one compare() call, by phase; concatenated in this order.
struct Buckets {
  std::vector<Change> create_schemas;
  std::vector<Change> create_types;      // enums, sequences, enum value changes
  std::vector<Change> pre_move_drops;    // foreign keys that cannot follow a move
  std::vector<Change> moves;             // move_table / rename_table / rename_column
  std::vector<Change> drop_dependents;   // foreign keys, constraints, indexes going away first
  std::vector<Change> create_tables;     // in foreign-key order
  std::map<QualifiedName, std::vector<Change>> table_changes;  // per table, grouped
  std::vector<Change> create_foreign_keys;
  std::vector<Change> drop_tables;       // referencing tables first
  std::vector<Change> drop_types;
  std::vector<Change> drop_schemas;
};

struct Context {
  const dialect::Normalizer& normalizer;
  const CompareOptions& options;
  Buckets buckets;
  std::vector<std::string> warnings;
  // Unique indexes matched by a unique constraint on the other side (a
  // unique constraint and a unique index on the same columns are one fact).
  std::set<QualifiedName> consumed_live_indexes;
  std::set<QualifiedName> consumed_desired_indexes;
  // Live indexes, for the unique-constraint pass (set by compare_tables).
  const std::vector<model::Index>* live_indexes = nullptr;
  const std::vector<model::Index>* desired_indexes = nullptr;

  // How an op names `schema`: unset for the default schema.
  std::optional<std::string> op_schema(const std::optional<std::string>& schema) const {
    if (!schema || *schema == options.default_schema) return std::nullopt;
    return schema;
  }
  // A table / index as an op carries it: its schema and its foreign keys'
  // referent schemas through op_schema().
  model::Table op_table(model::Table table) const {
    table.schema = op_schema(table.schema);
    for (model::ForeignKey& fk : table.foreign_keys) fk.ref_schema = op_schema(fk.ref_schema);
    table.renamed_from.reset();
    table.origin.clear();
    for (model::Column& column : table.columns) {
      column.renamed_from.reset();
      column.reflected_type.clear();
    }
    return table;
  }
  model::ForeignKey op_foreign_key(model::ForeignKey fk) const {
    fk.ref_schema = op_schema(fk.ref_schema);
    return fk;
  }
  // drop_constraint of a live table's named foreign key, carrying it for
  // the reverse. REQUIRES: fk.name.
  ops::DropConstraint drop_foreign_key(const model::Table& table, const model::ForeignKey& fk) const {
    ops::DropConstraint op;
    op.schema = op_schema(table.schema);
    op.table = table.name;
    op.name = *fk.name;
    op.type = ops::ConstraintType::kForeignKey;
    op.dropped = op_foreign_key(fk);
    return op;
  }
  model::Column op_column(model::Column column) const {
    column.renamed_from.reset();
    column.reflected_type.clear();
    return column;
  }

  void add(std::vector<Change>& bucket, ops::Op op, std::vector<std::string> notes = {}) {
    bucket.push_back(Change{std::move(op), std::move(notes)});
  }
  void add_table_change(const QualifiedName& table, ops::Op op,
                        std::vector<std::string> notes = {}) {
    buckets.table_changes[table].push_back(Change{std::move(op), std::move(notes)});
  }
};

// A catalog with every schema resolved (unset -> default), column-level
// primary_key / unique flags folded into table constraints, key columns
// NOT NULL, and out-of-scope objects removed.
model::Catalog canonical_catalog(const model::Catalog& catalog, const CompareOptions& options);

// Matching keys (normalised through the Normalizer).
std::string column_type_key(const Context& ctx, const model::Column& column);
std::string columns_signature(const Context& ctx, const model::Table& table);
std::string unique_key(const model::UniqueConstraint& unique);
std::string foreign_key_key(const model::ForeignKey& fk, const std::string& table_schema);
std::string check_key(const Context& ctx, const model::CheckConstraint& check);
std::string index_key(const Context& ctx, const model::Index& index);

// After a move_table with a new name (`table` already relocated, live
// catalog's indexes too): renames, in `live`, the constraints and indexes
// the dialect's move renames (Normalizer::move_renames_default_names;
// move_names.cpp).
void rename_default_names_after_move(model::Catalog& live, model::Table& table,
                                     const std::string& old_name);

// Passes, in the order compare() runs them.
void compare_schemas(Context& ctx, const model::Catalog& live, const model::Catalog& desired);
void compare_types(Context& ctx, const model::Catalog& live, const model::Catalog& desired);
// Matches tables (by name, rename hints, then unambiguous same-columns
// moves), emits moves, creates and drops; calls compare_table for pairs.
void compare_tables(Context& ctx, model::Catalog& live, const model::Catalog& desired);
// One matched pair (live already renamed/moved to the desired identity).
void compare_table(Context& ctx, const model::Table& live, const model::Table& desired);
void compare_indexes(Context& ctx, const model::Catalog& live, const model::Catalog& desired);

}  // namespace strata::autogen::detail
