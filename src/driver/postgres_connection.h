// PostgreSQL connection over libpq.
//
// Contract:
//  - Connection parameters come from the Url: host, port, dbname, user,
//    password, and every query parameter passed through verbatim as a libpq
//    conninfo keyword (sslmode, application_name, connect_timeout, options...).
//    Defaults added unless given: connect_timeout=10,
//    fallback_application_name=strata; `-c client_min_messages=warning` is
//    appended to `options`, and server notices are swallowed.
//  - execute() runs one or more statements (PQexec); query() returns the rows
//    of the last statement as text, NULL → nullopt.
//  - Errors throw strata::Error(kDatabase) carrying the server's primary
//    message plus DETAIL / HINT; the password (and any password-like query
//    value) is scrubbed from every message by config::redact_message.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"

struct pg_conn;

namespace strata::driver {

class PostgresConnection : public Connection {
 public:
  // Connects; throws strata::Error(kDatabase)
  // "cannot connect to <redacted url>: <libpq message>".
  explicit PostgresConnection(const config::Url& url);
  // Borrows `conn`, an open connection the caller keeps (and closes); its
  // settings and notice receiver are left as they are.
  // Throws strata::Error(kDatabase) when it is not connected.
  struct Borrow {};
  PostgresConnection(pg_conn* conn, Borrow);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  void execute(const std::string& sql) override;
  QueryResult query(const std::string& sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;
  long long last_affected_rows() const override { return affected_; }

 private:
  QueryResult run(const std::string& sql, bool want_rows);
  std::string scrub(std::string message) const;

  pg_conn* conn_ = nullptr;
  bool owned_ = true;  // false: borrowed, never finished here
  long long affected_ = 0;
  std::vector<std::string> secrets_;  // strings never to appear in messages
};

}  // namespace strata::driver
