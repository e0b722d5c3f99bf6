// strata: the command-line interface. Parses arguments with CLI11 and hands
// each verb to cli/verbs.cpp; every error becomes one line on stderr.
// Exit codes: 0 ok, 1 error, 2 usage.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// One verb of the command tree: `add` registers it on the app (its options
// bound to state that outlives the parse), `run` runs it once parsed.
struct Verb {
  std::string_view name;
  std::function<CLI::App*(CLI::App&)> add;
  std::function<int()> run;
};

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

  // What the verbs' options fill in.
  std::string init_dir, init_template = "generic";
  RevisionArgs rev;
  MigrateArgs up, down;
  StampArgs st;
  bool validate_json = false, ensure_sql = false, show_json = false;
  ListArgs cur, hist, hd, br;
  std::string show_rev, edit_rev;
  CheckArgs chk;
  DumpArgs dump;
  VerifyArgs ver;
  DoctorArgs doc;
  FleetArgs fleet_args;
  LintArgs lint_args;
  ImportAlembicArgs import_args;

  // In `strata --help` order.
  const std::vector<Verb> verbs = {
      {"init",
       [&](CLI::App& a) {
         auto* init = a.add_subcommand("init", "Create a new project directory");
         init->add_option("directory", init_dir, "Directory to create")->required();
         init->add_option("-t,--template", init_template, "Template: generic or multischema")
             ->capture_default_str();
         return init;
       },
       [&] { return run_init(init_dir, init_template, g.quiet); }},
      {"revision",
       [&](CLI::App& a) {
         auto* revision = a.add_subcommand("revision", "Create a new revision script");
         revision->add_option("-m,--message", rev.message, "Message for the revision");
         revision->add_option("--head", rev.head,
                              "Base the revision on this head (default: head; base for a new root)");
         revision->add_flag("--splice", rev.splice, "Allow a non-head revision as the --head");
         revision->add_option("--branch-label", rev.branch_labels, "Branch label for the new revision")
             ->allow_extra_args(false);
         revision
             ->add_option("--depends-on", rev.depends_on,
                          "Revision or label this one depends on; repeatable")
             ->allow_extra_args(false);
         revision->add_option("--rev-id", rev.rev_id, "Revision id to use instead of a generated one");
         revision->add_option("--version-path", rev.version_path, "Version location for the new file");
         revision->add_flag("--autogenerate", rev.autogenerate,
                            "Write the ops that turn the database into the models (strata.toml "
                            "`models`); the database must be at head");
         revision
             ->add_flag("--online", rev.online,
                        "With --autogenerate (PostgreSQL): an online-safe plan (indexes "
                        "CONCURRENTLY, constraints NOT VALID then validated, SET NOT NULL "
                        "through a check)")
             ->needs(revision->get_option("--autogenerate"));
         return revision;
       },
       [&] { return run_revision(g, rev); }},
      {"merge",
       [&](CLI::App& a) {
         auto* merge = a.add_subcommand("merge", "Merge two or more heads into one revision");
         merge->add_option("revisions", rev.merge_revisions, "Heads to merge (or 'heads')")->required();
         merge->add_option("-m,--message", rev.message, "Message for the merge revision");
         merge->add_option("--branch-label", rev.branch_labels, "Branch label for the merge revision")
             ->allow_extra_args(false);
         merge->add_option("--rev-id", rev.rev_id, "Revision id to use instead of a generated one");
         return merge;
       },
       [&] { return run_merge(g, rev); }},
      {"upgrade",
       [&](CLI::App& a) {
         auto* upgrade = a.add_subcommand("upgrade", "Upgrade to a later revision");
         upgrade
             ->add_option("revision", up.target,
                          "Target (head, heads, +1, rev, branch@head; a:b with --sql)")
             ->required();
         upgrade->add_flag("--sql", up.sql, "Write SQL to stdout instead of running it (offline)");
         upgrade->add_flag("--verify-data", up.verify_data,
                           "Check row counts and checksums of moved, renamed and rebuilt tables");
         upgrade->add_flag(
             "--json", up.json,
             "JSON output: {steps: [{revision, direction, step, duration_ms}], duration_ms}");
         add_lock_options(upgrade, g);
         upgrade->add_flag("--resume", g.resume,
                           "MariaDB/MySQL: continue a revision that failed part-way after the "
                           "statements that ran (its script unchanged since)");
         return upgrade;
       },
       [&] { return run_upgrade(g, up); }},
      {"downgrade",
       [&](CLI::App& a) {
         auto* downgrade = a.add_subcommand("downgrade", "Revert to a previous revision");
         downgrade->add_option("revision", down.target, "Target (-1, base, rev; a:b with --sql)")
             ->required();
         downgrade->add_flag("--sql", down.sql, "Write SQL to stdout instead of running it (offline)");
         downgrade->add_flag("--verify-data", down.verify_data,
                             "Check row counts and checksums of moved, renamed and rebuilt tables");
         downgrade->add_flag(
             "--json", down.json,
             "JSON output: {steps: [{revision, direction, step, duration_ms}], duration_ms}");
         add_lock_options(downgrade, g);
         return downgrade;
       },
       [&] { return run_downgrade(g, down); }},
      {"stamp",
       [&](CLI::App& a) {
         auto* stamp =
             a.add_subcommand("stamp", "Set the version table to revisions, running nothing");
         stamp->add_option("revisions", st.revisions, "Revision(s) to stamp")->required();
         stamp->add_flag("--sql", st.sql, "Write SQL to stdout instead of running it");
         stamp->add_flag("--purge", st.purge, "Empty the version table before stamping");
         stamp->add_flag(
             "--json", st.json,
             "JSON output: {steps: [{revision, direction, step, duration_ms}], duration_ms}");
         add_lock_options(stamp, g);
         return stamp;
       },
       [&] { return run_stamp(g, st); }},
      // validate / repair (cli/safety_verbs.cpp)
      {"validate",
       [&](CLI::App& a) {
         auto* validate = a.add_subcommand(
             "validate", "Exit 1 listing applied revisions whose script changed or is missing");
         validate->add_flag("--json", validate_json, "JSON output: {valid, problems, failures}");
         return validate;
       },
       [&] { return run_validate(g, validate_json); }},
      {"repair",
       [&](CLI::App& a) {
         auto* repair = a.add_subcommand(
             "repair",
             "Record current checksums of applied revisions; clear a failed step's record");
         add_lock_options(repair, g);
         return repair;
       },
       [&] { return run_repair(g); }},
      {"ensure_version",
       [&](CLI::App& a) {
         auto* ensure = a.add_subcommand("ensure_version", "Create the version table if missing");
         ensure->add_flag("--sql", ensure_sql, "Write SQL to stdout instead of running it");
         return ensure;
       },
       [&] { return run_ensure_version(g, ensure_sql); }},
      // inspection
      {"current",
       [&](CLI::App& a) {
         auto* current = a.add_subcommand("current", "Show the database's current revision(s)");
         current->add_flag("-v,--verbose", cur.verbose, "Full details");
         current->add_flag("--json", cur.json, "JSON output");
         return current;
       },
       [&] { return run_current(g, cur); }},
      {"history",
       [&](CLI::App& a) {
         auto* history =
             a.add_subcommand("history", "List revisions in chronological order, newest first");
         history->add_option("-r,--rev-range", hist.range, "Range [start]:[end] (e.g. -3:current)");
         history->add_flag("-v,--verbose", hist.verbose, "Full details");
         history->add_flag("-i,--indicate-current", hist.indicate_current,
                           "Mark the current revision(s)");
         history->add_flag("--json", hist.json, "JSON output");
         return history;
       },
       [&] { return run_history(g, hist); }},
      {"heads",
       [&](CLI::App& a) {
         auto* heads = a.add_subcommand("heads", "Show the heads of the revision graph");
         heads->add_flag("-v,--verbose", hd.verbose, "Full details");
         heads->add_flag("--resolve-dependencies", hd.resolve_dependencies,
                         "Treat depends_on as down revisions");
         heads->add_flag("--json", hd.json, "JSON output");
         return heads;
       },
       [&] { return run_heads(g, hd); }},
      {"branches",
       [&](CLI::App& a) {
         auto* branches = a.add_subcommand("branches", "Show branch points");
         branches->add_flag("-v,--verbose", br.verbose, "Full details");
         branches->add_flag("--json", br.json, "JSON output");
         return branches;
       },
       [&] { return run_branches(g, br); }},
      {"show",
       [&](CLI::App& a) {
         auto* show = a.add_subcommand("show", "Show the revision(s) an identifier names");
         show->add_option("revision", show_rev, "Revision identifier (or current)")->required();
         show->add_flag("--json", show_json, "JSON output");
         return show;
       },
       [&] { return run_show(g, show_rev, show_json); }},
      // autogenerate
      {"check",
       [&](CLI::App& a) {
         auto* check = a.add_subcommand(
             "check", "Compare the database with the models; exit 1 and list the differences if any");
         check->add_flag("--json", chk.json, "JSON output: {clean, changes, warnings}");
         return check;
       },
       [&] { return run_check(g, chk); }},
      {"models",
       [&](CLI::App& a) {
         auto* models = a.add_subcommand("models", "Model files (the desired state)");
         models->require_subcommand(1);
         auto* models_dump = models->add_subcommand(
             "dump", "Write the live database as model files, one per schema (adopting strata)");
         models_dump->add_option("--format", dump.format, "lua or sql")->capture_default_str();
         models_dump->add_option("-o,--output", dump.output_dir,
                                 "Directory for the files (default: stdout)");
         models_dump->add_option("--from", dump.from,
                                 "Convert a model source instead of reading the database, e.g. "
                                 "python:app.models:Base (SQLAlchemy) or 'models/*.sql'");
         return models;
       },
       // `models` has one sub-verb, required: parsed means `models dump`.
       [&] { return run_models_dump(g, dump); }},
      {"verify",
       [&](CLI::App& a) {
         auto* verify = a.add_subcommand(
             "verify", "Test every rollback on a scratch database (never the configured one)");
         verify->footer(
             "\nOn a scratch database, from base: for each step, upgrade, downgrade and upgrade\n"
             "again, comparing the catalog; then one head, and the models at head.\n"
             "The configured database is never migrated. PostgreSQL: a throwaway database is\n"
             "created and dropped on its server (or on dev_url); SQLite: a temp file;\n"
             "MySQL/MariaDB: needs dev_url.");
         verify->add_option(
             "-r,--rev-range", ver.range,
             "Verify only LOWER:UPPER (LOWER is applied first, unverified; e.g. abc:head)");
         verify->add_flag(
             "--json", ver.json,
             "JSON output: {ok, steps_verified, verified, failure: {revision, phase, diff}}");
         return verify;
       },
       [&] { return run_verify(g, ver); }},
      {"doctor", [&](CLI::App& a) { return add_doctor_verb(a, doc); },  // cli/doctor_verb.cpp
       [&] { return run_doctor_verb(g, doc); }},
      {"fleet", [&](CLI::App& a) { return add_fleet_verb(a, g, fleet_args); },  // cli/fleet_verb.cpp
       [&] { return run_fleet_verb(g, fleet_args); }},
      {"lint", [&](CLI::App& a) { return add_lint_verb(a, lint_args); },  // cli/lint_verb.cpp
       [&] { return run_lint(g, lint_args); }},
      {"import-alembic",  // cli/import_alembic_verb.cpp
       [&](CLI::App& a) { return add_import_alembic_verb(a, import_args); },
       [&] {
         return run_import_alembic(g, config_option->count() ? g.config_path : "", import_args);
       }},
      {"edit",
       [&](CLI::App& a) {
         auto* edit = a.add_subcommand("edit", "Open a revision script in $EDITOR");
         edit->add_option("revision", edit_rev, "Revision identifier (or current)")->required();
         return edit;
       },
       [&] { return run_edit(g, edit_rev); }},
  };

  // Only the verb the command line names is registered (building every
  // verb's options is a tenth of `strata current`'s instructions); with no
  // verb or an unknown one, all are, for `strata --help` and the error.
  const std::optional<std::string> named = verb_argument(argc, argv);
  auto names = [&](const Verb& v) { return named && v.name == *named; };
  const bool known = std::any_of(verbs.begin(), verbs.end(), names);
  std::vector<std::pair<CLI::App*, const Verb*>> registered;
  for (const Verb& verb : verbs) {
    if (!known || names(verb)) registered.emplace_back(verb.add(app), &verb);
  }
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
    if (named && !known) {
      std::cerr << "strata: usage error: unknown command '" << strata::config::redact_passwords(*named)
                << "' (see strata --help)" << std::endl;
      return 2;
    }
    std::cerr << "strata: usage error: " << strata::config::redact_passwords(e.what())
              << " (see strata --help)" << std::endl;
    return 2;
  }

  try {
    for (const auto& [sub, verb] : registered) {
      if (*sub) return verb->run();
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
