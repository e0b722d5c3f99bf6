// Migration planning: which revision scripts run, in which order, for
// `upgrade`, `downgrade` and `stamp` — Alembic 1.8's
// ScriptDirectory._upgrade_revs / _downgrade_revs / _stamp_revs with the
// RevisionStep / StampStep data of alembic.runtime.migration.
//
// Contract:
// - Plans are pure functions of (RevisionMap, destination, current heads);
//   `current_heads` are the version-table rows, in table order.
// - Errors are RevisionError (ErrorCode::kRevision) worded exactly as the
//   corresponding `alembic` command words them.
// - Steps point into the RevisionMap, which must outlive them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "script/revision.h"
#include "script/revision_map.h"

namespace strata::script {

// One step of a plan (Alembic RevisionStep or StampStep).
struct MigrationStep {
  bool is_upgrade = true;
  bool is_stamp = false;
  // The script to run (RevisionStep); null for stamp steps.
  const Revision* revision = nullptr;
  // Version rows this step moves from / to, dependencies included
  // (normalized down revisions). For stamps: StampStep.from_ / to_.
  std::vector<std::string> from_revisions;
  std::vector<std::string> to_revisions;
  // The same through down_revision only (what the log line shows).
  std::vector<std::string> from_revisions_no_deps;
  std::vector<std::string> to_revisions_no_deps;
  std::string doc;           // the revision's message; empty for stamps
  bool branch_move = false;  // stamps: the step creates/deletes a branch row
  // The map the step was planned against (HeadMaintainer queries ancestry).
  const RevisionMap* revision_map = nullptr;

  // "upgrade", "downgrade" or (for stamps) "stamp_revision".
  std::string name() const;
  // Alembic's short_log: "upgrade a -> b" (what offline SQL comments show).
  std::string short_log() const;
  // out += short_log(), without a temporary.
  void append_short_log(std::string& out) const;
  // Alembic's str(step): short_log plus ", doc" when there is a doc.
  std::string describe() const;
};

// RevisionStep(revision_map, revision, is_upgrade).
MigrationStep make_revision_step(const RevisionMap& map, const Revision& revision, bool is_upgrade);
// StampStep(from_, to_, is_upgrade, branch_move).
MigrationStep make_stamp_step(const RevisionMap& map, std::vector<std::string> from,
                            std::vector<std::string> to, bool is_upgrade, bool branch_move);

// `upgrade <destination>` from `current_heads`.
std::vector<MigrationStep> plan_upgrade(const RevisionMap& map, std::string_view destination,
                                        const std::vector<std::string>& current_heads);
// `downgrade <destination>` from `current_heads`.
std::vector<MigrationStep> plan_downgrade(const RevisionMap& map, std::string_view destination,
                                          const std::vector<std::string>& current_heads);
// `stamp <destinations...>`. With `purge` the current rows are ignored (the
// caller empties the version table first, as Alembic does).
std::vector<MigrationStep> plan_stamp(const RevisionMap& map,
                                      const std::vector<std::string>& destinations,
                                      const std::vector<std::string>& current_heads, bool purge);

// An `upgrade`/`downgrade` argument split for offline (--sql) mode:
// "a:b" means "treat a as the current heads and go to b".
struct RevisionRange {
  std::optional<std::string> starting_rev;
  std::string destination;
};
// Splits `argument` as alembic.command.upgrade/downgrade do. Errors: a range
// without --sql (range_not_allowed_message), a downgrade with --sql but
// no range ("downgrade with --sql requires <fromrev>:<torev>").
RevisionRange split_revision_range(std::string_view argument, bool sql, bool is_downgrade);
// "Range revision not allowed" (Alembic's text) plus the advice: ranges need
// --sql; online, name only `destination` (omitted when empty).
std::string range_not_allowed_message(std::string_view destination);
// `stamp --sql` arguments: every "a:b" must share one starting revision.
RevisionRange split_stamp_ranges(const std::vector<std::string>& arguments,
                               std::vector<std::string>* destinations);
// The heads offline mode starts from (MigrationContext.get_current_heads
// with as_sql): none for no start or `base`, else the resolved revision id.
std::vector<std::string> resolve_starting_heads(const RevisionMap& map,
                                              const std::optional<std::string>& starting_rev);

}  // namespace strata::script
