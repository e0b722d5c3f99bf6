// strata::ExternalConnection — a database handle the embedding program
// already holds, lent to a Migrator (MigratorOptions::connection) instead of
// strata opening its own from the URL.
//
// Contract:
//  - Borrowed, never closed by strata: the handle must stay open and unused
//    by other code while a Migrator call runs, and outlive the Migrator.
//  - SQLite (sqlite3*): strata runs `PRAGMA foreign_keys=ON`, sets a 5 s
//    busy timeout and extended result codes, and ATTACHes the schema files
//    beside the main file (as for its own connections); the dialect and the
//    file come from the handle, so strata.toml needs no url.
//  - PostgreSQL (PGconn*, libpq's `struct pg_conn`): used as is (settings and
//    notice receiver untouched); the dialect comes from the handle. The
//    process must use the same libpq strata loads (libpq.so.5).
//  - Every call that would connect uses the handle: upgrade, downgrade,
//    stamp, current, is_at_head, check, autogenerate, validate. `verify`
//    still works on a scratch database of its own (never the lent one).
//  - A transaction the caller left open is an error (strata opens its own).
//
// Thread-safety: as the handle's own library; one thread at a time.
#pragma once

struct sqlite3;
struct pg_conn;

namespace strata {

class ExternalConnection {
 public:
  enum class Kind { kSqlite, kPostgres };
  static ExternalConnection sqlite(sqlite3* db) { return ExternalConnection(Kind::kSqlite, db); }
  static ExternalConnection postgres(pg_conn* conn) {
    return ExternalConnection(Kind::kPostgres, conn);
  }
  Kind kind() const { return kind_; }
  void* handle() const { return handle_; }

 private:
  ExternalConnection(Kind kind, void* handle) : kind_(kind), handle_(handle) {}
  Kind kind_;
  void* handle_;
};

}  // namespace strata
