#include "cli/verbs.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <set>

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

template <typename T>
T take(Result<T> result) {
  if (!result) throw result.error();
  return std::move(result.value());
}

std::set<std::string> current_ids(const std::vector<RevisionInfo>& revisions) {
  std::set<std::string> out;
  for (const RevisionInfo& r : revisions) {
    if (r.is_current) out.insert(r.id);
  }
  return out;
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(2) << std::endl; }

nlohmann::json to_json(const RevisionFormatter& formatter, const std::vector<RevisionInfo>& revisions) {
  nlohmann::json out = nlohmann::json::array();
  for (const RevisionInfo& r : revisions) out.push_back(formatter.to_json(r));
  return out;
}

}  // namespace

int run_current(const GlobalOptions& g, const ListArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const std::vector<RevisionInfo> rows = take(migrator->current());
  RevisionFormatter formatter;
  if (a.json) {
    print_json(to_json(formatter, rows));
    return 0;
  }
  if (a.verbose) std::cout << "Current revision(s) for " << take(migrator->redacted_url()) << ":\n";
  for (const RevisionInfo& r : rows) std::cout << formatter.cmd_format(r, a.verbose, HeadOnlyOptions{}) << "\n";
  return 0;
}

int run_history(const GlobalOptions& g, const ListArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const std::vector<RevisionInfo> revisions = take(migrator->history(a.range, a.indicate_current));
  RevisionFormatter formatter(a.indicate_current ? current_ids(revisions) : std::set<std::string>{});
  if (a.json) {
    print_json(to_json(formatter, revisions));
    return 0;
  }
  HeadOnlyOptions options{.include_branches = true, .include_doc = true, .include_parents = true};
  std::string text;
  for (const RevisionInfo& r : revisions) {
    text += formatter.cmd_format(r, a.verbose, options);
    text += "\n";
  }
  std::cout << text;
  return 0;
}

int run_heads(const GlobalOptions& g, const ListArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const std::vector<RevisionInfo> heads = take(migrator->heads(a.resolve_dependencies));
  RevisionFormatter formatter;
  if (a.json) {
    print_json(to_json(formatter, heads));
    return 0;
  }
  for (const RevisionInfo& r : heads) {
    std::cout << formatter.cmd_format(r, a.verbose,
                                      HeadOnlyOptions{.include_branches = true,
                                                      .tree_indicators = false})
              << "\n";
  }
  return 0;
}

int run_branches(const GlobalOptions& g, const ListArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const std::vector<RevisionInfo> points = take(migrator->branches());
  RevisionFormatter formatter;
  if (a.json) {
    print_json(to_json(formatter, points));
    return 0;
  }
  for (const RevisionInfo& r : points) {
    std::cout << formatter.cmd_format(r, a.verbose, HeadOnlyOptions{.include_branches = true})
              << "\n";
    std::string pad(r.id.size(), ' ');
    std::string lines;
    for (const std::string& next : r.next_revisions) {
      for (const RevisionInfo& child : take(migrator->show(next))) {
        if (!lines.empty()) lines += "\n";
        lines += pad + " -> " +
                 formatter.head_only(child, HeadOnlyOptions{.include_branches = true,
                                                            .include_doc = a.verbose});
      }
    }
    std::cout << lines << "\n\n";
  }
  return 0;
}

int run_show(const GlobalOptions& g, const std::string& revision, bool json) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const std::vector<RevisionInfo> revisions = take(migrator->show(revision));
  // Alembic marks "(current)" only in `history -i`; `show current` prints
  // plain log entries. --json keeps the is_current flag for scripts.
  if (json) {
    print_json(to_json(RevisionFormatter(current_ids(revisions)), revisions));
    return 0;
  }
  RevisionFormatter text_formatter;
  for (const RevisionInfo& r : revisions) std::cout << text_formatter.log_entry(r) << "\n";
  return 0;
}

NewRevision new_revision(const RevisionArgs& a) {
  NewRevision options;
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
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  std::string path = take(migrator->revision(new_revision(a)));
  if (!g.quiet) std::cout << "  Generating " << path << " ...  done" << std::endl;
  return 0;
}

int run_merge(const GlobalOptions& g, const RevisionArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  NewRevision options;
  options.message = a.message;
  options.branch_labels = a.branch_labels;
  options.rev_id = a.rev_id;
  std::string path = take(migrator->merge(a.merge_revisions, options));
  if (!g.quiet) std::cout << "  Generating " << path << " ...  done" << std::endl;
  return 0;
}

int run_edit(const GlobalOptions& g, const std::string& revision) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const std::vector<RevisionInfo> revisions = take(migrator->show(revision));
  if (revisions.empty()) {
    throw Error(ErrorCode::kRevision, "No revision files indicated by symbol '" + revision + "'");
  }
  const char* editor = std::getenv("EDITOR");
  std::string command = (editor && *editor) ? editor : "vi";
  for (const RevisionInfo& r : revisions) {
    pid_t pid = fork();
    if (pid < 0) throw Error(ErrorCode::kIo, std::string("cannot start the editor: ") + std::strerror(errno));
    if (pid == 0) {
      execlp("sh", "sh", "-c", (command + " \"$1\"").c_str(), "sh", r.path.c_str(), nullptr);
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      throw Error(ErrorCode::kIo, "editor '" + command + "' failed for " + r.path);
    }
  }
  return 0;
}

int run_init(const std::string& directory, const std::string& template_name, bool quiet) {
  if (Status status = Migrator::init(directory, template_name); !status) throw status.error();
  if (!quiet) {
    std::cout << "Created strata project in " << directory << " (template '" << template_name
              << "').\nEdit " << directory << "/strata.toml to set the database url, then run"
              << " 'strata revision -m \"first\"'." << std::endl;
  }
  return 0;
}

}  // namespace strata::cli
