// Tests for the Lua layer: sandbox, header reading, op API, script runner.
#include <gtest/gtest.h>

#include <functional>
#include <lua.hpp>
#include <map>
#include <random>

#include "lua/op_api.h"
#include "lua/sandbox.h"
#include "lua/script_header.h"
#include "lua/script_runner.h"
#include "runtime/op_sink.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata {
namespace {

using testing::TempDir;
using testing::write_file;

class FakeSink : public runtime::OpSink {
 public:
  std::string dialect = "postgresql";
  std::vector<ops::Op> ops;
  std::vector<std::string> queries;
  driver::QueryResult result;
  std::map<std::string, std::string> x;
  std::optional<Error> fail_emit;

  std::string_view dialect_name() const override { return dialect; }
  void emit(const ops::Op& op) override {
    if (fail_emit) throw *fail_emit;
    ops.push_back(op);
  }
  driver::QueryResult query(const std::string& sql) override {
    queries.push_back(sql);
    return result;
  }
  std::optional<std::string> x_arg(const std::string& key) const override {
    auto it = x.find(key);
    if (it == x.end()) return std::nullopt;
    return it->second;
  }
};

// The error of `f` (fails the test when nothing is thrown).
Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorCode::kInternal, "");
}

class LuaTest : public ::testing::Test {
 protected:
  // Writes `body` as versions/<name> and runs its upgrade() (or downgrade()).
  std::string path_for(const std::string& name) { return dir_.file("versions/" + name); }
  void run(const std::string& body, bool upgrade = true, const std::string& name = "x.lua") {
    std::string path = path_for(name);
    write_file(path, body);
    script::Revision rev;
    rev.revision = "x";
    rev.path = path;
    lua::ScriptEnv env;
    env.module_roots = {dir_.file("lib")};
    env.instruction_limit = 10'000'000;
    lua::run_migration(rev, upgrade, sink_, env);
  }
  // Runs `code` as the body of upgrade().
  void up(const std::string& code) { run("revision = 'x'\nfunction upgrade()\n" + code + "\nend\n"); }
  std::string up_error(const std::string& code) {
    return error_of([&] { up(code); }).message();
  }
  template <class T>
  const T& op(size_t i = 0) {
    EXPECT_LT(i, sink_.ops.size());
    return std::get<T>(sink_.ops.at(i));
  }

  TempDir dir_;
  FakeSink sink_;
};

// ---- header reading ------------------------------------------------------------

struct HeaderCase {
  HeaderCase(std::string t, bool s, std::string r, std::vector<std::string> d = {},
             std::vector<std::string> l = {}, std::vector<std::string> dep = {})
      : text(std::move(t)), scannable(s), revision(std::move(r)), down(std::move(d)),
        labels(std::move(l)), depends(std::move(dep)) {}
  std::string text;
  bool scannable;
  std::string revision;
  std::vector<std::string> down, labels, depends;
};

script::Revision check_case(const HeaderCase& c, const std::string& path) {
  std::optional<script::Revision> scanned = lua::scan_script_header(c.text, path);
  script::Revision evaluated = lua::eval_script_header(c.text, path);
  EXPECT_EQ(scanned.has_value(), c.scannable) << c.text;
  EXPECT_EQ(evaluated.revision, c.revision) << c.text;
  EXPECT_EQ(evaluated.down_revisions, c.down) << c.text;
  EXPECT_EQ(evaluated.branch_labels, c.labels) << c.text;
  EXPECT_EQ(evaluated.depends_on, c.depends) << c.text;
  if (scanned) {
    EXPECT_EQ(scanned->revision, evaluated.revision) << c.text;
    EXPECT_EQ(scanned->down_revisions, evaluated.down_revisions) << c.text;
    EXPECT_EQ(scanned->branch_labels, evaluated.branch_labels) << c.text;
    EXPECT_EQ(scanned->depends_on, evaluated.depends_on) << c.text;
    EXPECT_EQ(scanned->doc, evaluated.doc) << c.text;
    EXPECT_EQ(scanned->create_date, evaluated.create_date) << c.text;
    EXPECT_EQ(scanned->path, path);
  }
  return evaluated;
}

TEST(ScriptHeader, GeneratedShape) {
  std::string text =
      "-- move rag to schema\n--\n-- Revision ID: 20250826_0004\n-- Revises: 20250812_0003\n"
      "-- Create Date: 2025-08-26 09:00:00\n\nrevision = \"20250826_0004\"\n"
      "down_revision = \"20250812_0003\"\nbranch_labels = nil\ndepends_on = nil\n\n"
      "function upgrade()\nend\n\nfunction downgrade()\nend\n";
  script::Revision r = check_case({text, true, "20250826_0004", {"20250812_0003"}}, "v/a.lua");
  EXPECT_EQ(r.doc, "move rag to schema");
  EXPECT_EQ(r.create_date, "2025-08-26 09:00:00");
  EXPECT_EQ(r.path, "v/a.lua");
}

