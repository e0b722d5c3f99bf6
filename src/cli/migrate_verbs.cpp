// `upgrade`, `downgrade`, `stamp` and `ensure_version` on the command line, over the public
// API (strata/migrator.h): on a terminal a status line for runs of many
// revisions (cli/tty.h); progress ("INFO  [strata] Running upgrade ...",
// after Alembic's two context lines, printed when the first step runs) and
// warnings on stderr, offline SQL on stdout. With --json (online only) one
// object on stdout once the run ends:
//   {"steps": [{"revision", "direction", "step", "duration_ms"}], "duration_ms"}.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/tty.h"
#include "cli/verbs.h"
#include "strata/migrator.h"

namespace strata::cli {
namespace {

void info(const GlobalOptions& g, const std::string& line) {
  if (!g.quiet) std::cerr << "INFO  [strata] " << line << std::endl;
}

template <typename T>
T take(Result<T> result) {
  if (!result) throw result.error();
  return std::move(result.value());
}

void check(const Status& status) {
  if (!status) throw status.error();
}

void print_report(const RunReport& report) {
  nlohmann::json steps = nlohmann::json::array();
  for (const AppliedStep& s : report.steps) {
    steps.push_back({{"revision", s.revision},
                     {"direction", s.direction},
                     {"step", s.step},
                     {"duration_ms", s.duration_ms}});
  }
  std::cout << nlohmann::json{{"steps", steps}, {"duration_ms", report.duration_ms}}.dump(2)
            << std::endl;
}

// An offline run holds no connection and nothing left to write: the
// process ends right after (main's _Exit), so the project's revisions are
// not freed one by one (~5 ms for 10,000 of them).
void finish_offline(std::unique_ptr<Migrator> migrator) { (void)migrator.release(); }

void refuse_json_with_sql(bool json, bool sql) {
  if (json && sql) throw Error(ErrorCode::kUsage, "--json reports an online run; it cannot be used with --sql");
}

}  // namespace

std::unique_ptr<Migrator> open_migrator(const GlobalOptions& g, bool context_lines) {
  app::ProjectOptions parsed = project_options(g);  // -x pairs checked as everywhere
  MigratorOptions options;
  options.config_path = g.config_path;
  options.url = g.url;
  options.x_args = parsed.x_args;
  options.lock_timeout_seconds = g.lock_timeout;
  options.no_lock = g.no_lock;
  // Alembic's context lines, printed when the first step runs (so a run that
  // fails before doing anything prints just its error line).
  auto announced = std::make_shared<bool>(false);
  auto self = std::make_shared<Migrator*>(nullptr);
  // A terminal's status line for long runs (cli/tty.h), kept under the INFO lines.
  auto line_below = std::make_shared<ProgressLine>(g.quiet || !context_lines);
  if (line_below->active()) {  // no events to build for a line never shown
    options.on_progress = [line_below](const ProgressEvent& e) {
      if (e.kind == ProgressEvent::Kind::kStepStarted) line_below->step(e.index, e.total, e.revision);
      if (e.kind == ProgressEvent::Kind::kStepFinished && e.index == e.total) line_below->clear();
    };
  }
  options.log = [&g, self, announced, context_lines, line_below](LogLevel level,
                                                                const std::string& line) {
    line_below->clear();
    if (level == LogLevel::kWarning) {
      std::cerr << colour("WARNING", "33") << " [strata] " << line << std::endl;
      line_below->redraw();
      return;
    }
    if (context_lines && !*announced && *self != nullptr) {
      *announced = true;
      info(g, "Context impl " + take((*self)->dialect()) + ".");
      info(g, std::string("Will ") + (take((*self)->transactional_ddl()) ? "assume" : "not assume") +
                  " transactional DDL.");
    }
    info(g, line);
    line_below->redraw();
  };
  std::unique_ptr<Migrator> migrator = take(Migrator::open(options));
  *self = migrator.get();
  return migrator;
}

int run_upgrade(const GlobalOptions& g, const MigrateArgs& a) {
  refuse_json_with_sql(a.json, a.sql);
  std::unique_ptr<Migrator> migrator = open_migrator(g, /*context_lines=*/true);
  if (a.sql) {
    if (a.verify_data) {
      throw Error(ErrorCode::kUsage, "--verify-data needs a live database; it cannot be used with --sql");
    }
    check(migrator->upgrade_sql(a.target, std::cout));
    std::cout.flush();
    finish_offline(std::move(migrator));
    return 0;
  }
  RunReport report = take(migrator->upgrade(a.target, {.resume = g.resume, .verify_data = a.verify_data}));
  if (a.json) print_report(report);
  std::cout.flush();
  return 0;
}

int run_downgrade(const GlobalOptions& g, const MigrateArgs& a) {
  refuse_json_with_sql(a.json, a.sql);
  std::unique_ptr<Migrator> migrator = open_migrator(g, /*context_lines=*/true);
  if (a.sql) {
    if (a.verify_data) {
      throw Error(ErrorCode::kUsage, "--verify-data needs a live database; it cannot be used with --sql");
    }
    check(migrator->downgrade_sql(a.target, std::cout));
    std::cout.flush();
    finish_offline(std::move(migrator));
    return 0;
  }
  RunReport report = take(migrator->downgrade(a.target, {.verify_data = a.verify_data}));
  if (a.json) print_report(report);
  std::cout.flush();
  return 0;
}

int run_stamp(const GlobalOptions& g, const StampArgs& a) {
  refuse_json_with_sql(a.json, a.sql);
  std::unique_ptr<Migrator> migrator = open_migrator(g, /*context_lines=*/true);
  if (a.sql) {
    check(migrator->stamp_sql(a.revisions, std::cout, a.purge));
    std::cout.flush();
    return 0;
  }
  RunReport report = take(migrator->stamp(a.revisions, a.purge));
  if (a.json) print_report(report);
  std::cout.flush();
  return 0;
}

int run_ensure_version(const GlobalOptions& g, bool sql) {
  std::unique_ptr<Migrator> migrator = open_migrator(g, /*context_lines=*/true);
  check(sql ? migrator->ensure_version_sql(std::cout) : migrator->ensure_version());
  std::cout.flush();
  return 0;
}

}  // namespace strata::cli
