#include "dialect/lock.h"

#include "strata/error.h"

namespace strata::dialect {

void PolledServerLock::acquire(std::chrono::milliseconds timeout) {
  if (!poll_for_lock(timeout, [&] { return try_lock(); })) {
    throw Error(ErrorCode::kDatabase,
                lock_timeout_message(table_name(), timeout,
                                     describe_holder().value_or("another session (gone now)")));
  }
  held_ = true;
}

void PolledServerLock::release() {
  if (!held_) return;
  held_ = false;
  unlock();
}

void PolledServerLock::release_quietly() noexcept {
  try {
    release();
  } catch (...) {
    // The server drops the lock with the session anyway.
  }
}

}  // namespace strata::dialect
