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
//  - MariaDB / MySQL (MYSQL*, libmariadb's `struct st_mysql`): a connected
//    handle from the same libmariadb strata loads (libmariadb.so.3; strata
//    does not link it, it finds the copy the process already loaded). The
//    session must have autocommit on (kConfig otherwise): strata opens its
//    own transactions. While the Migrator lives, strata turns multi-
//    statements on for the session (COM_SET_OPTION, as its own connections
//    are made with CLIENT_MULTI_STATEMENTS) and removes NO_BACKSLASH_ESCAPES
//    from its sql_mode (its string literals escape backslashes); when the
//    Migrator is destroyed it puts both back (sql_mode exactly as it was;
//    multi-statements off unless the handle was connected with
//    CLIENT_MULTI_STATEMENTS). Character set, time zone and other session
//    settings are used as they are: connect with utf8mb4 (strata's own
//    default). The handle's current database (DATABASE()) is the one strata
//    migrates: the version table's default schema, what check compares.
//    The migration lock is GET_LOCK on this session, released by the end of
//    each call. MariaDB DDL is not transactional, on a lent handle as on
//    strata's own: each DDL statement commits implicitly, and a revision
//    failing part-way is recorded for `repair` / `upgrade --resume`
//    (RunOptions::resume) as usual.
//  - Every call that would connect uses the handle: upgrade, downgrade,
//    stamp, current, is_at_head, check, autogenerate, validate. `verify`
//    still works on a scratch database of its own (never the lent one).
//  - A transaction the caller left open is an error (strata opens its own).
//
// Thread-safety: as the handle's own library; one thread at a time.
#pragma once

#include "strata/export.h"

struct sqlite3;
struct pg_conn;
struct st_mysql;

namespace strata {

class STRATA_EXPORT ExternalConnection {
 public:
  enum class Kind { kSqlite, kPostgres, kMariadb };
  static ExternalConnection sqlite(sqlite3* db) { return ExternalConnection(Kind::kSqlite, db); }
  static ExternalConnection postgres(pg_conn* conn) {
    return ExternalConnection(Kind::kPostgres, conn);
  }
  static ExternalConnection mariadb(st_mysql* conn) {
    return ExternalConnection(Kind::kMariadb, conn);
  }
  Kind kind() const { return kind_; }
  void* handle() const { return handle_; }

 private:
  ExternalConnection(Kind kind, void* handle) : kind_(kind), handle_(handle) {}
  Kind kind_;
  void* handle_;
};

}  // namespace strata
