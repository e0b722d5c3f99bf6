// The compiled-script cache (lua/script_cache.h) through the strata binary
// on SQLite: the first run writes .strata-cache/scripts.luac; runs after it
// (which take their chunks from it — script_cache_test shows the hits) print
// the same SQL, leave the cache as it was, record the files' own checksums
// (validate is clean) and report an error at the same file:line; a changed
// script is run as it is now.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "support/test_support.h"

namespace strata::testing {
namespace {

std::string script(const std::string& id, const std::string& down, const std::string& table) {
  return "-- " + id + " message\nrevision = \"" + id + "\"\ndown_revision = " + down +
         "\n\nfunction upgrade()\n  op.create_table(\"" + table +
         "\", op.column(\"id\", op.Integer, {primary_key = true}))\n  if op.x(\"fail\") == \"" + id +
         "\" then error(\"boom\") end\nend\n\nfunction downgrade()\n  op.drop_table(\"" + table +
         "\")\nend\n";
}

class ScriptCacheCli : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    write_file(dir.file("migrations/versions/a1.lua"), script("a1", "nil", "t_aaa"));
    write_file(dir.file("migrations/versions/b2.lua"), script("b2", "\"a1\"", "t_bbb"));
    // Older than 2 s, so the cache records them.
    std::this_thread::sleep_for(std::chrono::milliseconds(2300));
  }
  CommandResult strata(const std::vector<std::string>& args) { return run_strata(args, dir.path()); }
  std::string cache() const { return dir.file(".strata-cache/scripts.luac"); }
  TempDir dir;
};

TEST_F(ScriptCacheCli, AWarmRunIsTheSameRun) {
  const CommandResult cold = strata({"-q", "upgrade", "base:head", "--sql"});
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  ASSERT_TRUE(std::filesystem::exists(cache()));
  const auto cache_written = std::filesystem::last_write_time(cache());
  const CommandResult warm = strata({"-q", "upgrade", "base:head", "--sql"});
  ASSERT_EQ(warm.exit_code, 0) << warm.err;
  EXPECT_EQ(warm.out, cold.out);
  EXPECT_NE(warm.out.find("CREATE TABLE t_bbb"), std::string::npos) << warm.out;
  // Nothing new to record: the cache is not rewritten.
  EXPECT_EQ(std::filesystem::last_write_time(cache()), cache_written);

  // Online from the cache: the history's checksums are the files' own.
  const CommandResult up = strata({"-q", "upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const CommandResult valid = strata({"validate"});
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;

  // The same error line from a cached chunk as from the text.
  const CommandResult down = strata({"-q", "downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  const CommandResult failed = strata({"-q", "-x", "fail=b2", "upgrade", "head"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("migrations/versions/b2.lua:7: boom"), std::string::npos) << failed.err;
}

TEST_F(ScriptCacheCli, AChangedScriptRunsAsItIsNow) {
  ASSERT_EQ(strata({"-q", "upgrade", "base:head", "--sql"}).exit_code, 0);
  // Same size, other table name: the recorded key (mtime, ctime) no longer holds.
  write_file(dir.file("migrations/versions/b2.lua"), script("b2", "\"a1\"", "t_ccc"));
  const CommandResult sql = strata({"-q", "upgrade", "base:head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("CREATE TABLE t_ccc"), std::string::npos) << sql.out;
  EXPECT_EQ(sql.out.find("t_bbb"), std::string::npos) << sql.out;
}

}  // namespace
}  // namespace strata::testing
