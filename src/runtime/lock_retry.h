// Lock safety for one migration step on PostgreSQL: the revision header keys
// `lock_timeout` and `lock_retries` (script::Revision; README "Online-safe
// plans for PostgreSQL").
//
// Contract of run_step_with_lock_policy(emitter, step, options, attempt):
//  - `attempt` runs the step (its script and version-table changes) inside
//    the transaction the caller has open. Other dialects than PostgreSQL,
//    stamps and steps without the keys: `attempt()` alone (the keys are
//    ignored there).
//  - lock_timeout: `SET LOCAL lock_timeout = '<value>'` is emitted before
//    `attempt` (online and in --sql), so it holds for the step's statements
//    in its transaction; statements inside op.autocommit_block run outside
//    that transaction and without it. With `options.reset_after` (the
//    transaction goes on with further steps) `SET LOCAL lock_timeout TO
//    DEFAULT` follows a successful attempt.
//  - lock_retries = N (online only): when the step's transaction holds
//    nothing else (`options.own_transaction`: transaction_per_migration, or
//    a run of one step), `SAVEPOINT strata_lock_retry` is taken before the
//    first attempt; an attempt failing with SQLSTATE 55P03
//    (lock_not_available: lock_timeout fired, or NOWAIT) is undone by
//    `ROLLBACK TO SAVEPOINT strata_lock_retry` (which releases the locks the
//    attempt took) and run again after a backoff, up to N times.
//    Backoff before retry k (1-based): min(100 ms * 2^(k-1), 5 s), through
//    `options.sleep`. Each retry is announced through `options.progress`.
//    `options.before_retry` runs before each retry (the caller restores state
//    the attempt changed in memory). The savepoint is never released: a
//    COMMIT keeps its work, and an autocommit block inside the step commits
//    it away — a lock failure after that is not retried (ROLLBACK TO fails,
//    the original error is reported).
//  - A lock failure that is not retried (no retries left, retries not
//    allowed, or the rollback failed) is rethrown as Error(kDatabase) with
//    the same message plus " [lock_timeout <v>: <k> attempt(s), lock_retries
//    = N<; why not retried>]" — still one line. Any other error propagates
//    unchanged.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "runtime/sql_emitter.h"
#include "script/migration_plan.h"
#include "strata/error.h"

namespace strata::runtime {

struct LockPolicyOptions {
  bool own_transaction = false;  // retries allowed (see above)
  bool reset_after = false;      // SET LOCAL lock_timeout TO DEFAULT after the step
  std::function<void(const std::string&)> progress;             // retry lines; may be empty
  std::function<void(std::chrono::milliseconds)> sleep;         // empty: sleep_for
  std::function<void()> before_retry;                           // may be empty
};

void run_step_with_lock_policy(SqlEmitter& emitter, const script::MigrationStep& step,
                               const LockPolicyOptions& options,
                               const std::function<void()>& attempt);

// Whether `error` is PostgreSQL's lock_not_available (SQLSTATE 55P03).
bool is_lock_not_available(const Error& error);

// The backoff before retry `k` (1-based).
std::chrono::milliseconds lock_retry_backoff(int k);

}  // namespace strata::runtime
