// dialect::make_live_applier (dialect/live.h): SQLite and MySQL get their
// appliers, which claim the ops they apply against the live catalog;
// PostgreSQL and SQL Server get one that claims nothing and, asked anyway,
// executes the rendered statements one by one.
#include "dialect/live.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "driver/connection.h"
#include "ops/ops.h"

namespace strata::dialect {
namespace {

// Records execute(); no catalog behind it.
class RecordingConnection : public driver::Connection {
 public:
  void execute(const std::string& sql) override { executed.push_back(sql); }
  driver::QueryResult query(const std::string&) override { return {}; }
  void begin() override {}
  void commit() override {}
  void rollback() override {}
  bool in_transaction() const override { return false; }
  long long last_affected_rows() const override { return 0; }
  std::vector<std::string> executed;
};

// A type change: a table rebuild on SQLite, a restated column (read from
// the catalog) on MySQL, a plain ALTER elsewhere.
ops::Op type_change() {
  ops::AlterColumn op{.table = "t", .column = "c"};
  op.type = model::Type{.kind = model::Type::Kind::kBigInteger};
  op.existing_nullable = true;  // SQL Server restates it with the type
  return op;
}

ops::Op add_column() {
  return ops::AddColumn{.table = "t",
                        .column = model::Column{.name = "c",
                                                .type = {.kind = model::Type::Kind::kInteger}}};
}

TEST(LiveApplier, SqliteAndMysqlClaimTheirLiveOps) {
  for (const char* name : {"sqlite", "mysql"}) {
    std::unique_ptr<Dialect> dialect = make_dialect(name);
    std::unique_ptr<LiveApplier> live = make_live_applier(*dialect);
    EXPECT_TRUE(live->needs_live_catalog(type_change())) << name;
    EXPECT_FALSE(live->needs_live_catalog(add_column())) << name;
  }
}

TEST(LiveApplier, PostgresAndMssqlClaimNothingAndExecuteTheRendering) {
  for (const char* name : {"postgresql", "mssql"}) {
    std::unique_ptr<Dialect> dialect = make_dialect(name);
    std::unique_ptr<LiveApplier> live = make_live_applier(*dialect);
    EXPECT_FALSE(live->needs_live_catalog(type_change())) << name;
    EXPECT_FALSE(live->needs_live_catalog(add_column())) << name;
    RecordingConnection conn;
    live->apply_live(type_change(), conn);
    EXPECT_EQ(conn.executed, dialect->render(type_change())) << name;
    EXPECT_FALSE(conn.executed.empty()) << name;
  }
}

}  // namespace
}  // namespace strata::dialect
