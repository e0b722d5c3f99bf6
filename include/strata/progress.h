// Observing and stopping a run: structured progress events, a log hook's
// levels and a cancellation token (strata/migrator.h, MigratorOptions).
//
// Contract:
//  - Events are delivered synchronously on the thread that called the
//    Migrator, in order: kStatement for each statement sent to the database
//    (online runs only; the lock and version-table set-up come first), then
//    kPlanned (total = steps planned), then per step kStepStarted, its
//    kStatements, kStepFinished. A run that re-plans (another process moved
//    the version table) sends kPlanned again with the new total. The
//    callback must not call back into the same Migrator (except
//    dialect(), transactional_ddl() and redacted_url()).
//  - CancellationToken::cancel() may be called from any thread at any time.
//    A run checks the token before each statement it sends and before each
//    COMMIT: once cancelled,
//    the run stops with Error(kCancelled) and the open transaction is rolled
//    back (with the default single transaction nothing of the run stays;
//    with transaction_per_migration the steps committed before stay). On a
//    dialect without transactional DDL (MySQL/MariaDB) statements that ran
//    stay applied, as for any failure there.
//
// Thread-safety: CancellationToken is safe to share between threads; events
// are values.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace strata {

struct ProgressEvent {
  enum class Kind { kPlanned, kStepStarted, kStatement, kStepFinished };
  Kind kind = Kind::kStepStarted;
  std::string revision;   // the step's revision ("" for kPlanned; a stamp's target rows)
  std::string step;       // Alembic's step text: "upgrade a -> b, message"
  std::string direction;  // "upgrade", "downgrade" or "stamp"
  std::string statement;  // kStatement: the SQL sent
  size_t index = 0;       // 1-based number of the step in the run (0 for kPlanned)
  size_t total = 0;       // steps planned (may grow when the run re-plans)
  std::chrono::milliseconds elapsed{0};  // since the run started
};

enum class LogLevel { kInfo, kWarning };

class CancellationToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  // Makes the token usable for another run.
  void reset() { cancelled_.store(false, std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace strata
