// Migrator::Impl: the state behind strata::Migrator (strata/migrator.h) — the
// app::Project, the per-call RunContext, the lent connection — and the
// helpers every src/api/ file uses: call() turns exceptions into Result
// values with the error's context fields filled, migrate_options() wires
// the hooks into app::MigrateOptions.
//
// Thread-safety: as Migrator (one thread at a time).
#pragma once

#include <memory>
#include <string>

#include "api/run_context.h"
#include "app/commands.h"
#include "app/project.h"
#include "strata/migrator.h"

namespace strata {

// Hidden although nested in an exported class: not part of libstrata.so.
class [[gnu::visibility("hidden")]] Migrator::Impl {
 public:
  explicit Impl(MigratorOptions options);

  app::Project& project() { return *project_; }
  const MigratorOptions& options() const { return options_; }
  api::RunContext& context() { return context_; }

  // The hooks of a run (log, progress, lock), writing SQL to `sql_out`
  // when set (offline).
  app::MigrateOptions migrate_options(std::ostream* sql_out = nullptr);

  // Runs `fn` with a fresh RunContext (`fresh` = false: the context is left
  // as it is, for the small queries a hook may make during a run); a
  // strata::Error (or any exception) becomes the Result's error, its fields
  // filled from the context.
  template <typename T, typename Fn>
  Result<T> call(Fn&& fn, bool fresh = true) {
    if (fresh) context_.reset();
    try {
      return fn();
    } catch (Error& e) {
      context_.enrich(e);
      return e;
    } catch (const std::exception& e) {
      return Error(ErrorCode::kInternal, e.what());
    }
  }

  void log(LogLevel level, const std::string& line) const {
    if (options_.log) options_.log(level, line);
  }

 private:
  std::unique_ptr<driver::Connection> open_connection(bool create);

  MigratorOptions options_;
  api::RunContext context_;
  std::unique_ptr<driver::Connection> lent_;  // the borrowed handle's driver, when lent
  std::unique_ptr<app::Project> project_;
};

namespace api {
// One revision of the graph as the public type (inspect.cpp).
RevisionInfo to_info(const script::RevisionMap& map, const script::Revision& revision);
}  // namespace api

}  // namespace strata
