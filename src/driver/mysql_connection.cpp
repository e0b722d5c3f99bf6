// MySQL / MariaDB connection over a dlopen'ed libmariadb (see
// mysql_connection.h).
#include "driver/mysql_connection.h"

#include <dlfcn.h>
#include <mysql.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "config/redact.h"
#include "common/sql_nul.h"
#include "strata/error.h"

namespace strata::driver {
namespace {

// The libmariadb entry points strata uses.
struct LibMariadb {
  decltype(&::mysql_init) init;
  decltype(&::mysql_options) options;
  decltype(&::mysql_real_connect) real_connect;
  decltype(&::mysql_close) close;
  decltype(&::mysql_errno) errno_;
  decltype(&::mysql_error) error;
  decltype(&::mysql_real_query) real_query;
  decltype(&::mysql_store_result) store_result;
  decltype(&::mysql_field_count) field_count;
  decltype(&::mysql_num_fields) num_fields;
  decltype(&::mysql_fetch_fields) fetch_fields;
  decltype(&::mysql_fetch_row) fetch_row;
  decltype(&::mysql_fetch_lengths) fetch_lengths;
  decltype(&::mysql_free_result) free_result;
  decltype(&::mysql_next_result) next_result;
  decltype(&::mysql_affected_rows) affected_rows;
  decltype(&::mysql_set_server_option) set_server_option;
};

template <typename Fn>
void resolve(void* handle, const char* name, Fn& slot) {
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    throw Error(ErrorCode::kDatabase, std::string("libmariadb.so.3 has no symbol ") + name);
  }
  slot = reinterpret_cast<Fn>(symbol);
}

LibMariadb load() {
  void* handle = ::dlopen("libmariadb.so.3", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    throw Error(ErrorCode::kDatabase, std::string("cannot load libmariadb (install libmariadb3): ") +
                                          (why ? why : "unknown"));
  }
  LibMariadb m{};
  resolve(handle, "mysql_init", m.init);
  resolve(handle, "mysql_options", m.options);
  resolve(handle, "mysql_real_connect", m.real_connect);
  resolve(handle, "mysql_close", m.close);
  resolve(handle, "mysql_errno", m.errno_);
  resolve(handle, "mysql_error", m.error);
  resolve(handle, "mysql_real_query", m.real_query);
  resolve(handle, "mysql_store_result", m.store_result);
  resolve(handle, "mysql_field_count", m.field_count);
  resolve(handle, "mysql_num_fields", m.num_fields);
  resolve(handle, "mysql_fetch_fields", m.fetch_fields);
  resolve(handle, "mysql_fetch_row", m.fetch_row);
  resolve(handle, "mysql_fetch_lengths", m.fetch_lengths);
  resolve(handle, "mysql_free_result", m.free_result);
  resolve(handle, "mysql_next_result", m.next_result);
  resolve(handle, "mysql_affected_rows", m.affected_rows);
  resolve(handle, "mysql_set_server_option", m.set_server_option);
  // mysql_init() would initialise the library itself, but not thread-safely.
  decltype(&::mysql_server_init) server_init = nullptr;
  resolve(handle, "mysql_server_init", server_init);
  if (server_init(0, nullptr, nullptr) != 0) {
    throw Error(ErrorCode::kDatabase, "cannot initialise libmariadb");
  }
  return m;  // the handle stays open for the life of the process
}

const LibMariadb& lib() {
  static std::once_flag once;
  static LibMariadb instance;
  std::call_once(once, [] { instance = load(); });
  return instance;
}

struct ResultDeleter {
  void operator()(MYSQL_RES* r) const { lib().free_result(r); }
};
using ResultPtr = std::unique_ptr<MYSQL_RES, ResultDeleter>;

std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// Removes NO_BACKSLASH_ESCAPES from the session's sql_mode, keeping the rest.
constexpr const char* kDropNoBackslashEscapes =
    "SET SESSION sql_mode = (SELECT TRIM(BOTH ',' FROM REPLACE(CONCAT(',', "
    "@@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ',')))";

// `text` as a string literal that reads back the same whether or not the
// session has NO_BACKSLASH_ESCAPES (a backslash, which no sql_mode holds,
// is refused).
std::optional<std::string> mode_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\') return std::nullopt;
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

}  // namespace

