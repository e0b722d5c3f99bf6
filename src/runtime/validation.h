// Checks over strata_history (runtime/version_store.h) against the revision
// scripts on disk: what `strata validate` reports, what `upgrade` checks
// first, and what `strata repair` fixes.
//
// Contract:
//  - An applied revision is one whose latest successful history row is an
//    `upgrade` or `stamp` with a checksum (a later `downgrade`, or a stamp
//    down that leaves it, has no checksum or another direction: not applied).
//  - checksum_problems(): for each applied revision, "missing" when the map
//    has no script for it (or the file cannot be read), "changed" when the
//    script's checksum (CRLF -> LF) differs from the recorded one. In history
//    order.
//  - outstanding_failures(): rows with success = false (a non-transactional
//    step that failed part-way) that are not repaired and have no later
//    successful row for the same revision and direction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/version_store.h"
#include "script/revision_map.h"

namespace strata::runtime {

struct ChecksumProblem {
  std::string revision;
  std::string kind;  // "changed" | "missing"
  std::string path;  // the script, when the map has one
  std::string recorded;
  std::optional<std::string> current;
  long long history_id = 0;  // the row holding `recorded`
};

std::vector<ChecksumProblem> checksum_problems(const std::vector<HistoryEntry>& history,
                                               const script::RevisionMap& map);
std::vector<HistoryEntry> outstanding_failures(const std::vector<HistoryEntry>& history);

// One line per problem: "<revision> changed since applied: <path>" /
// "<revision> missing: applied, but no script has that id".
std::string describe(const ChecksumProblem& problem);
// "upgrade <rev> failed after N statements (...): <error>"
std::string describe_failure(const HistoryEntry& failure);

}  // namespace strata::runtime
