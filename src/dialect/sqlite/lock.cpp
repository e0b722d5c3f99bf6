// SQLite migration lock: no lock object of its own — the run's transactions
// become BEGIN EXCLUSIVE and wait up to the lock timeout for another
// process's transaction (the busy timeout). The runner re-reads the version
// table at the start of every exclusive transaction. See
// runtime/migration_lock.h for the contract.
#include <climits>

#include "dialect/lock.h"
#include "driver/sqlite_connection.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

constexpr int kDefaultBusyTimeoutMs = 5000;  // SqliteConnection's own

class SqliteLock : public runtime::MigrationLock {
 public:
  explicit SqliteLock(driver::Connection& connection)
      : connection_(dynamic_cast<driver::SqliteConnection*>(connection.underlying())) {
    if (connection_ == nullptr) {
      throw Error(ErrorCode::kInternal, "the SQLite migration lock needs a SQLite connection");
    }
  }
  ~SqliteLock() override { release(); }

  void acquire(std::chrono::milliseconds timeout) override {
    const long long ms = std::min<long long>(timeout.count(), INT_MAX);
    connection_->set_busy_timeout(static_cast<int>(std::max<long long>(ms, 0)));
    connection_->set_begin_statement("BEGIN EXCLUSIVE");
    held_ = true;
  }

  void release() override {
    if (!held_) return;
    held_ = false;
    connection_->set_begin_statement("BEGIN");
    connection_->set_busy_timeout(kDefaultBusyTimeoutMs);
  }

  std::optional<std::string> describe_holder() override { return std::nullopt; }

 private:
  driver::SqliteConnection* connection_;
  bool held_ = false;
};

}  // namespace

std::unique_ptr<runtime::MigrationLock> make_migration_lock(driver::Connection& connection,
                                                            const VersionTableName&) {
  return std::make_unique<SqliteLock>(connection);
}

}  // namespace strata::dialect::sqlite
