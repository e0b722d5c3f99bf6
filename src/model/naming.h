// Naming conventions: SQLAlchemy's MetaData(naming_convention=...) applied
// to the neutral model, so that unnamed model constraints and indexes get the
// names SQLAlchemy would give them (strata.toml `naming_convention`).
//
// Keys: "ix" (indexes, unique ones too), "uq" (unique constraints), "ck"
// (checks), "fk" (foreign keys), "pk" (primary keys). A template is Python
// %-formatting with these tokens (`%%` is a literal '%'):
//   %(table_name)s             the table's name
//   %(constraint_name)s        the constraint's own name (see below)
//   %(column_0_name)s          the Nth column's name (any index N; "" when the
//                              constraint has fewer columns); _key is a
//                              synonym (columns have no separate key here)
//   %(column_0_label)s         "<table>_<column>", "<schema>_<table>_<column>"
//                              when the table's schema is set
//   %(column_0N_name)s         every column, joined with no separator
//   %(column_0_N_name)s        every column, joined with "_" (also _label)
//   %(referred_table_name)s    foreign keys: the referred table (no schema)
//   %(referred_column_0_name)s foreign keys: the Nth referred column
//                              (0N / 0_N forms too)
// A foreign key's columns are its local columns; an index's columns are its
// plain column elements (expressions, like SQLAlchemy's text(), are not
// columns); a check's column list is empty (its text is opaque), so
// column tokens render "" for checks, exactly as SQLAlchemy does.
//
// When a name is given (SQLAlchemy's _constraint_name_for_table):
//  - unnamed constraint / index, template exists: the template names it;
//  - named, template contains "constraint_name": the template is applied with
//    the given name as %(constraint_name)s ("ck_users_positive");
//  - named, template without it: the name is kept;
//  - unnamed, template contains %(constraint_name)s: an error naming the
//    table (SQLAlchemy: "Naming convention including %(constraint_name)s
//    token requires that constraint is explicitly named.").
// There is no op.f()/conv() marker: a named constraint under a
// %(constraint_name)s template is always re-rendered.
//
// Also named, as SQLAlchemy does: a column-level `unique = true` becomes a
// UniqueConstraint (named by "uq") when the convention has "uq" (the
// column's flag is cleared); primary-key columns flagged on the columns make
// the table's PrimaryKey (named by "pk") when the convention has "pk";
// column-level foreign keys are already ForeignKeys of the table.
//
// Long names: SQLAlchemy truncates names longer than a dialect's identifier
// limit (63 on PostgreSQL) with a hash suffix only when the name came from a
// convention and only for some dialects; strata keeps names exactly as
// rendered (PostgreSQL itself truncates identifiers to 63 bytes).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalog.h"
#include "model/schema.h"

namespace strata::model {

// key ("ix", "uq", "ck", "fk", "pk") -> template.
using NamingConvention = std::map<std::string, std::string>;

// "" when `key` is one of ix/uq/ck/fk/pk and `tmpl` a well-formed template
// whose tokens exist for that key; otherwise a one-line message
// ("unknown token %(colum_0_name)s", "'xx' is not a naming convention key
// (ix, uq, ck, fk, pk)").
std::string naming_template_error(std::string_view key, std::string_view tmpl);

// What one template is rendered for.
struct NamingSubject {
  std::optional<std::string> schema;        // the table's schema (labels)
  std::string table;
  std::vector<std::string> columns;         // local columns, in order
  const ForeignKey* foreign_key = nullptr;  // foreign keys: referred table / columns
  std::optional<std::string> name;          // the given name (%(constraint_name)s)
};

// Renders `tmpl` for `subject`. Throws Error(kConfig) on a malformed
// template or an unknown token, and Error(kScript) "... requires the
// constraint to be named" for %(constraint_name)s without a name.
std::string render_name(std::string_view tmpl, const NamingSubject& subject);

// Applies `convention` to one table's constraints (see the file comment).
// Errors: Error(kScript) "<table.origin>: table <[schema.]name>: <why>"
// (without the origin prefix when the table has none).
void apply_naming_convention(const NamingConvention& convention, Table& table);

// Applies the "ix" template to one index (name empty = unnamed). `origin`
// ("file:line", may be empty) prefixes errors.
void apply_naming_convention(const NamingConvention& convention, Index& index,
                             std::string_view origin = {});

// Every table and index of `catalog`. `index_origins` is parallel to
// catalog.indexes (shorter or empty: origins unknown).
void apply_naming_convention(const NamingConvention& convention, Catalog& catalog,
                             const std::vector<std::string>& index_origins = {});

}  // namespace strata::model
