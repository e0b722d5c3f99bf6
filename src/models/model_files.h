// load_models(): the desired state from the model files a project lists in
// strata.toml (`models = ["models/*.lua", "models/*.sql"]`, globs relative
// to the config file), as one model::Catalog.
//
// Contract:
//  - Lua files (.lua) run in the revision sandbox with the `model` table
//    (models/lua_models.h); SQL files (.sql) are applied to a scratch dev
//    database and reflected back (models/sql_models.h).
//  - The same schema.table (or index, sequence, enum) declared twice is
//    Error(kScript) naming both "file:line"s.
//  - A .lua / .sql file in a directory the globs read that no glob matches
//    is a warning naming it ("model file X is not listed in models").
//  - The naming convention (strata.toml `naming_convention`) names every
//    unnamed constraint and index it has a template for.
//  - Files are read in sorted path order; the result is deterministic.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "model/catalog.h"

namespace strata::models {

struct LoadedModels {
  model::Catalog catalog;
  std::vector<std::string> files;     // the model files read, sorted
  std::vector<std::string> warnings;  // one line each, for stderr
};

// `dialect`: the target's dialect name (Lua models see it as model.dialect).
LoadedModels load_models(const config::Config& config, std::string_view dialect);

}  // namespace strata::models