MysqlConnection::MysqlConnection(const config::Url& url) : secrets_(config::secrets_of(url)) {

  std::optional<std::string> socket;
  unsigned int timeout = 10;
  std::string charset = "utf8mb4";
  for (const auto& [key, value] : url.query) {
    if (key == "unix_socket") {
      socket = value;
    } else if (key == "connect_timeout") {
      try {
        timeout = static_cast<unsigned int>(std::stoul(value));
      } catch (const std::exception&) {
        throw Error(ErrorCode::kConfig, "connect_timeout must be a number of seconds");
      }
    } else if (key == "charset") {
      charset = value;
    } else {
      throw Error(ErrorCode::kConfig, "unknown MySQL URL parameter '" + key +
                                          "' (known: unix_socket, connect_timeout, charset)");
    }
  }

  conn_ = lib().init(nullptr);
  if (conn_ == nullptr) {
    throw Error(ErrorCode::kDatabase, "cannot connect to " + url.redacted() + ": out of memory");
  }
  lib().options(conn_, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  lib().options(conn_, MYSQL_SET_CHARSET_NAME, charset.c_str());
  const char* host = url.host ? url.host->c_str() : nullptr;
  if (socket) host = "localhost";  // libmariadb uses the socket only for localhost
  if (lib().real_connect(conn_, host, url.user ? url.user->c_str() : nullptr,
                         url.password ? url.password->c_str() : nullptr,
                         url.database.empty() ? nullptr : url.database.c_str(),
                         url.port ? static_cast<unsigned int>(*url.port) : 0u,
                         socket ? socket->c_str() : nullptr, CLIENT_MULTI_STATEMENTS) == nullptr) {
    std::string message = "mysql error " + std::to_string(lib().errno_(conn_)) + ": " +
                          one_line(lib().error(conn_));
    lib().close(conn_);
    conn_ = nullptr;
    throw Error(ErrorCode::kDatabase, scrub("cannot connect to " + url.redacted() + ": " + message));
  }
  // The dialect's literals escape backslashes (MysqlDialect::literal), which
  // is only right while backslash is an escape character: a server whose
  // global sql_mode has NO_BACKSLASH_ESCAPES would store 'a\\b' as a\\b.
  try {
    run(kDropNoBackslashEscapes, false);
  } catch (const Error&) {
    lib().close(conn_);
    conn_ = nullptr;
    throw;
  }
}

MysqlConnection::MysqlConnection(st_mysql* conn, Borrow) : conn_(conn), owned_(false) {
  if (conn_ == nullptr) throw Error(ErrorCode::kConfig, "the lent MariaDB connection is null");
  // Nothing is changed on the session until every check has passed.
  QueryResult settings;
  try {
    settings = run("SELECT @@SESSION.sql_mode, @@SESSION.autocommit", true);
  } catch (const Error& e) {
    throw Error(ErrorCode::kDatabase, "the lent MariaDB connection is not usable: " + e.message());
  }
  if (settings.rows.size() != 1 || settings.rows[0].size() != 2) {
    throw Error(ErrorCode::kDatabase, "the lent MariaDB connection did not report its sql_mode");
  }
  if (settings.rows[0][1].value_or("0") != "1") {
    throw Error(ErrorCode::kConfig,
                "the lent MariaDB connection has autocommit off; strata needs it on (it opens "
                "its own transactions)");
  }
  lent_sql_mode_ = settings.rows[0][0].value_or("");
  if (!mode_literal(lent_sql_mode_)) {
    throw Error(ErrorCode::kDatabase, "the lent MariaDB connection's sql_mode cannot be restored");
  }
  lent_multi_statements_ = (conn_->client_flag & CLIENT_MULTI_STATEMENTS) != 0;
  if (!lent_multi_statements_ &&
      lib().set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_ON) != 0) {
    fail("cannot turn multi-statements on for the lent connection: ");
  }
  try {
    run(kDropNoBackslashEscapes, false);
  } catch (const Error&) {
    restore_borrowed();
    throw;
  }
}

MysqlConnection::~MysqlConnection() {
  if (conn_ == nullptr) return;
  if (owned_) {
    lib().close(conn_);
  } else {
    restore_borrowed();
  }
}

void MysqlConnection::restore_borrowed() noexcept {
  // Best effort: a connection that broke meanwhile is the caller's to see.
  try {
    run("SET SESSION sql_mode = " + *mode_literal(lent_sql_mode_), false);
  } catch (const std::exception&) {
  }
  if (!lent_multi_statements_) lib().set_server_option(conn_, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
}

std::string MysqlConnection::scrub(std::string message) const {
  return config::redact_message(std::move(message), secrets_);
}

void MysqlConnection::fail(const std::string& prefix) const {
  unsigned int code = lib().errno_(conn_);
  std::string text = one_line(lib().error(conn_));
  if (text.empty()) text = "unknown MySQL error";
  throw Error(ErrorCode::kDatabase,
              scrub(prefix + "mysql error " + std::to_string(code) + ": " + text));
}

QueryResult MysqlConnection::run(const std::string& sql, bool want_rows) {
  QueryResult result;
  if (lib().real_query(conn_, sql.data(), static_cast<unsigned long>(sql.size())) != 0) fail("");
  // One result per statement; every one must be consumed before the next
  // command. An error in statement k>1 surfaces from next_result().
  for (;;) {
    ResultPtr res(lib().store_result(conn_));
    if (res) {
      if (want_rows) {
        result = QueryResult{};
        unsigned int ncols = lib().num_fields(res.get());
        MYSQL_FIELD* fields = lib().fetch_fields(res.get());
        for (unsigned int c = 0; c < ncols; ++c) result.columns.emplace_back(fields[c].name);
        MYSQL_ROW row;
        while ((row = lib().fetch_row(res.get())) != nullptr) {
          unsigned long* lengths = lib().fetch_lengths(res.get());
          Row out;
          out.reserve(ncols);
          for (unsigned int c = 0; c < ncols; ++c) {
            if (row[c] == nullptr) {
              out.emplace_back(std::nullopt);
            } else {
              out.emplace_back(std::string(row[c], lengths[c]));
            }
          }
          result.rows.push_back(std::move(out));
        }
      }
    } else if (lib().field_count(conn_) != 0) {
      fail("");  // a result set that could not be read
    } else {
      affected_ = static_cast<long long>(lib().affected_rows(conn_));
    }
    int next = lib().next_result(conn_);
    if (next == -1) break;
    if (next > 0) fail("");
  }
  return result;
}

void MysqlConnection::execute(const std::string& sql) {
  reject_nul_sql(sql, ErrorCode::kDatabase);
  run(sql, false);
}

QueryResult MysqlConnection::query(const std::string& sql) {
  reject_nul_sql(sql, ErrorCode::kDatabase);
  return run(sql, true);
}

void MysqlConnection::begin() { run("START TRANSACTION", false); }

void MysqlConnection::commit() { run("COMMIT", false); }

void MysqlConnection::rollback() { run("ROLLBACK", false); }

bool MysqlConnection::in_transaction() const {
  return (conn_->server_status & SERVER_STATUS_IN_TRANS) != 0;
}

}  // namespace strata::driver
