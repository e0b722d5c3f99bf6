// catalog_ops(): the ops that create one schema's objects of a catalog from
// nothing — what `strata models dump` writes, as model declarations
// (render_models_lua) or as SQL (app/autogenerate.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/catalog.h"
#include "ops/ops.h"

namespace strata::autogen {

// A model sequence as the op that creates it (`schema` as the op names it).
ops::CreateSequence create_sequence_op(const model::Sequence& sequence,
                                       std::optional<std::string> schema);

struct SchemaOps {
  std::vector<ops::Op> creates;       // enums, sequences, tables, indexes, in that order
  std::vector<ops::Op> foreign_keys;  // create_foreign_key, when split out
};

// The objects of `catalog` in `schema`; the default schema is written unset
// (in objects and in foreign keys' referents), reflected-only column facts
// are dropped. `split_foreign_keys`: foreign keys become AddConstraint ops
// in `foreign_keys` instead of staying in their CreateTable.
SchemaOps catalog_ops(const model::Catalog& catalog, const std::string& schema,
                      const std::string& default_schema, bool split_foreign_keys);

}  // namespace strata::autogen
