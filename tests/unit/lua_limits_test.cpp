// Issue 8 §10 "Hangs" and "Memory": a revision's upgrade()/downgrade() runs
// under strata.toml's script_instruction_limit and script_memory_limit_mb.
// An endless loop, a huge string.rep and a table grown without end fail as
// Error(kScript) at the script line, naming the setting; nothing is applied;
// ordinary scripts are unaffected.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>

#include "config/config.h"
#include "lua/script_runner.h"
#include "runtime/op_sink.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::TempDir;
using testing::write_file;

class CountingSink : public runtime::OpSink {
 public:
  size_t emitted = 0;
  std::string_view dialect_name() const override { return "sqlite"; }
  void emit(const ops::Op&) override { ++emitted; }
  driver::QueryResult query(const std::string&) override { return {}; }
  std::optional<std::string> x_arg(const std::string&) const override { return std::nullopt; }
};

Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorCode::kInternal, "");
}

constexpr const char* kInstructionSetting = "strata.toml script_instruction_limit";
constexpr const char* kMemorySetting = "strata.toml script_memory_limit_mb";

class LuaLimitsTest : public ::testing::Test {
 protected:
  // Runs `code` as the body of upgrade() (line 3 of the file onwards).
  void up(const std::string& code, long instructions, long memory_mb) {
    path_ = dir_.file("x.lua");
    write_file(path_, "revision = 'x'\nfunction upgrade()\n" + code + "\nend\n");
    script::Revision rev;
    rev.revision = "x";
    rev.path = path_;
    lua::ScriptEnv env;
    env.instruction_limit = instructions;
    env.memory_limit_mb = memory_mb;
    env.instruction_limit_setting = kInstructionSetting;
    env.memory_limit_setting = kMemorySetting;
    lua::run_migration(rev, true, sink_, env);
  }

  TempDir dir_;
  std::string path_;
  CountingSink sink_;
};

TEST_F(LuaLimitsTest, EndlessLoopStopsAtTheInstructionLimit) {
  auto start = std::chrono::steady_clock::now();
  Error e = error_of([&] { up("local n = 0\nwhile true do n = n + 1 end", 10'000'000, 0); });
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path_ + ":4: script exceeded 10000000 instructions (" +
                             std::string(kInstructionSetting) + ")");
}

TEST_F(LuaLimitsTest, HugeStringRepFailsAtItsLine) {
  Error e = error_of([&] { up("local a = 1\nlocal s = string.rep('x', 2^30)", 0, 64); });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path_ + ":4: script exceeded the memory limit of 64 MiB (" +
                             std::string(kMemorySetting) + ")");
}

TEST_F(LuaLimitsTest, GrowingTableFailsAtItsLine) {
  Error e = error_of([&] { up("local t = {}\nfor i = 1, 1e12 do t[i] = i end", 0, 64); });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  // Lua's memory error has no position: the allocator records the line.
  EXPECT_EQ(e.message(), path_ + ":4: script exceeded the memory limit of 64 MiB (" +
                             std::string(kMemorySetting) + ")");
}

TEST_F(LuaLimitsTest, GrowingStringsFailWithTheMemoryMessage) {
  Error e = error_of([&] { up("local s = 'x'\nwhile true do s = s .. s end", 0, 64); });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path_ + ":4: script exceeded the memory limit of 64 MiB (" +
                             std::string(kMemorySetting) + ")");
}

TEST_F(LuaLimitsTest, OrdinaryScriptsRunUnderTheLimits) {
  up("local parts = {}\n"
     "for i = 1, 100000 do parts[#parts + 1] = tostring(i) end\n"
     "local s = table.concat(parts, ',') .. string.rep('y', 8 * 1024 * 1024)\n"
     "assert(#s > 8 * 1024 * 1024)\n"
     "op.execute('SELECT 1')",
     10'000'000, 64);
  EXPECT_EQ(sink_.emitted, 1u);
}

