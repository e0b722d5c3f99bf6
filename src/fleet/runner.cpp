#include "fleet/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "app/autogenerate.h"
#include "app/commands.h"
#include "app/project.h"
#include "app/verify.h"
#include "autogen/compare.h"
#include "config/redact.h"
#include "fleet/tenant.h"
#include "strata/error.h"

namespace strata::fleet {
namespace {

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return config::redact_passwords(text);
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The version rows, or none for a SQLite file that does not exist yet.
std::vector<std::string> heads_before(app::Project& project) {
  const config::Url& url = project.url();
  if (url.dialect == "sqlite" && url.database != ":memory:" &&
      url.database.rfind("file:", 0) != 0) {
    std::error_code ec;
    if (!std::filesystem::exists(url.database, ec)) return {};
  }
  return app::current_heads(project);
}

std::vector<std::string> goal_heads(app::Project& project, const std::string& revision) {
  std::vector<std::string> ids;
  for (const script::Revision* r : project.revisions().heads()) ids.push_back(r->revision);
  return sorted(ids);
}

void run_target(const FleetOptions& options, TargetResult& result) {
  app::ProjectOptions project_options;
  project_options.config_path = options.config_path;
  project_options.url = result.target.url;
  project_options.x_args = options.x_args;
  if (result.target.tenant) project_options.x_args[std::string(kTenantArg)] = *result.target.tenant;
  app::Project project(std::move(project_options));

  app::MigrateOptions migrate;
  migrate.lock_timeout_seconds = options.lock_timeout_seconds;
  migrate.no_lock = options.no_lock;
  migrate.warning = [&result](const std::string& w) { result.warnings.push_back(one_line(w)); };

  result.status = Status::kOk;
  switch (options.command) {
    case Command::kCurrent:
      result.from = result.to = app::current_heads(project);
      return;
    case Command::kUpgrade:
    case Command::kDowngrade: {
      const bool up = options.command == Command::kUpgrade;
      result.from = heads_before(project);
      if (up && (options.revision == "head" || options.revision == "heads") &&
          sorted(result.from) == goal_heads(project, options.revision)) {
        result.to = result.from;
        result.status = Status::kSkipped;
        result.reason = "at head";
        return;
      }
      if (!up && options.revision == "base" && result.from.empty()) {
        result.status = Status::kSkipped;
        result.reason = "at target";
        return;
      }
      if (up) {
        app::upgrade(project, options.revision, migrate);
      } else {
        app::downgrade(project, options.revision, migrate);
      }
      result.to = app::current_heads(project);
      if (sorted(result.to) == sorted(result.from)) {
        result.status = Status::kSkipped;
        result.reason = "at target";
      }
      return;
    }
    case Command::kCheck: {
      result.from = result.to = app::current_heads(project);
      app::ModelComparison comparison = app::compare_models(project);
      for (const std::string& w : comparison.warnings) result.warnings.push_back(one_line(w));
      if (!comparison.diff.empty()) {
        std::vector<std::string> changes = autogen::describe_changes(comparison.diff);
        std::string message = std::to_string(changes.size()) + " difference(s) from the models:";
        for (const std::string& c : changes) message += " " + c + ";";
        message.pop_back();
        result.status = Status::kFailed;
        result.error = one_line(message);
      }
      return;
    }
    case Command::kVerify: {
      app::VerifyResult verified = app::verify(project, {});
      for (const std::string& w : verified.warnings) result.warnings.push_back(one_line(w));
      if (verified.failure) {
        result.status = Status::kFailed;
        result.error = one_line(verified.failure->revision + " (" + verified.failure->phase +
                                "): " + verified.failure->message);
      }
      return;
    }
  }
}

}  // namespace

const char* command_name(Command command) {
  switch (command) {
    case Command::kUpgrade: return "upgrade";
    case Command::kDowngrade: return "downgrade";
    case Command::kCurrent: return "current";
    case Command::kCheck: return "check";
    case Command::kVerify: return "verify";
  }
  return "?";
}

const char* status_name(Status status) {
  switch (status) {
    case Status::kOk: return "ok";
    case Status::kSkipped: return "skipped";
    case Status::kFailed: return "failed";
    case Status::kNotRun: return "not_run";
  }
  return "?";
}

std::vector<TargetResult> run_fleet(
    const std::vector<Target>& targets, const FleetOptions& options,
    const std::function<void(size_t, const TargetResult&, const FleetSummary&)>& on_done,
    const std::function<void(size_t, const TargetResult&, const FleetSummary&)>& on_start) {
  std::vector<TargetResult> results(targets.size());
  for (size_t i = 0; i < targets.size(); ++i) results[i].target = targets[i];

  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  FleetSummary summary;
  summary.total = targets.size();

  auto worker = [&]() {
    while (!stop.load()) {
      const size_t i = next.fetch_add(1);
      if (i >= results.size()) return;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (stop.load()) return;  // a failure was reported since fetch_add
        ++summary.running;
        if (on_start) on_start(i, results[i], summary);
      }
      TargetResult& result = results[i];
      const auto started = std::chrono::steady_clock::now();
      try {
        run_target(options, result);
      } catch (const Error& e) {
        result.status = Status::kFailed;
        result.error = one_line(e.message());
      } catch (const std::exception& e) {
        result.status = Status::kFailed;
        result.error = one_line(e.what());
      }
      result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
      std::lock_guard<std::mutex> lock(mutex);
      --summary.running;
      ++summary.done;
      if (result.status == Status::kOk) ++summary.ok;
      if (result.status == Status::kSkipped) ++summary.skipped;
      if (result.status == Status::kFailed) {
        ++summary.failed;
        if (!options.continue_on_error) stop.store(true);
      }
      if (on_done) on_done(i, result, summary);
    }
  };

  const size_t jobs = std::clamp<size_t>(static_cast<size_t>(std::max(options.jobs, 1)), 1,
                                         std::max<size_t>(targets.size(), 1));
  std::vector<std::thread> threads;
  threads.reserve(jobs - 1);
  for (size_t j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return results;
}

}  // namespace strata::fleet
