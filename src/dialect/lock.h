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
