// `strata lint [RANGE] [--dialect NAME] [--json]`: the CLI side of
// lint/linter.h. Registered by main.cpp with add_lint_verb(); run_lint
// prints the findings and returns the exit code (1: an error-severity
// finding remains; 0 otherwise).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/verbs.h"

namespace strata::cli {

struct LintArgs {
  std::string range;    // "" = base:heads
  std::string dialect;  // "" = the configured URL's
  bool json = false;
};

CLI::App* add_lint_verb(CLI::App& app, LintArgs& args);
int run_lint(const GlobalOptions& g, const LintArgs& args);

}  // namespace strata::cli
