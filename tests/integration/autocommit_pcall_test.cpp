// Issue 8 §10 "half-applied after a caught error": an error inside
// op.autocommit_block that the script catches with pcall must not leave the
// connection outside any transaction. Revision 1 pcall's a failing
// autocommit block and goes on; revision 2 creates a table and then fails.
// Revision 2's table must not be left behind, the version must be revision 1
// (transaction_per_migration) or base (one transaction), and the error must be
// revision 2's own (before the fix: t2 stayed, and SQLite added "cannot
// commit - no transaction is active"). Run through the strata binary on
// SQLite and PostgreSQL, in both transaction modes, with the block failing by
// a Lua error and by a failing statement.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "support/test_support.h"

namespace strata::testing {
namespace {

enum class Backend { kSqlite, kPostgres };

// What fails inside the caught block.
const char* const kBlockErrors[] = {
    "error('boom')",
    "op.execute('INSERT INTO no_such_table VALUES (1)')",
};

using Param = std::tuple<Backend, bool /*per migration*/, size_t /*block error*/>;

class AutocommitPcall : public ::testing::TestWithParam<Param> {
 protected:
  void SetUp() override {
    if (pg()) {
      REQUIRE_PG_SERVER();
      url_ = create_pg_database("strata_acpcall");
    } else {
      url_ = "sqlite:///" + dir_.file("app.db");
    }
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + url_ + "\"\n" +
                   (per_migration() ? "transaction_per_migration = true\n" : ""));
    std::filesystem::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("migrations/versions/a1.lua"),
               std::string("revision = 'a1'\ndown_revision = nil\n"
                           "function upgrade()\n"
                           "  local ok, err = pcall(op.autocommit_block, function()\n"
                           "    ") +
                   kBlockErrors[std::get<2>(GetParam())] +
                   "\n  end)\n"
                   "  assert(not ok)\n"
                   "  op.create_table('t1', op.column('id', op.Integer, {primary_key = true}))\n"
                   "end\n"
                   "function downgrade() op.drop_table('t1') end\n");
    write_file(dir_.file("migrations/versions/b2.lua"),
               "revision = 'b2'\ndown_revision = 'a1'\n"
               "function upgrade()\n"
               "  op.create_table('t2', op.column('id', op.Integer, {primary_key = true}))\n"
               "  op.execute('INSERT INTO missing_table VALUES (1)')\n"
               "end\n"
               "function downgrade() op.drop_table('t2') end\n");
  }

  bool pg() const { return std::get<0>(GetParam()) == Backend::kPostgres; }
  bool per_migration() const { return std::get<1>(GetParam()); }

  std::string sql(const std::string& query) {
    if (pg()) return psql(url_, query);
    CommandResult r = run_command({"sqlite3", dir_.file("app.db"), query}, dir_.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  // User tables, sorted, comma separated (strata's history table left out).
  std::string tables() {
    if (pg()) {
      return psql(url_,
                  "SELECT coalesce(string_agg(table_name, ',' ORDER BY table_name), '') FROM "
                  "information_schema.tables WHERE table_schema = 'public' AND "
                  "table_name <> 'strata_history'");
    }
    return sql("SELECT coalesce(group_concat(name), '') FROM (SELECT name FROM sqlite_master "
               "WHERE type = 'table' AND name NOT IN ('strata_history', 'sqlite_sequence') "
               "ORDER BY name)");
  }

  TempDir dir_;
  std::string url_;
};

TEST_P(AutocommitPcall, CaughtBlockErrorLeavesLaterRevisionsTransactional) {
  CommandResult up = run_strata({"-q", "upgrade", "head"}, dir_.path());
  EXPECT_EQ(up.exit_code, 1) << up.err;
  const std::string missing =
      pg() ? "relation \"missing_table\" does not exist" : "no such table: missing_table";
  EXPECT_EQ(up.err, "strata: error: upgrade a1 -> b2 failed: migrations/versions/b2.lua:5: " +
                        missing + "; statement: INSERT INTO missing_table VALUES (1)\n");
  EXPECT_EQ(up.err.find("cannot commit"), std::string::npos) << up.err;
  if (per_migration()) {
    // Revision 1 committed on its own; revision 2 rolled back entirely.
    EXPECT_EQ(tables(), "alembic_version,t1\n");
    EXPECT_EQ(sql("SELECT version_num FROM alembic_version"), "a1\n");
  } else {
    // One transaction: everything after the block rolled back (the block's
    // COMMIT came before any of the run's DDL but the version table).
    const std::string t = tables();
    EXPECT_EQ(t.find("t1"), std::string::npos) << t;
    EXPECT_EQ(t.find("t2"), std::string::npos) << t;
    if (t.find("alembic_version") != std::string::npos) {
      EXPECT_EQ(sql("SELECT count(*) FROM alembic_version"), "0\n");
    }
  }
  // The next run, with revision 2 fixed, completes from where it stands.
  write_file(dir_.file("migrations/versions/b2.lua"),
             "revision = 'b2'\ndown_revision = 'a1'\n"
             "function upgrade()\n"
             "  op.create_table('t2', op.column('id', op.Integer, {primary_key = true}))\n"
             "end\n"
             "function downgrade() op.drop_table('t2') end\n");
  CommandResult again = run_strata({"-q", "upgrade", "head"}, dir_.path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(tables(), "alembic_version,t1,t2\n");
  EXPECT_EQ(sql("SELECT version_num FROM alembic_version"), "b2\n");
}

INSTANTIATE_TEST_SUITE_P(
    Modes, AutocommitPcall,
    ::testing::Combine(::testing::Values(Backend::kSqlite, Backend::kPostgres), ::testing::Bool(),
                       ::testing::Range<size_t>(0, std::size(kBlockErrors))),
    [](const ::testing::TestParamInfo<Param>& info) {
      return std::string(std::get<0>(info.param) == Backend::kSqlite ? "Sqlite" : "Postgres") +
             (std::get<1>(info.param) ? "PerMigration" : "OneTransaction") +
             (std::get<2>(info.param) == 0 ? "LuaError" : "StatementError");
    });

}  // namespace
}  // namespace strata::testing
