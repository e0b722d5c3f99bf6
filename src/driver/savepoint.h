// Savepoint: an RAII guard for `SAVEPOINT <name>` on a live connection, so a
// change that must be all-or-nothing inside the caller's transaction needs
// no `catch (...)` block.
//
// Contract:
// - The constructor executes `SAVEPOINT <name>` (its error propagates; there
//   is nothing to undo yet). `name` is an internal identifier written as is.
// - release(): `RELEASE <name>`. rollback(): `ROLLBACK TO <name>` then
//   `RELEASE <name>` (the work since the savepoint is undone and the
//   savepoint is gone), then `on_rollback` when one was given. Either one
//   ends the guard's duty; an error from their SQL statements propagates and
//   leaves the guard armed, so its destructor still tries to roll back.
// - The destructor, when neither finished (an exception is unwinding or the
//   caller returned early), does what rollback() does and swallows any error
//   from that: the exception already in flight is the one callers see, and a
//   failed rollback leaves the outer transaction for its owner to abort.
// - `on_rollback` undoes settings made outside the savepoint (PRAGMAs that a
//   rollback does not restore); it runs only after a successful rollback.
#pragma once

#include <functional>
#include <string>

#include "driver/connection.h"

namespace strata::driver {

class Savepoint {
 public:
  Savepoint(Connection& conn, std::string name, std::function<void()> on_rollback = {});
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  void release();
  void rollback();

 private:
  Connection& conn_;
  std::string name_;
  std::function<void()> on_rollback_;
  bool done_ = false;
};

}  // namespace strata::driver
