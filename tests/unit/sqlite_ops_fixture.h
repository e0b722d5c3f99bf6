// The fixture of the SQLite live-op tests (sqlite_ops_test.cpp,
// sqlite_move_table_test.cpp): runtime::SqlEmitter online over
// driver::connect(sqlite URL) on a temp-file database, and helpers that read
// rows, catalog entries and the executed statements back.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.h"
#include "dialect/dialect.h"
#include "dialect/live.h"
#include "driver/connection.h"
#include "ops/ops.h"
#include "runtime/sql_emitter.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::sqlite_ops_testing {

using Kind = model::Type::Kind;
using Rows = std::vector<driver::Row>;

inline model::Type type(Kind kind) { return model::Type{.kind = kind}; }
inline model::Column col(std::string name, Kind kind, bool nullable = true) {
  return model::Column{.name = std::move(name), .type = type(kind), .nullable = nullable};
}
inline model::Column key(std::string name = "id") {
  return model::Column{.name = std::move(name), .type = type(Kind::kInteger), .primary_key = true};
}
inline model::Index index(std::optional<std::string> schema, std::string table,
                          std::string name, std::vector<model::IndexElement> elements) {
  return model::Index{.name = std::move(name),
                      .schema = std::move(schema),
                      .table = std::move(table),
                      .elements = std::move(elements)};
}

class SqliteOps : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.file("app.db");
    conn_ = driver::connect(config::parse_url("sqlite:///" + path_));
    dialect_ = dialect::make_dialect("sqlite", path_);
    live_ = dialect::make_live_applier(*dialect_);
    emitter_ = std::make_unique<runtime::SqlEmitter>(*dialect_, *live_, *conn_,
                                                     std::map<std::string, std::string>{});
  }
  void TearDown() override {
    if (conn_->in_transaction()) conn_->rollback();
  }

  void emit(const ops::Op& op) { emitter_->emit(op); }
  // A migration: the ops inside one transaction, committed.
  void migrate(const std::vector<ops::Op>& ops) {
    conn_->begin();
    for (const ops::Op& op : ops) emit(op);
    conn_->commit();
  }
  void exec(const std::string& sql) { conn_->execute(sql); }
  std::string scalar(const std::string& sql) {
    driver::QueryResult r = conn_->query(sql);
    return r.rows.empty() || !r.rows[0][0] ? "" : *r.rows[0][0];
  }
  std::string q(const std::optional<std::string>& schema, const std::string& name) const {
    return dialect_->qualify(schema, name);
  }
  std::string master(const std::optional<std::string>& schema) const {
    return dialect_->quote(schema.value_or("main")) + ".sqlite_master";
  }
  // Every row of the table, every column as quote()d text (type and value),
  // the rowid first, ordered by rowid.
  Rows rows(const std::optional<std::string>& schema, const std::string& table) {
    std::string cols = "rowid";
    for (const driver::Row& c :
         conn_->query("PRAGMA " + dialect_->quote(schema.value_or("main")) + ".table_info(" +
                      dialect_->literal(table) + ")")
             .rows) {
      cols += ", quote(" + dialect_->quote(*c[1]) + ")";
    }
    return conn_->query("SELECT " + cols + " FROM " + q(schema, table) + " ORDER BY rowid").rows;
  }
  // Names of the schema's objects of `type` on `table` (no automatic indexes).
  std::vector<std::string> names(const std::optional<std::string>& schema, const std::string& type,
                                 const std::string& table) {
    std::vector<std::string> out;
    for (const driver::Row& r :
         conn_->query("SELECT name FROM " + master(schema) + " WHERE type = '" + type +
                      "' AND tbl_name = " + dialect_->literal(table) +
                      " AND sql IS NOT NULL ORDER BY name")
             .rows) {
      out.push_back(*r[0]);
    }
    return out;
  }
  std::string stored_sql(const std::optional<std::string>& schema, const std::string& name) {
    return scalar("SELECT sql FROM " + master(schema) + " WHERE name = " + dialect_->literal(name));
  }
  bool table_exists(const std::optional<std::string>& schema, const std::string& name) {
    return !stored_sql(schema, name).empty();
  }
  bool attached(const std::string& schema) {
    for (const driver::Row& r : conn_->query("PRAGMA database_list").rows) {
      if (r[1] == schema) return true;
    }
    return false;
  }
  // Does the database refuse the statement? (A refused statement leaves
  // the transaction usable; an accepted one inside a transaction is undone.)
  bool refused(const std::string& sql) {
    const bool outer = conn_->in_transaction();
    if (!outer) conn_->begin();
    exec("SAVEPOINT probe");
    bool failed = false;
    try {
      exec(sql);
    } catch (const Error&) {
      failed = true;
    }
    exec("ROLLBACK TO probe");
    exec("RELEASE probe");
    if (!outer) conn_->commit();
    return failed;
  }
  bool fk_check_clean(const std::optional<std::string>& schema) {
    return conn_->query("PRAGMA " + dialect_->quote(schema.value_or("main")) + ".foreign_key_check")
        .rows.empty();
  }
  // CREATE TABLE statements the emitter executed since the last clear.
  int creates() const {
    int n = 0;
    for (const std::string& s : emitter_->step_log()) n += s.rfind("CREATE TABLE", 0) == 0;
    return n;
  }
  std::string offline_error(const ops::Op& op) {
    std::ostringstream out;
    runtime::SqlEmitter offline(*dialect_, out, {});
    try {
      offline.emit(op);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript) << e.message();
      return e.message();
    }
    ADD_FAILURE() << ops::describe(op) << " rendered offline: " << out.str();
    return "";
  }

  testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<driver::Connection> conn_;
  std::unique_ptr<dialect::Dialect> dialect_;
  std::unique_ptr<dialect::LiveApplier> live_;
  std::unique_ptr<runtime::SqlEmitter> emitter_;
};

}  // namespace strata::sqlite_ops_testing
