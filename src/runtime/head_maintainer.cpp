// HeadMaintainer (alembic/runtime/migration.py: HeadMaintainer.update_to_step,
// RevisionStep.should_* / *_branch_idents, StampStep.should_*).
#include "runtime/head_maintainer.h"

#include <algorithm>

#include "strata/error.h"

namespace strata::runtime {
namespace {

using script::MigrationStep;

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& x : a) {
    if (!contains(b, x) && !contains(out, x)) out.push_back(x);
  }
  return out;
}

std::vector<std::string> intersect(const std::vector<std::string>& a,
                                   const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& x : a) {
    if (contains(b, x) && !contains(out, x)) out.push_back(x);
  }
  return out;
}

[[noreturn]] void inconsistent(const std::string& message) {
  throw Error(ErrorCode::kRevision, message);
}

VersionChange insert_row(const std::string& to) { return {VersionChange::Kind::kInsert, "", to}; }
VersionChange update_row(const std::string& from, const std::string& to) {
  return {VersionChange::Kind::kUpdate, from, to};
}
VersionChange delete_row(const std::string& from) { return {VersionChange::Kind::kDelete, from, ""}; }

}  // namespace

std::string VersionChange::to_string() const {
  switch (kind) {
    case Kind::kInsert:
      return "insert " + to;
    case Kind::kUpdate:
      return "update " + from + " -> " + to;
    case Kind::kDelete:
      return "delete " + from;
  }
  return "";
}

HeadMaintainer::HeadMaintainer(const std::vector<std::string>& heads) {
  for (const std::string& h : heads) {
    if (!contains(heads_, h)) heads_.push_back(h);
  }
}

bool HeadMaintainer::has(const std::string& version) const { return contains(heads_, version); }

std::vector<VersionChange> HeadMaintainer::update_to_step(const MigrationStep& step) {
  std::vector<VersionChange> changes =
      step.is_stamp ? stamp_step_changes(step) : revision_step_changes(step);
  apply(changes);
  return changes;
}

void HeadMaintainer::apply(const std::vector<VersionChange>& changes) {
  std::vector<std::string> next = heads_;
  for (const VersionChange& c : changes) {
    auto it = std::find(next.begin(), next.end(), c.from);
    switch (c.kind) {
      case VersionChange::Kind::kInsert:
        if (contains(next, c.to)) inconsistent("Version " + c.to + " is already present in the version table");
        next.push_back(c.to);
        break;
      case VersionChange::Kind::kDelete:
        if (it == next.end()) inconsistent("Version " + c.from + " is not present in the version table");
        next.erase(it);
        break;
      case VersionChange::Kind::kUpdate:
        if (contains(next, c.to)) inconsistent("Version " + c.to + " is already present in the version table");
        if (it == next.end()) inconsistent("Version " + c.from + " is not present in the version table");
        *it = c.to;
        break;
    }
  }
  heads_ = std::move(next);
}

std::vector<std::string> HeadMaintainer::other_head_ancestors(
    const MigrationStep& step, const std::vector<std::string>& exclude) const {
  std::vector<std::string> other = minus(heads_, exclude);
  std::vector<std::string> out;
  if (other.empty() || step.revision_map == nullptr) return out;
  const script::RevisionMap& map = *step.revision_map;
  for (int r : map.ancestors(map.get_revision_refs(other), true)) out.push_back(map.at(r).revision);
  return out;
}

std::vector<std::string> HeadMaintainer::unmerge_to(const MigrationStep& step) const {
  const std::string& rev = step.revision->revision;
  if (minus(heads_, {rev}).empty()) return step.to_revisions;
  return minus(step.to_revisions, other_head_ancestors(step, {rev}));
}

std::vector<VersionChange> HeadMaintainer::revision_step_changes(const MigrationStep& step) const {
  const std::string& rev = step.revision->revision;
  // Normalized down revisions (dependencies included).
  const std::vector<std::string>& downs = step.is_upgrade ? step.from_revisions : step.to_revisions;
  const bool rev_is_head = has(rev);

  if (!step.is_upgrade && rev_is_head && (downs.empty() || unmerge_to(step).empty())) {
    return {delete_row(rev)};  // branch delete
  }
  if (step.is_upgrade && (downs.empty() || intersect(heads_, downs).empty())) {
    return {insert_row(rev)};  // new branch
  }
  if (step.is_upgrade && downs.size() > 1 && intersect(heads_, downs).size() > 1) {
    // Merge: delete all merged rows but one, update that one.
    std::vector<std::string> from = downs;
    if (!minus(heads_, downs).empty()) from = minus(downs, other_head_ancestors(step, downs));
    if (from.empty()) inconsistent("Can't merge into " + rev + ": no down revision is a head");
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < from.size(); ++i) changes.push_back(delete_row(from[i]));
    changes.push_back(update_row(from.back(), rev));
    return changes;
  }
  if (!step.is_upgrade && rev_is_head && downs.size() > 1) {
    // Unmerge: insert all unmerged rows but one, update to that one.
    std::vector<std::string> to = unmerge_to(step);
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < to.size(); ++i) changes.push_back(insert_row(to[i]));
    changes.push_back(update_row(rev, to.back()));
    return changes;
  }
  std::string down;
  if (downs.size() != 1) {
    std::vector<std::string> present = intersect(heads_, downs);
    if (present.size() != 1) {
      inconsistent("Can't do an UPDATE because downrevision is ambiguous");
    }
    down = present.front();
  } else {
    down = downs.front();
  }
  return {step.is_upgrade ? update_row(down, rev) : update_row(rev, down)};
}

std::vector<VersionChange> HeadMaintainer::stamp_step_changes(const MigrationStep& step) const {
  const std::vector<std::string>& from = step.from_revisions;
  const std::vector<std::string>& to = step.to_revisions;
  if (!step.is_upgrade && step.branch_move) {
    if (from.size() != 1) inconsistent("Stamp branch delete needs exactly one revision");
    return {delete_row(from.front())};
  }
  if (step.is_upgrade && (step.branch_move || !minus(from, heads_).empty()) &&
      !minus(to, heads_).empty()) {
    if (to.size() != 1) inconsistent("Stamp branch insert needs exactly one revision");
    return {insert_row(to.front())};
  }
  if (from.size() > 1) {
    if (to.empty()) inconsistent("Stamp merge needs a destination revision");
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < from.size(); ++i) changes.push_back(delete_row(from[i]));
    changes.push_back(update_row(from.back(), to.front()));
    return changes;
  }
  if (to.size() > 1) {
    if (from.empty()) inconsistent("Stamp unmerge needs a source revision");
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < to.size(); ++i) changes.push_back(insert_row(to[i]));
    changes.push_back(update_row(from.front(), to.back()));
    return changes;
  }
  if (from.size() != 1 || to.size() != 1) inconsistent("Stamp update needs one revision on each side");
  return {update_row(from.front(), to.front())};
}

}  // namespace strata::runtime
