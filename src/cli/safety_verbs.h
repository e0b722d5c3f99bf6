// The safety verbs `validate` and `repair` (cli/safety_verbs.cpp) and the
// lock options of upgrade/downgrade/stamp/repair.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/verbs.h"

namespace strata::cli {

// --lock-timeout SECONDS and --no-lock on `sub`, stored in `g`.
void add_lock_options(CLI::App* sub, GlobalOptions& g);

// `validate [--json]`: exit 1 listing applied revisions whose script changed
// or is missing, and failed steps not yet repaired.
int run_validate(const GlobalOptions& g, bool json);
// `repair`: record current checksums, clear failed-step records.
int run_repair(const GlobalOptions& g);

}  // namespace strata::cli
