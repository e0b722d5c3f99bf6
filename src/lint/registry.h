// The lint rule registry: every rule's id, default severity, dialect and
// fix, and the rule families that check a recorded revision.
//
// A rule family is one function over a RevisionRun (lint/revision_run.h)
// that reports through a Reporter; the Reporter fills in the severity and
// the default fix from the registry, so a family only says which rule fired,
// where, and why. Rules of another dialect than the linted one are dropped
// by the Reporter (a family may still skip them early).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/finding.h"
#include "lint/revision_run.h"

namespace strata::lint {

struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view dialect;  // "" = every dialect
  std::string_view summary;  // one line, for the README and --help
  std::string_view fix;      // the default fix
};

// Every rule, in a stable order.
std::span<const RuleInfo> rules();
// The rule named `id`, or nullptr.
const RuleInfo* find_rule(std::string_view id);

class Reporter {
 public:
  Reporter(const RevisionRun& run, std::string_view dialect, std::vector<Finding>& out)
      : run_(run), dialect_(dialect), out_(out) {}
  std::string_view dialect() const { return dialect_; }
  // Reports rule `id` at `line`; `fix` empty = the rule's default fix.
  // Throws Error(kInternal) for an id not in the registry.
  void add(std::string_view id, int line, std::string message, std::string fix = {});

 private:
  const RevisionRun& run_;
  std::string_view dialect_;
  std::vector<Finding>& out_;
};

// The rule families (one file each).
void check_postgres_locks(const RevisionRun& run, Reporter& report);  // rules_postgres.cpp
void check_changes(const RevisionRun& run, Reporter& report);         // rules_changes.cpp
void check_revision(const RevisionRun& run, Reporter& report);        // rules_revision.cpp

// Every family, in order.
void check_all(const RevisionRun& run, Reporter& report);

}  // namespace strata::lint