TEST(ScriptHeader, LiteralFormsAgree) {
  const std::vector<HeaderCase> cases = {
      {"revision = 'a'", true, "a"},
      {"revision = \"a\" down_revision = nil", true, "a"},
      {"revision = 'a'; down_revision = 'b';", true, "a", {"b"}},
      {"revision = 'a' -- the id\ndown_revision = {'b', \"c\"} -- merge\n", true, "a", {"b", "c"}},
      {"revision='a'\ndown_revision={ 'b' , 'c' , }\n", true, "a", {"b", "c"}},
      {"revision = 'a'\ndown_revision = {'b'; 'c'}\n", true, "a", {"b", "c"}},
      {"revision = 'a'\ndown_revision = {}\n", true, "a"},
      {"revision = 'a'\ndown_revision = {\n  'b',\n  'c',\n}\n", true, "a", {"b", "c"}},
      {"revision = 'a'\nbranch_labels = 'core'\n", true, "a", {}, {"core"}},
      {"revision = 'a'\nbranch_labels = {'core', 'x'}\n", true, "a", {}, {"core", "x"}},
      {"revision = 'a'\ndepends_on = 'b'\n", true, "a", {}, {}, {"b"}},
      {"revision = 'a'\ndepends_on = {'b', 'c'}\n", true, "a", {}, {}, {"b", "c"}},
      {"revision = 'x'\nrevision = 'a'\n", true, "a"},
      {"--[[ long\ncomment ]] revision = 'a' --[==[ another ]==]\n", true, "a"},
      {"revision = 'a'\nfunction upgrade()\n  revision = 'bogus'\n  if x then do end end\n"
       "  for i = 1, 2 do end\n  while false do end\n  repeat local y = 1 until true\n"
       "  local s = \"end\" .. [[ end ]] .. 'function'\n  local f = function() end\nend\n"
       "down_revision = 'b'\n",
       true, "a", {"b"}},
      {"local function helper() return 'end' end\nrevision = 'a'\n"
       "function downgrade() helper() end\n",
       true, "a"},
      {"#!/usr/bin/env lua\nrevision = 'a'\n", true, "a"},
      {"function f(a, b, ...) end function g(...) end function h() end\nrevision = 'a'\n", true,
       "a"},
      {"\xEF\xBB\xBFrevision = 'a'\n", true, "a"},
      // Fallback: the scanner does not understand these.
      {"revision = 'a' .. 'b'\n", false, "ab"},
      {"local base = 'x'\nrevision = 'a'\ndown_revision = base\n", false, "a", {"x"}},
      {"revision = \"a\\\"b\"\n", false, "a\"b"},
      {"revision = [[a]]\n", false, "a"},
      {"revision = 'a'\ndown_revision = nil or 'b'\n", false, "a", {"b"}},
      {"revision = 'a'\nif true then down_revision = {'b', 'c'} end\n", false, "a", {"b", "c"}},
      {"t = {}\nrevision = 'a'\nfunction t.x() end\n", false, "a"},
      {"revision = string.format('%s_%d', 'r', 7)\n", false, "r_7"},
      {"revision = 'a'\nlocal T = op.String(10)\n", false, "a"},
  };
  for (const HeaderCase& c : cases) check_case(c, "v/case.lua");
}

TEST(ScriptHeader, DocAndCreateDate) {
  script::Revision r = check_case({"\n-- first line\n-- Create Date: 2024-01-02 03:04:05\n"
                                   "revision = 'a'\n",
                                   true, "a"},
                                  "p.lua");
  // No empty line: the paragraph runs on, as a docstring's would.
  EXPECT_EQ(r.doc, "first line\nCreate Date: 2024-01-02 03:04:05");
  EXPECT_EQ(r.create_date, "2024-01-02 03:04:05");
  r = check_case({"--[[\nLong doc\nCreate Date: 2020-01-01 00:00:00\n]]\nrevision = 'a'\n", true,
                  "a"},
                 "p.lua");
  EXPECT_EQ(r.doc, "Long doc\nCreate Date: 2020-01-01 00:00:00");
  EXPECT_EQ(r.create_date, "2020-01-01 00:00:00");
  r = check_case({"revision = 'a'\n-- not a doc\n", true, "a"}, "p.lua");
  EXPECT_EQ(r.doc, "");
}

// Alembic's Script.doc: the docstring stripped, up to the first blank line
// (issue 9 §4: 292 of 549 revisions in one real project have a multi-line
// first paragraph). Lines keep their trailing spaces; a block that starts
// with "Revision ID:" makes those header lines the message.
TEST(ScriptHeader, DocIsTheFirstParagraph) {
  script::Revision r = check_case(
      {"-- add tier column  \n-- to users\n--\n-- Revision ID: a\n-- Create Date: 2024-01-02\n"
       "revision = 'a'\n",
       true, "a"},
      "p.lua");
  EXPECT_EQ(r.doc, "add tier column  \nto users");
  EXPECT_EQ(r.create_date, "2024-01-02");
  r = check_case({"-- Revision ID: a\n-- Revises:\n-- Create Date: 2024-01-02\n--\n-- more\n"
                  "revision = 'a'\n",
                  true, "a"},
                 "p.lua");
  EXPECT_EQ(r.doc, "Revision ID: a\nRevises:\nCreate Date: 2024-01-02");
  r = check_case({"--\n--   indented start\n-- next\r\n\nrevision = 'a'\n", true, "a"}, "p.lua");
  EXPECT_EQ(r.doc, "indented start\nnext");
}

