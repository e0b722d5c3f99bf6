// load_models(): the desired state from the model files a project lists in
// strata.toml (`models = ["models/*.lua", "models/*.sql"]`, globs relative
// to the config file), as one model::Catalog.
//
// Contract:
//  - Globs are glob(3) patterns (`*`, `?`, `[...]` within one path
//    component; no `**`), resolved against the config file's directory. A
//    file matched by several globs is read once. Matches must end in .lua or
//    .sql (else Error(kConfig)). No `models` key, no matching file at all, or
//    a wildcard-free entry naming a missing file: Error(kConfig) — an empty
//    desired state would drop every table.
//  - Lua files (.lua) run in the revision sandbox with the `model` table
//    (models/lua_models.h; require() roots: <script_location>/lib, as for
//    revision scripts); SQL files (.sql) are applied to a scratch dev
//    database and reflected back (models/sql_models.h), all in one call,
//    only when a .sql file is listed. An entry "python:package.module:attr"
//    is not a glob: SQLAlchemy metadata read through python3
//    (models/python_models.h), appended after the SQL files' objects and
//    named by the metadata's own naming_convention.
//  - The same [schema.]table or view (tables and views share names), index
//    ([schema.]name; on MySQL per table), sequence or enum declared twice —
//    in one file or two — is Error(kScript)
//    "<second file:line>: table core.users is declared twice (first at <file:line>)".
//    An unset schema and the default schema spelled out are not known to be
//    the same here (the comparator resolves the default schema).
//  - catalog.schemas: the schemas declared with model.schema plus every
//    schema an object names, sorted and distinct. default_schema stays empty.
//  - A .lua / .sql file in a directory the globs read (the literal directory
//    part of each glob and the directories of its matches) that no glob
//    matches is a warning "<path>: model file not listed in `models`
//    (strata.toml)".
//  - The naming convention (strata.toml `naming_convention`, model/naming.h)
//    names the Lua models' unnamed constraints and indexes; an index left
//    without a name is Error(kScript) at its declaration. Objects from SQL
//    files keep the names the dev database gave them.
//  - Files are read in sorted path order; objects keep declaration order
//    (Lua files first, then the SQL files' objects). The result is
//    deterministic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "model/catalog.h"

namespace strata::models {

struct LoadedModels {
  model::Catalog catalog;
  std::vector<std::string> files;     // the model files read, sorted
  std::vector<std::string> warnings;  // one line each, for stderr
  // "file:line" of each index's declaration, parallel to catalog.indexes
  // ("" when unknown, e.g. from SQL files).
  std::vector<std::string> index_origins;
};

// `dialect`: the target's dialect name (Lua models see it as model.dialect).
LoadedModels load_models(const config::Config& config, std::string_view dialect);

// The files the `models` globs match (sorted) and the unlisted-file warnings
// above, without loading any file (strata doctor). Errors as load_models's
// glob errors.
struct ModelFileList {
  std::vector<std::string> files;
  std::vector<std::string> warnings;
};
ModelFileList list_model_files(const config::Config& config);

}  // namespace strata::models
