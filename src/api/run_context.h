// RunContext: what the public API tracks while one Migrator call runs —
// progress events (strata/progress.h) built from the runner's hooks, the
// steps applied (RunReport), the step and statement an error came from, and
// the cancellation state. ObservedConnection (observed_connection.h) feeds
// it statements; Migrator::Impl (migrator_impl.h) resets it per call.
//
// Thread-safety: one thread (the caller's), except the token it reads.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "script/migration_plan.h"
#include "strata/migrator.h"

namespace strata::api {

class RunContext {
 public:
  explicit RunContext(const MigratorOptions& options) : options_(options) {}

  // A new call starts: clears the report, the step and the statement.
  void reset();
  // runtime hooks (app::MigrateOptions::on_plan / on_step).
  void planned(size_t steps);
  void step(const script::MigrationStep& step, bool finished);
  // Before each statement sent online: reports it, and throws
  // Error(kCancelled) when the token is cancelled (`in_transaction`: always;
  // outside a transaction only once, so clean-up statements run).
  void before_statement(const std::string& sql, bool in_transaction);
  void statement_failed(const std::string& sql) { failed_statement_ = sql; }

  // Fills `error`'s revision / statement / file:line where known.
  void enrich(Error& error) const;
  RunReport take_report();

 private:
  void emit(ProgressEvent event) const;
  std::chrono::milliseconds elapsed() const;

  const MigratorOptions& options_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  size_t total_ = 0;
  size_t index_ = 0;  // steps started
  size_t done_ = 0;   // steps finished
  bool in_step_ = false;
  AppliedStep current_;
  std::chrono::steady_clock::time_point step_start_;
  RunReport report_;
  std::optional<std::string> failed_statement_;
  bool cancel_raised_ = false;
};

}  // namespace strata::api
