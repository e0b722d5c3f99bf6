// The comparator's index pass (see compare.h). Indexes match on their table
// by definition (elements, uniqueness, predicate, INCLUDE, and what the
// Normalizer's index_options_key adds: on PostgreSQL the access method and
// operator classes, so a changed one is drop + create), preferring the
// same name; a match under another name becomes rename_index. A unique index
// already matched by a unique constraint (table pass) is skipped. Indexes of
// a dropped table are dropped explicitly before it, so the downgrade
// re-creates them. Work is per table, with each index's key computed once.
#include "autogen/compare/context.h"

namespace strata::autogen::detail {
namespace {

QualifiedName table_of(const model::Index& index) { return {*index.schema, index.table}; }
QualifiedName id_of(const model::Index& index) { return {*index.schema, index.name}; }

model::Index op_index(const Context& ctx, model::Index index) {
  index.schema = ctx.op_schema(index.schema);
  return index;
}

ops::DropIndex drop_op(const Context& ctx, const model::Index& index) {
  ops::DropIndex op;
  op.name = index.name;
  op.schema = ctx.op_schema(index.schema);
  op.table = index.table;
  op.dropped = op_index(ctx, index);
  return op;
}

struct Keyed {
  const model::Index* index;
  std::string key;
  bool used = false;
};

// The indexes of `catalog` not consumed, by table, with their keys.
std::map<QualifiedName, std::vector<Keyed>> by_table(const Context& ctx,
                                                     const std::vector<model::Index>& indexes,
                                                     const std::set<QualifiedName>& consumed) {
  std::map<QualifiedName, std::vector<Keyed>> out;
  for (const model::Index& index : indexes) {
    if (consumed.count(id_of(index))) continue;
    out[table_of(index)].push_back(Keyed{&index, index_key(ctx, index)});
  }
  return out;
}

}  // namespace

void compare_indexes(Context& ctx, const model::Catalog& live, const model::Catalog& desired) {
  auto live_by_table = by_table(ctx, live.indexes, ctx.consumed_live_indexes);
  auto desired_by_table = by_table(ctx, desired.indexes, ctx.consumed_desired_indexes);
  std::vector<std::pair<const model::Index*, const model::Index*>> renames;  // have, want
  std::vector<const model::Index*> creates;
  for (auto& [table, wants] : desired_by_table) {
    std::vector<Keyed>* haves = nullptr;
    if (auto found = live_by_table.find(table); found != live_by_table.end()) haves = &found->second;
    for (int pass = 0; pass < 2; ++pass) {
      for (Keyed& want : wants) {
        if (want.used || !haves) continue;
        for (Keyed& have : *haves) {
          if (have.used || have.key != want.key) continue;
          if (pass == 0 && have.index->name != want.index->name) continue;
          have.used = want.used = true;
          if (have.index->name != want.index->name) renames.emplace_back(have.index, want.index);
          break;
        }
      }
    }
    for (const Keyed& want : wants) {
      if (!want.used) creates.push_back(want.index);
    }
  }
  // Drops first (a changed index keeps its name: drop, then create).
  for (const auto& [table, haves] : live_by_table) {
    for (const Keyed& have : haves) {
      if (!have.used) ctx.add(ctx.buckets.drop_dependents, drop_op(ctx, *have.index));
    }
  }
  for (const auto& [have, want] : renames) {
    ops::RenameIndex op;
    op.schema = ctx.op_schema(want->schema);
    op.table = want->table;
    op.old_name = have->name;
    op.new_name = want->name;
    ctx.add_table_change(table_of(*want), std::move(op));
  }
  for (const model::Index* want : creates) {
    ctx.add_table_change(table_of(*want), ops::CreateIndex{op_index(ctx, *want), false, false});
  }
}

}  // namespace strata::autogen::detail
