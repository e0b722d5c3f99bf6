// render_lua(): ops back into revision-script text — the Lua op API calls
// that build exactly these ops (parse(render(op)) == op, tested for every
// golden case). Driven by the one op specification (ops/op_spec.h), the same
// table the reference documentation is checked against.
//
// Output style: one call per op, options in a trailing table with keys in
// specification order, only the options that differ from their defaults;
// strings in double quotes with Lua escapes; columns one per line inside
// create_table. Each line is indented by `indent` spaces. Notes are written
// as "-- note" lines above their op.
#pragma once

#include <string>
#include <vector>

#include "autogen/compare.h"
#include "model/catalog.h"
#include "ops/ops.h"

namespace strata::autogen {

std::string render_lua(const std::vector<ops::Op>& ops, int indent = 2);
std::string render_lua(const std::vector<Change>& changes, int indent = 2);

// A model file (`strata models dump --format lua`): the objects of
// `catalog` in `schema` as model.* declarations — model.schema (unless
// `schema` is the default one), model.enum, model.sequence, model.table with
// its columns and constraints (foreign keys inline; `schema = ...` option
// left out for the default schema, and a foreign key's referent schema
// likewise), model.index — in that order, at indent 0, with a header
// comment. Loading the file as a model (models/lua_models.h) gives back the
// same objects (tested: dump, then check is clean).
std::string render_models_lua(const model::Catalog& catalog, const std::string& schema,
                              const std::string& default_schema);

}  // namespace strata::autogen