TEST(ScriptHeader, Errors) {
  auto msg = [](const std::string& text) {
    return error_of([&] { lua::parse_script_header(text, "v/e.lua"); });
  };
  EXPECT_EQ(msg("down_revision = 'b'").message(), "v/e.lua: missing 'revision'");
  EXPECT_EQ(msg("down_revision = 'b'").code(), ErrorCode::kScript);
  EXPECT_EQ(msg("revision = 5").message(), "v/e.lua: 'revision' must be a string");
  EXPECT_EQ(msg("revision = ''").message(), "v/e.lua: 'revision' must not be empty");
  EXPECT_EQ(msg("revision = 'a'\ndown_revision = 5").message(),
            "v/e.lua: 'down_revision' must be nil, a string or a table of strings");
  EXPECT_EQ(msg("revision = 'a'\ndown_revision = {'b', 1}").message(),
            "v/e.lua: 'down_revision' must be nil, a string or a table of strings");
  EXPECT_EQ(msg("revision = 'a'\nbranch_labels = true").message(),
            "v/e.lua: 'branch_labels' must be nil, a string or a table of strings");
  EXPECT_EQ(msg("revision = 'a'\ndepends_on = {x = 'b'}").message(),
            "v/e.lua: 'depends_on' must be nil, a string or a table of strings");
  EXPECT_EQ(msg("revision = 'a'\nfunction upgrade(\nend\n").message(),
            "v/e.lua:3: <name> or '...' expected near 'end'");
  EXPECT_EQ(msg("revision = 'a'\nfunction t.x() end\n").message(),
            "v/e.lua:2: attempt to index a nil value (global 't')");
  EXPECT_EQ(msg("revision = 'a'\nfunction upgrade(a b)\nend\n").message(),
            "v/e.lua:2: ')' expected near 'b'");
  EXPECT_EQ(msg("revision = 'a'\nx = = 1\n").message(), "v/e.lua:2: unexpected symbol near '='");
  EXPECT_EQ(msg("revision = 'a\n").message(), "v/e.lua:1: unfinished string near ''a'");
  EXPECT_EQ(msg("revision = 'a'\nerror('boom')\n").message(), "v/e.lua:2: boom");
  EXPECT_EQ(msg("revision = 'a'\nop.execute('x')\n").message(),
            "v/e.lua:2: operations can only run inside upgrade() or downgrade()");
  EXPECT_EQ(msg("revision = 'a'\nwhile true do end\n").message(),
            "v/e.lua:2: instruction limit exceeded");
  Error io = error_of([] { lua::read_script_header("/nonexistent/x.lua"); });
  EXPECT_EQ(io.code(), ErrorCode::kIo);
  EXPECT_EQ(io.message(), "/nonexistent/x.lua: cannot read: No such file or directory");
}

TEST(ScriptHeader, LongPathsAreNotShortened) {
  std::string path = "/very/long/path/to/a/project/with/many/levels/migrations/versions/"
                     "20250101_0001_a_rather_long_slug.lua";
  Error e = error_of([&] { lua::parse_script_header("revision = 'a'\nerror('boom')\n", path); });
  EXPECT_EQ(e.message(), path + ":2: boom");
  e = error_of([&] { lua::parse_script_header("revision = 'a'\nx = = 1\n", path); });
  EXPECT_EQ(e.message(), path + ":2: unexpected symbol near '='");
}

TEST(ScriptHeader, CorpusAgreement) {
  // Random combinations of the literal forms, comments and function bodies:
  // the scanner must accept them and agree with Lua.
  std::mt19937 gen(42);
  auto pick = [&](int n) { return static_cast<int>(gen() % n); };
  const std::vector<std::string> comments = {"", " -- c", " --[[ c ]]", " -- 'quoted' \"x\""};
  auto value = [&](bool allow_nil) -> std::string {
    switch (pick(allow_nil ? 5 : 2)) {
      case 0: return "'r" + std::to_string(pick(1000)) + "'";
      case 1: return "\"r" + std::to_string(pick(1000)) + "\"";
      case 2: return "nil";
      case 3: return "{'a" + std::to_string(pick(9)) + "', \"b\"}";
      default: return "{}";
    }
  };
  int scanned = 0;
  for (int i = 0; i < 300; ++i) {
    std::string text = "-- message " + std::to_string(i) + "\n--\n-- Create Date: 2025-01-01\n\n";
    std::vector<std::string> lines = {"revision = " + value(false),
                                      "down_revision = " + value(true),
                                      "branch_labels = " + value(true),
                                      "depends_on = " + value(true)};
    std::shuffle(lines.begin(), lines.end(), gen);
    for (const std::string& line : lines) text += line + comments[pick(4)] + "\n";
    if (pick(2)) text += "function upgrade()\n  op.execute('select 1') -- end\nend\n";
    if (pick(2)) text += "local function f() if true then return [==[ end ]==] end end\n";
    std::optional<script::Revision> s = lua::scan_script_header(text, "c.lua");
    script::Revision e = lua::eval_script_header(text, "c.lua");
    ASSERT_TRUE(s.has_value()) << text;
    ++scanned;
    EXPECT_EQ(s->revision, e.revision);
    EXPECT_EQ(s->down_revisions, e.down_revisions);
    EXPECT_EQ(s->branch_labels, e.branch_labels);
    EXPECT_EQ(s->depends_on, e.depends_on);
    EXPECT_EQ(s->doc, e.doc);
    EXPECT_EQ(s->create_date, "2025-01-01");
  }
  EXPECT_EQ(scanned, 300);
}

