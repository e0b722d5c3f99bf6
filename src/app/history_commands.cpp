#include "app/history_commands.h"

#include "runtime/migration_lock.h"
#include "runtime/version_store.h"
#include "strata/error.h"

namespace strata::app {

ValidationReport validate(Project& project) {
  std::unique_ptr<driver::Connection> connection = project.connect_read_only();
  const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(project.dialect());
  runtime::SqlEmitter emitter(project.dialect(), *live, *connection, project.options().x_args);
  runtime::VersionStore store(emitter, project.version_table(), project.config().history_table);
  const std::vector<runtime::HistoryEntry> history = store.read_history();
  ValidationReport report;
  report.problems = runtime::checksum_problems(history, project.revisions());
  report.failures = runtime::outstanding_failures(history);
  return report;
}

RepairReport repair(Project& project, const MigrateOptions& options) {
  std::unique_ptr<driver::Connection> connection = project.connect();
  const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(project.dialect());
  runtime::SqlEmitter emitter(project.dialect(), *live, *connection, project.options().x_args);
  const dialect::VersionTableName vt = project.version_table();
  runtime::VersionStore store(emitter, vt, project.config().history_table);
  std::unique_ptr<runtime::MigrationLock> lock;
  if (!options.no_lock) {
    lock = runtime::make_migration_lock(project.dialect(), *connection, vt);
    lock->acquire(std::chrono::seconds(
        options.lock_timeout_seconds.value_or(project.config().migration_lock_timeout)));
  }
  RepairReport report;
  const bool transactional = project.dialect().transactional_ddl();
  try {
    if (transactional) connection->begin();
    const std::vector<runtime::HistoryEntry> history = store.read_history();
    const auto problems = runtime::checksum_problems(history, project.revisions());
    for (const runtime::ChecksumProblem& problem : problems) {
      if (problem.kind == "missing") {
        throw Error(ErrorCode::kScript, "cannot repair " + runtime::describe(problem) +
                                            "; restore the script (nothing was changed)");
      }
    }
    for (const runtime::ChecksumProblem& problem : problems) {
      store.set_checksum(problem.history_id, *problem.current);
      report.checksums_updated.push_back(problem.revision);
    }
    for (const runtime::HistoryEntry& failure : runtime::outstanding_failures(history)) {
      store.mark_repaired(failure);
      report.failures_cleared.push_back(failure.revision);
    }
    if (transactional) connection->commit();
  } catch (...) {
    if (connection->in_transaction()) connection->rollback();
    throw;
  }
  if (lock) lock->release();
  return report;
}

}  // namespace strata::app
