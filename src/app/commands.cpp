#include "app/commands.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "runtime/data_verifier.h"
#include "runtime/migration_runner.h"
#include "runtime/sql_emitter.h"
#include "runtime/validation.h"
#include "runtime/version_store.h"
#include "script/migration_plan.h"
#include "script/script_directory.h"
#include "strata/error.h"

namespace strata::app {
namespace {

Error command_error(const std::string& message) { return Error(ErrorCode::kUsage, message); }


// upgrade's check under the lock, before planning: refuse while a failed
// non-transactional step is unresolved; validate applied checksums (a
// warning, or an error with validate_on_migrate = "error").
runtime::PreRunCheck upgrade_check(Project& project, const MigrateOptions& options) {
  return [&project, &options](runtime::VersionStore& store) {
    const std::vector<runtime::HistoryEntry> history = store.read_history();
    const std::vector<runtime::HistoryEntry> failed = runtime::outstanding_failures(history);
    if (!failed.empty() && !options.resume) {
      throw Error(ErrorCode::kDatabase, "a previous " + runtime::describe_failure(failed.back()) +
                                            "; fix the database by hand, then run `strata repair` "
                                            "(or `strata upgrade --resume` to continue after "
                                            "it, the script unchanged)");
    }
    const auto problems = runtime::checksum_problems(history, project.revisions());
    if (problems.empty()) return;
    std::string message = "applied revisions differ from their scripts (strata validate): ";
    for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + runtime::describe(problems[i]);
    if (project.config().validate_on_migrate == "error") throw Error(ErrorCode::kScript, message);
    if (options.warning) options.warning(message);
  };
}

// `plan`, reporting each plan's size to options.on_plan.
runtime::PlanFn observed(const runtime::PlanFn& plan, const MigrateOptions& options) {
  if (!options.on_plan) return plan;
  return [plan, on_plan = options.on_plan](const std::vector<std::string>& heads) {
    std::vector<script::MigrationStep> steps = plan(heads);
    on_plan(steps.size());
    return steps;
  };
}

void run(Project& project, const MigrateOptions& options,
         const std::optional<std::string>& range_start, const runtime::PlanFn& unobserved,
         const runtime::PreRunCheck& check = {}) {
  const runtime::PlanFn plan = observed(unobserved, options);
  runtime::RunSettings settings = run_settings(project, options);
  const dialect::Dialect& dialect = project.dialect();
  if (options.sql) {
    if (options.sql_out == nullptr) throw Error(ErrorCode::kInternal, "--sql without an output");
    if (options.verify_data) {
      throw command_error("--verify-data needs a live database; it cannot be used with --sql");
    }
    runtime::SqlEmitter emitter(dialect, *options.sql_out, project.options().x_args);
    runtime::run_offline(emitter, script::resolve_starting_heads(project.revisions(), range_start),
                         plan, settings);
    return;
  }
  std::unique_ptr<driver::Connection> connection = project.connect();
  const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(dialect);
  runtime::SqlEmitter emitter(dialect, *live, *connection, project.options().x_args);
  std::unique_ptr<runtime::DataVerifier> verifier;
  if (options.verify_data || project.config().verify_data) {
    verifier = std::make_unique<runtime::DataVerifier>(dialect, *connection, options.progress);
    emitter.set_observer(verifier.get());
  }
  runtime::run_online(emitter, plan, settings, check);
}

// A badly shaped revision argument (a range without --sql, ...) is a usage
// error (exit 2), not a graph error.
template <typename Fn>
auto as_usage_error(Fn&& fn) {
  try {
    return fn();
  } catch (const script::RevisionError& e) {
    throw command_error(e.what());
  }
}

// Where a new revision goes (Alembic's rules): --version-path, which must be
// one of the version locations; else the only location; else the directory
// of the first head it follows.
std::string choose_version_path(Project& project, const std::optional<std::string>& requested,
                                const std::vector<const script::Revision*>& heads) {
  const std::vector<std::string> locations = project.config().resolved_version_locations();
  if (requested) {
    const auto wanted = std::filesystem::absolute(*requested).lexically_normal();
    for (const std::string& location : locations) {
      if (std::filesystem::absolute(location).lexically_normal() == wanted) return *requested;
    }
    throw Error(ErrorCode::kConfig,
                "Path " + *requested + " is not represented in current version locations");
  }
  if (locations.size() <= 1) return "";
  for (const script::Revision* head : heads) {
    if (head != nullptr) return head->path.substr(0, head->path.find_last_of('/'));
  }
  throw Error(ErrorCode::kConfig, "Multiple version locations present, please specify --version-path");
}

// A branch label may name one branch only (checked before the file exists).
void check_new_branch_labels(const script::RevisionMap& map, const std::vector<std::string>& labels) {
  for (const std::string& label : labels) {
    for (const script::Revision& r : map.revisions()) {
      if (std::find(r.branch_labels.begin(), r.branch_labels.end(), label) != r.branch_labels.end()) {
        throw Error(ErrorCode::kRevision, "Branch name '" + label + "' is already used by revision " +
                                              r.revision);
      }
    }
  }
}

}  // namespace

runtime::RunSettings run_settings(Project& project, const MigrateOptions& options) {
  runtime::RunSettings settings;
  settings.version_table = project.version_table();
  settings.transaction_per_migration = project.config().transaction_per_migration;
  settings.lua_module_roots = project.lua_module_roots();
  settings.script_cache_file = project.script_cache_file();
  settings.script_instruction_limit = project.config().script_instruction_limit;
  settings.script_memory_limit_mb = project.config().script_memory_limit_mb;
  settings.progress = options.progress;
  settings.on_step = options.on_step;
  settings.history_table = project.config().history_table;
  settings.use_lock = !options.no_lock;
  settings.resume = options.resume;
  settings.lock_timeout =
      std::chrono::seconds(options.lock_timeout_seconds.value_or(project.config().migration_lock_timeout));
  return settings;
}

void upgrade(Project& project, const std::string& target, const MigrateOptions& options) {
  script::RevisionRange range =
      as_usage_error([&] { return script::split_revision_range(target, options.sql, false); });
  const script::RevisionMap& map = project.revisions();
  run(project, options, range.starting_rev, [&](const std::vector<std::string>& heads) {
    return script::plan_upgrade(map, range.destination, heads);
  }, upgrade_check(project, options));
}

void downgrade(Project& project, const std::string& target, const MigrateOptions& options) {
  script::RevisionRange range =
      as_usage_error([&] { return script::split_revision_range(target, options.sql, true); });
  const script::RevisionMap& map = project.revisions();
  run(project, options, range.starting_rev, [&](const std::vector<std::string>& heads) {
    return script::plan_downgrade(map, range.destination, heads);
  });
}

void stamp(Project& project, const std::vector<std::string>& revisions, bool purge,
           const MigrateOptions& options) {
  if (purge && options.sql) throw command_error("Can't use --purge with --sql mode");
  std::vector<std::string> destinations;
  script::RevisionRange range =
      as_usage_error([&] { return script::split_stamp_ranges(revisions, &destinations); });
  if (range.starting_rev && !options.sql) {
    throw command_error(
        script::range_not_allowed_message(destinations.size() == 1 ? destinations.front() : ""));
  }
  const script::RevisionMap& map = project.revisions();
  runtime::PlanFn plan = [&](const std::vector<std::string>& heads) {
    return script::plan_stamp(map, destinations, heads, purge);
  };
  if (options.sql) {
    run(project, options, range.starting_rev, plan);
    return;
  }
  runtime::RunSettings settings = run_settings(project, options);
  settings.purge_version_table = purge;
  std::unique_ptr<driver::Connection> connection = project.connect();
  const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(project.dialect());
  runtime::SqlEmitter emitter(project.dialect(), *live, *connection, project.options().x_args);
  runtime::run_online(emitter, observed(plan, options), settings);
}

void ensure_version(Project& project, const MigrateOptions& options) {
  const dialect::Dialect& dialect = project.dialect();
  const dialect::VersionTableName vt = project.version_table();
  if (options.sql) {
    runtime::SqlEmitter emitter(dialect, *options.sql_out, project.options().x_args);
    runtime::VersionStore(emitter, vt, project.config().history_table).ensure();
    return;
  }
  std::unique_ptr<driver::Connection> connection = project.connect();
  const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(dialect);
  runtime::SqlEmitter emitter(dialect, *live, *connection, project.options().x_args);
  runtime::ensure_version_online(emitter, run_settings(project, options));
}

std::vector<std::string> current_heads(Project& project) {
  std::unique_ptr<driver::Connection> connection = project.connect_read_only();
  const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(project.dialect());
  runtime::SqlEmitter emitter(project.dialect(), *live, *connection, project.options().x_args);
  return runtime::read_version_rows(emitter, project.version_table());
}

std::string create_revision(Project& project, const NewRevisionOptions& options) {
  const script::RevisionMap& map = project.revisions();
  std::vector<const script::Revision*> heads =
      map.resolve_new_revision_heads(options.head.value_or("head"));
  std::set<const script::Revision*> unique(heads.begin(), heads.end());
  if (unique.size() != heads.size()) throw Error(ErrorCode::kRevision, "Duplicate head revisions specified");
  if (!options.splice) {
    for (const script::Revision* head : heads) {
      if (head != nullptr && !map.is_head(*head)) {
        throw Error(ErrorCode::kRevision, "Revision " + head->revision +
                            " is not a head revision; please specify --splice to create a new "
                            "branch from this revision");
      }
    }
  }
  script::GenerateOptions generate;
  generate.message = options.message.empty() ? "empty message" : options.message;
  generate.rev_id = options.rev_id.value_or("");
  for (const script::Revision* head : heads) {
    if (head != nullptr) generate.down_revisions.push_back(head->revision);
  }
  generate.branch_labels = options.branch_labels;
  for (const std::string& dependency : options.depends_on) {
    const script::Revision* resolved = map.get_revision(dependency);
    if (resolved == nullptr) throw Error(ErrorCode::kRevision, "depends_on '" + dependency + "' names no revision");
    const auto& labels = map.branch_labels(*resolved);
    bool is_label = std::find(labels.begin(), labels.end(), dependency) != labels.end();
    generate.depends_on.push_back(is_label ? dependency : resolved->revision);
  }
  generate.version_path = choose_version_path(project, options.version_path, heads);
  check_new_branch_labels(map, options.branch_labels);
  generate.now = std::chrono::system_clock::now();
  generate.upgrades = options.upgrades;
  generate.downgrades = options.downgrades;
  script::ScriptDirectory directory(project.config());
  return directory.generate_revision(generate);
}

std::string merge_revisions(Project& project, const std::vector<std::string>& revisions,
                            const NewRevisionOptions& options) {
  const script::RevisionMap& map = project.revisions();
  std::vector<const script::Revision*> heads = map.get_revisions(revisions);
  std::set<const script::Revision*> unique(heads.begin(), heads.end());
  if (unique.size() != heads.size()) throw Error(ErrorCode::kRevision, "Duplicate head revisions specified");
  script::GenerateOptions generate;
  generate.message = options.message.empty() ? "empty message" : options.message;
  generate.rev_id = options.rev_id.value_or("");
  for (const script::Revision* head : heads) {
    if (head == nullptr) continue;
    if (!map.is_head(*head)) {
      throw Error(ErrorCode::kRevision, "Revision " + head->revision +
                          " is not a head revision; please specify --splice to create a new "
                          "branch from this revision");
    }
    generate.down_revisions.push_back(head->revision);
  }
  generate.branch_labels = options.branch_labels;
  generate.version_path = choose_version_path(project, std::nullopt, heads);
  check_new_branch_labels(map, options.branch_labels);
  generate.now = std::chrono::system_clock::now();
  script::ScriptDirectory directory(project.config());
  return directory.generate_revision(generate);
}

void init_project(const std::string& directory, const std::string& template_name) {
  script::init_project(directory, template_name);
}

}  // namespace strata::app