TEST(ScriptHeader, ReaderFallsBackWithModules) {
  TempDir dir;
  write_file(dir.file("lib/ids.lua"), "return {base = 'b0'}\n");
  write_file(dir.file("v/a.lua"), "local ids = require('ids')\nrevision = 'a'\n"
                                  "down_revision = ids.base\n");
  write_file(dir.file("v/b.lua"), "revision = 'b'\n");
  lua::HeaderReader reader(lua::SandboxOptions{{dir.file("lib")}});
  EXPECT_EQ(reader.read(dir.file("v/a.lua")).down_revisions, std::vector<std::string>{"b0"});
  EXPECT_EQ(reader.read(dir.file("v/b.lua")).revision, "b");
  EXPECT_EQ(reader.fallbacks(), 1);
}

// ---- sandbox -------------------------------------------------------------------

TEST_F(LuaTest, SandboxForbidsDangerousThings) {
  EXPECT_EQ(up_error("os.execute('true')"),
            path_for("x.lua") + ":3: attempt to call a nil value (field 'execute')");
  EXPECT_EQ(up_error("os.exit(1)"),
            path_for("x.lua") + ":3: attempt to call a nil value (field 'exit')");
  EXPECT_EQ(up_error("os.remove('/tmp/x')"),
            path_for("x.lua") + ":3: attempt to call a nil value (field 'remove')");
  EXPECT_EQ(up_error("io.open('/etc/passwd')"),
            path_for("x.lua") + ":3: attempt to index a nil value (global 'io')");
  EXPECT_EQ(up_error("package.loadlib('libc.so.6', 'system')"),
            path_for("x.lua") + ":3: attempt to index a nil value (global 'package')");
  EXPECT_EQ(up_error("dofile('/etc/passwd')"),
            path_for("x.lua") + ":3: attempt to call a nil value (global 'dofile')");
  EXPECT_EQ(up_error("loadfile('/etc/passwd')"),
            path_for("x.lua") + ":3: attempt to call a nil value (global 'loadfile')");
  EXPECT_EQ(up_error("debug.getregistry()"),
            path_for("x.lua") + ":3: attempt to index a nil value (global 'debug')");
  EXPECT_EQ(up_error("local f, e = load(string.dump(function() end), 'b', 'b')\nerror(e, 0)"),
            path_for("x.lua") + ":4: attempt to load a binary chunk (mode is 't')");
  EXPECT_EQ(up_error("local f, e = load(string.dump(function() end))\nerror(e, 0)"),
            path_for("x.lua") + ":4: attempt to load a binary chunk (mode is 't')");
  EXPECT_EQ(up_error("require('os')"),
            path_for("x.lua") + ":3: module 'os' not found in project (searched: " +
                dir_.file("lib") + "/os.lua)");
  EXPECT_EQ(up_error("require('../../etc/passwd')"),
            path_for("x.lua") +
                ":3: module '../../etc/passwd' not found in project (searched: invalid module "
                "name)");
  // `op` is a read-only userdata view (tests/unit/sandbox_test.cpp).
  EXPECT_EQ(up_error("setmetatable(op, {})"),
            path_for("x.lua") +
                ":3: bad argument #1 to 'setmetatable' (table expected, got userdata)");
}

TEST_F(LuaTest, SandboxAllowsSafeLibraries) {
  up("assert(type(os.time()) == 'number')\nassert(os.date('!%Y', 0) == '1970')\n"
     "assert(type(os.clock()) == 'number')\nassert(string.format('%03d', 7) == '007')\n"
     "assert(table.concat({'a', 'b'}, ',') == 'a,b')\nassert(math.max(1, 2) == 2)\n"
     "assert(utf8.len('é') == 1)\nassert(load('return 1 + 1')() == 2)\n"
     "assert(coroutine.wrap(function() coroutine.yield(3) end)() == 3)\n");
}

TEST_F(LuaTest, RequireProjectModules) {
  write_file(dir_.file("lib/util/names.lua"),
             "loads = (loads or 0) + 1\nlocal M = {}\nfunction M.ix(t) return 'ix_' .. t end\n"
             "return M\n");
  up("local a = require('util.names')\nlocal b = require('util.names')\n"
     "assert(a == b and loads == 1)\nop.execute(a.ix('users'))");
  EXPECT_EQ(*op<ops::Execute>().sql, "ix_users");

  write_file(dir_.file("lib/bad.lua"), "local x = 1\nerror('module failed')\n");
  EXPECT_EQ(up_error("require('bad')"), dir_.file("lib/bad.lua") + ":2: module failed");
  write_file(dir_.file("lib/broken.lua"), "local = 1\n");
  EXPECT_EQ(up_error("require('broken')"),
            dir_.file("lib/broken.lua") + ":1: <name> expected near '='");
  EXPECT_EQ(up_error("require('missing.mod')"),
            path_for("x.lua") + ":3: module 'missing.mod' not found in project (searched: " +
                dir_.file("lib") + "/missing/mod.lua)");
}

