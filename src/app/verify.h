// `strata verify`: the guide's "always test rollbacks" as one library call.
// Every revision is applied, reverted and applied again on a scratch
// database, and the catalog is compared after each round trip.
//
// The scratch database (never the configured one):
//  - postgresql: a throwaway database (models::DevDatabase) on `dev_url`'s
//    server, or else on the configured server; dropped at the end, also on
//    failure. The configured database is only connected to in order to
//    create and drop it (when dev_url is unset).
//  - sqlite: a file in a new temp directory (schemas are attached files
//    beside it, common/sqlite_paths.h); the directory is removed at the end.
//    The configured file is never opened.
//  - mysql (MariaDB): `dev_url` is required (Error(kConfig) otherwise); one
//    scratch database (models::DevDatabase) stands for the URL's database.
//    A MariaDB schema is a server database that revision scripts name
//    directly, so a project that includes other schemas (include_schemas,
//    version_table_schema) is refused with Error(kConfig): strata has no way
//    to map them onto scratch databases.
//
// The walk: the version table is created first (so it is not a difference);
// with a range `LOWER:UPPER` the scratch goes straight to LOWER (one
// `upgrade`); then for each step of plan_upgrade(UPPER) in order (default
// UPPER: heads; topological order, branches included):
//   snapshot S0; upgrade the one step (phase "upgrade"); snapshot S1;
//   downgrade exactly that step, back to its down revision(s) (phase
//   "downgrade"); the catalog must equal S0 (phase "round_trip": downgrade
//   leaves no trace); upgrade it again (phase "reupgrade"), the catalog must
//   equal S1.
// At the end, when UPPER is head/heads: the graph must have one head (phase
// "heads", naming them), and when `models` is configured, compare_models on
// the scratch must be clean (phase "models", the changes as diff lines).
// The first failure stops the walk.
//
// Catalog: inspect::catalog_snapshot over the scratch's schemas
// (PostgreSQL: every non-system schema; SQLite: every attached database but
// temp; MariaDB: the scratch database), minus the version table and the
// history table (config `history_table`) wherever they are.
//
// Errors: setup problems (no URL, no dev_url on MariaDB, a role that may not
// create databases, a bad range) throw strata::Error; a failing step is a
// result, not an exception. Prints nothing: progress goes to the callback.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/project.h"

namespace strata::app {

struct VerifyOptions {
  // `-r LOWER:UPPER`: LOWER is applied in one go, not verified; either side
  // may be empty (base / heads). A bare `REV` means `REV:heads`.
  std::optional<std::string> range;
  // One line per verified step and per setup action; may be empty.
  std::function<void(const std::string&)> progress;
};

struct VerifyFailure {
  std::string revision;  // the failing revision; for "heads" the heads, comma-joined
  std::string phase;     // upgrade | downgrade | round_trip | reupgrade | heads | models
  std::string message;   // one line
  // round_trip / reupgrade: "- line" (expected, missing) and "+ line"
  // (present, unexpected) snapshot lines; models: the changes.
  std::vector<std::string> diff;
};

struct VerifyResult {
  std::string scratch;                  // what was used, e.g. "temporary SQLite file"
  std::vector<std::string> verified;    // revision ids whose round trip passed, in order
  bool heads_checked = false;
  bool models_checked = false;
  std::vector<std::string> warnings;    // from the model comparison
  std::optional<VerifyFailure> failure;
  bool ok() const { return !failure; }
};

VerifyResult verify(Project& project, const VerifyOptions& options);

// The difference of two sorted snapshots as "- line" / "+ line", in order.
std::vector<std::string> snapshot_diff(const std::vector<std::string>& expected,
                                       const std::vector<std::string>& actual);

}  // namespace strata::app
