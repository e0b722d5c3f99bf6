// NUL bytes in SQL text are refused, never sent (issue 8 §10): SQLite's
// prepare used to stop at the NUL without advancing (an endless loop) and
// libpq cut the text there silently. Through the CLI a revision's
// op.execute("...\0...") fails at the script line with nothing applied
// (online and --sql); the drivers refuse it directly and promptly. Every
// run that could hang runs under a time limit, so a regression fails
// instead of blocking the suite.
#include <gtest/gtest.h>

#include <cstdlib>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"
#include "driver/sqlite_connection.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

const std::string kNulSql = std::string("SELECT 1\0; DROP TABLE t", 24);

// The strata binary, killed after 30 s.
CommandResult strata_bounded(const std::vector<std::string>& args, const std::string& cwd) {
  std::vector<std::string> argv{"timeout", "30", STRATA_BINARY, "-q"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, cwd);
}

class NulSqlCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///" +
                                            dir.file("app.db") + "\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    // Line 10 is the op.execute with "\0" (a Lua escape: a real NUL byte).
    write_file(dir.file("migrations/versions/a1_nul.lua"),
               "-- nul\n--\n-- Revision ID: aaaa1111\n\nrevision = \"aaaa1111\"\n"
               "down_revision = nil\n\nfunction upgrade()\n"
               "  op.create_table(\"t\", op.column(\"id\", op.Integer, {primary_key = true}))\n"
               "  op.execute(\"SELECT 1\\0; DROP TABLE t\")\n"
               "end\n\nfunction downgrade()\n  op.drop_table(\"t\")\nend\n");
  }
  TempDir dir;
};

TEST_F(NulSqlCli, OnlineUpgradeFailsAtTheScriptLineAndAppliesNothing) {
  CommandResult up = strata_bounded({"upgrade", "head"}, dir.path());
  ASSERT_NE(up.exit_code, 124) << "strata upgrade hung on a NUL in SQL";
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("migrations/versions/a1_nul.lua:10: SQL text contains a NUL byte "
                        "(at offset 8)"),
            std::string::npos)
      << up.err;
  EXPECT_EQ(up.err.find('\n'), up.err.size() - 1) << "one line: " << up.err;
  // Nothing applied: no table t, no version table.
  CommandResult tables = run_command(
      {"sqlite3", dir.file("app.db"), "SELECT count(*) FROM sqlite_master WHERE type = 'table'"},
      dir.path());
  ASSERT_EQ(tables.exit_code, 0) << tables.err;
  EXPECT_EQ(tables.out, "0\n");
}

TEST_F(NulSqlCli, OfflineSqlRefusesToWriteIt) {
  CommandResult up = strata_bounded({"upgrade", "head", "--sql"}, dir.path());
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("migrations/versions/a1_nul.lua:10: SQL text contains a NUL byte "
                        "(at offset 8)"),
            std::string::npos)
      << up.err;
  EXPECT_EQ(up.out.find('\0'), std::string::npos) << "a NUL reached the --sql output";
}

// Runs `fn` in a child process that must exit 0 within 10 s (a hang in the
// driver would otherwise block the test forever).
template <typename Fn>
void in_bounded_child(Fn fn) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) _exit(fn() ? 0 : 1);
  int status = 0;
  for (int i = 0; i < 1000; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      ASSERT_TRUE(WIFEXITED(status));
      EXPECT_EQ(WEXITSTATUS(status), 0) << "the child's check failed";
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  FAIL() << "the driver did not return within 10 s";
}

// True when `fn` throws Error(kDatabase) with the NUL message for offset 8.
template <typename Fn>
bool refuses_nul(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code() == ErrorCode::kDatabase &&
           e.message() == "SQL text contains a NUL byte (at offset 8)";
  }
  return false;
}

TEST(NulSqlDriver, SqliteExecuteAndQueryRefuseNulPromptly) {
  TempDir dir;
  const std::string path = dir.file("app.db");
  {
    driver::SqliteConnection c(path);
    c.execute("CREATE TABLE t (id INTEGER)");
  }
  in_bounded_child([&] {
    driver::SqliteConnection c(path);
    return refuses_nul([&] { c.execute(kNulSql); }) && refuses_nul([&] { c.query(kNulSql); });
  });
  // The text after the NUL never ran: t is still there.
  driver::SqliteConnection c(path);
  driver::QueryResult r = c.query("SELECT count(*) FROM sqlite_master WHERE name = 't'");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], std::optional<std::string>("1"));
}

TEST(NulSqlDriver, PostgresExecuteAndQueryRefuseNul) {
  REQUIRE_PG_SERVER();
  const std::string url = create_pg_database("strata_nul");
  std::unique_ptr<driver::Connection> c = driver::connect(config::parse_url(url));
  c->execute("CREATE TABLE t (id integer)");
  EXPECT_TRUE(refuses_nul([&] { c->execute(kNulSql); }));
  EXPECT_TRUE(refuses_nul([&] { c->query(kNulSql); }));
  EXPECT_EQ(psql(url, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"), "1\n");
}

}  // namespace
}  // namespace strata::testing
