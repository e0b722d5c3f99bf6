// MariaDB/MySQL migration lock: GET_LOCK('strata:<db>.<table>', 0), polled
// (a name longer than the server's 64-character limit is shortened to
// 'strata:' + a SHA-256 prefix). The server releases it with the session.
// See runtime/migration_lock.h for the contract.
#include "dialect/lock.h"

#include "driver/query_cell.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out + "'";
}

class MysqlLock : public PolledServerLock {
 public:
  MysqlLock(driver::Connection& connection, VersionTableName vt)
      : PolledServerLock(connection), vt_(std::move(vt)) {}
  ~MysqlLock() override { release_quietly(); }

  std::optional<std::string> describe_holder() override {
    const std::string name = lock_name();
    auto result = connection_.query(
        "SELECT p.ID, p.USER, p.HOST FROM information_schema.PROCESSLIST p WHERE p.ID = "
        "IS_USED_LOCK(" + name + ") AND p.ID <> CONNECTION_ID()");
    if (result.rows.empty()) return std::nullopt;
    const auto& row = result.rows[0];
    auto text = [&](size_t i) { return row.size() > i && row[i] ? *row[i] : std::string(); };
    return "connection " + text(0) + " (user " + text(1) + ", client " + text(2) + ")";
  }

 private:
  bool try_lock() override {
    return driver::cell(connection_.query("SELECT GET_LOCK(" + lock_name() + ", 0)")) == "1";
  }
  void unlock() override { connection_.query("SELECT RELEASE_LOCK(" + name_ + ")"); }
  std::string table_name() const override { return table_name_; }

  std::string lock_name() {
    if (!name_.empty()) return name_;
    const std::string schema = vt_.schema ? literal(*vt_.schema) : "DATABASE()";
    auto result = connection_.query(
        "SELECT IF(CHAR_LENGTH(n) <= 64, n, CONCAT('strata:', LEFT(SHA2(n, 256), 57))), t FROM "
        "(SELECT CONCAT('strata:', COALESCE(" + schema + ", ''), '.', " + literal(vt_.table) +
        ") AS n, CONCAT(COALESCE(" + schema + ", ''), '.', " + literal(vt_.table) + ") AS t) x");
    const std::string name = driver::cell(result);
    if (name.empty()) throw Error(ErrorCode::kDatabase, "could not compute the migration lock name");
    name_ = literal(name);
    table_name_ = driver::cell(result, 0, 1);
    return name_;
  }

  VersionTableName vt_;
  std::string name_;  // as a literal
  std::string table_name_;
};

}  // namespace

std::unique_ptr<runtime::MigrationLock> make_migration_lock(driver::Connection& connection,
                                                            const VersionTableName& vt) {
  return std::make_unique<MysqlLock>(connection, vt);
}

}  // namespace strata::dialect::mysql
