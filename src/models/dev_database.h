// The scratch "dev" database SQL model files are applied to
// (models/sql_models.h). Owns what it creates and removes it when destroyed
// — also when loading fails half way (RAII).
//
// Contract, per dialect:
//  - postgresql: a new database "strata_dev_<pid>_<random>" (from
//    template0) on `dev_url`'s server, or on the target's (`url`) when
//    dev_url is unset; dropped with DROP DATABASE ... WITH (FORCE). A role that may not create databases
//    (neither CREATEDB nor superuser, or CREATE DATABASE refused for lack of
//    privilege) is Error(kConfig) suggesting `dev_url`.
//  - sqlite: an in-memory database; each schema the SQL uses (except main
//    and temp) attached in memory (ATTACH DATABASE ':memory:' AS "<schema>").
//    A dev_url other than sqlite:///:memory: is Error(kConfig).
//  - mysql: dev_url is required (Error(kConfig) naming it otherwise); one
//    scratch database "strata_dev_<pid>_<random>" as the default schema plus
//    "<that>__<schema>" for each schema the SQL uses, all dropped at the end.
//    CREATE DATABASE refused for lack of privilege is Error(kConfig).
//  - A dev_url of another dialect than the target's is Error(kConfig).
//  - identity(): the dev server as the cache key sees it: its URL without
//    the password (Url::redacted()), or "sqlite:///:memory:". It checks the
//    configuration like open() (without connecting).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"

namespace strata::models {

class DevDatabase {
 public:
  // `schemas`: the schemas the SQL uses (names as the SQL spells them).
  static std::unique_ptr<DevDatabase> open(const config::Config& config, std::string_view dialect,
                                           const std::set<std::string>& schemas);
  static std::string identity(const config::Config& config, std::string_view dialect);

  ~DevDatabase();
  DevDatabase(const DevDatabase&) = delete;
  DevDatabase& operator=(const DevDatabase&) = delete;

  driver::Connection& conn() { return *conn_; }
  // SQL schema -> dev database schema, where they differ (MySQL).
  const std::map<std::string, std::string>& scratch() const { return scratch_; }
  // The dev connection's default schema (public, main, the scratch database).
  const std::string& default_schema() const { return default_schema_; }
  // The schemas to reflect: the default one first, then every other the SQL
  // made (PostgreSQL: every non-system schema of the scratch database).
  std::vector<std::string> reflect_schemas();
  // A reflected schema name as the SQL spells it (scratch names mapped back).
  std::string sql_schema(const std::string& dev_schema) const;

 private:
  DevDatabase() = default;
  void open_postgres(const config::Config& config, const std::set<std::string>& schemas);
  void open_sqlite(const config::Config& config, const std::set<std::string>& schemas);
  void open_mysql(const config::Config& config, const std::set<std::string>& schemas);

  std::string dialect_;
  std::unique_ptr<driver::Connection> admin_;  // creates and drops the scratch databases
  std::unique_ptr<driver::Connection> conn_;   // the dev database itself
  std::vector<std::string> created_;           // scratch databases to drop
  std::map<std::string, std::string> scratch_;
  std::vector<std::string> sql_schemas_;       // SQLite / MySQL: the schemas made
  std::string default_schema_;
};

}  // namespace strata::models
