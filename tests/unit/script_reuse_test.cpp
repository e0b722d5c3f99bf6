// lua::run_migration keeps one Lua state per thread for the next script
// (lua/script_runner.h): nothing one revision does reaches the next one —
// globals, library tables, _G's metatable, the require() cache, math.random's
// seed and the collector's settings are all its own — and the setmetatable
// that notes __gc keeps Lua's checks and messages.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lua/script_runner.h"
#include "runtime/op_sink.h"
#include "runtime/script_checksum.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

class ExecuteSink : public runtime::OpSink {
 public:
  std::vector<std::string> statements;
  std::string_view dialect_name() const override { return "postgresql"; }
  void emit(const ops::Op& op) override {
    if (const auto* e = std::get_if<ops::Execute>(&op)) statements.push_back(e->sql.value_or(""));
  }
  driver::QueryResult query(const std::string&) override { return {}; }
  std::optional<std::string> x_arg(const std::string&) const override { return std::nullopt; }
};

class ScriptReuseTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(dir_.file("lib")); }

  // `code` as the body of upgrade() of versions/<name>; returns its statements.
  std::vector<std::string> up(const std::string& name, const std::string& code) {
    const std::string path = dir_.file("versions/" + name);
    write_file(path, "revision = '" + name + "'\nfunction upgrade()\n" + code + "\nend\n");
    script::Revision rev;
    rev.revision = name;
    rev.path = path;
    lua::ScriptEnv env;
    env.module_roots = {dir_.file("lib")};
    ExecuteSink sink;
    lua::run_migration(rev, true, sink, env);
    return sink.statements;
  }
  std::string up_error(const std::string& name, const std::string& code) {
    try {
      up(name, code);
    } catch (const Error& e) {
      return e.what();
    }
    ADD_FAILURE() << "no error";
    return "";
  }

  TempDir dir_;
};

TEST_F(ScriptReuseTest, NothingOneRevisionDoesReachesTheNext) {
  write_file(dir_.file("lib/m.lua"), "return {n = 0}\n");
  const std::vector<std::string> first = up("a",
      "leaked = 1\n"
      "string.extra = 1\n"
      "table.insert = nil\n"
      "math.pi = 3\n"
      "require('m').n = 5\n"
      "setmetatable(_G, {__index = function() return 'meta' end})\n"
      "collectgarbage('stop')\n"
      "math.randomseed(42)\n"
      "op.execute(tostring(math.random(1, 1000000000)))\n"
      "op.execute(tostring(require('m').n))");
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[1], "5");
  for (int i = 0; i < 3; ++i) {  // the state is reused more than once
    const std::vector<std::string> next = up("b" + std::to_string(i),
        "op.execute(tostring(rawget(_G, 'leaked')))\n"
        "op.execute(tostring(leaked))\n"
        "op.execute(tostring(string.extra))\n"
        "op.execute(type(table.insert))\n"
        "op.execute(tostring(math.pi == 3))\n"
        "op.execute(tostring(require('m').n))\n"
        "op.execute(tostring(getmetatable(_G)))\n"
        "op.execute(tostring(collectgarbage('isrunning')))\n"
        "op.execute(tostring(_G == _ENV))\n"
        "op.execute(tostring(math.random(1, 1000000000)))\n"
        "leaked = 2\nstring.extra = 2\ncollectgarbage('generational')");
    ASSERT_EQ(next.size(), 10u);
    EXPECT_EQ(std::vector<std::string>(next.begin(), next.begin() + 9),
              (std::vector<std::string>{"nil", "nil", "nil", "function", "false", "0", "nil",
                                        "true", "true"}));
    // math.randomseed(42) in "a" does not fix the next script's sequence.
    EXPECT_NE(next[9], first[0]);
  }
}

TEST_F(ScriptReuseTest, AFailedRevisionLeavesNothingBehind) {
  EXPECT_NE(up_error("a", "leaked = 1\nstring.extra = 1\nerror('boom')").find("boom"),
            std::string::npos);
  EXPECT_EQ(up("b", "op.execute(tostring(leaked) .. ' ' .. tostring(string.extra))"),
            std::vector<std::string>{"nil nil"});
}

TEST_F(ScriptReuseTest, SetmetatableKeepsLuasChecksAndMessages) {
  EXPECT_NE(up_error("a", "setmetatable(1, {})")
                .find("bad argument #1 to 'setmetatable' (table expected, got number)"),
            std::string::npos);
  EXPECT_NE(up_error("b", "setmetatable({}, 1)")
                .find("bad argument #2 to 'setmetatable' (nil or table expected, got number)"),
            std::string::npos);
  EXPECT_NE(up_error("c", "local t = setmetatable({}, {__metatable = false})\n"
                          "setmetatable(t, {})")
                .find("cannot change a protected metatable"),
            std::string::npos);
  EXPECT_EQ(up("d", "local mt = {}\nlocal t = setmetatable({}, mt)\n"
                    "op.execute(tostring(getmetatable(t) == mt))\n"
                    "op.execute(tostring(getmetatable(setmetatable(t, nil))))"),
            (std::vector<std::string>{"true", "nil"}));
}

TEST_F(ScriptReuseTest, ARevisionWithAFinalizerRunsItBeforeReturning) {
  // A table with __gc: the state is closed after the script (not reused),
  // running the finalizer now; it finds the op API sealed.
  const std::string error = up_error(
      "a", "local keep = setmetatable({}, {__gc = function() op.execute('late') end})");
  EXPECT_NE(error.find("op.* called after upgrade() returned (in a __gc finalizer)"),
            std::string::npos)
      << error;
  EXPECT_EQ(up("b", "op.execute(tostring(leaked))"), std::vector<std::string>{"nil"});
}

TEST(ChecksummedText, HandedOverOnceAndOnlyWhileTheFileIsUnchanged) {
  TempDir dir;
  const std::string a = dir.file("a.lua");
  const std::string b = dir.file("b.lua");
  write_file(a, "revision = 'a'\n");
  write_file(b, "revision = 'b'\n");
  ASSERT_TRUE(runtime::script_checksum(a).has_value());
  EXPECT_FALSE(runtime::take_checksummed_text(b).has_value());  // another path
  ASSERT_TRUE(runtime::script_checksum(a).has_value());
  EXPECT_EQ(runtime::take_checksummed_text(a), std::optional<std::string>("revision = 'a'\n"));
  EXPECT_FALSE(runtime::take_checksummed_text(a).has_value());  // taken once

  ASSERT_TRUE(runtime::script_checksum(a).has_value());
  write_file(a, "revision = 'AB'\n");  // changed (a size the identity sees at once)
  EXPECT_FALSE(runtime::take_checksummed_text(a).has_value());

  // The step runs what is on disk now.
  write_file(a, "revision = 'a'\nfunction upgrade() op.execute('old') end\n");
  ASSERT_TRUE(runtime::script_checksum(a).has_value());
  write_file(a, "revision = 'a'\nfunction upgrade() op.execute('newer') end\n");
  script::Revision rev;
  rev.revision = "a";
  rev.path = a;
  ExecuteSink sink;
  lua::run_migration(rev, true, sink, lua::ScriptEnv{});
  EXPECT_EQ(sink.statements, std::vector<std::string>{"newer"});
}

}  // namespace
}  // namespace strata