// ---- runner errors -------------------------------------------------------------

TEST_F(LuaTest, RuntimeErrorsCarryTheScriptLine) {
  EXPECT_EQ(up_error("local a = 1\nop.crate_table('x')"),
            path_for("x.lua") + ":4: attempt to call a nil value (field 'crate_table')");
  EXPECT_EQ(up_error("error('boom')"), path_for("x.lua") + ":3: boom");
  EXPECT_EQ(up_error("error({})"), path_for("x.lua") + ":3: (error object is a table value)");
  EXPECT_EQ(up_error("local t = nil\nlocal n = #t"),
            path_for("x.lua") + ":4: attempt to get length of a nil value (local 't')");
  Error e = error_of([&] { run("revision = 'x'\nfunction upgrade()\nend end\n"); });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path_for("x.lua") + ":3: <eof> expected near 'end'");
  e = error_of([&] { run("revision = 'x'\n"); });
  EXPECT_EQ(e.message(), path_for("x.lua") + ": no upgrade() function");
  e = error_of([&] { run("revision = 'x'\nfunction upgrade() end\n", false); });
  EXPECT_EQ(e.message(), path_for("x.lua") + ": no downgrade() function");
  e = error_of([&] { up("while true do end"); });
  EXPECT_EQ(e.message(), path_for("x.lua") + ":3: instruction limit exceeded");
}

