// strata: the command-line interface. Parses arguments with CLI11 and hands
// each verb to cli/verbs.cpp; every error becomes one line on stderr.
// Exit codes: 0 ok, 1 error, 2 usage.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "cli/doctor_verb.h"
#include "cli/help.h"
#include "cli/tty.h"
#include "cli/fleet_verb.h"
#include "cli/import_alembic_verb.h"
#include "cli/lint_verb.h"
#include "cli/safety_verbs.h"
#include "cli/verbs.h"
#include "config/config.h"
#include "strata/error.h"

namespace {

constexpr const char* kFooter = R"(
Revision identifiers (Alembic's grammar):
  ae1027a6acf  full id, or a unique prefix (ae10)
  head, heads, base; current (history -r and show)
  branch@head, branch@base, rev@head
  +2, -1, head-1, base+2, branch@+1, ae10+1
  a:b, a:, :b  ranges (history -r; upgrade/downgrade/stamp with --sql)

Examples:
  strata init migrations-project
  strata revision -m "add users table"
  strata revision --autogenerate -m "add tier"   # diff models/ against the database
  strata check                                   # exit 1 when database and models differ
  strata models dump -o models                   # adopt strata on an existing database
  strata upgrade head
  strata downgrade -1
  strata upgrade 0001:head --sql > upgrade.sql
  strata history -r -3:current -i
  strata current -v

Configuration is read from strata.toml (-c to change); --url overrides its url.)";

// Last resort for the one-line error contract: a newline or CR that reached
// a message (echoed input) is printed as \n / \r.
std::string one_line(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  for (char c : message) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

static int run_cli(int argc, char** argv) {
  using namespace strata::cli;
  // Never destroyed: the process ends right after (see main).
  CLI::App& app =
      *new CLI::App{"strata: schema migrations for multi-schema databases, the Alembic way", "strata"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the verb
  app.set_version_flag("--version", std::string("strata ") + STRATA_VERSION);

  GlobalOptions g;
  auto* config_option =
      app.add_option("-c,--config", g.config_path, "Configuration file (default: strata.toml)");
  app.add_option("--url", g.url, "Database URL, overriding the configuration's url");
  // Repeatable options take one value per occurrence (as in Alembic).
  app.add_option("-x", g.x_args, "Extra key=value for scripts (op.x(key)); repeatable")
      ->allow_extra_args(false);
  app.add_flag("-q,--quiet", g.quiet, "Do not print progress");

  // init
  std::string init_dir, init_template = "generic";
  auto* init = app.add_subcommand("init", "Create a new project directory");
  init->add_option("directory", init_dir, "Directory to create")->required();
  init->add_option("-t,--template", init_template, "Template: generic or multischema")
      ->capture_default_str();

  // revision / merge
  RevisionArgs rev;
  auto* revision = app.add_subcommand("revision", "Create a new revision script");
  revision->add_option("-m,--message", rev.message, "Message for the revision");
  revision->add_option("--head", rev.head,
                       "Base the revision on this head (default: head; base for a new root)");
  revision->add_flag("--splice", rev.splice, "Allow a non-head revision as the --head");
  revision->add_option("--branch-label", rev.branch_labels, "Branch label for the new revision")
      ->allow_extra_args(false);
  revision->add_option("--depends-on", rev.depends_on, "Revision or label this one depends on; repeatable")
      ->allow_extra_args(false);
  revision->add_option("--rev-id", rev.rev_id, "Revision id to use instead of a generated one");
  revision->add_option("--version-path", rev.version_path, "Version location for the new file");
  revision->add_flag("--autogenerate", rev.autogenerate,
                     "Write the ops that turn the database into the models (strata.toml "
                     "`models`); the database must be at head");
  revision->add_flag("--online", rev.online,
                     "With --autogenerate (PostgreSQL): an online-safe plan (indexes "
                     "CONCURRENTLY, constraints NOT VALID then validated, SET NOT NULL "
                     "through a check)")
      ->needs(revision->get_option("--autogenerate"));

  auto* merge = app.add_subcommand("merge", "Merge two or more heads into one revision");
  merge->add_option("revisions", rev.merge_revisions, "Heads to merge (or 'heads')")->required();
  merge->add_option("-m,--message", rev.message, "Message for the merge revision");
  merge->add_option("--branch-label", rev.branch_labels, "Branch label for the merge revision")
      ->allow_extra_args(false);
  merge->add_option("--rev-id", rev.rev_id, "Revision id to use instead of a generated one");

  // upgrade / downgrade
  MigrateArgs up, down;
  auto* upgrade = app.add_subcommand("upgrade", "Upgrade to a later revision");
  upgrade->add_option("revision", up.target, "Target (head, heads, +1, rev, branch@head; a:b with --sql)")
      ->required();
  upgrade->add_flag("--sql", up.sql, "Write SQL to stdout instead of running it (offline)");
  upgrade->add_flag("--verify-data", up.verify_data,
                    "Check row counts and checksums of moved, renamed and rebuilt tables");
  upgrade->add_flag("--json", up.json,
                    "JSON output: {steps: [{revision, direction, step, duration_ms}], duration_ms}");
  auto* downgrade = app.add_subcommand("downgrade", "Revert to a previous revision");
  downgrade->add_option("revision", down.target, "Target (-1, base, rev; a:b with --sql)")
      ->required();
  downgrade->add_flag("--sql", down.sql, "Write SQL to stdout instead of running it (offline)");
  downgrade->add_flag("--verify-data", down.verify_data,
                    "Check row counts and checksums of moved, renamed and rebuilt tables");
  downgrade->add_flag("--json", down.json,
                      "JSON output: {steps: [{revision, direction, step, duration_ms}], duration_ms}");
  add_lock_options(upgrade, g);
  upgrade->add_flag("--resume", g.resume,
                    "MariaDB/MySQL: continue a revision that failed part-way after the "
                    "statements that ran (its script unchanged since)");
  add_lock_options(downgrade, g);

  // stamp / ensure_version
  StampArgs st;
  auto* stamp = app.add_subcommand("stamp", "Set the version table to revisions, running nothing");
  stamp->add_option("revisions", st.revisions, "Revision(s) to stamp")->required();
  stamp->add_flag("--sql", st.sql, "Write SQL to stdout instead of running it");
  stamp->add_flag("--purge", st.purge, "Empty the version table before stamping");
  stamp->add_flag("--json", st.json,
                  "JSON output: {steps: [{revision, direction, step, duration_ms}], duration_ms}");
  add_lock_options(stamp, g);
  // validate / repair (cli/safety_verbs.cpp)
  bool validate_json = false;
  auto* validate = app.add_subcommand(
      "validate", "Exit 1 listing applied revisions whose script changed or is missing");
  validate->add_flag("--json", validate_json, "JSON output: {valid, problems, failures}");
  auto* repair = app.add_subcommand(
      "repair", "Record current checksums of applied revisions; clear a failed step's record");
  add_lock_options(repair, g);
  bool ensure_sql = false;
  auto* ensure = app.add_subcommand("ensure_version", "Create the version table if missing");
  ensure->add_flag("--sql", ensure_sql, "Write SQL to stdout instead of running it");

  // inspection
  ListArgs cur, hist, hd, br;
  auto* current = app.add_subcommand("current", "Show the database's current revision(s)");
  current->add_flag("-v,--verbose", cur.verbose, "Full details");
  current->add_flag("--json", cur.json, "JSON output");
  auto* history = app.add_subcommand("history", "List revisions in chronological order, newest first");
  history->add_option("-r,--rev-range", hist.range, "Range [start]:[end] (e.g. -3:current)");
  history->add_flag("-v,--verbose", hist.verbose, "Full details");
  history->add_flag("-i,--indicate-current", hist.indicate_current, "Mark the current revision(s)");
  history->add_flag("--json", hist.json, "JSON output");
  auto* heads = app.add_subcommand("heads", "Show the heads of the revision graph");
  heads->add_flag("-v,--verbose", hd.verbose, "Full details");
  heads->add_flag("--resolve-dependencies", hd.resolve_dependencies,
                  "Treat depends_on as down revisions");
  heads->add_flag("--json", hd.json, "JSON output");
  auto* branches = app.add_subcommand("branches", "Show branch points");
  branches->add_flag("-v,--verbose", br.verbose, "Full details");
  branches->add_flag("--json", br.json, "JSON output");
  std::string show_rev;
  bool show_json = false;
  auto* show = app.add_subcommand("show", "Show the revision(s) an identifier names");
  show->add_option("revision", show_rev, "Revision identifier (or current)")->required();
  show->add_flag("--json", show_json, "JSON output");
  // autogenerate
  CheckArgs chk;
  auto* check = app.add_subcommand(
      "check", "Compare the database with the models; exit 1 and list the differences if any");
  check->add_flag("--json", chk.json, "JSON output: {clean, changes, warnings}");
  auto* models = app.add_subcommand("models", "Model files (the desired state)");
  models->require_subcommand(1);
  DumpArgs dump;
  auto* models_dump = models->add_subcommand(
      "dump", "Write the live database as model files, one per schema (adopting strata)");
  models_dump->add_option("--format", dump.format, "lua or sql")->capture_default_str();
  models_dump->add_option("-o,--output", dump.output_dir, "Directory for the files (default: stdout)");
  models_dump->add_option("--from", dump.from,
                          "Convert a model source instead of reading the database, e.g. "
                          "python:app.models:Base (SQLAlchemy) or 'models/*.sql'");

  // verify
  VerifyArgs ver;
  auto* verify = app.add_subcommand(
      "verify", "Test every rollback on a scratch database (never the configured one)");
  verify->footer(
      "\nOn a scratch database, from base: for each step, upgrade, downgrade and upgrade\n"
      "again, comparing the catalog; then one head, and the models at head.\n"
      "The configured database is never migrated. PostgreSQL: a throwaway database is\n"
      "created and dropped on its server (or on dev_url); SQLite: a temp file;\n"
      "MySQL/MariaDB: needs dev_url.");
  verify->add_option("-r,--rev-range", ver.range,
                     "Verify only LOWER:UPPER (LOWER is applied first, unverified; e.g. abc:head)");
  verify->add_flag("--json", ver.json,
                   "JSON output: {ok, steps_verified, verified, failure: {revision, phase, diff}}");

  // doctor (cli/doctor_verb.cpp)
  DoctorArgs doc;
  auto* doctor = add_doctor_verb(app, doc);
  FleetArgs fleet_args;  // fleet (cli/fleet_verb.cpp)
  auto* fleet = add_fleet_verb(app, g, fleet_args);

  // lint (cli/lint_verb.cpp)
  LintArgs lint_args;
  auto* lint = add_lint_verb(app, lint_args);

  // import-alembic (cli/import_alembic_verb.cpp)
  ImportAlembicArgs import_args;
  auto* import_alembic = add_import_alembic_verb(app, import_args);

  std::string edit_rev;
  auto* edit = app.add_subcommand("edit", "Open a revision script in $EDITOR");
  edit->add_option("revision", edit_rev, "Revision identifier (or current)")->required();

  finish_help(app, kFooter);  // cli/help.h: footer in `strata --help` only; globals per verb

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (std::optional<std::string> verb = unknown_command(app, argc, argv)) {
      std::cerr << "strata: usage error: unknown command '" << strata::config::redact_passwords(*verb)
                << "' (see strata --help)" << std::endl;
      return 2;
    }
    std::cerr << "strata: usage error: " << strata::config::redact_passwords(e.what())
              << " (see strata --help)" << std::endl;
    return 2;
  }

  try {
    if (*init) return run_init(init_dir, init_template, g.quiet);
    if (*revision) return run_revision(g, rev);
    if (*merge) return run_merge(g, rev);
    if (*upgrade) return run_upgrade(g, up);
    if (*downgrade) return run_downgrade(g, down);
    if (*stamp) return run_stamp(g, st);
    if (*validate) return run_validate(g, validate_json);
    if (*repair) return run_repair(g);
    if (*ensure) return run_ensure_version(g, ensure_sql);
    if (*current) return run_current(g, cur);
    if (*history) return run_history(g, hist);
    if (*heads) return run_heads(g, hd);
    if (*branches) return run_branches(g, br);
    if (*show) return run_show(g, show_rev, show_json);
    if (*edit) return run_edit(g, edit_rev);
    if (*check) return run_check(g, chk);
    if (*models_dump) return run_models_dump(g, dump);
    if (*doctor) return run_doctor_verb(g, doc);
    if (*fleet) return run_fleet_verb(g, fleet_args);
    if (*lint) return run_lint(g, lint_args);
    if (*verify) return run_verify(g, ver);
    if (*import_alembic) {
      return run_import_alembic(g, config_option->count() ? g.config_path : "", import_args);
    }
  } catch (const strata::Error& e) {
    std::cout.flush();
    std::cerr << colour("strata: error:", "31") << " " << one_line(e.message()) << std::endl;
    return e.code() == strata::ErrorCode::kUsage ? 2 : 1;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "strata: error: " << one_line(e.what()) << std::endl;
    return 1;
  }
  return 0;
}

// The verb's own objects are gone when run_cli returns (connections closed,
// caches written, threads joined); what is left is the command tree and
// library statics, whose teardown is pure cost to a short-lived command
// (~0.3 ms of `strata current`). Flush and leave without it.
int main(int argc, char** argv) {
  const int code = run_cli(argc, argv);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}
