// The fixtures of the MySQL dialect's live tests (mysql_ops_test.cpp,
// mysql_alter_column_test.cpp): ops through the runtime's one output path,
// runtime::SqlEmitter, online over a driver connection to a live MariaDB
// (STRATA_TEST_MYSQL_URL, exported by scripts/with-postgres.sh; skipped
// otherwise), and the same ops in --sql mode (SqlEmitter over a stream),
// where the ops that need the live catalog must fail with a clear kScript
// error.
//
// Each online test works in two scratch databases (`main`, the connection's,
// and `other`, whose name needs quoting), dropped at the end.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.h"
#include "dialect/mysql/dialect.h"
#include "dialect/mysql/live.h"
#include "driver/connection.h"
#include "ops/ops.h"
#include "runtime/sql_emitter.h"
#include "strata/error.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata::mysql_test {

using Kind = model::Type::Kind;
using ops::ConstraintType;

inline model::Type type(Kind kind, std::optional<int> length = std::nullopt) {
  return model::Type{.kind = kind, .length = length};
}

// --sql mode (no database needed).
class MysqlOpsOffline : public ::testing::Test {
 protected:
  // The script text.
  std::string offline(const ops::Op& op) {
    std::ostringstream out;
    runtime::SqlEmitter emitter(dialect_, out, {});
    emitter.emit(op);
    return out.str();
  }

  // --sql mode must refuse the op: its kScript message, which starts with
  // `culprit` (the op itself, or the op of a batch that needs the catalog).
  std::string offline_error(const ops::Op& op, std::optional<ops::Op> culprit = std::nullopt) {
    try {
      std::string script = offline(op);
      ADD_FAILURE() << "--sql rendered " << ops::describe(op) << ":\n" << script;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript) << e.message();
      EXPECT_EQ(e.message().rfind(ops::describe(culprit.value_or(op)) +
                                      ": on MySQL/MariaDB this needs a live database (",
                                  0),
                0u)
          << e.message();
      return e.message();
    }
    return "";
  }

  dialect::mysql::MysqlDialect dialect_;
  dialect::mysql::MysqlLiveApplier live_{dialect_};
};

// Online too: a live MariaDB.
class MysqlOps : public MysqlOpsOffline {
 protected:
  void SetUp() override {
    const char* base = std::getenv("STRATA_TEST_MYSQL_URL");
    if (base == nullptr || *base == '\0') GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set";
    static std::atomic<int> counter{0};
    const std::string suffix = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    main_ = "strata_ops_" + suffix;
    other_ = "strata ops `b` \"ä\" " + suffix;
    admin_ = driver::connect(config::parse_url(base));
    drop_databases();
    admin_->execute("CREATE DATABASE " + q(main_) + "; CREATE DATABASE " + q(other_));
    config::Url url = config::parse_url(base);
    url.database = main_;
    conn_ = driver::connect(url);
    emitter_ = std::make_unique<runtime::SqlEmitter>(dialect_, live_, *conn_,
                                                     std::map<std::string, std::string>{});
  }

  void TearDown() override {
    if (!admin_) return;
    try {
      drop_databases();
    } catch (const Error&) {
    }
  }

  void drop_databases() {
    admin_->execute("DROP DATABASE IF EXISTS " + q(main_) + "; DROP DATABASE IF EXISTS " +
                    q(other_));
  }

  std::string q(const std::string& name) const { return dialect_.quote(name); }
  std::string lit(const std::string& text) const { return dialect_.literal(text); }

  // Online, as a migration runs it: the statements the op executed.
  std::vector<std::string> emit(const ops::Op& op) {
    emitter_->clear_step_log();
    emitter_->emit(op);
    return emitter_->step_log();
  }

  std::string scalar(const std::string& sql) {
    driver::QueryResult r = conn_->query(sql);
    if (r.rows.size() != 1 || r.rows[0].size() != 1) return "<not one value>";
    return r.rows[0][0].value_or("NULL");
  }

  // The database refuses `sql` (kDatabase).
  bool refused(const std::string& sql) {
    try {
      conn_->execute(sql);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kDatabase) << e.message();
      return true;
    }
    return false;
  }

  // "name:TYPE,..." of the table's constraints, ordered by name and type.
  std::string constraints(const std::string& schema, const std::string& table) {
    return scalar(
        "SELECT COALESCE(GROUP_CONCAT(CONCAT(constraint_name, ':', constraint_type) ORDER BY "
        "constraint_name, constraint_type SEPARATOR ','), '') FROM information_schema.table_constraints WHERE "
        "constraint_schema = " + lit(schema) + " AND table_name = " + lit(table));
  }

  std::string main_, other_;
  std::unique_ptr<driver::Connection> admin_, conn_;
  std::unique_ptr<runtime::SqlEmitter> emitter_;
};

}  // namespace strata::mysql_test
