// PostgreSQL migration lock: a session advisory lock keyed on
// hashtextextended('strata:' || schema.table, 0), taken by polling
// pg_try_advisory_lock so a waiting deployer holds nothing another session
// (a running CREATE INDEX CONCURRENTLY) could wait on. See
// runtime/migration_lock.h for the contract.
#include "dialect/lock.h"

#include "driver/query_cell.h"
#include "strata/error.h"

namespace strata::dialect::postgres {
namespace {

std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

class PostgresLock : public PolledServerLock {
 public:
  PostgresLock(driver::Connection& connection, VersionTableName vt)
      : PolledServerLock(connection), vt_(std::move(vt)) {}
  ~PostgresLock() override { release_quietly(); }

  std::optional<std::string> describe_holder() override {
    const std::string key = lock_key();
    auto result = connection_.query(
        "SELECT a.pid, a.application_name, COALESCE(host(a.client_addr), 'local socket'), "
        "a.usename FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
        // Advisory locks belong to one database; the same key elsewhere is
        // another project's lock.
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND l.classid::bigint = ((" + key + ") >> 32) & 4294967295 "
        "AND l.objid::bigint = (" + key + ") & 4294967295 AND l.pid <> pg_backend_pid() LIMIT 1");
    if (result.rows.empty()) return std::nullopt;
    const auto& row = result.rows[0];
    auto text = [&](size_t i) { return row.size() > i && row[i] ? *row[i] : std::string(); };
    return "pid " + text(0) + " (application_name '" + text(1) + "', client " + text(2) +
           ", user " + text(3) + ")";
  }

 private:
  bool try_lock() override {
    return driver::cell(connection_.query("SELECT pg_try_advisory_lock(" + lock_key() + ")")) == "t";
  }
  void unlock() override { connection_.query("SELECT pg_advisory_unlock(" + key_ + ")"); }
  std::string table_name() const override { return table_name_; }

  // The key as a bigint literal, computed once by the server.
  std::string lock_key() {
    if (!key_.empty()) return key_;
    const std::string schema = vt_.schema ? literal(*vt_.schema) : "current_schema()";
    auto result = connection_.query("SELECT hashtextextended('strata:' || COALESCE(" + schema +
                                    ", 'public') || '.' || " + literal(vt_.table) +
                                    ", 0), COALESCE(" + schema + ", 'public')");
    key_ = driver::cell(result);
    if (key_.empty()) throw Error(ErrorCode::kDatabase, "could not compute the migration lock key");
    table_name_ = driver::cell(result, 0, 1) + "." + vt_.table;
    return key_;
  }

  VersionTableName vt_;
  std::string key_;
  std::string table_name_;
};

}  // namespace

std::unique_ptr<runtime::MigrationLock> make_migration_lock(driver::Connection& connection,
                                                            const VersionTableName& vt) {
  return std::make_unique<PostgresLock>(connection, vt);
}

}  // namespace strata::dialect::postgres
