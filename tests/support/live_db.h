// A fresh live database for one test, on any of the online dialects:
//   postgresql — a new database on STRATA_TEST_PG_URL's server (dropped at
//                the end); default schema "public";
//   sqlite     — a new file in a temp dir; default schema "main";
//   mysql      — a new database on STRATA_TEST_MYSQL_URL's server, which is
//                also the default schema; every database the test names
//                with own() is dropped at the end.
// Header-only (tests/CMakeLists.txt compiles one support .cpp).
#pragma once

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "dialect/dialect.h"
#include "dialect/live.h"
#include "driver/connection.h"
#include "inspect/catalog_snapshot.h"
#include "ops/ops.h"
#include "runtime/sql_emitter.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::testing {

inline std::optional<std::string> mysql_test_url() {
  const char* url = std::getenv("STRATA_TEST_MYSQL_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

// A suffix unique to this process and call ("<pid>_<n>").
inline std::string unique_suffix() {
  static std::atomic<int> counter{0};
  return std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

class LiveDb {
 public:
  // nullptr (and `why` set) when the dialect's server is not available.
  static std::unique_ptr<LiveDb> open(const std::string& dialect_name, std::string* why) {
    auto db = std::unique_ptr<LiveDb>(new LiveDb());
    db->name_ = dialect_name;
    if (dialect_name == "postgresql") {
      if (!pg_url()) return none(why, "STRATA_TEST_PG_URL is not set");
      std::string url = create_pg_database("strata_live");
      db->pg_database_ = url.substr(url.rfind('/') + 1);
      db->url_ = url;
      db->conn_ = driver::connect(config::parse_url(url));
      db->dialect_ = dialect::make_dialect("postgresql");
      db->default_schema_ = "public";
    } else if (dialect_name == "sqlite") {
      db->dir_ = std::make_unique<TempDir>();
      db->sqlite_main_ = db->dir_->file("main.db");
      db->url_ = "sqlite:///" + db->sqlite_main_;
      db->conn_ = driver::connect(config::parse_url(db->url_));
      db->dialect_ = dialect::make_dialect("sqlite", db->sqlite_main_);
      db->default_schema_ = "main";
    } else if (dialect_name == "mysql") {
      std::optional<std::string> base = mysql_test_url();
      if (!base) return none(why, "STRATA_TEST_MYSQL_URL is not set");
      std::string name = "strata_live_" + unique_suffix();
      {
        auto admin = driver::connect(config::parse_url(*base));
        admin->execute("CREATE DATABASE " + name);
      }
      db->own(name);
      config::Url url = config::parse_url(*base);
      url.database = name;
      db->url_ = base->substr(0, base->rfind('/') + 1) + name;
      db->conn_ = driver::connect(url);
      db->dialect_ = dialect::make_dialect("mysql");
      db->default_schema_ = name;
    } else {
      return none(why, "no live database for " + dialect_name);
    }
    return db;
  }

  ~LiveDb() {
    try {
      for (const std::string& name : mysql_databases_) {
        conn_->execute("DROP DATABASE IF EXISTS " + dialect_->quote(name));
      }
      conn_.reset();
      if (!pg_database_.empty()) {
        psql(*pg_url(), "DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)");
      }
    } catch (const std::exception&) {
      // Throwaway servers: a leftover database is harmless.
    }
  }

  const std::string& name() const { return name_; }
  // The database's URL (with the test server's credentials).
  const std::string& url() const { return url_; }
  const dialect::Dialect& dialect() const { return *dialect_; }
  driver::Connection& conn() { return *conn_; }
  const std::string& default_schema() const { return default_schema_; }
  // A schema name as the snapshot spells it (nullopt = the default schema).
  std::string schema_name(const std::optional<std::string>& schema) const {
    return schema.value_or(default_schema_);
  }
  // A new connection to the same database (SQLite: attaches the schema files
  // another connection created since).
  void reconnect() { conn_ = driver::connect(config::parse_url(url_)); }
  // MySQL: drop database `name` with this one (no-op elsewhere).
  void own(const std::string& name) {
    if (name_ == "mysql") mysql_databases_.push_back(name);
  }

  // Apply ops online through runtime::SqlEmitter, inside one transaction
  // where the dialect has transactional DDL (rolled back on error).
  void apply(const std::vector<ops::Op>& ops) {
    const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(*dialect_);
    runtime::SqlEmitter emitter(*dialect_, *live, *conn_, {});
    const bool transactional = dialect_->transactional_ddl();
    if (transactional) conn_->begin();
    try {
      for (const ops::Op& op : ops) emitter.emit(op);
      if (transactional) conn_->commit();
    } catch (...) {
      if (conn_->in_transaction()) conn_->rollback();
      throw;
    }
  }

  std::vector<std::string> snapshot(const std::vector<std::string>& schemas) {
    return inspect::catalog_snapshot(*conn_, dialect_->name(), schemas);
  }

  // Every row of a table as text, sorted (NULL as "<null>").
  std::vector<std::string> rows(const std::optional<std::string>& schema, const std::string& table) {
    std::vector<std::string> out;
    for (const driver::Row& row : conn_->query("SELECT * FROM " + dialect_->qualify(schema, table)).rows) {
      std::string line;
      for (const auto& value : row) line += (value ? "'" + *value + "'" : "<null>") + std::string("|");
      out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  LiveDb() = default;
  static std::unique_ptr<LiveDb> none(std::string* why, const std::string& reason) {
    if (why) *why = reason;
    return nullptr;
  }

  std::string name_;
  std::unique_ptr<TempDir> dir_;  // declared first: destroyed after the connection
  std::string sqlite_main_;
  std::string pg_database_;
  std::vector<std::string> mysql_databases_;
  std::unique_ptr<dialect::Dialect> dialect_;
  std::unique_ptr<driver::Connection> conn_;
  std::string default_schema_;
  std::string url_;
};

}  // namespace strata::testing
