// RAII savepoint guard (driver/savepoint.h).
#include "driver/savepoint.h"

#include <utility>

namespace strata::driver {

Savepoint::Savepoint(Connection& conn, std::string name, std::function<void()> on_rollback)
    : conn_(conn), name_(std::move(name)), on_rollback_(std::move(on_rollback)) {
  conn_.execute("SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
  if (done_) return;
  try {
    rollback();
  } catch (...) {  // NOLINT(bugprone-empty-catch): see the contract
  }
}

void Savepoint::release() {
  conn_.execute("RELEASE " + name_);
  done_ = true;
}

void Savepoint::rollback() {
  conn_.execute("ROLLBACK TO " + name_);
  conn_.execute("RELEASE " + name_);
  done_ = true;
  if (on_rollback_) on_rollback_();
}

}  // namespace strata::driver
