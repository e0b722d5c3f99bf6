// HeadMaintainer (alembic/runtime/migration.py: HeadMaintainer.update_to_step,
// RevisionStep.should_* / *_branch_idents, StampStep.should_*).
#include "runtime/head_maintainer.h"

#include <algorithm>

#include "strata/error.h"

namespace strata::runtime {
namespace {

using script::MigrationStep;

bool In(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::vector<std::string> Minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& x : a) {
    if (!In(b, x) && !In(out, x)) out.push_back(x);
  }
  return out;
}

std::vector<std::string> Intersect(const std::vector<std::string>& a,
                                   const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& x : a) {
    if (In(b, x) && !In(out, x)) out.push_back(x);
  }
  return out;
}

[[noreturn]] void Inconsistent(const std::string& message) {
  throw Error(ErrorCode::kRevision, message);
}

VersionChange Insert(const std::string& to) { return {VersionChange::Kind::kInsert, "", to}; }
VersionChange Update(const std::string& from, const std::string& to) {
  return {VersionChange::Kind::kUpdate, from, to};
}
VersionChange Delete(const std::string& from) { return {VersionChange::Kind::kDelete, from, ""}; }

}  // namespace

std::string VersionChange::ToString() const {
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
    if (!In(heads_, h)) heads_.push_back(h);
  }
}

bool HeadMaintainer::Has(const std::string& version) const { return In(heads_, version); }

std::vector<VersionChange> HeadMaintainer::update_to_step(const MigrationStep& step) {
  std::vector<VersionChange> changes =
      step.is_stamp ? StampStepChanges(step) : RevisionStepChanges(step);
  Apply(changes);
  return changes;
}

void HeadMaintainer::Apply(const std::vector<VersionChange>& changes) {
  std::vector<std::string> next = heads_;
  for (const VersionChange& c : changes) {
    auto it = std::find(next.begin(), next.end(), c.from);
    switch (c.kind) {
      case VersionChange::Kind::kInsert:
        if (In(next, c.to)) Inconsistent("Version " + c.to + " is already present in the version table");
        next.push_back(c.to);
        break;
      case VersionChange::Kind::kDelete:
        if (it == next.end()) Inconsistent("Version " + c.from + " is not present in the version table");
        next.erase(it);
        break;
      case VersionChange::Kind::kUpdate:
        if (In(next, c.to)) Inconsistent("Version " + c.to + " is already present in the version table");
        if (it == next.end()) Inconsistent("Version " + c.from + " is not present in the version table");
        *it = c.to;
        break;
    }
  }
  heads_ = std::move(next);
}

std::vector<std::string> HeadMaintainer::OtherHeadAncestors(
    const MigrationStep& step, const std::vector<std::string>& exclude) const {
  std::vector<std::string> other = Minus(heads_, exclude);
  std::vector<std::string> out;
  if (other.empty() || step.revision_map == nullptr) return out;
  const script::RevisionMap& map = *step.revision_map;
  for (int r : map.ancestors(map.get_revision_refs(other), true)) out.push_back(map.at(r).revision);
  return out;
}

std::vector<std::string> HeadMaintainer::UnmergeTo(const MigrationStep& step) const {
  const std::string& rev = step.revision->revision;
  if (Minus(heads_, {rev}).empty()) return step.to_revisions;
  return Minus(step.to_revisions, OtherHeadAncestors(step, {rev}));
}

std::vector<VersionChange> HeadMaintainer::RevisionStepChanges(const MigrationStep& step) const {
  const std::string& rev = step.revision->revision;
  // Normalized down revisions (dependencies included).
  const std::vector<std::string>& downs = step.is_upgrade ? step.from_revisions : step.to_revisions;
  const bool rev_is_head = Has(rev);

  if (!step.is_upgrade && rev_is_head && (downs.empty() || UnmergeTo(step).empty())) {
    return {Delete(rev)};  // branch delete
  }
  if (step.is_upgrade && (downs.empty() || Intersect(heads_, downs).empty())) {
    return {Insert(rev)};  // new branch
  }
  if (step.is_upgrade && downs.size() > 1 && Intersect(heads_, downs).size() > 1) {
    // Merge: delete all merged rows but one, update that one.
    std::vector<std::string> from = downs;
    if (!Minus(heads_, downs).empty()) from = Minus(downs, OtherHeadAncestors(step, downs));
    if (from.empty()) Inconsistent("Can't merge into " + rev + ": no down revision is a head");
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < from.size(); ++i) changes.push_back(Delete(from[i]));
    changes.push_back(Update(from.back(), rev));
    return changes;
  }
  if (!step.is_upgrade && rev_is_head && downs.size() > 1) {
    // Unmerge: insert all unmerged rows but one, update to that one.
    std::vector<std::string> to = UnmergeTo(step);
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < to.size(); ++i) changes.push_back(Insert(to[i]));
    changes.push_back(Update(rev, to.back()));
    return changes;
  }
  std::string down;
  if (downs.size() != 1) {
    std::vector<std::string> present = Intersect(heads_, downs);
    if (present.size() != 1) {
      Inconsistent("Can't do an UPDATE because downrevision is ambiguous");
    }
    down = present.front();
  } else {
    down = downs.front();
  }
  return {step.is_upgrade ? Update(down, rev) : Update(rev, down)};
}

std::vector<VersionChange> HeadMaintainer::StampStepChanges(const MigrationStep& step) const {
  const std::vector<std::string>& from = step.from_revisions;
  const std::vector<std::string>& to = step.to_revisions;
  if (!step.is_upgrade && step.branch_move) {
    if (from.size() != 1) Inconsistent("Stamp branch delete needs exactly one revision");
    return {Delete(from.front())};
  }
  if (step.is_upgrade && (step.branch_move || !Minus(from, heads_).empty()) &&
      !Minus(to, heads_).empty()) {
    if (to.size() != 1) Inconsistent("Stamp branch insert needs exactly one revision");
    return {Insert(to.front())};
  }
  if (from.size() > 1) {
    if (to.empty()) Inconsistent("Stamp merge needs a destination revision");
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < from.size(); ++i) changes.push_back(Delete(from[i]));
    changes.push_back(Update(from.back(), to.front()));
    return changes;
  }
  if (to.size() > 1) {
    if (from.empty()) Inconsistent("Stamp unmerge needs a source revision");
    std::vector<VersionChange> changes;
    for (std::size_t i = 0; i + 1 < to.size(); ++i) changes.push_back(Insert(to[i]));
    changes.push_back(Update(from.front(), to.back()));
    return changes;
  }
  if (from.size() != 1 || to.size() != 1) Inconsistent("Stamp update needs one revision on each side");
  return {Update(from.front(), to.front())};
}

}  // namespace strata::runtime
