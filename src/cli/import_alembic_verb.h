// `strata import-alembic SRC [-c alembic.ini] -o DEST [--update] [--json]`:
// the CLI side of alembic_import/import_alembic.h. -c is the global option,
// read here as Alembic's config file (when given). Prints the summary —
// "N revisions, M translated whole, K to edit" then one
// `file:line: not translated: construct` line per marker — and returns 0
// once the project is written (markers are not a failure: the summary says
// what to edit).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/verbs.h"

namespace strata::cli {

struct ImportAlembicArgs {
  std::string src;
  std::string dest;
  bool update = false;
  bool json = false;
  std::string python = "python3";
};

CLI::App* add_import_alembic_verb(CLI::App& app, ImportAlembicArgs& args);
// `alembic_ini`: the global -c when the user gave it, else "".
int run_import_alembic(const GlobalOptions& g, const std::string& alembic_ini,
                       const ImportAlembicArgs& args);

}  // namespace strata::cli
