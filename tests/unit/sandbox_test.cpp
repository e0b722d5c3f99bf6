// Issue 8 §10 "sandbox holes" and "errors that mislead", through
// lua::run_migration with a recording sink:
//   - require refuses a module whose real path is outside the module roots
//     (a symlink in lib/), a name with a NUL byte, and a non-regular file;
//   - the string metatable is protected and string methods cannot be
//     replaced through `string`; the op table is read-only; nothing a
//     revision does changes the next revision's op API or string methods;
//   - after upgrade() returned the op API raises: a __gc finalizer or a kept
//     reference sends no statement, and the step fails naming the line;
//   - a statement a finalizer sent during upgrade() that failed is reported
//     as itself (not as a later symptom);
//   - error messages are one line, bounded, the real cause kept.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lua/sandbox.h"
#include "lua/script_runner.h"
#include "runtime/op_sink.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

class RecordingSink : public runtime::OpSink {
 public:
  std::vector<std::string> statements;  // op.execute SQL, in order
  std::optional<Error> fail_emit;

  std::string_view dialect_name() const override { return "postgresql"; }
  void emit(const ops::Op& op) override {
    if (fail_emit) throw *fail_emit;
    if (const auto* e = std::get_if<ops::Execute>(&op)) statements.push_back(e->sql.value_or(""));
  }
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

class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::create_directories(dir_.file("lib")); }

  // Writes `body` as versions/<name> and runs its upgrade().
  void run(const std::string& body, const std::string& name = "x.lua") {
    const std::string path = dir_.file("versions/" + name);
    write_file(path, body);
    script::Revision rev;
    rev.revision = "x";
    rev.path = path;
    lua::ScriptEnv env;
    env.module_roots = {dir_.file("lib")};
    env.instruction_limit = 50'000'000;
    lua::run_migration(rev, true, sink_, env);
  }
  // `code` as the body of upgrade() (line 3 of the script is its first line).
  void up(const std::string& code, const std::string& name = "x.lua") {
    run("revision = 'x'\nfunction upgrade()\n" + code + "\nend\n", name);
  }
  Error up_error(const std::string& code) {
    return error_of([&] { up(code); });
  }
  std::string path(const std::string& name = "x.lua") { return dir_.file("versions/" + name); }

  TempDir dir_;
  RecordingSink sink_;
};

// ---- require -------------------------------------------------------------------

TEST_F(SandboxTest, RequireRefusesSymlinkOutOfModuleRoots) {
  write_file(dir_.file("outside/secret.lua"), "return 'secret'\n");
  fs::create_symlink(dir_.file("outside/secret.lua"), dir_.file("lib/leak.lua"));
  Error e = up_error("op.execute(require('leak'))");
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path() + ":3: module 'leak': " + dir_.file("lib/leak.lua") +
                             " resolves outside the module roots (a symlink out of lib/?)");
  EXPECT_TRUE(sink_.statements.empty());
  // A symlinked directory inside the roots that points out is refused too.
  fs::create_directories(dir_.file("outside/pkg"));
  write_file(dir_.file("outside/pkg/m.lua"), "return 'm'\n");
  fs::create_directory_symlink(dir_.file("outside/pkg"), dir_.file("lib/pkg"));
  e = up_error("op.execute(require('pkg.m'))");
  EXPECT_NE(e.message().find("resolves outside the module roots"), std::string::npos)
      << e.message();
  EXPECT_TRUE(sink_.statements.empty());
}

TEST_F(SandboxTest, RequireFollowsSymlinkInsideModuleRoots) {
  write_file(dir_.file("lib/real/names.lua"), "return 'SELECT 1'\n");
  fs::create_symlink(dir_.file("lib/real/names.lua"), dir_.file("lib/alias.lua"));
  up("op.execute(require('alias'))");
  EXPECT_EQ(sink_.statements, std::vector<std::string>{"SELECT 1"});
}

TEST_F(SandboxTest, RequireRefusesNulInModuleName) {
  write_file(dir_.file("lib/ok.lua"), "return 'SELECT ok'\n");
  Error e = up_error("op.execute(require('ok\\0x'))");
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(), path() + ":3: require: module name contains a NUL byte");
  EXPECT_TRUE(sink_.statements.empty());
}

TEST_F(SandboxTest, RequireRefusesFifoPromptly) {
  ASSERT_EQ(::mkfifo(dir_.file("lib/pipe.lua").c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  Error e = up_error("require('pipe')");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(e.message(),
            path() + ":3: module 'pipe': " + dir_.file("lib/pipe.lua") + ": not a regular file");
}

// ---- string metatable and op table ------------------------------------------------

TEST_F(SandboxTest, StringMetatableIsProtected) {
  up("op.execute(tostring(getmetatable('')))\n"
     "string.upper = function() return 'hijacked' end\n"
     "op.execute(('select 2'):upper())\n"
     "op.execute(string.upper('x'))");
  EXPECT_EQ(sink_.statements, (std::vector<std::string>{"false", "SELECT 2", "hijacked"}));
  Error e = up_error("getmetatable('').__index = {}");
  EXPECT_NE(e.message().find(path() + ":3: attempt to index a boolean value"), std::string::npos)
      << e.message();
}

TEST_F(SandboxTest, OpTableIsReadOnly) {
  Error e = up_error("op.execute = function() end");
  EXPECT_EQ(e.message(), path() + ":3: op is read-only (assigning op.execute)");
  e = up_error("rawset(op, 'execute', print)");
  EXPECT_NE(e.message().find("bad argument #1 to 'rawset' (table expected, got userdata)"),
            std::string::npos)
      << e.message();
  e = up_error("setmetatable(op, {})");
  EXPECT_NE(e.message().find("bad argument #1 to 'setmetatable' (table expected"),
            std::string::npos)
      << e.message();
  EXPECT_TRUE(sink_.statements.empty());
  // The API still reads as before.
  up("op.execute(op.dialect)");
  EXPECT_EQ(sink_.statements, std::vector<std::string>{"postgresql"});
}

TEST_F(SandboxTest, OneRevisionCannotChangeTheNextOnesApi) {
  up("pcall(function() op.execute = function() end end)\n"
     "string.format = function() return 'hijacked' end\n"
     "op.execute('first')",
     "a.lua");
  up("op.execute(('%d'):format(7))\nop.execute(string.format('%d', 8))", "b.lua");
  EXPECT_EQ(sink_.statements, (std::vector<std::string>{"first", "7", "8"}));
}

// ---- the op API after upgrade() returned -------------------------------------------

TEST_F(SandboxTest, FinalizerCannotSendStatementsAfterUpgradeReturned) {
  // Held by a local until upgrade() returns, then garbage: finalized when
  // the step ends, while the op API refuses.
  Error e = up_error(
      "local keep = setmetatable({}, {__gc = function() op.execute('DROP TABLE victim') end})\n"
      "op.execute('SELECT 1')");
  EXPECT_EQ(e.code(), ErrorCode::kScript);
  EXPECT_EQ(e.message(),
            path() + ":3: op.* called after upgrade() returned (in a __gc finalizer)");
  EXPECT_EQ(sink_.statements, std::vector<std::string>{"SELECT 1"});
}

TEST_F(SandboxTest, KeptReferenceInGlobalFinalizerIsRefused) {
  // Reachable until the state closes; the function kept in a local.
  sink_.statements.clear();
  Error e = error_of([&] {
    run("revision = 'x'\nlocal execute = op.execute\n"
        "function upgrade()\n"
        "  keep = setmetatable({}, {__gc = function() execute('DROP TABLE victim') end})\n"
        "end\n");
  });
  EXPECT_EQ(e.message(),
            path() + ":4: op.* called after upgrade() returned (in a __gc finalizer)");
  EXPECT_TRUE(sink_.statements.empty());
}

TEST_F(SandboxTest, FailingStatementFromFinalizerIsReportedAsItself) {
  // A finalizer that runs during upgrade() may send statements; when one
  // fails, that error fails the step (Lua alone would only warn).
  sink_.fail_emit = Error(ErrorCode::kDatabase, "relation \"victim\" does not exist");
  Error e = up_error(
      "setmetatable({}, {__gc = function() op.execute('DROP TABLE victim') end})\n"
      "collectgarbage()\ncollectgarbage()");
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.message(), path() + ":3: relation \"victim\" does not exist");
}

// ---- one-line errors --------------------------------------------------------------

TEST_F(SandboxTest, DeepCoroutineRecursionIsOneShortLine) {
  Error e = error_of([&] {
    run("revision = 'x'\n"
        "local function deep(n)\n"
        "  local co = coroutine.create(function() return deep(n + 1) end)\n"
        "  local ok, err = coroutine.resume(co)\n"
        "  if not ok then error(err) end\n"
        "  return err\n"
        "end\n"
        "function upgrade() deep(1) end\n");
  });
  const std::string m = e.message();
  EXPECT_EQ(m.find('\n'), std::string::npos);
  EXPECT_LE(m.size(), 1000u) << m.size();
  EXPECT_EQ(m.rfind(path() + ":5: ", 0), 0u) << m;
  EXPECT_EQ(m.substr(m.size() - 16), "C stack overflow") << m;
}

TEST_F(SandboxTest, NewlinesInMessagesAreEscaped) {
  Error e = up_error("error('first\\nsecond\\r\\nthird')");
  EXPECT_EQ(e.message(), path() + ":3: first\\nsecond\\r\\nthird");
}

TEST(OneErrorLine, KeepsPositionAndCauseWhenCut) {
  const std::string long_middle(5000, 'x');
  const std::string m = lua::one_error_line("a.lua:1: start " + long_middle + " the cause", 200);
  EXPECT_EQ(m.size(), 200u);
  EXPECT_EQ(m.rfind("a.lua:1: start ", 0), 0u) << m;
  EXPECT_NE(m.find(" ... "), std::string::npos) << m;
  EXPECT_EQ(m.substr(m.size() - 9), "the cause");
  EXPECT_EQ(lua::one_error_line("x.lua:5: lib/m.lua:3: boom"), "x.lua:5: lib/m.lua:3: boom");
  EXPECT_EQ(lua::one_error_line("a.lua:6: a.lua:6: a.lua:6: a.lua:9: boom"), "a.lua:6: a.lua:9: boom");
}

}  // namespace
}  // namespace strata
