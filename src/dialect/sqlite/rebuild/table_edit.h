// SqliteTableEdit: applies table-level ops to the model of a reflected SQLite
// table, producing the new definition and the column mapping one table
// rebuild (dialect/sqlite/rebuild/rebuild.h) needs. A batch_alter_table applies all
// of its changes to one edit, so they are made by one rebuild.
//
// Contract (names match case-insensitively, as in SQLite):
//  - add_column: the column is appended; if_not_exists skips an existing
//    one. A primary-key column cannot be added (Error kScript). A column
//    whose name an original column had (dropped or renamed away earlier in
//    the edit) starts empty: its DEFAULT, else NULL — never the old values.
//  - drop_column: the column goes, and with it every constraint that needs
//    it: the primary key, UNIQUE and FOREIGN KEY constraints listing it, a
//    self-referencing foreign key whose referenced columns list it, and CHECK
//    constraints that name it (dialect/sqlite/text.h). if_exists skips a
//    missing column.
//  - alter_column: type, nullable and server_default change; comment and
//    using_expr are ignored (SQLite keeps no comments; the copy converts
//    values by the new column's affinity). new_column_name renames last.
//  - rename_column (and alter_column's rename): the column and every
//    constraint naming it follow — key, UNIQUE and FOREIGN KEY column lists,
//    self-references, CHECK texts. The rebuild copies the old column into the
//    renamed one.
//  - add_constraint: a primary key only when the table has none; a foreign
//    key must reference a table of the same database file: its ref_schema
//    unset (taken as the table's) or equal to the table's schema (Error
//    kScript otherwise). A name already used by another constraint is refused.
//  - drop_constraint / rename_constraint: by name, of `type` when known. An
//    unnamed primary key (SQLite keeps no name) matches any name when the
//    type is primary. drop_constraint's if_exists skips a missing one.
//  - Errors: a missing column or constraint, or a clashing name, is
//    Error(kDatabase) (what the database would say); what SQLite cannot
//    express is Error(kScript).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dialect/sqlite/rebuild/rebuild.h"
#include "model/schema.h"
#include "ops/ops.h"

namespace strata::dialect::sqlite {

class SqliteTableEdit {
 public:
  // `table`: reflect_sqlite_table's model of the table.
  explicit SqliteTableEdit(model::Table table);

  void apply(const ops::AddColumn& op);
  void apply(const ops::DropColumn& op);
  void apply(const ops::AlterColumn& op);
  void apply(const ops::RenameColumn& op);
  void apply(const ops::AddConstraint& op);
  void apply(const ops::DropConstraint& op);
  void apply(const ops::RenameConstraint& op);

  // The new definition.
  const model::Table& table() const { return table_; }
  // renamed: original column → its final name (when different); fill: the
  // re-used names of the contract, filled with their DEFAULT or NULL.
  RebuildOptions options() const;
  // The original columns dropped by the edit (even when a new column re-uses
  // the name): indexes naming them go before the rebuild.
  const std::vector<std::string>& dropped() const { return dropped_; }
  // Did any op change the definition (false when every op was skipped by
  // its if_[not_]exists)?
  bool changed() const { return changed_; }

 private:
  model::Column* find(const std::string& name);
  // `from` by value: callers pass the column's own name, which this changes.
  void rename(const std::string from, const std::string& to);
  // Where constraint `name` (of `type`) is; nullopt when absent.
  struct Found {
    ops::ConstraintType type;
    size_t index = 0;  // into uniques / checks / foreign_keys
  };
  std::optional<Found> find_constraint(const std::string& name, ops::ConstraintType type) const;
  std::string where() const;

  model::Table table_;
  // Current name of each original column still present → original name.
  std::map<std::string, std::string> origin_;
  std::vector<std::string> original_names_;
  std::vector<std::string> dropped_;
  std::map<std::string, std::string> fill_;
  bool changed_ = false;
};

}  // namespace strata::dialect::sqlite
