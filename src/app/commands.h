// The commands behind the CLI verbs, as library calls. Each works through a
// Project and throws strata::Error; printing is the caller's job (the CLI
// formats, the embed example logs).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/project.h"
#include "runtime/migration_runner.h"

namespace strata::app {

struct MigrateOptions {
  // --sql: write the SQL to `sql_out` instead of executing it.
  bool sql = false;
  std::ostream* sql_out = nullptr;
  // Progress lines ("Running upgrade a -> b, message"); may be empty.
  std::function<void(const std::string&)> progress;
  // The migration lock (online): --lock-timeout SECONDS (default: strata.toml
  // migration_lock_timeout, 60) and --no-lock (connection poolers in
  // transaction mode).
  std::optional<int> lock_timeout_seconds;
  bool no_lock = false;
  // upgrade --resume (MariaDB/MySQL): continue a step that failed part-way
  // after the statements that ran (runtime::RunSettings::resume).
  bool resume = false;
  // Warnings (upgrade's checksum validation with validate_on_migrate =
  // "warn"); may be empty.
  std::function<void(const std::string&)> warning;
  // --verify-data (or strata.toml verify_data = true): row counts and content
  // checksums of moved, renamed and rebuilt tables (runtime/data_verifier.h).
  // Online only: with --sql the flag is a usage error, the config key is
  // ignored.
  bool verify_data = false;
  // Structured progress for the public API (src/api/): each plan's size
  // when made (a run may re-plan) and each step's start and end
  // (runtime::RunSettings::on_step); may be empty.
  std::function<void(size_t steps)> on_plan;
  std::function<void(const script::MigrationStep&, bool finished)> on_step;
};

// The runtime settings of an online or offline run: strata.toml's keys
// (version and history table, transaction mode, script limits, lock
// timeout) with `options` (progress, --no-lock, --lock-timeout, --resume).
runtime::RunSettings run_settings(Project& project, const MigrateOptions& options);

// `upgrade TARGET`. With --sql, TARGET may be a range `from:to`; without a
// range the offline script starts from base.
void upgrade(Project& project, const std::string& target, const MigrateOptions& options);
// `downgrade TARGET`. With --sql, TARGET must be a range `from:to`.
void downgrade(Project& project, const std::string& target, const MigrateOptions& options);
// `stamp REV...`: set the version table without running migrations.
// `purge` empties the table first. With --sql, a REV may be `from:to`.
void stamp(Project& project, const std::vector<std::string>& revisions, bool purge,
           const MigrateOptions& options);
// `ensure_version`: create the version table (and its schema) if missing.
void ensure_version(Project& project, const MigrateOptions& options);

// The version table's rows (the database's current heads), in table order.
std::vector<std::string> current_heads(Project& project);

struct NewRevisionOptions {
  std::string message;
  std::optional<std::string> head;  // default "head"; "base" for a new base
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::optional<std::string> rev_id;
  std::optional<std::string> version_path;
  // The bodies of upgrade() / downgrade() (autogenerate; see
  // script::GenerateOptions).
  std::string upgrades;
  std::string downgrades;
};
// `revision`: write a new revision script; returns its path.
std::string create_revision(Project& project, const NewRevisionOptions& options);

// `merge REVS`: a revision whose down_revision is all of REVS (which must be
// heads). Returns the new script's path.
std::string merge_revisions(Project& project, const std::vector<std::string>& revisions,
                            const NewRevisionOptions& options);

// `init DIR`: a new project from a template ("generic" or "multischema").
void init_project(const std::string& directory, const std::string& template_name);

}  // namespace strata::app
