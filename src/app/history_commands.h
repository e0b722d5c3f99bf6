// `strata validate` and `strata repair` as library calls: the applied
// history (strata_history, runtime/version_store.h) against the scripts.
//
// Contract:
//  - validate(): read-only (no lock, creates nothing; a database without a
//    history table has nothing to validate). Reports applied revisions whose
//    script changed or is missing (runtime/validation.h) and failed
//    non-transactional steps not yet repaired.
//  - repair(): under the migration lock, records the current checksum of
//    every applied revision whose script changed (a deliberate edit) and marks
//    failed steps repaired (after the database was fixed by hand). A missing
//    script cannot be repaired: Error(kScript) naming it, nothing changed.
#pragma once

#include <string>
#include <vector>

#include "app/commands.h"
#include "app/project.h"
#include "runtime/validation.h"

namespace strata::app {

struct ValidationReport {
  std::vector<runtime::ChecksumProblem> problems;
  std::vector<runtime::HistoryEntry> failures;
  bool ok() const { return problems.empty() && failures.empty(); }
};
ValidationReport validate(Project& project);

struct RepairReport {
  std::vector<std::string> checksums_updated;  // revisions
  std::vector<std::string> failures_cleared;   // revisions
};
RepairReport repair(Project& project, const MigrateOptions& options);

}  // namespace strata::app
