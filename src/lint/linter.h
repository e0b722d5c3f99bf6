// strata lint: rules over the ops of revision scripts, never over SQL text
// and never against a database.
//
// Each revision of the range is run offline (lint/revision_run.h), the rule
// families of the registry (lint/registry.h) check it, and then, in order:
// findings suppressed in the script (lint/suppress.h) are dropped, rules
// switched off in strata.toml ([lint] disable) are dropped, and per-rule
// severity overrides ([lint] severity) apply. Findings are sorted by
// revision (upgrade order), then line. Several heads in the graph is one
// finding on the first head's file (line 0).
//
// Errors: Error(kConfig) for an unknown rule id or severity in the options;
// Error(kUsage) for a range naming `current` (lint never connects);
// RevisionError for a range that names no revision; Error(kIo) for an
// unreadable script. A script that fails to run is a finding, not an error.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.h"
#include "lua/script_runner.h"
#include "script/revision_map.h"

namespace strata::lint {

struct LintOptions {
  std::string dialect;                         // "postgresql", "sqlite", "mysql", "mssql"
  std::vector<std::string> disable;            // rule ids
  std::map<std::string, std::string> severity; // rule id -> error | warning | info | off
  std::string config_name = "strata.toml";     // names the options' source in errors
  lua::ScriptEnv env;
  std::map<std::string, std::string> x_args;
};

struct LintReport {
  std::string dialect;
  int revisions = 0;  // revisions linted
  int suppressed = 0; // findings dropped by lint-ignore comments
  std::vector<Finding> findings;
  int count(Severity severity) const;
};

// The revisions `range` names, in upgrade order (oldest first):
// "" = base:heads; "a:b" = after a up to b (a empty = base, b empty =
// heads); a bare revision = that revision alone.
std::vector<const script::Revision*> revisions_in_range(const script::RevisionMap& map,
                                                        std::string_view range);

LintReport lint(const script::RevisionMap& map, const std::vector<const script::Revision*>& revisions,
                const LintOptions& options);

}  // namespace strata::lint