TEST_F(LuaTest, SinkErrorsPropagateWithTheirCode) {
  sink_.fail_emit = Error(ErrorCode::kDatabase, "relation \"x\" already exists");
  Error e = error_of([&] { up("op.execute('create table x ()')"); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  // Positioned at the script line that sent the statement.
  EXPECT_EQ(e.message(), path_for("x.lua") + ":3: relation \"x\" already exists");
  // Re-raised by the script: still the original error.
  e = error_of([&] { up("local ok, err = pcall(op.execute, 'x')\nerror(err)"); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  // Caught and inspected by the script: it sees the message and goes on.
  sink_.fail_emit.reset();
  up("sink_ok = true");
  sink_.fail_emit = Error(ErrorCode::kDatabase, "boom");
  e = error_of([&] {
    up("local ok, err = pcall(op.execute, 'x')\nassert(not ok)\n"
       "error('seen: ' .. tostring(err))");
  });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path_for("x.lua") + ":5: seen: boom");
}

// ---- op API --------------------------------------------------------------------

TEST_F(LuaTest, ExecuteForms) {
  up("op.execute('select 1')\nop.execute(op.text('select 2'))\n"
     "op.execute{postgresql = 'select now()', sqlite = \"select datetime('now')\", "
     "sql = 'select 3'}\nop.execute{'select 4', mssql = 'select getdate()'}");
  ASSERT_EQ(sink_.ops.size(), 4u);
  EXPECT_EQ(*op<ops::Execute>(0).sql, "select 1");
  EXPECT_TRUE(op<ops::Execute>(0).per_dialect.empty());
  EXPECT_EQ(*op<ops::Execute>(1).sql, "select 2");
  const ops::Execute& e = op<ops::Execute>(2);
  EXPECT_EQ(*e.sql, "select 3");
  EXPECT_EQ(e.per_dialect.at("postgresql"), "select now()");
  EXPECT_EQ(e.per_dialect.at("sqlite"), "select datetime('now')");
  EXPECT_EQ(*op<ops::Execute>(3).sql, "select 4");
  EXPECT_EQ(op<ops::Execute>(3).per_dialect.at("mssql"), "select getdate()");
  EXPECT_EQ(up_error("op.execute{postgresq = 'x'}"),
            path_for("x.lua") + ":3: op.execute: unknown dialect 'postgresq' (expected sql, "
                                "postgresql, sqlite, mssql, mysql or mariadb)");
  EXPECT_EQ(up_error("op.execute(nil)"),
            path_for("x.lua") + ":3: op.execute: sql must be a string, got nil");
}

TEST_F(LuaTest, Schemas) {
  up("op.create_schema('core', {if_not_exists = true})\nop.create_schema('a')\n"
     "op.drop_schema('core', {if_exists = true, cascade = true})\nop.drop_schema('a')");
  EXPECT_EQ(op<ops::CreateSchema>(0).name, "core");
  EXPECT_TRUE(op<ops::CreateSchema>(0).if_not_exists);
  EXPECT_FALSE(op<ops::CreateSchema>(1).if_not_exists);
  EXPECT_TRUE(op<ops::DropSchema>(2).if_exists);
  EXPECT_TRUE(op<ops::DropSchema>(2).cascade);
  EXPECT_FALSE(op<ops::DropSchema>(3).cascade);
}

TEST_F(LuaTest, CreateTable) {
  up(R"lua(op.create_table("users",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("email", op.String(255), {nullable = false, unique = true, comment = "login"}),
    op.column("created_at", op.DateTime{timezone = true}, {server_default = op.text("now()")}),
    op.column("org_id", op.BigInteger, {foreign_key = {"core.orgs.id", ondelete = "CASCADE"}}),
    op.column("team_id", "INTEGER", {foreign_key = "teams.id"}),
    op.column("price", op.Numeric(10, 2), {server_default = 0}),
    op.column("flag", op.Boolean, {server_default = false, autoincrement = false}),
    op.column("doc", "tsvector"),
    op.column("location_id", op.Integer),
    op.foreign_key_constraint({"location_id"}, "core.locations", {"id"},
                              {name = "fk_x", ondelete = "CASCADE", onupdate = "CASCADE"}),
    op.check_constraint("ck_positive", "price > 0"),
    op.check_constraint("price < 1000"),
    op.unique_constraint({"org_id", "email"}, {name = "uq_ab"}),
    op.primary_key_constraint("id", {name = "pk_users"}),
    {schema = "core", comment = "application users", if_not_exists = true}))lua");
  const ops::CreateTable& ct = op<ops::CreateTable>();
  const model::Table& t = ct.table;
  EXPECT_TRUE(ct.if_not_exists);
  EXPECT_EQ(t.name, "users");
  EXPECT_EQ(*t.schema, "core");
  EXPECT_EQ(*t.comment, "application users");
  ASSERT_EQ(t.columns.size(), 9u);
  EXPECT_EQ(t.columns[0].name, "id");
  EXPECT_EQ(t.columns[0].type.kind, model::Type::Kind::kInteger);
  EXPECT_TRUE(t.columns[0].primary_key);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[1].type.kind, model::Type::Kind::kString);
  EXPECT_EQ(*t.columns[1].type.length, 255);
  EXPECT_FALSE(t.columns[1].nullable);
  EXPECT_TRUE(t.columns[1].unique);
  EXPECT_EQ(*t.columns[1].comment, "login");
  EXPECT_EQ(t.columns[2].type.kind, model::Type::Kind::kDateTime);
  EXPECT_TRUE(t.columns[2].type.timezone);
  EXPECT_EQ(t.columns[2].server_default->value, "now()");
  EXPECT_TRUE(t.columns[2].server_default->is_expression);
  EXPECT_TRUE(t.columns[2].nullable);
  EXPECT_EQ(t.columns[3].type.kind, model::Type::Kind::kBigInteger);
  EXPECT_EQ(t.columns[4].type.kind, model::Type::Kind::kRaw);
  EXPECT_EQ(t.columns[4].type.raw, "INTEGER");
  EXPECT_EQ(*t.columns[5].type.precision, 10);
  EXPECT_EQ(*t.columns[5].type.scale, 2);
  EXPECT_EQ(t.columns[5].server_default->value, "0");
  EXPECT_FALSE(t.columns[5].server_default->is_expression);
  EXPECT_EQ(t.columns[6].server_default->value, "false");
  EXPECT_EQ(*t.columns[6].autoincrement, false);
  EXPECT_FALSE(t.columns[5].autoincrement.has_value());
  EXPECT_EQ(t.columns[7].type.raw, "tsvector");
  ASSERT_EQ(t.foreign_keys.size(), 3u);
  EXPECT_EQ(t.foreign_keys[0].columns, std::vector<std::string>{"org_id"});
  EXPECT_EQ(*t.foreign_keys[0].ref_schema, "core");
  EXPECT_EQ(t.foreign_keys[0].ref_table, "orgs");
  EXPECT_EQ(t.foreign_keys[0].ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(*t.foreign_keys[0].ondelete, "CASCADE");
  EXPECT_FALSE(t.foreign_keys[1].ref_schema.has_value());
  EXPECT_EQ(t.foreign_keys[1].ref_table, "teams");
  EXPECT_EQ(*t.foreign_keys[2].name, "fk_x");
  EXPECT_EQ(*t.foreign_keys[2].ref_schema, "core");
  EXPECT_EQ(t.foreign_keys[2].ref_table, "locations");
  EXPECT_EQ(*t.foreign_keys[2].onupdate, "CASCADE");
  ASSERT_EQ(t.checks.size(), 2u);
  EXPECT_EQ(*t.checks[0].name, "ck_positive");
  EXPECT_EQ(t.checks[0].sqltext, "price > 0");
  EXPECT_FALSE(t.checks[1].name.has_value());
  EXPECT_EQ(t.checks[1].sqltext, "price < 1000");
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(*t.uniques[0].name, "uq_ab");
  EXPECT_EQ(t.uniques[0].columns, (std::vector<std::string>{"org_id", "email"}));
  EXPECT_EQ(*t.primary_key->name, "pk_users");
  EXPECT_EQ(t.primary_key->columns, std::vector<std::string>{"id"});
}

TEST_F(LuaTest, ArgumentErrorsPointAtTheCallingLine) {
  std::string p = path_for("x.lua");
  EXPECT_EQ(up_error("op.create_table('t',\n  op.column('id', op.Integer),\n"
                     "  op.column('email', 'Strng'))"),
            p + ":5: op.column 'email': unknown type 'Strng'");
  EXPECT_EQ(up_error("local t = op.Strng"), p + ":3: unknown type 'Strng' (op.Strng)");
  EXPECT_EQ(up_error("op.column('a', nil)"),
            p + ":3: op.column 'a': type must be an op type (op.Integer, op.String(255), ...) "
                "or a SQL type string, got nil");
  EXPECT_EQ(up_error("op.create_table('t', 'id')"),
            p + ":3: op.create_table: argument 2: expected op.column(...) or a constraint, got "
                "string");
  EXPECT_EQ(up_error("op.drop_table('t', {shema = 'x'})"),
            p + ":3: op.drop_table: unknown option 'shema'");
  EXPECT_EQ(up_error("op.drop_table('t', {if_exists = 'yes'})"),
            p + ":3: op.drop_table: option 'if_exists' must be a boolean, got string");
  EXPECT_EQ(up_error("op.column('a', op.Integer(5))"), p + ":3: op.Integer: takes no arguments");
  EXPECT_EQ(up_error("op.column('a', op.DateTime{tz = true})"),
            p + ":3: op.DateTime: unknown parameter 'tz'");
  EXPECT_EQ(up_error("op.create_table('t', op.column('a', 'INT'), op.column('a', 'INT'))"),
            p + ":3: op.create_table: duplicate column 'a'");
  EXPECT_EQ(up_error("op.foreign_key_constraint({'a', 'b'}, 't', {'id'})"),
            p + ":3: op.foreign_key_constraint: columns and referenced columns differ in number");
  EXPECT_EQ(up_error("op.add_column('t', op.column('a', 'INT', {foreign_key = 'o.id'}))"),
            p + ":3: op.add_column: a column-level foreign_key is not supported here; add the "
                "constraint separately");
  EXPECT_EQ(up_error("op.column('a', 'INT', {foreign_key = 'orgs'})"),
            p + ":3: op.column 'a': foreign_key must be \"[schema.]table.column\", got 'orgs'");
  EXPECT_TRUE(sink_.ops.empty());
}

TEST_F(LuaTest, TypeValues) {
  up("local types = {op.Integer, op.BigInteger, op.SmallInteger, op.String, op.String(20), "
     "op.Text, op.Boolean, op.Numeric, op.Numeric(5), op.Float, op.Float(53), op.Date, "
     "op.DateTime, op.Time{timezone = true}, op.LargeBinary, op.JSON, op.UUID, 'Integer', "
     "'VARCHAR(10)', op.String{length = 3}}\n"
     "local cols = {}\nfor i, t in ipairs(types) do cols[i] = op.column('c' .. i, t) end\n"
     "op.create_table('t', table.unpack(cols))\n"
     "assert(tostring(op.String(20)) == 'String(20)')\n"
     "assert(tostring(op.Numeric(10, 2)) == 'Numeric(10, 2)')");
  using K = model::Type::Kind;
  const std::vector<model::Column>& c = op<ops::CreateTable>().table.columns;
  ASSERT_EQ(c.size(), 20u);
  std::vector<K> kinds;
  for (const model::Column& col : c) kinds.push_back(col.type.kind);
  EXPECT_EQ(kinds, (std::vector<K>{K::kInteger, K::kBigInteger, K::kSmallInteger, K::kString,
                                   K::kString, K::kText, K::kBoolean, K::kNumeric, K::kNumeric,
                                   K::kFloat, K::kFloat, K::kDate, K::kDateTime, K::kTime,
                                   K::kLargeBinary, K::kJson, K::kUuid, K::kInteger, K::kRaw,
                                   K::kString}));
  EXPECT_FALSE(c[3].type.length.has_value());
  EXPECT_EQ(*c[4].type.length, 20);
  EXPECT_EQ(*c[8].type.precision, 5);
  EXPECT_FALSE(c[8].type.scale.has_value());
  EXPECT_EQ(*c[10].type.precision, 53);
  EXPECT_FALSE(c[12].type.timezone);
  EXPECT_TRUE(c[13].type.timezone);
  EXPECT_EQ(c[18].type.raw, "VARCHAR(10)");
  EXPECT_EQ(*c[19].type.length, 3);
}

TEST_F(LuaTest, TableAndColumnOps) {
  up("op.drop_table('t', {schema = 's', if_exists = true})\nop.drop_table('u')\n"
     "op.add_column('t', op.column('c', op.Text, {nullable = false, server_default = 'x'}), "
     "{schema = 's', if_not_exists = true})\n"
     "op.drop_column('t', 'c', {schema = 's', if_exists = true})\n"
     "op.rename_table('old', 'new', {schema = 's'})\nop.rename_table('a', 'b')");
  ASSERT_EQ(sink_.ops.size(), 6u);
  EXPECT_EQ(*op<ops::DropTable>(0).schema, "s");
  EXPECT_EQ(op<ops::DropTable>(0).name, "t");
  EXPECT_TRUE(op<ops::DropTable>(0).if_exists);
  EXPECT_FALSE(op<ops::DropTable>(1).schema.has_value());
  const ops::AddColumn& ac = op<ops::AddColumn>(2);
  EXPECT_EQ(ac.table, "t");
  EXPECT_EQ(*ac.schema, "s");
  EXPECT_TRUE(ac.if_not_exists);
  EXPECT_EQ(ac.column.name, "c");
  EXPECT_FALSE(ac.column.nullable);
  EXPECT_EQ(ac.column.server_default->value, "x");
  const ops::DropColumn& dc = op<ops::DropColumn>(3);
  EXPECT_EQ(dc.table, "t");
  EXPECT_EQ(dc.column, "c");
  EXPECT_TRUE(dc.if_exists);
  EXPECT_EQ(op<ops::RenameTable>(4).old_name, "old");
  EXPECT_EQ(op<ops::RenameTable>(4).new_name, "new");
  EXPECT_EQ(*op<ops::RenameTable>(4).schema, "s");
  EXPECT_FALSE(op<ops::RenameTable>(5).schema.has_value());
}

TEST_F(LuaTest, IndexOps) {
  up("op.create_index(op.f('ix_users_email'), 'users', {'email', op.text('lower(name)')}, "
     "{schema = 'core', unique = true, where = 'active', include = {'id'}, "
     "if_not_exists = true})\n"
     "op.create_index('ix_b', 'users', 'b', {where = op.text('b > 0')})\n"
     "op.drop_index('ix_b', {table = 'users', schema = 'core', if_exists = true})\n"
     "op.drop_index('ix_c')");
  const ops::CreateIndex& ci = op<ops::CreateIndex>(0);
  EXPECT_EQ(ci.index.name, "ix_users_email");
  EXPECT_EQ(ci.index.table, "users");
  EXPECT_EQ(*ci.index.schema, "core");
  ASSERT_EQ(ci.index.elements.size(), 2u);
  EXPECT_EQ(ci.index.elements[0].text, "email");
  EXPECT_FALSE(ci.index.elements[0].is_expression);
  EXPECT_EQ(ci.index.elements[1].text, "lower(name)");
  EXPECT_TRUE(ci.index.elements[1].is_expression);
  EXPECT_TRUE(ci.index.unique);
  EXPECT_EQ(*ci.index.where, "active");
  EXPECT_EQ(ci.index.include, std::vector<std::string>{"id"});
  EXPECT_TRUE(ci.if_not_exists);
  EXPECT_EQ(op<ops::CreateIndex>(1).index.elements[0].text, "b");
  EXPECT_EQ(*op<ops::CreateIndex>(1).index.where, "b > 0");
  const ops::DropIndex& di = op<ops::DropIndex>(2);
  EXPECT_EQ(di.name, "ix_b");
  EXPECT_EQ(*di.table, "users");
  EXPECT_EQ(*di.schema, "core");
  EXPECT_TRUE(di.if_exists);
  EXPECT_FALSE(op<ops::DropIndex>(3).table.has_value());
}

TEST_F(LuaTest, QueryXAndDialect) {
  sink_.result.columns = {"id", "name"};
  sink_.result.rows = {{std::string("1"), std::string("a")}, {std::string("2"), std::nullopt}};
  sink_.x = {{"tenant", "acme"}};
  sink_.dialect = "sqlite";
  up("op.execute('create table t (id int)')\n"
     "local rows = op.query('select id, name from t')\n"
     "assert(#rows == 2)\nassert(rows[1].id == '1' and rows[1].name == 'a')\n"
     "assert(rows[2].id == '2' and rows[2].name == nil)\n"
     "assert(op.x('tenant') == 'acme')\nassert(op.x('nope') == nil)\n"
     "assert(op.x('nope', 'dflt') == 'dflt')\nassert(op.dialect == 'sqlite')\n"
     "op.execute('-- ' .. op.x('tenant'))");
  EXPECT_EQ(sink_.queries, std::vector<std::string>{"select id, name from t"});
  ASSERT_EQ(sink_.ops.size(), 2u);
  EXPECT_EQ(*op<ops::Execute>(1).sql, "-- acme");
}

TEST_F(LuaTest, QueryErrorsPropagate) {
  class OfflineSink : public FakeSink {
    driver::QueryResult query(const std::string&) override {
      throw Error(ErrorCode::kScript, "op.query is not available in --sql mode");
    }
  } offline;
  write_file(path_for("q.lua"), "revision = 'q'\nfunction upgrade()\n op.query('select 1')\nend\n");
  script::Revision rev;
  rev.path = path_for("q.lua");
  Error e = error_of([&] { lua::run_migration(rev, true, offline, {}); });
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), rev.path + ":3: op.query is not available in --sql mode");
}

TEST_F(LuaTest, DowngradeRuns) {
  run("revision = 'x'\nfunction upgrade() op.execute('up') end\n"
      "function downgrade() op.execute('down') end\n",
      false);
  ASSERT_EQ(sink_.ops.size(), 1u);
  EXPECT_EQ(*op<ops::Execute>().sql, "down");
}

}  // namespace
}  // namespace strata
