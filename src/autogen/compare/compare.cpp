// compare(): runs the passes over canonical catalogs and concatenates their
// buckets in the order compare.h promises. The passes write the default
// schema as "unset" in every op (Context::op_schema), so a generated revision
// does not name the database's default schema and stays portable between
// databases, as hand-written ones are.
#include "autogen/compare.h"

#include "autogen/compare/context.h"

namespace strata::autogen {

Diff compare(const model::Catalog& live_in, const model::Catalog& desired_in,
             const dialect::Normalizer& normalizer, const CompareOptions& options) {
  model::Catalog live = detail::canonical_catalog(live_in, options);
  model::Catalog desired = detail::canonical_catalog(desired_in, options);
  detail::Context ctx{normalizer, options, {}, {}};

  detail::compare_schemas(ctx, live, desired);
  detail::compare_types(ctx, live, desired);
  detail::compare_tables(ctx, live, desired);

  Diff diff;
  auto append = [&](std::vector<Change>& bucket) {
    for (Change& change : bucket) diff.changes.push_back(std::move(change));
  };
  detail::Buckets& b = ctx.buckets;
  append(b.create_schemas);
  append(b.create_types);
  append(b.pre_move_drops);
  append(b.moves);
  append(b.drop_dependents);
  append(b.create_tables);
  for (auto& [table, changes] : b.table_changes) append(changes);
  append(b.create_foreign_keys);
  append(b.drop_tables);
  append(b.drop_types);
  append(b.drop_schemas);
  diff.warnings = std::move(ctx.warnings);
  return diff;
}

std::vector<std::string> describe_changes(const Diff& diff) {
  std::vector<std::string> out;
  for (const Change& change : diff.changes) out.push_back(ops::describe(change.op));
  return out;
}

}  // namespace strata::autogen
