// The comparator's index pass (see compare.h). Indexes match on their table
// by definition (elements, uniqueness, predicate, INCLUDE), preferring the
// same name; a match under another name becomes rename_index. A unique index
// already matched by a unique constraint (table pass) is skipped. Indexes of
// a dropped table are dropped explicitly before it, so the downgrade
// re-creates them.
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

}  // namespace

void compare_indexes(Context& ctx, const model::Catalog& live, const model::Catalog& desired) {
  std::vector<const model::Index*> live_list, desired_list;
  for (const model::Index& index : live.indexes) {
    if (!ctx.consumed_live_indexes.count(id_of(index))) live_list.push_back(&index);
  }
  for (const model::Index& index : desired.indexes) {
    if (!ctx.consumed_desired_indexes.count(id_of(index))) desired_list.push_back(&index);
  }
  std::vector<bool> live_used(live_list.size(), false);
  std::vector<const model::Index*> partner(desired_list.size(), nullptr);
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t d = 0; d < desired_list.size(); ++d) {
      if (partner[d]) continue;
      const model::Index& want = *desired_list[d];
      std::string key = index_key(ctx, want);
      for (size_t l = 0; l < live_list.size(); ++l) {
        const model::Index& have = *live_list[l];
        if (live_used[l] || table_of(have) != table_of(want)) continue;
        if (pass == 0 && have.name != want.name) continue;
        if (index_key(ctx, have) != key) continue;
        partner[d] = &have;
        live_used[l] = true;
        break;
      }
    }
  }
  // Drops first (a changed index keeps its name: drop, then create).
  for (size_t l = 0; l < live_list.size(); ++l) {
    if (live_used[l]) continue;
    ctx.add(ctx.buckets.drop_dependents, drop_op(ctx, *live_list[l]));
  }
  for (size_t d = 0; d < desired_list.size(); ++d) {
    const model::Index& want = *desired_list[d];
    if (const model::Index* have = partner[d]) {
      if (have->name != want.name) {
        ops::RenameIndex op;
        op.schema = ctx.op_schema(want.schema);
        op.table = want.table;
        op.old_name = have->name;
        op.new_name = want.name;
        ctx.add_table_change(table_of(want), std::move(op));
      }
      continue;
    }
    ctx.add_table_change(table_of(want), ops::CreateIndex{op_index(ctx, want), false, false});
  }
}

}  // namespace strata::autogen::detail
