// strata::Migrator — the public API for programs that embed strata: every
// command of the `strata` CLI as a library call (the CLI is built on it).
// A C++ service that upgrades its database to head at start-up:
//
//   auto migrator = strata::Migrator::open({.config_path = "strata.toml"});
//   if (!migrator) { log(migrator.error().message()); return 1; }
//   if (auto run = migrator.value()->upgrade("head"); !run) { ... }
//
// Contract:
//  - Every call returns its error as a value (Result / Status); no exception
//    crosses this API. Error fields (revision, file, line, statement) are
//    filled where known (strata/error.h).
//  - open() reads the configuration only; scripts are read on first use and
//    kept (a script edited after that is not seen by this Migrator); each
//    call that needs the database connects (or uses the lent
//    MigratorOptions::connection) and disconnects before returning.
//  - Online runs take the migration lock unless `no_lock`; each run's
//    transactions follow strata.toml (one transaction for the whole run by
//    default, or transaction_per_migration).
//  - Progress events, the log hook and cancellation: strata/progress.h.
//  - Nothing is printed: output goes to the hooks or the returned values.
//
// Thread-safety: one Migrator is used by one thread at a time; separate
// Migrators are independent (two over one database serialize on the
// migration lock). `cancel` may be triggered from any thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "strata/connection.h"
#include "strata/error.h"
#include "strata/export.h"
#include "strata/progress.h"
#include "strata/reports.h"
#include "strata/revision.h"

namespace strata {

struct MigratorOptions {
  std::string config_path = "strata.toml";
  // Overrides the configuration's url when set (`--url`).
  std::optional<std::string> url;
  // Values scripts read with op.x(key) (`-x key=value`).
  std::map<std::string, std::string> x_args;
  // Structured progress (strata/progress.h); may be empty.
  std::function<void(const ProgressEvent&)> on_progress;
  // Human-readable lines, the ones `strata` prints as "INFO  [strata] ..."
  // ("Running upgrade a -> b, message", notes) and "WARNING [strata] ..."
  // (script-directory and validation warnings); may be empty.
  std::function<void(LogLevel, const std::string&)> log;
  // Checked before every statement of a run; null: never cancelled. Not
  // owned: must outlive the calls that use it.
  const CancellationToken* cancel = nullptr;
  // A connection the program already holds, used instead of the URL.
  std::optional<ExternalConnection> connection;
  // The migration lock: seconds to wait (default: strata.toml
  // migration_lock_timeout) and whether to take it at all.
  std::optional<int> lock_timeout_seconds;
  bool no_lock = false;
};

// Per-run switches of upgrade / downgrade.
struct RunOptions {
  bool resume = false;       // upgrade --resume (MariaDB/MySQL)
  bool verify_data = false;  // --verify-data (online only)
};

// revision / merge / autogenerate.
struct NewRevision {
  std::string message;
  std::optional<std::string> head;  // default "head"; "base" for a new root
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::optional<std::string> rev_id;
  std::optional<std::string> version_path;
};

class STRATA_EXPORT Migrator {
 public:
  // Loads the configuration (scripts are read on first use).
  static Result<std::unique_ptr<Migrator>> open(MigratorOptions options);
  ~Migrator();
  Migrator(const Migrator&) = delete;
  Migrator& operator=(const Migrator&) = delete;

  // --- Runs (online) ---------------------------------------------------
  // Apply revisions up to `target` ("head", "heads", "+1", a revision id...).
  Result<RunReport> upgrade(const std::string& target = "head", const RunOptions& run = {});
  // Revert to `target` ("-1", "base", a revision id...).
  Result<RunReport> downgrade(const std::string& target, const RunOptions& run = {});
  // Set the version table to `revisions` without running scripts; `purge`
  // empties it first.
  Result<RunReport> stamp(const std::vector<std::string>& revisions, bool purge = false);
  // Create the version table (and its schema) if missing.
  Status ensure_version();

