// The comparator's per-table pass (see compare.h): columns (type,
// nullability, default, comment, identity — see compare_identity), primary key,
// unique constraints, foreign keys, checks and the table comment of one
// matched pair. `live` is already moved / renamed to the desired identity.
//
// Constraint matching: by definition (columns; referent and actions; the
// normalised CHECK text), preferring the same name; a match whose names
// differ, when the desired one is named and the live one too, becomes
// rename_constraint. An unnamed live constraint (SQLite) matches any name.
// A unique constraint and a unique index on the same columns are one fact.
#include <algorithm>

#include "autogen/compare/context.h"

namespace strata::autogen::detail {
namespace {

const model::Column* find_column(const model::Table& table, const std::string& name) {
  for (const model::Column& column : table.columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

std::optional<std::string> default_key(const Context& ctx, const model::Column& column) {
  return ctx.normalizer.default_key(column);
}

bool sole_key(const model::Table& table, const std::string& column) {
  return table.primary_key && table.primary_key->columns == std::vector<std::string>{column};
}

// The database's start of an identity with these bounds and increment.
long long default_start(const model::Identity& id) {
  return id.increment.value_or(1) > 0 ? id.minvalue.value_or(1) : id.maxvalue.value_or(-1);
}

// `live` with what `desired` sets (like sequences: an option the model
// leaves unset is not compared; increment, cache and start against the
// database's defaults, which the inspector reports as unset).
model::Identity merged_identity(const model::Identity& live, const model::Identity& desired) {
  model::Identity out = live;
  out.always = desired.always;
  out.cycle = desired.cycle;
  if (desired.start && *desired.start != live.start.value_or(default_start(live))) {
    out.start = desired.start;
  }
  if (desired.increment && *desired.increment != live.increment.value_or(1)) {
    out.increment = desired.increment;
  }
  if (desired.minvalue && desired.minvalue != live.minvalue) out.minvalue = desired.minvalue;
  if (desired.maxvalue && desired.maxvalue != live.maxvalue) out.maxvalue = desired.maxvalue;
  if (desired.cache && *desired.cache != live.cache.value_or(1)) out.cache = desired.cache;
  return out;
}

// The identity part of compare_column: sets op.identity / existing_identity
// and returns whether it changes anything. A serial column on one side and
// an identity on the other (both auto-numbering) is left alone with a
// warning: the conversion needs the serial's sequence handled by hand.
bool compare_identity(Context& ctx, const QualifiedName& name, const model::Column& live,
                      bool live_auto, const model::Column& desired, bool desired_auto,
                      ops::AlterColumn& op) {
  const std::string where = "column " + name.text() + "." + desired.name + ": ";
  if (!ctx.options.identity) {
    if (desired.identity && !live_auto) {
      ctx.warnings.push_back(where +
                             "the models make it an identity, the database's column is not "
                             "auto-increment; autogenerate does not change that here "
                             "(write it by hand)");
    }
    return false;
  }
  if (!live.identity && !desired.identity) return false;
  if (live.identity.has_value() != desired.identity.has_value() &&
      (desired.identity ? live_auto : desired_auto)) {
    ctx.warnings.push_back(where + (desired.identity ? "serial in the database, an identity in "
                                                       "the models"
                                                     : "an identity in the database, serial in "
                                                       "the models") +
                           "; autogenerate does not convert between them (write it by hand)");
    return false;
  }
  if (!live.identity) {
    op.identity = desired.identity;
    op.existing_identity = std::optional<model::Identity>();
    return true;
  }
  if (!desired.identity) {
    op.identity = std::optional<model::Identity>();
    op.existing_identity = live.identity;
    return true;
  }
  model::Identity merged = merged_identity(*live.identity, *desired.identity);
  if (merged == *live.identity) return false;
  op.identity = merged;
  op.existing_identity = live.identity;
  return true;
}

void compare_column(Context& ctx, const QualifiedName& name, const model::Table& live_table,
                    const model::Column& live, const model::Table& desired_table,
                    const model::Column& desired) {
  ops::AlterColumn op;
  op.schema = ctx.op_schema(std::optional<std::string>(name.schema));
  op.table = name.name;
  op.column = desired.name;
  bool changed = false;
  if (column_type_key(ctx, live) != column_type_key(ctx, desired)) {
    op.type = desired.type;
    changed = true;
  }
  if (live.nullable != desired.nullable) {
    op.nullable = desired.nullable;
    changed = true;
  }
  bool live_auto = ctx.normalizer.is_autoincrement(live, sole_key(live_table, live.name));
  bool desired_auto = ctx.normalizer.is_autoincrement(desired, sole_key(desired_table, desired.name));
  if (!(live_auto && desired_auto) && default_key(ctx, live) != default_key(ctx, desired)) {
    op.server_default = desired.server_default;
    changed = true;
  }
  if (ctx.options.comments && live.comment != desired.comment) {
    op.comment = desired.comment;
    changed = true;
  }
  if (compare_identity(ctx, name, live, live_auto, desired, desired_auto, op)) changed = true;
  if (!changed) return;
  op.existing_type = live.type;
  op.existing_nullable = live.nullable;
  op.existing_server_default = live.server_default;
  op.existing_comment = live.comment;
  if (live.autoincrement) op.existing_autoincrement = live.autoincrement;
  ctx.add_table_change(name, std::move(op));
}

void compare_columns(Context& ctx, const QualifiedName& name, const model::Table& live,
                     const model::Table& desired) {
  std::vector<const model::Column*> added, dropped;
  for (const model::Column& column : desired.columns) {
    const model::Column* existing = find_column(live, column.name);
    if (existing) {
      compare_column(ctx, name, live, *existing, desired, column);
    } else {
      added.push_back(&column);
    }
  }
  for (const model::Column& column : live.columns) {
    if (!find_column(desired, column.name)) dropped.push_back(&column);
  }
  for (const model::Column* column : added) {
    std::vector<std::string> notes;
    for (const model::Column* old : dropped) {
      if (column_type_key(ctx, *old) == column_type_key(ctx, *column)) {
        std::string note = "possible rename of " + old->name + " -> " + column->name +
                           ": add renamed_from to the model";
        notes.push_back(note);
        ctx.warnings.push_back(name.text() + ": " + note);
      }
    }
    ctx.add_table_change(name,
                         ops::AddColumn{ctx.op_schema(std::optional<std::string>(name.schema)),
                                        name.name, ctx.op_column(*column), false},
                         notes);
  }
  for (const model::Column* column : dropped) {
    ops::DropColumn op;
    op.schema = ctx.op_schema(std::optional<std::string>(name.schema));
    op.table = name.name;
    op.column = column->name;
    op.dropped = ctx.op_column(*column);
    ctx.add_table_change(name, std::move(op));
  }
}

// ---- constraints ------------------------------------------------------------

ops::DropConstraint drop_op(const Context& ctx, const QualifiedName& table, const std::string& name,
                            ops::ConstraintType type, ops::Constraint dropped) {
  ops::DropConstraint op;
  op.schema = ctx.op_schema(std::optional<std::string>(table.schema));
  op.table = table.name;
  op.name = name;
  op.type = type;
  op.dropped = std::move(dropped);
  return op;
}

ops::AddConstraint add_op(const Context& ctx, const QualifiedName& table, ops::Constraint c) {
  return ops::AddConstraint{ctx.op_schema(std::optional<std::string>(table.schema)), table.name,
                            std::move(c)};
}

void maybe_rename(Context& ctx, const QualifiedName& table, const std::optional<std::string>& live,
                  const std::optional<std::string>& desired, ops::ConstraintType type) {
  if (!live || !desired || *live == *desired) return;
  ctx.add_table_change(table, ops::RenameConstraint{ctx.op_schema(std::optional<std::string>(table.schema)),
                                                    table.name, *live, *desired, type});
}

// Matches `desired` items to `live` items by key, preferring equal names.
// Returns, per desired item, the index of its live partner or npos.
template <typename T, typename KeyFn>
std::vector<size_t> match_by_key(const std::vector<T>& live, const std::vector<T>& desired, KeyFn key) {
  std::vector<size_t> out(desired.size(), std::string::npos);
  std::vector<bool> taken(live.size(), false);
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t d = 0; d < desired.size(); ++d) {
      if (out[d] != std::string::npos) continue;
      for (size_t l = 0; l < live.size(); ++l) {
        if (taken[l] || key(live[l]) != key(desired[d])) continue;
        if (pass == 0 && !(live[l].name && desired[d].name && *live[l].name == *desired[d].name)) continue;
        out[d] = l;
        taken[l] = true;
        break;
      }
    }
  }
  return out;
}

// A unique constraint matched by a unique index of another name: the index
// behind the constraint is renamed (MySQL keeps both as one index).
void rename_index(Context& ctx, const QualifiedName& table, const std::string& from,
                  const std::string& to) {
  ops::RenameIndex op;
  op.schema = ctx.op_schema(std::optional<std::string>(table.schema));
  op.table = table.name;
  op.old_name = from;
  op.new_name = to;
  ctx.add_table_change(table, std::move(op));
}

// A unique index (plain columns, no predicate) on `table` with `columns`,
// not yet consumed.
const model::Index* unique_index(const std::vector<model::Index>* indexes,
                                 const std::set<QualifiedName>& consumed, const QualifiedName& table,
                                 const std::vector<std::string>& columns) {
  if (!indexes) return nullptr;
  for (const model::Index& index : *indexes) {
    if (!index.unique || index.where || !index.include.empty()) continue;
    if (*index.schema != table.schema || index.table != table.name) continue;
    if (consumed.count({*index.schema, index.name})) continue;
    std::vector<std::string> cols;
    bool plain = true;
    for (const auto& e : index.elements) {
      plain = plain && !e.is_expression;
      cols.push_back(e.text);
    }
    if (plain && cols == columns) return &index;
  }
  return nullptr;
}

void compare_primary_key(Context& ctx, const QualifiedName& name, const model::Table& live,
                         const model::Table& desired) {
  const auto& l = live.primary_key;
  const auto& d = desired.primary_key;
  if (l && d && l->columns == d->columns) {
    if (l->name != "PRIMARY") maybe_rename(ctx, name, l->name, d->name, ops::ConstraintType::kPrimaryKey);
    return;
  }
  if (l && l->name) {
    ctx.add(ctx.buckets.drop_dependents,
            drop_op(ctx, name, *l->name, ops::ConstraintType::kPrimaryKey, *l));
  }
  if (d) ctx.add_table_change(name, add_op(ctx, name, *d));
}

void compare_uniques(Context& ctx, const QualifiedName& name, const model::Table& live,
                     const model::Table& desired) {
  auto match = match_by_key(live.uniques, desired.uniques, unique_key);
  std::vector<bool> live_used(live.uniques.size(), false);
  for (size_t d = 0; d < desired.uniques.size(); ++d) {
    const model::UniqueConstraint& u = desired.uniques[d];
    if (match[d] != std::string::npos) {
      live_used[match[d]] = true;
      maybe_rename(ctx, name, live.uniques[match[d]].name, u.name, ops::ConstraintType::kUnique);
      continue;
    }
    if (const model::Index* index = unique_index(ctx.live_indexes, ctx.consumed_live_indexes, name, u.columns)) {
      ctx.consumed_live_indexes.insert({*index->schema, index->name});
      if (u.name && *u.name != index->name) rename_index(ctx, name, index->name, *u.name);
      continue;
    }
    ctx.add_table_change(name, add_op(ctx, name, u));
  }
  for (size_t l = 0; l < live.uniques.size(); ++l) {
    if (live_used[l]) continue;
    const model::UniqueConstraint& u = live.uniques[l];
    if (const model::Index* index = unique_index(ctx.desired_indexes, ctx.consumed_desired_indexes, name, u.columns)) {
      ctx.consumed_desired_indexes.insert({*index->schema, index->name});
      if (u.name && *u.name != index->name) rename_index(ctx, name, *u.name, index->name);
      continue;
    }
    if (u.name) {
      ctx.add(ctx.buckets.drop_dependents, drop_op(ctx, name, *u.name, ops::ConstraintType::kUnique, u));
    }
  }
}

void compare_foreign_keys(Context& ctx, const QualifiedName& name, const model::Table& live,
                          const model::Table& desired) {
  auto key = [&](const model::ForeignKey& fk) { return foreign_key_key(fk, name.schema); };
  auto match = match_by_key(live.foreign_keys, desired.foreign_keys, key);
  std::vector<bool> live_used(live.foreign_keys.size(), false);
  for (size_t d = 0; d < desired.foreign_keys.size(); ++d) {
    const model::ForeignKey& fk = desired.foreign_keys[d];
    if (match[d] != std::string::npos) {
      live_used[match[d]] = true;
      maybe_rename(ctx, name, live.foreign_keys[match[d]].name, fk.name, ops::ConstraintType::kForeignKey);
      continue;
    }
    ctx.add(ctx.buckets.create_foreign_keys, add_op(ctx, name, ctx.op_foreign_key(fk)));
  }
  for (size_t l = 0; l < live.foreign_keys.size(); ++l) {
    const model::ForeignKey& fk = live.foreign_keys[l];
    if (live_used[l] || !fk.name) continue;
    ctx.add(ctx.buckets.drop_dependents,
            drop_op(ctx, name, *fk.name, ops::ConstraintType::kForeignKey, ctx.op_foreign_key(fk)));
  }
}

void compare_checks(Context& ctx, const QualifiedName& name, const model::Table& live,
                    const model::Table& desired) {
  auto key = [&](const model::CheckConstraint& c) { return check_key(ctx, c); };
  auto match = match_by_key(live.checks, desired.checks, key);
  std::vector<bool> live_used(live.checks.size(), false);
  for (size_t d = 0; d < desired.checks.size(); ++d) {
    const model::CheckConstraint& c = desired.checks[d];
    if (match[d] != std::string::npos) {
      live_used[match[d]] = true;
      maybe_rename(ctx, name, live.checks[match[d]].name, c.name, ops::ConstraintType::kCheck);
      continue;
    }
    ctx.add_table_change(name, add_op(ctx, name, c));
  }
  for (size_t l = 0; l < live.checks.size(); ++l) {
    const model::CheckConstraint& c = live.checks[l];
    if (live_used[l] || !c.name) continue;
    ctx.add(ctx.buckets.drop_dependents, drop_op(ctx, name, *c.name, ops::ConstraintType::kCheck, c));
  }
}

}  // namespace

void compare_table(Context& ctx, const model::Table& live, const model::Table& desired) {
  QualifiedName name{*desired.schema, desired.name};
  compare_columns(ctx, name, live, desired);
  compare_primary_key(ctx, name, live, desired);
  compare_uniques(ctx, name, live, desired);
  compare_foreign_keys(ctx, name, live, desired);
  compare_checks(ctx, name, live, desired);
  if (ctx.options.comments && live.comment != desired.comment) {
    ctx.add_table_change(name, ops::SetTableComment{ctx.op_schema(desired.schema), desired.name,
                                                    desired.comment, live.comment});
  }
}

}  // namespace strata::autogen::detail
