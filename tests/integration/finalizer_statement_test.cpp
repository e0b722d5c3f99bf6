// Issue 8 §10 "sandbox holes" / "errors that mislead", live: a revision's
// __gc finalizer that calls op.execute.
//   - After upgrade() returned (the object was garbage at the end, or kept in
//     a global until the state closed): before the fix the statement ran
//     after upgrade() — on PostgreSQL a failing one aborted the transaction
//     and the error named the version-table insert ("current transaction is
//     aborted"); in --sql it landed in the output. Now the op API raises, the
//     step fails naming the finalizer's line, nothing is applied, and --sql
//     writes no such statement.
//   - During upgrade() (collectgarbage()): a failing statement is reported as
//     itself, at the finalizer's line.
// Through the strata binary on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace strata::testing {
namespace {

enum class Backend { kSqlite, kPostgres };

class FinalizerStatement : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (pg()) {
      REQUIRE_PG_SERVER();
      url_ = create_pg_database("strata_finalizer");
    } else {
      url_ = "sqlite:///" + dir_.file("app.db");
    }
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + url_ + "\"\n");
    std::filesystem::create_directories(dir_.file("migrations/versions"));
  }

  bool pg() const { return GetParam() == Backend::kPostgres; }

  void revision(const std::string& upgrade_body, const std::string& top = "") {
    write_file(dir_.file("migrations/versions/a1.lua"),
               "revision = 'a1'\ndown_revision = nil\n" + top + "function upgrade()\n" +
                   upgrade_body + "\nend\nfunction downgrade() end\n");
  }
  // Names of the user tables named t%, sorted, comma separated.
  std::string t_tables() {
    if (pg()) {
      return psql(url_,
                  "SELECT coalesce(string_agg(table_name, ',' ORDER BY table_name), '') FROM "
                  "information_schema.tables WHERE table_schema = 'public' AND "
                  "table_name LIKE 't%'");
    }
    if (!std::filesystem::exists(dir_.file("app.db"))) return "\n";
    CommandResult r = run_command({"sqlite3", dir_.file("app.db"),
                                   "SELECT coalesce(group_concat(name), '') FROM (SELECT name "
                                   "FROM sqlite_master WHERE type = 'table' AND name LIKE 't%' "
                                   "ORDER BY name)"},
                                  dir_.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  TempDir dir_;
  std::string url_;
};

TEST_P(FinalizerStatement, AfterUpgradeReturnedIsRefused) {
  revision(
      "  local keep = setmetatable({}, {__gc = function()\n"
      "    op.execute('INSERT INTO missing_table VALUES (1)')\n"
      "  end})\n"
      "  op.create_table('t1', op.column('id', op.Integer, {primary_key = true}))");
  CommandResult up = run_strata({"-q", "upgrade", "head"}, dir_.path());
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "strata: error: migrations/versions/a1.lua:5: op.* called after upgrade() returned "
            "(in a __gc finalizer)\n");
  EXPECT_EQ(t_tables(), "\n");
  // Offline: the statement is not written either.
  CommandResult sql = run_strata({"-q", "upgrade", "head", "--sql"}, dir_.path());
  EXPECT_EQ(sql.exit_code, 1);
  EXPECT_EQ(sql.out.find("missing_table"), std::string::npos) << sql.out;
}

TEST_P(FinalizerStatement, KeptUntilCloseIsRefused) {
  revision(
      "  keep = setmetatable({}, {__gc = function() execute('CREATE TABLE t_late (id INT)') end})\n"
      "  op.create_table('t1', op.column('id', op.Integer, {primary_key = true}))",
      "local execute = op.execute\n");
  CommandResult up = run_strata({"-q", "upgrade", "head"}, dir_.path());
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "strata: error: migrations/versions/a1.lua:5: op.* called after upgrade() returned "
            "(in a __gc finalizer)\n");
  EXPECT_EQ(t_tables(), "\n");
}

TEST_P(FinalizerStatement, FailingStatementDuringUpgradeIsReportedAsItself) {
  revision(
      "  op.create_table('t1', op.column('id', op.Integer, {primary_key = true}))\n"
      "  setmetatable({}, {__gc = function()\n"
      "    op.execute('INSERT INTO missing_table VALUES (1)')\n"
      "  end})\n"
      "  collectgarbage()\n  collectgarbage()");
  CommandResult up = run_strata({"-q", "upgrade", "head"}, dir_.path());
  EXPECT_EQ(up.exit_code, 1);
  const std::string missing =
      pg() ? "relation \"missing_table\" does not exist" : "no such table: missing_table";
  EXPECT_EQ(up.err, "strata: error: upgrade  -> a1 failed: migrations/versions/a1.lua:6: " +
                        missing + "; statement: INSERT INTO missing_table VALUES (1)\n");
  EXPECT_EQ(up.err.find("current transaction is aborted"), std::string::npos);
  EXPECT_EQ(t_tables(), "\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, FinalizerStatement,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return std::string(info.param == Backend::kSqlite ? "Sqlite"
                                                                             : "Postgres");
                         });

}  // namespace
}  // namespace strata::testing