  // --- Offline SQL (`--sql`; never connects) ----------------------------
  // `target` may be a range "a:b" (default start: base). Written to `out`,
  // or returned as a string.
  Status upgrade_sql(const std::string& target, std::ostream& out);
  Result<std::string> upgrade_sql(const std::string& target = "head");
  // `target` must be a range "a:b".
  Status downgrade_sql(const std::string& target, std::ostream& out);
  Result<std::string> downgrade_sql(const std::string& target);
  // `purge` with SQL is Error(kUsage), as `stamp --purge --sql`.
  Status stamp_sql(const std::vector<std::string>& revisions, std::ostream& out, bool purge = false);
  Result<std::string> stamp_sql(const std::vector<std::string>& revisions);
  Status ensure_version_sql(std::ostream& out);

  // --- Inspection --------------------------------------------------------
  // The database's current revisions (version-table rows, table order).
  Result<std::vector<RevisionInfo>> current();
  // The head revisions of the script directory; with
  // `resolve_dependencies`, depends_on counts as a down revision.
  Result<std::vector<RevisionInfo>> heads(bool resolve_dependencies = false);
  // Branch points, newest first.
  Result<std::vector<RevisionInfo>> branches();
  // Revisions newest first; `range` as `history -r` ("a:b", "-3:current";
  // "" = all). With `mark_current` (or a range naming current) the database
  // is read and is_current set.
  Result<std::vector<RevisionInfo>> history(const std::string& range = "",
                                            bool mark_current = false);
  // The revisions an identifier names ("current" reads the database).
  Result<std::vector<RevisionInfo>> show(const std::string& revision);
  // True when the database's rows are exactly the script heads.
  Result<bool> is_at_head();
  // These three may be called from a hook during a run of the same
  // Migrator (they read the configuration only).
  // The database URL in use, password removed (for messages).
  Result<std::string> redacted_url();
  // The dialect in use ("postgresql", "sqlite", "mysql", "mssql").
  Result<std::string> dialect();
  // Whether the dialect's DDL is transactional (a failed run leaves nothing).
  Result<bool> transactional_ddl();

  // --- Revisions and models ---------------------------------------------
  // A new empty revision script; returns its path.
  Result<std::string> revision(const NewRevision& options);
  // A revision merging `revisions` (heads, or "heads"); returns its path.
  Result<std::string> merge(const std::vector<std::string>& revisions, const NewRevision& options);
  // Compare the models (strata.toml `models`) with the database.
  Result<CheckResult> check();
  // `revision --autogenerate [--online]`: REQUIRES the database at head.
  Result<AutogenerateResult> autogenerate(const NewRevision& options, bool online = false);
  // `models dump`: model files per schema (file name -> text), `format`
  // "lua" or "sql"; from the database, or with `from` (a glob of model
  // files or python:module:attr) without connecting.
  Result<std::map<std::string, std::string>> dump_models(
      const std::string& format = "lua", const std::optional<std::string>& from = std::nullopt);
  // `init DIR`: a new project from a template ("generic" or "multischema").
  static Status init(const std::string& directory, const std::string& template_name = "generic");

  // --- Safety ------------------------------------------------------------
  // Test every rollback on a scratch database; `range` as `verify -r`.
  Result<VerifyReport> verify(const std::optional<std::string>& range = std::nullopt);
  // Rules over the ops of the revisions in `range` ("" = base:heads) for
  // `dialect` ("" = the URL's); never connects.
  Result<LintReport> lint(const std::string& range = "", const std::string& dialect = "");
  // The applied history against the scripts (read-only).
  Result<ValidationReport> validate();
  // Under the migration lock: record the current checksum of each applied
  // revision whose script changed, and mark failed steps repaired. A
  // missing script is Error(kScript), nothing changed.
  Result<RepairReport> repair();
  // `doctor`: privileges, schemas, search_path, unknown revisions, unlisted
  // model files and the lock holder, each problem with its fix. Read-only:
  // creates nothing and takes no lock; an unreachable database is an error.
  Result<DoctorReport> doctor();

  class Impl;  // src/api/

 private:
  explicit Migrator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata
