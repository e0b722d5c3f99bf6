#include "cli/verbs.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <set>

#include "app/commands.h"
#include "app/project.h"
#include "cli/format.h"
#include "strata/error.h"

namespace strata::cli {

app::ProjectOptions project_options(const GlobalOptions& g) {
  app::ProjectOptions options;
  options.config_path = g.config_path;
  options.url = g.url;
  // Script-layer warnings (printed once, when the graph is first loaded).
  options.on_warning = [](const std::string& warning) {
    std::cerr << "WARNING [strata] " << warning << std::endl;
  };
  for (const std::string& pair : g.x_args) {
    auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ErrorCode::kUsage, "-x expects key=value, got '" + pair + "'");
    }
    options.x_args[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  return options;
}

namespace {

void info(const GlobalOptions& g, const std::string& line) {
  if (!g.quiet) std::cerr << "INFO  [strata] " << line << std::endl;
}

app::MigrateOptions migrate_options(const GlobalOptions& g, app::Project& project, bool sql) {
  app::MigrateOptions options;
  options.sql = sql;
  options.sql_out = &std::cout;
  options.lock_timeout_seconds = g.lock_timeout;
  options.no_lock = g.no_lock;
  options.resume = g.resume;
  options.warning = [](const std::string& line) {
    std::cerr << "WARNING [strata] " << line << std::endl;
  };
  const dialect::Dialect& dialect = project.dialect();
  // Alembic's context lines, printed when the first step runs (so a run that
  // fails before doing anything prints just its error line).
  auto announced = std::make_shared<bool>(false);
  options.progress = [&g, &dialect, announced](const std::string& line) {
    if (!*announced) {
      *announced = true;
      info(g, "Context impl " + std::string(dialect.name()) + ".");
      info(g, std::string("Will ") + (dialect.transactional_ddl() ? "assume" : "not assume") +
                  " transactional DDL.");
    }
    info(g, line);
  };
  return options;
}

std::set<std::string> to_set(const std::vector<std::string>& items) {
  return std::set<std::string>(items.begin(), items.end());
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(2) << std::endl; }

}  // namespace

int run_upgrade(const GlobalOptions& g, const MigrateArgs& a) {
  app::Project project(project_options(g));
  app::MigrateOptions options = migrate_options(g, project, a.sql);
  options.verify_data = a.verify_data;
  app::upgrade(project, a.target, options);
  std::cout.flush();
  return 0;
}

int run_downgrade(const GlobalOptions& g, const MigrateArgs& a) {
  app::Project project(project_options(g));
  app::MigrateOptions options = migrate_options(g, project, a.sql);
  options.verify_data = a.verify_data;
  app::downgrade(project, a.target, options);
  std::cout.flush();
  return 0;
}

int run_stamp(const GlobalOptions& g, const StampArgs& a) {
  app::Project project(project_options(g));
  app::stamp(project, a.revisions, a.purge, migrate_options(g, project, a.sql));
  std::cout.flush();
  return 0;
}

int run_ensure_version(const GlobalOptions& g, bool sql) {
  app::Project project(project_options(g));
  app::ensure_version(project, migrate_options(g, project, sql));
  std::cout.flush();
  return 0;
}

int run_current(const GlobalOptions& g, const ListArgs& a) {
  app::Project project(project_options(g));
  std::vector<std::string> rows = app::current_heads(project);
  const script::RevisionMap& map = project.revisions();
  RevisionFormatter formatter(map);
  if (a.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const std::string& row : rows) {
      const script::Revision* r = map.get_revision(row);
      if (r != nullptr) out.push_back(formatter.to_json(*r));
    }
    print_json(out);
    return 0;
  }
  if (a.verbose) std::cout << "Current revision(s) for " << project.url().redacted() << ":\n";
  for (const std::string& row : rows) {
    const script::Revision* r = map.get_revision(row);
    if (r != nullptr) std::cout << formatter.cmd_format(*r, a.verbose, HeadOnlyOptions{}) << "\n";
  }
  return 0;
}

int run_history(const GlobalOptions& g, const ListArgs& a) {
  app::Project project(project_options(g));
  if (!a.range.empty() && a.range.find(':') == std::string::npos) {
    throw Error(ErrorCode::kUsage, "History range requires [start]:[end], [start]:, or :[end]");
  }
  std::vector<std::string> current;
  const bool needs_database = a.indicate_current || a.range.find("current") != std::string::npos;
  if (needs_database) current = app::current_heads(project);
  const script::RevisionMap& map = project.revisions();
  RevisionFormatter formatter(map, a.indicate_current ? to_set(current) : std::set<std::string>{});
  std::vector<const script::Revision*> revisions = map.history(a.range, current);
  if (a.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const script::Revision* r : revisions) out.push_back(formatter.to_json(*r));
    print_json(out);
    return 0;
  }
  HeadOnlyOptions options{.include_branches = true, .include_doc = true, .include_parents = true};
  std::string text;
  for (const script::Revision* r : revisions) {
    text += formatter.cmd_format(*r, a.verbose, options);
    text += "\n";
  }
  std::cout << text;
  return 0;
}

