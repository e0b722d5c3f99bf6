// lock_timeout and lock_retries for one step (contract in lock_retry.h).
#include "runtime/lock_retry.h"

#include <algorithm>
#include <thread>

namespace strata::runtime {
namespace {

constexpr const char* kSavepoint = "strata_lock_retry";

std::string attempts_note(const script::Revision& r, int attempts, const std::string& why) {
  std::string note = " [lock_timeout " + r.lock_timeout.value_or("(server default)") + ": " +
                     std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts") +
                     ", lock_retries = " + std::to_string(r.lock_retries.value_or(0));
  if (!why.empty()) note += "; " + why;
  return note + "]";
}

}  // namespace

bool is_lock_not_available(const Error& error) {
  if (error.code() != ErrorCode::kDatabase) return false;
  const std::string m = error.message();
  return m.find("(SQLSTATE 55P03)") != std::string::npos ||
         m.find("canceling statement due to lock timeout") != std::string::npos;
}

std::chrono::milliseconds lock_retry_backoff(int k) {
  long long ms = 100;
  for (int i = 1; i < k && ms < 5000; ++i) ms *= 2;
  return std::chrono::milliseconds(std::min(ms, 5000LL));
}

void run_step_with_lock_policy(SqlEmitter& emitter, const script::MigrationStep& step,
                               const LockPolicyOptions& options,
                               const std::function<void()>& attempt) {
  const script::Revision* r = step.is_stamp ? nullptr : step.revision;
  if (emitter.dialect().name() != "postgresql" || r == nullptr ||
      (!r->lock_timeout && !r->lock_retries)) {
    attempt();
    return;
  }
  if (r->lock_timeout) {
    emitter.emit_sql("SET LOCAL lock_timeout = " + emitter.dialect().literal(*r->lock_timeout));
  }
  const int retries = r->lock_retries.value_or(0);
  const bool retry = retries > 0 && options.own_transaction && !emitter.offline();
  if (retry) emitter.connection()->execute(std::string("SAVEPOINT ") + kSavepoint);
  for (int done = 1;; ++done) {
    try {
      attempt();
      break;
    } catch (const Error& e) {
      if (!is_lock_not_available(e)) throw;
      std::string why;
      if (retries > 0 && !options.own_transaction) {
        why = "not retried: the run's one transaction holds earlier steps (set "
              "transaction_per_migration = true)";
      }
      if (!retry || done > retries) {
        throw Error(ErrorCode::kDatabase, e.message() + attempts_note(*r, done, why));
      }
      try {
        emitter.connection()->execute(std::string("ROLLBACK TO SAVEPOINT ") + kSavepoint);
      } catch (const Error&) {
        throw Error(ErrorCode::kDatabase,
                    e.message() + attempts_note(*r, done,
                                                "not retried: the step had committed part of "
                                                "its work (op.autocommit_block)"));
      }
      const std::chrono::milliseconds wait = lock_retry_backoff(done);
      if (options.progress) {
        options.progress("lock_timeout in " + step.short_log() + ": retry " +
                         std::to_string(done) + " of " + std::to_string(retries) + " in " +
                         std::to_string(wait.count()) + " ms");
      }
      if (options.sleep) {
        options.sleep(wait);
      } else {
        std::this_thread::sleep_for(wait);
      }
      if (options.before_retry) options.before_retry();
    }
  }
  if (r->lock_timeout && options.reset_after) {
    emitter.emit_sql("SET LOCAL lock_timeout TO DEFAULT");
  }
}

}  // namespace strata::runtime
