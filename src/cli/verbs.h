// The CLI verbs: each parses nothing (CLI11 did), calls the public API
// (strata/migrator.h; doctor, lint's text and import-alembic still call
// src/app and src/lint directly) and prints. Output conventions follow Alembic: results on stdout, progress
// ("INFO  [strata] Running upgrade ...") on stderr, offline SQL on stdout.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/project.h"
#include "strata/migrator.h"

namespace strata::cli {

struct GlobalOptions {
  std::string config_path = "strata.toml";
  std::optional<std::string> url;
  std::vector<std::string> x_args;  // "key=value"
  bool quiet = false;
  // upgrade/downgrade/stamp/repair: --lock-timeout SECONDS, --no-lock.
  std::optional<int> lock_timeout;
  bool no_lock = false;
  bool resume = false;  // upgrade --resume
};

struct MigrateArgs {
  std::string target;
  bool sql = false;
  bool verify_data = false;  // --verify-data
  bool json = false;         // --json: the steps applied, as JSON on stdout
};
struct StampArgs {
  std::vector<std::string> revisions;
  bool sql = false;
  bool purge = false;
  bool json = false;
};
struct ListArgs {
  bool verbose = false;
  bool json = false;
  bool indicate_current = false;   // history -i
  std::string range;               // history -r
  bool resolve_dependencies = false;  // heads
};
struct RevisionArgs {
  std::string message;
  std::optional<std::string> head;
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::optional<std::string> rev_id;
  std::optional<std::string> version_path;
  std::vector<std::string> merge_revisions;  // merge only
  bool autogenerate = false;                 // revision --autogenerate
  bool online = false;                       // revision --autogenerate --online
};
struct CheckArgs {
  bool json = false;
};
struct DumpArgs {
  std::string format = "lua";
  std::optional<std::string> output_dir;  // -o; default: stdout
  std::optional<std::string> from;        // --from SOURCE: model files, not the database
};

// upgrade / downgrade / stamp (cli/migrate_verbs.cpp, over the public API).
int run_upgrade(const GlobalOptions& g, const MigrateArgs& a);
int run_downgrade(const GlobalOptions& g, const MigrateArgs& a);
int run_stamp(const GlobalOptions& g, const StampArgs& a);
int run_ensure_version(const GlobalOptions& g, bool sql);
int run_current(const GlobalOptions& g, const ListArgs& a);
int run_history(const GlobalOptions& g, const ListArgs& a);
int run_heads(const GlobalOptions& g, const ListArgs& a);
int run_branches(const GlobalOptions& g, const ListArgs& a);
int run_show(const GlobalOptions& g, const std::string& revision, bool json);
int run_revision(const GlobalOptions& g, const RevisionArgs& a);
int run_merge(const GlobalOptions& g, const RevisionArgs& a);
int run_edit(const GlobalOptions& g, const std::string& revision);
// Autogenerate (cli/autogen_verbs.cpp).
int run_autogenerate_revision(const GlobalOptions& g, const RevisionArgs& a);
int run_check(const GlobalOptions& g, const CheckArgs& a);
int run_models_dump(const GlobalOptions& g, const DumpArgs& a);
// `verify` (cli/verify_verb.cpp).
struct VerifyArgs {
  std::optional<std::string> range;  // -r LOWER:UPPER
  bool json = false;
};
int run_verify(const GlobalOptions& g, const VerifyArgs& a);
app::ProjectOptions project_options(const GlobalOptions& g);
// The public API's Migrator for the global options, printing its log lines
// as the CLI does ("INFO  [strata] ..." unless -q, "WARNING [strata] ...");
// with `context_lines` (runs) Alembic's "Context impl ..." and "Will assume
// transactional DDL." come before the first one.
std::unique_ptr<Migrator> open_migrator(const GlobalOptions& g, bool context_lines = false);
// The public API's options for `revision` (shared by plain and autogenerate).
NewRevision new_revision(const RevisionArgs& a);

int run_init(const std::string& directory, const std::string& template_name, bool quiet);

}  // namespace strata::cli