int run_heads(const GlobalOptions& g, const ListArgs& a) {
  app::Project project(project_options(g));
  const script::RevisionMap& map = project.revisions();
  RevisionFormatter formatter(map);
  std::vector<const script::Revision*> heads =
      a.resolve_dependencies ? map.real_heads() : map.heads();
  if (a.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const script::Revision* r : heads) out.push_back(formatter.to_json(*r));
    print_json(out);
    return 0;
  }
  for (const script::Revision* r : heads) {
    std::cout << formatter.cmd_format(*r, a.verbose,
                                      HeadOnlyOptions{.include_branches = true,
                                                      .tree_indicators = false})
              << "\n";
  }
  return 0;
}

int run_branches(const GlobalOptions& g, const ListArgs& a) {
  app::Project project(project_options(g));
  const script::RevisionMap& map = project.revisions();
  RevisionFormatter formatter(map);
  nlohmann::json out = nlohmann::json::array();
  for (const script::Revision* r : map.walk_revisions()) {
    if (!map.is_branch_point(*r)) continue;
    if (a.json) {
      out.push_back(formatter.to_json(*r));
      continue;
    }
    std::cout << formatter.cmd_format(*r, a.verbose, HeadOnlyOptions{.include_branches = true})
              << "\n";
    std::string pad(r->revision.size(), ' ');
    std::string lines;
    for (const script::Revision* child : map.nextrev(*r)) {
      if (!lines.empty()) lines += "\n";
      lines += pad + " -> " +
               formatter.head_only(*child, HeadOnlyOptions{.include_branches = true,
                                                           .include_doc = a.verbose});
    }
    std::cout << lines << "\n\n";
  }
  if (a.json) print_json(out);
  return 0;
}

int run_show(const GlobalOptions& g, const std::string& revision, bool json) {
  app::Project project(project_options(g));
  std::vector<const script::Revision*> revisions;
  std::vector<std::string> current;
  const script::RevisionMap& map = project.revisions();
  if (revision == "current") {
    current = app::current_heads(project);
    revisions = map.get_revisions(current);
  } else {
    revisions = map.get_revisions(revision);
  }
  // Alembic marks "(current)" only in `history -i`; `show current` prints
  // plain log entries. --json keeps the is_current flag for scripts.
  RevisionFormatter json_formatter(map, to_set(current));
  RevisionFormatter text_formatter(map, {});
  nlohmann::json out = nlohmann::json::array();
  for (const script::Revision* r : revisions) {
    if (r == nullptr) continue;
    if (json) {
      out.push_back(json_formatter.to_json(*r));
    } else {
      std::cout << text_formatter.log_entry(*r) << "\n";
    }
  }
  if (json) print_json(out);
  return 0;
}

app::NewRevisionOptions revision_options(const RevisionArgs& a) {
  app::NewRevisionOptions options;
  options.message = a.message;
  options.head = a.head;
  options.splice = a.splice;
  options.branch_labels = a.branch_labels;
  options.depends_on = a.depends_on;
  options.rev_id = a.rev_id;
  options.version_path = a.version_path;
  return options;
}

int run_revision(const GlobalOptions& g, const RevisionArgs& a) {
  if (a.autogenerate) return run_autogenerate_revision(g, a);
  app::Project project(project_options(g));
  std::string path = app::create_revision(project, revision_options(a));
  if (!g.quiet) std::cout << "  Generating " << path << " ...  done" << std::endl;
  return 0;
}

int run_merge(const GlobalOptions& g, const RevisionArgs& a) {
  app::Project project(project_options(g));
  app::NewRevisionOptions options;
  options.message = a.message;
  options.branch_labels = a.branch_labels;
  options.rev_id = a.rev_id;
  std::string path = app::merge_revisions(project, a.merge_revisions, options);
  if (!g.quiet) std::cout << "  Generating " << path << " ...  done" << std::endl;
  return 0;
}

int run_edit(const GlobalOptions& g, const std::string& revision) {
  app::Project project(project_options(g));
  const script::RevisionMap& map = project.revisions();
  std::vector<const script::Revision*> revisions;
  if (revision == "current") {
    revisions = map.get_revisions(app::current_heads(project));
  } else {
    revisions = map.get_revisions(revision);
  }
  if (revisions.empty() || revisions[0] == nullptr) {
    throw Error(ErrorCode::kRevision, "No revision files indicated by symbol '" + revision + "'");
  }
  const char* editor = std::getenv("EDITOR");
  std::string command = (editor && *editor) ? editor : "vi";
  for (const script::Revision* r : revisions) {
    pid_t pid = fork();
    if (pid < 0) throw Error(ErrorCode::kIo, std::string("cannot start the editor: ") + std::strerror(errno));
    if (pid == 0) {
      execlp("sh", "sh", "-c", (command + " \"$1\"").c_str(), "sh", r->path.c_str(), nullptr);
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      throw Error(ErrorCode::kIo, "editor '" + command + "' failed for " + r->path);
    }
  }
  return 0;
}

int run_init(const std::string& directory, const std::string& template_name, bool quiet) {
  app::init_project(directory, template_name);
  if (!quiet) {
    std::cout << "Created strata project in " << directory << " (template '" << template_name
              << "').\nEdit " << directory << "/strata.toml to set the database url, then run"
              << " 'strata revision -m \"first\"'." << std::endl;
  }
  return 0;
}

}  // namespace strata::cli
