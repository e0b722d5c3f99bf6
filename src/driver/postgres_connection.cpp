// PostgreSQL connection over libpq (see postgres_connection.h).
#include "driver/postgres_connection.h"

#include "driver/libpq_loader.h"

#include <libpq-fe.h>

#include <cctype>
#include <memory>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "config/redact.h"
#include "common/sql_nul.h"
#include "strata/error.h"

namespace strata::driver {
namespace {

void swallow_notice(void* /*arg*/, const PGresult* /*res*/) {}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// libpq messages span lines ("...failed: Connection refused\n\tIs the server
// running..."); strata prints errors as one line.
std::string one_line(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\n') {
      out.push_back(s[i]);
      continue;
    }
    bool continuation = i + 1 < s.size() && (s[i + 1] == '\t' || s[i + 1] == ' ');
    while (i + 1 < s.size() && (s[i + 1] == '\t' || s[i + 1] == ' ' || s[i + 1] == '\n')) ++i;
    out += continuation ? " " : "; ";
  }
  return out;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { libpq().clear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

PostgresConnection::PostgresConnection(const config::Url& url) : secrets_(config::secrets_of(url)) {

  std::vector<std::pair<std::string, std::string>> params;
  if (url.host) params.emplace_back("host", *url.host);
  if (url.port) params.emplace_back("port", std::to_string(*url.port));
  if (!url.database.empty()) params.emplace_back("dbname", url.database);
  if (url.user) params.emplace_back("user", *url.user);
  if (url.password) params.emplace_back("password", *url.password);
  bool has_timeout = false, has_options = false;
  for (const auto& [key, value] : url.query) {
    if (key == "options") {
      has_options = true;
      params.emplace_back(key, value + " -c client_min_messages=warning");
      continue;
    }
    if (key == "connect_timeout") has_timeout = true;
    params.emplace_back(key, value);
  }
  if (!has_options) params.emplace_back("options", "-c client_min_messages=warning");
  if (!has_timeout) params.emplace_back("connect_timeout", "10");
  params.emplace_back("fallback_application_name", "strata");

  std::vector<const char*> keys, values;
  for (const auto& [k, v] : params) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);

  conn_ = libpq().connectdbParams(keys.data(), values.data(), /*expand_dbname=*/0);
  if (conn_ == nullptr) {
    throw Error(ErrorCode::kDatabase, "cannot connect to " + url.redacted() + ": out of memory");
  }
  if (libpq().status(conn_) != CONNECTION_OK) {
    std::string message = one_line(trim(libpq().errorMessage(conn_)));
    libpq().finish(conn_);
    conn_ = nullptr;
    throw Error(ErrorCode::kDatabase,
                scrub("cannot connect to " + url.redacted() + ": " + message));
  }
  libpq().setNoticeReceiver(conn_, swallow_notice, nullptr);
}

PostgresConnection::PostgresConnection(pg_conn* conn, Borrow) : conn_(conn), owned_(false) {
  if (conn_ == nullptr || libpq().status(conn_) != CONNECTION_OK) {
    throw Error(ErrorCode::kDatabase, "the lent PostgreSQL connection is not connected");
  }
}

PostgresConnection::~PostgresConnection() {
  if (conn_ != nullptr && owned_) libpq().finish(conn_);
}

std::string PostgresConnection::scrub(std::string message) const {
  return config::redact_message(std::move(message), secrets_);
}

QueryResult PostgresConnection::run(const std::string& sql, bool want_rows) {
  ResultPtr res(libpq().exec(conn_, sql.c_str()));
  ExecStatusType status = res ? libpq().resultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    const char* tuples = libpq().cmdTuples(res.get());
    affected_ = (tuples != nullptr && *tuples != '\0') ? std::atoll(tuples) : 0;
    QueryResult result;
    if (want_rows && status == PGRES_TUPLES_OK) {
      int ncols = libpq().nfields(res.get());
      int nrows = libpq().ntuples(res.get());
      for (int c = 0; c < ncols; ++c) result.columns.emplace_back(libpq().fname(res.get(), c));
      result.rows.reserve(nrows);
      for (int r = 0; r < nrows; ++r) {
        Row row;
        row.reserve(ncols);
        for (int c = 0; c < ncols; ++c) {
          if (libpq().getisnull(res.get(), r, c)) {
            row.emplace_back(std::nullopt);
          } else {
            row.emplace_back(std::string(libpq().getvalue(res.get(), r, c), libpq().getlength(res.get(), r, c)));
          }
        }
        result.rows.push_back(std::move(row));
      }
    }
    return result;
  }
  std::string message;
  if (res && (status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR)) {
    const char* primary = libpq().resultErrorField(res.get(), PG_DIAG_MESSAGE_PRIMARY);
    if (primary != nullptr) {
      message = primary;
      if (const char* detail = libpq().resultErrorField(res.get(), PG_DIAG_MESSAGE_DETAIL)) {
        message += std::string("; DETAIL: ") + detail;
      }
      if (const char* hint = libpq().resultErrorField(res.get(), PG_DIAG_MESSAGE_HINT)) {
        message += std::string("; HINT: ") + hint;
      }
      // lock_not_available (lock_timeout, NOWAIT): runtime/lock_retry.h
      // recognises it by this marker, whatever the server's lc_messages.
      const char* state = libpq().resultErrorField(res.get(), PG_DIAG_SQLSTATE);
      if (state != nullptr && std::string_view(state) == "55P03") message += " (SQLSTATE 55P03)";
    }
  } else if (res) {
    // COPY and friends: strata never issues them.
    message = std::string("unexpected result status ") + libpq().resStatus(status) +
              " (COPY is not supported)";
    // Leave the connection usable.
    PGresult* rest;
    while ((rest = libpq().getResult(conn_)) != nullptr) libpq().clear(rest);
  }
  if (message.empty()) message = one_line(trim(libpq().errorMessage(conn_)));
  if (message.empty()) message = "unknown PostgreSQL error";
  throw Error(ErrorCode::kDatabase, scrub(std::move(message)));
}

void PostgresConnection::execute(const std::string& sql) {
  reject_nul_sql(sql, ErrorCode::kDatabase);
  run(sql, false);
}

QueryResult PostgresConnection::query(const std::string& sql) {
  reject_nul_sql(sql, ErrorCode::kDatabase);
  return run(sql, true);
}

void PostgresConnection::begin() { run("BEGIN", false); }

void PostgresConnection::commit() {
  bool failed = libpq().transactionStatus(conn_) == PQTRANS_INERROR;
  run("COMMIT", false);
  if (failed) {
    throw Error(ErrorCode::kDatabase,
                "transaction was rolled back because an earlier statement failed");
  }
}

void PostgresConnection::rollback() { run("ROLLBACK", false); }

bool PostgresConnection::in_transaction() const {
  PGTransactionStatusType s = libpq().transactionStatus(conn_);
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

}  // namespace strata::driver
