#include "runtime/validation.h"

#include <map>

#include "runtime/script_checksum.h"

namespace strata::runtime {

std::vector<ChecksumProblem> checksum_problems(const std::vector<HistoryEntry>& history,
                                               const script::RevisionMap& map) {
  // The latest successful row per revision, in order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, const HistoryEntry*> latest;
  for (const HistoryEntry& row : history) {
    if (!row.success) continue;
    if (!latest.count(row.revision)) order.push_back(row.revision);
    latest[row.revision] = &row;
  }
  std::vector<ChecksumProblem> problems;
  for (const std::string& revision : order) {
    const HistoryEntry& row = *latest[revision];
    if (row.direction == "downgrade" || !row.checksum) continue;
    ChecksumProblem problem;
    problem.revision = revision;
    problem.recorded = *row.checksum;
    problem.history_id = row.id;
    const script::Revision* script = map.find(revision);
    if (script != nullptr) {
      problem.path = script->path;
      problem.current = script_checksum(script->path);
    }
    if (!problem.current) {
      problem.kind = "missing";
    } else if (*problem.current != problem.recorded) {
      problem.kind = "changed";
    } else {
      continue;
    }
    problems.push_back(std::move(problem));
  }
  return problems;
}

std::vector<HistoryEntry> outstanding_failures(const std::vector<HistoryEntry>& history) {
  std::vector<HistoryEntry> out;
  for (size_t i = 0; i < history.size(); ++i) {
    const HistoryEntry& row = history[i];
    if (row.success || VersionStore::repaired(row)) continue;
    bool resolved = false;
    for (size_t j = i + 1; j < history.size() && !resolved; ++j) {
      resolved = history[j].success && history[j].revision == row.revision &&
                 history[j].direction == row.direction;
    }
    if (!resolved) out.push_back(row);
  }
  return out;
}

std::string describe(const ChecksumProblem& problem) {
  if (problem.kind == "missing") {
    return problem.revision + " missing: applied, but " +
           (problem.path.empty() ? std::string("no script has that id")
                                 : "its script " + problem.path + " cannot be read");
  }
  return problem.revision + " changed since applied: " + problem.path + " (recorded " +
         problem.recorded.substr(0, 12) + ", now " + problem.current->substr(0, 12) + ")";
}

std::string describe_failure(const HistoryEntry& failure) {
  return failure.direction + " " + failure.revision + " failed after " +
         std::to_string(failure.statements_done) +
         (failure.statements_done == 1 ? " statement" : " statements") +
         " that stayed applied: " + failure.error.value_or("(no error recorded)");
}

}  // namespace strata::runtime
