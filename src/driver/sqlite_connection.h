// SQLite connection over libsqlite3.
//
// Contract:
//  - The database file is created when missing (unless opened with
//    create = false: then a missing file fails to open, and ATTACH of a
//    missing schema file fails instead of creating it); ":memory:" is supported.
//    PRAGMA foreign_keys=ON; a 5 s busy timeout (set_busy_timeout changes
//    it). begin() sends "BEGIN" unless set_begin_statement() chose another
//    form (the migration lock uses "BEGIN EXCLUSIVE").
//  - Schemas are attached database files beside the main file: schema `s` of
//    main file `/p/app.db` lives in `/p/app.s.db` (see sqlite_schema_path).
//    On connect, every existing `/p/app.<ident>.db` is ATTACHed AS "<ident>"
//    (ident = any name without '/' or control characters, not main/temp:
//    schemas named with spaces, quotes or non-ASCII letters come back too).
//  - execute() runs one or more statements. A statement
//    `ATTACH [DATABASE] '<file>' AS <name>` naming a schema already attached
//    to the same file is skipped (a no-op) instead of failing.
//  - query() runs the statements and returns the rows of the last one that
//    returns columns, as text; NULL → nullopt.
//  - `DETACH [DATABASE] name` drops schema `name`: it fails when the schema
//    still holds tables or indexes; inside a transaction the detach (SQLite
//    cannot detach mid-transaction) and the removal of the schema's file
//    happen right after COMMIT, and are forgotten on ROLLBACK.
//  - An ATTACH inside a transaction is undone by rollback() (detached, and
//    its file removed if the ATTACH created it).
//  - Errors throw strata::Error(kDatabase) with sqlite3_errmsg's text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "driver/connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace strata::driver {

// The file holding schema `schema` for the main database file `main_path`:
// the main file's extension (if any) is replaced by ".<schema>.db", so
// "/p/app.db" + "s" → "/p/app.s.db" and "/p/app" + "s" → "/p/app.s.db"
// (common/sqlite_paths.h, the rule the SQLite dialect renders too).
std::string sqlite_schema_path(const std::string& main_path, const std::string& schema);

class SqliteConnection : public Connection {
 public:
  // Opens `path` (creating it when `create`), or an in-memory database for
  // ":memory:" / "".
  // Throws strata::Error(kDatabase) "cannot open sqlite database '<path>': ...".
  explicit SqliteConnection(const std::string& path, bool create = true);
  // Borrows `db`, an open handle the caller keeps (and closes): sets
  // foreign_keys=ON, the busy timeout and extended result codes, and
  // ATTACHes the existing schema files beside its main file, as above.
  struct Borrow {};
  SqliteConnection(sqlite3* db, Borrow);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void execute(const std::string& sql) override;
  QueryResult query(const std::string& sql) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  bool in_transaction() const override;
  long long last_affected_rows() const override;

  // The statement begin() sends ("BEGIN", "BEGIN IMMEDIATE", "BEGIN EXCLUSIVE").
  void set_begin_statement(std::string statement) { begin_statement_ = std::move(statement); }
  // How long a statement waits for another connection's lock before
  // failing with "database is locked".
  void set_busy_timeout(int milliseconds);

 private:
  void run(const std::string& sql, QueryResult* result);
  bool is_redundant_attach(sqlite3_stmt* stmt);
  // Handles a DETACH statement (see the contract); false for other statements.
  bool handle_detach(sqlite3_stmt* stmt);
  void detach_now(const std::string& schema, const std::string& file);
  // For an ATTACH about to run inside a transaction: {name, file it will
  // create ("" if it exists)}, recorded once it succeeds for rollback().
  std::optional<std::pair<std::string, std::string>> attach_in_transaction(
      sqlite3_stmt* stmt) const;
  void attach_existing_schemas(const std::string& path);
  [[noreturn]] void fail() const;

  sqlite3* db_ = nullptr;
  bool owned_ = true;  // false: borrowed, never closed here
  std::string begin_statement_ = "BEGIN";
  // Schemas dropped in the open transaction: {name, file}.
  std::vector<std::pair<std::string, std::string>> pending_detach_;
  // Schemas attached in the open transaction: {name, file it created ("" if
  // the file existed before)}.
  std::vector<std::pair<std::string, std::string>> attached_in_transaction_;
};

}  // namespace strata::driver
