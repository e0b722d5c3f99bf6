// Connection: a live database session. Implementations: PostgreSQL (libpq),
// SQLite (libsqlite3), MySQL/MariaDB (libmariadb). Every failure throws strata::Error(kDatabase) whose
// message carries the database's own message and never the password.
//
// Thread-safety: a Connection is used by one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::config {
struct Url;
}

namespace strata::driver {

// A result row: column values as text, nullopt for SQL NULL.
using Row = std::vector<std::optional<std::string>>;

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Run one or more statements that return no rows.
  virtual void execute(const std::string& sql) = 0;
  // Run one statement and return its rows.
  virtual QueryResult query(const std::string& sql) = 0;
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;
  // Rows changed by the last INSERT/UPDATE/DELETE that execute() ran (for
  // the version-table checks Alembic makes online).
  virtual long long last_affected_rows() const = 0;
  // The connection that talks to the database: itself, or for a wrapper
  // (the public API's statement observer, src/api/) the one it wraps. Code
  // that needs a concrete driver type casts this, not the wrapper.
  virtual Connection* underlying() { return this; }
};

// Open a connection for a parsed URL (postgresql, sqlite or mysql).
// Throws strata::Error(kConfig) for a dialect with no live driver (mssql),
// strata::Error(kDatabase) when the connection fails. `create` = false opens
// a SQLite file without creating it (nor its schema files): read-only
// commands; other dialects ignore it.
std::unique_ptr<Connection> connect(const config::Url& url, bool create = true);

}  // namespace strata::driver
