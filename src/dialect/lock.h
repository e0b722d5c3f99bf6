// The per-dialect MigrationLock factories (runtime/migration_lock.h states
// the contract; runtime/migration_lock.cpp picks one by dialect) and the
// polling loop the server-side locks share.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "dialect/dialect.h"
#include "driver/connection.h"
#include "runtime/migration_lock.h"

namespace strata::dialect {

namespace postgres {
std::unique_ptr<runtime::MigrationLock> make_migration_lock(driver::Connection& connection,
                                                            const VersionTableName& vt);
}
namespace mysql {
std::unique_ptr<runtime::MigrationLock> make_migration_lock(driver::Connection& connection,
                                                            const VersionTableName& vt);
}
namespace sqlite {
std::unique_ptr<runtime::MigrationLock> make_migration_lock(driver::Connection& connection,
                                                            const VersionTableName& vt);
}

// Calls `try_once` until it returns true (→ true) or `timeout` has passed
// (→ false), sleeping 50-200 ms (jittered) between tries. Tries at least once.
inline bool poll_for_lock(std::chrono::milliseconds timeout, const std::function<bool()>& try_once) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::minstd_rand jitter(std::random_device{}());
  std::uniform_int_distribution<int> pause(50, 200);
  while (true) {
    if (try_once()) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return false;
    auto wait = std::chrono::milliseconds(pause(jitter));
    if (now + wait > deadline) wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    std::this_thread::sleep_for(wait);
  }
}

// A named lock the server holds for the session (PostgreSQL advisory lock,
// MariaDB GET_LOCK), taken by polling try_lock(): acquire() polls with
// poll_for_lock and, on timeout, throws Error(kDatabase) with
// lock_timeout_message naming describe_holder(); release() calls unlock()
// once. Subclasses call release_quietly() from their destructors (the server
// drops the lock with the session anyway).
class PolledServerLock : public runtime::MigrationLock {
 public:
  explicit PolledServerLock(driver::Connection& connection) : connection_(connection) {}
  void acquire(std::chrono::milliseconds timeout) override;
  void release() override;

 protected:
  virtual bool try_lock() = 0;
  virtual void unlock() = 0;
  // "<schema>.<table>" for messages (valid after the first try_lock()).
  virtual std::string table_name() const = 0;
  void release_quietly() noexcept;

  driver::Connection& connection_;

 private:
  bool held_ = false;
};

// "could not take the migration lock on <table> within N s; held by <holder>"
inline std::string lock_timeout_message(const std::string& table, std::chrono::milliseconds timeout,
                                        const std::string& holder) {
  const long long ms = timeout.count();
  std::string seconds = std::to_string(ms / 1000);
  if (ms % 1000) seconds += "." + std::to_string(ms % 1000 / 100);
  return "could not take the migration lock on " + table + " within " + seconds + " s; held by " +
         holder;
}

}  // namespace strata::dialect
