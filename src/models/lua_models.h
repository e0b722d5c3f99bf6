// Lua model files: one file of the desired state, run in the revision
// sandbox (lua/sandbox.h: same libraries, `require` from the same module
// roots) with a global `model` table instead of `op`.
//
// The `model` table:
//   model.dialect                      -- the target dialect ("postgresql", ...)
//   Value constructors: exactly op.*'s (lua/op_values.cpp, reused): model.column,
//     model.Integer ... model.String(n) ..., model.text, model.null, model.f,
//     model.foreign_key_constraint, model.unique_constraint,
//     model.check_constraint, model.primary_key_constraint. model.column also
//     takes renamed_from = "<old column name>" (a rename hint) and identity.
//   Declarations (arguments as the matching op; unknown options are errors):
//     model.schema(name)
//     model.enum(name, values, {schema})              -- values: non-empty, distinct
//     model.sequence(name, {schema, start, increment, minvalue, maxvalue, cache, cycle})
//     model.table(name, <column | constraint>..., {schema, comment, renamed_from})
//                 renamed_from: "old" or "schema.old" (a rename / move hint)
//     model.index(name | nil, table, "col" | model.text(expr) | {...},
//                 {schema, unique, where, include, using, ops})   -- also
//                 postgresql_where, sqlite_where, postgresql_include,
//                 postgresql_using, postgresql_ops; name nil only when the
//                 naming convention has "ix" (LuaModelOptions::index_name_optional)
//     model.view(name, select_sql, {schema})
//   A capitalised unknown field (model.Strng) is an error, as op.* does.
//
// Each declaration is appended to DeclaredModels in call order with its
// origin "file:line" (the calling line: for a declaration made inside a
// required module, the module's line). An unset schema stays unset (= the
// connection's default schema). Duplicates are NOT checked here (see
// models/model_files.h, which checks across files).
//
// Errors: Error(kScript) "file:line: message" (bad arguments, Lua errors),
// Error(kIo) for an unreadable file.
#pragma once

#include <string>
#include <vector>

#include "model/catalog.h"

namespace strata::models {

struct LuaModelOptions {
  std::string dialect;                    // model.dialect
  std::vector<std::string> module_roots;  // require() roots (<script_location>/lib)
  bool index_name_optional = false;       // model.index(nil, ...) allowed ("ix" template)
  long instruction_limit = 0;             // 0: none
};

struct DeclaredModels {
  model::Catalog catalog;                  // schemas: model.schema names, in order, distinct
  std::vector<std::string> index_origins;  // parallel to catalog.indexes
};

// Runs the Lua model file at `path` in a fresh sandbox, appending what it
// declares to `out`.
void load_lua_model(const std::string& path, const LuaModelOptions& options,
                    DeclaredModels& out);

}  // namespace strata::models
