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
      "collectgarbage('generational')\n"
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
        "op.execute(collectgarbage('incremental'))\n"
        "op.execute(tostring(math.random(1, 1000000000)))\n"
        "leaked = 2\nstring.extra = 2\ncollectgarbage('generational')");
    ASSERT_EQ(next.size(), 11u);
    EXPECT_EQ(std::vector<std::string>(next.begin(), next.begin() + 10),
              (std::vector<std::string>{"nil", "nil", "nil", "function", "false", "0", "nil",
                                        "true", "true", "incremental"}));
    // math.randomseed(42) in "a" does not fix the next script's sequence.
    EXPECT_NE(next[10], first[0]);
  }
}

// Library tables are proxies until a script changes them or looks at them
// raw (lua/sandbox.h); a script sees a plain table of its own either way.
TEST_F(ScriptReuseTest, LibraryTablesLookPlainAndStayTheScriptsOwn) {
  const std::vector<std::string> first = up("a",
      "op.execute(tostring(getmetatable(string)))\n"
      "op.execute(tostring(rawget(string, 'format') == string.format))\n"
      "local n = 0\nfor _ in pairs(math) do n = n + 1 end\n"
      "op.execute(tostring(n > 20))\n"
      "op.execute(tostring(next(utf8) ~= nil))\n"
      "op.execute(tostring(rawlen(table)))\n"
      "string.format = nil\n"
      "op.execute(tostring(string.format))\n"
      "rawset(os, 'extra', 1)\n"
      "op.execute(tostring(os.extra))\n"
      "setmetatable(coroutine, {__index = function() return 'meta' end})\n"
      "op.execute(coroutine.anything)\n"
      "table.insert(math, 1)\n"
      "op.execute(tostring(math[1]))");
  EXPECT_EQ(first, (std::vector<std::string>{"nil", "true", "true", "true", "0", "nil", "1",
                                             "meta", "1"}));
  EXPECT_EQ(up("b",
               "op.execute(type(string.format))\n"
               "op.execute(tostring(os.extra))\n"
               "op.execute(tostring(coroutine.anything))\n"
               "op.execute(tostring(math[1]))\n"
               "op.execute(tostring(getmetatable(coroutine)))\n"
               "op.execute(('%d'):format(3))"),
            (std::vector<std::string>{"function", "nil", "nil", "nil", "nil", "3"}));
  EXPECT_NE(up_error("c", "rawget(1, 'x')")
                .find("bad argument #1 to 'rawget' (table expected, got number)"),
            std::string::npos);
  EXPECT_NE(up_error("d", "next(string, 'no such key')").find("invalid key to 'next'"),
            std::string::npos);
}

// A library's proxy is made when a script first reads its name (Sandbox::
// begin_script); raw looks, pairs() and deleting the name see it there all
// the same.
TEST_F(ScriptReuseTest, LibrariesAreGlobalsBeforeAScriptReadsThem) {
  EXPECT_EQ(up("a",
               "local names = {}\n"
               "for k, v in pairs(_G) do\n"
               "  if type(v) == 'table' and k ~= '_G' then names[#names + 1] = k end\n"
               "end\n"
               "table.sort(names)\n"
               "op.execute(table.concat(names, ','))"),
            (std::vector<std::string>{"coroutine,math,os,string,table,utf8"}));
  EXPECT_EQ(up("b",
               "string = nil\n"
               "op.execute(tostring(string))\n"
               "op.execute(type(rawget(_G, 'math')))\n"
               "op.execute(tostring(rawget(_G, 'no_such_global')))"),
            (std::vector<std::string>{"nil", "table", "nil"}));
  EXPECT_EQ(up("c", "op.execute(type(rawget(_G, 'utf8')))\nop.execute(type(string))"),
            (std::vector<std::string>{"table", "table"}));
  EXPECT_EQ(up("d", "op.execute(tostring(no_such_global))\nop.execute(type(op.execute))"),
            (std::vector<std::string>{"nil", "function"}));
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

}  // namespace
}  // namespace strata
