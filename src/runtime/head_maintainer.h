// HeadMaintainer: keeps the set of version-table rows in step with migration
// steps, porting alembic.runtime.migration.HeadMaintainer together with the
// RevisionStep / StampStep should_* rules it relies on.
//
// Contract:
// - Constructed from the current rows (duplicates collapse, as in Alembic's
//   set()).
// - update_to_step() returns the row changes for one step, in the order
//   Alembic issues them (merge: deletes then one update; unmerge: inserts
//   then one update), and applies them to heads().
// - A step inconsistent with the current rows (a row to insert that exists,
//   a row to update/delete that does not, an ambiguous update) throws
//   strata::Error(kRevision) and leaves heads() unchanged. Row-count checks
//   of the live UPDATE/DELETE belong to the SQL layer, not here.
// - Where Alembic picks from an unordered set (which merged row is kept,
//   which unmerged row is updated) this picks in the revision's
//   down_revision (+ dependency) order: rows are deleted/inserted for all
//   but the last, and the last one is updated.
#pragma once

#include <string>
#include <vector>

#include "script/migration_plan.h"

namespace strata::runtime {

struct VersionChange {
  enum class Kind { kInsert, kUpdate, kDelete };
  Kind kind;
  std::string from;  // kUpdate, kDelete
  std::string to;    // kInsert, kUpdate

  bool operator==(const VersionChange&) const = default;
  // "insert x" / "update a -> b" / "delete x" (for logs and tests).
  std::string to_string() const;
};

class HeadMaintainer {
 public:
  explicit HeadMaintainer(const std::vector<std::string>& heads);

  std::vector<VersionChange> update_to_step(const script::MigrationStep& step);

  // Current rows: the initial rows in order, updates replace in place,
  // inserts append.
  const std::vector<std::string>& heads() const { return heads_; }

 private:
  bool has(const std::string& version) const;
  std::vector<VersionChange> revision_step_changes(const script::MigrationStep& step) const;
  std::vector<VersionChange> stamp_step_changes(const script::MigrationStep& step) const;
  // RevisionStep._unmerge_to_revisions
  std::vector<std::string> unmerge_to(const script::MigrationStep& step) const;
  // Ancestors (dependencies included) of every current row except `exclude`.
  std::vector<std::string> other_head_ancestors(const script::MigrationStep& step,
                                              const std::vector<std::string>& exclude) const;
  void apply(const std::vector<VersionChange>& changes);

  std::vector<std::string> heads_;
};

}  // namespace strata::runtime