TEST(ScriptLimitConfig, DefaultsZeroAndValidation) {
  TempDir dir;
  write_file(dir.file("strata.toml"), "url = \"sqlite:///a.db\"\n");
  config::Config c = config::load_config(dir.file("strata.toml"));
  EXPECT_EQ(c.script_instruction_limit, 1'000'000'000);
  EXPECT_EQ(c.script_memory_limit_mb, 1024);
  write_file(dir.file("strata.toml"), "script_instruction_limit = 0\nscript_memory_limit_mb = 0\n");
  c = config::load_config(dir.file("strata.toml"));
  EXPECT_EQ(c.script_instruction_limit, 0);
  EXPECT_EQ(c.script_memory_limit_mb, 0);
  write_file(dir.file("strata.toml"), "script_memory_limit_mb = -1\n");
  Error e = error_of([&] { config::load_config(dir.file("strata.toml")); });
  EXPECT_EQ(e.code(), ErrorCode::kConfig);
  EXPECT_NE(e.message().find(":1: 'script_memory_limit_mb' must be between 0 (no limit)"),
            std::string::npos)
      << e.message();
  write_file(dir.file("strata.toml"), "script_instruction_limit = \"many\"\n");
  e = error_of([&] { config::load_config(dir.file("strata.toml")); });
  EXPECT_NE(e.message().find(":1: 'script_instruction_limit' must be an integer, not a string"),
            std::string::npos)
      << e.message();
}

// ---- through the strata binary on SQLite ---------------------------------------

// Runs strata under timeout(1): a hang ends as exit code 124, not a stuck test.
CommandResult run_strata_bounded(const std::vector<std::string>& args, const std::string& cwd) {
  std::vector<std::string> argv{"/usr/bin/timeout", "-s", "KILL", "30", STRATA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::run_command(argv, cwd);
}

// A project whose first revision creates table `t1` and whose second runs
// `bad_body` as its upgrade(); strata.toml gets `limits`.
void write_project(const TempDir& dir, const std::string& limits, const std::string& bad_body) {
  fs::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"),
             "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n" + limits);
  write_file(dir.file("migrations/versions/a.lua"),
             "revision = 'a1'\ndown_revision = nil\n"
             "function upgrade() op.create_table('t1', op.column('id', op.Integer)) end\n"
             "function downgrade() op.drop_table('t1') end\n");
  write_file(dir.file("migrations/versions/b.lua"),
             "revision = 'b2'\ndown_revision = 'a1'\nfunction upgrade()\n" + bad_body +
                 "\nend\nfunction downgrade() end\n");
}

// Nothing applied: no version row, and `upgrade a1` then works from base.
void expect_nothing_applied(const TempDir& dir) {
  CommandResult current = run_strata_bounded({"current"}, dir.path());
  EXPECT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out.find("a1"), std::string::npos) << current.out;
  CommandResult a1 = run_strata_bounded({"upgrade", "a1"}, dir.path());
  EXPECT_EQ(a1.exit_code, 0) << a1.err;  // would fail if t1 had been left behind
}

TEST(ScriptLimitsBinary, EndlessLoopFailsAndAppliesNothing) {
  TempDir dir;
  write_project(dir, "script_instruction_limit = 10000000\n", "while true do end");
  auto start = std::chrono::steady_clock::now();
  CommandResult r = run_strata_bounded({"upgrade", "head"}, dir.path());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_EQ(r.exit_code, 1) << "(137: killed by the timeout)\n" << r.err;
  EXPECT_NE(r.err.find("migrations/versions/b.lua:4: script exceeded 10000000 instructions "
                       "(strata.toml script_instruction_limit)"),
            std::string::npos)
      << r.err;
  expect_nothing_applied(dir);
}

TEST(ScriptLimitsBinary, HugeAllocationFailsAndAppliesNothing) {
  TempDir dir;
  write_project(dir, "script_instruction_limit = 0\nscript_memory_limit_mb = 64\n",
                "local s = string.rep('x', 2^30)");
  CommandResult r = run_strata_bounded({"upgrade", "head"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << "(137: killed by the timeout)\n" << r.err;
  EXPECT_NE(r.err.find("migrations/versions/b.lua:4: script exceeded the memory limit of 64 MiB "
                       "(strata.toml script_memory_limit_mb)"),
            std::string::npos)
      << r.err;
  expect_nothing_applied(dir);
}

TEST(ScriptLimitsBinary, GrowingTableFailsAndAppliesNothing) {
  TempDir dir;
  write_project(dir, "script_instruction_limit = 0\nscript_memory_limit_mb = 64\n",
                "local t = {}\nwhile true do t[#t + 1] = {} end");
  CommandResult r = run_strata_bounded({"upgrade", "head"}, dir.path());
  EXPECT_EQ(r.exit_code, 1) << "(137: killed by the timeout)\n" << r.err;
  EXPECT_NE(r.err.find("migrations/versions/b.lua:5: script exceeded the memory limit of 64 MiB "
                       "(strata.toml script_memory_limit_mb)"),
            std::string::npos)
      << r.err;
  expect_nothing_applied(dir);
}

}  // namespace
}  // namespace strata
