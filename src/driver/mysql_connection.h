// MySQL / MariaDB connection over libmariadb (MariaDB Connector/C).
//
// libmariadb.so.3 is loaded with dlopen the first time a MySQL connection is
// opened (like libpq, see libpq_loader.h), so runs that never touch MySQL do
// not pay for loading it; only <mysql.h> is needed to build.
//
// Contract:
//  - The Url gives host, port, user, password and database (mysql://,
//    mariadb://). Query parameters: unix_socket=/path (connect through a
//    socket instead of TCP), connect_timeout=seconds (default 10),
//    charset=name (default utf8mb4); any other parameter is an error.
//  - After connecting, NO_BACKSLASH_ESCAPES is removed from the session's
//    sql_mode (the rest of the server's mode is kept): MysqlDialect's string
//    literals escape backslashes, so a server whose global mode has it would
//    otherwise store 'a\\b' as a\\b. A script that sets it on the session
//    (op.execute) gets what it asked for.
//  - The session has CLIENT_MULTI_STATEMENTS: execute() runs one or more
//    statements; query() returns the rows of the last result set as text,
//    NULL → nullopt.
//  - begin() is START TRANSACTION; in_transaction() reads the server's
//    status flag, so a DDL statement's implicit commit is seen.
//  - Errors throw strata::Error(kDatabase) "mysql error NNNN: message"; the
//    password is scrubbed from every message by config::redact_message.
//  - Borrowed (a MYSQL* the embedding program lent, strata/connection.h):
//    never closed here. The session must have autocommit on. While borrowed,
//    the session has multi-statements on (COM_SET_OPTION) and
//    NO_BACKSLASH_ESCAPES removed from its sql_mode, as above; on
//    destruction both are put back as they were (sql_mode exactly; multi-
//    statements off again unless the handle was connected with
//    CLIENT_MULTI_STATEMENTS). Character set, time zone and other session
//    settings are left as the caller set them.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"

struct st_mysql;

namespace strata::driver {

class MysqlConnection : public Connection {
 public:
  // Connects; throws strata::Error(kDatabase)
  // "cannot connect to <redacted url>: mysql error NNNN: <message>".
  explicit MysqlConnection(const config::Url& url);
  // Borrows `conn`, an open connection made with the same libmariadb
  // (libmariadb.so.3) that the caller keeps (and closes). Throws
  // strata::Error(kDatabase) when it is not usable, kConfig when the
  // session's autocommit is off.
  struct Borrow {};
  MysqlConnection(st_mysql* conn, Borrow);
  ~MysqlConnection() override;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  void execute(const std::string& sql) override;
  QueryResult query(const std::string& sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;
  long long last_affected_rows() const override { return affected_; }

 private:
  QueryResult run(const std::string& sql, bool want_rows);
  [[noreturn]] void fail(const std::string& prefix) const;
  std::string scrub(std::string message) const;

  void restore_borrowed() noexcept;

  st_mysql* conn_ = nullptr;
  bool owned_ = true;  // false: borrowed, never closed here
  // Borrowed: the session state to put back (see the contract above).
  std::string lent_sql_mode_;
  bool lent_multi_statements_ = true;
  long long affected_ = 0;
  std::vector<std::string> secrets_;  // strings never to appear in messages
};

}  // namespace strata::driver
