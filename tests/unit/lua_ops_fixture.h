// Fixture for the op API tests (lua_ops_test.cpp, lua_blocks_test.cpp): runs
// a script's upgrade()/downgrade() against a sink that records every op.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lua/script_runner.h"
#include "runtime/op_sink.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::lua_ops_test {

class RecordingSink : public runtime::OpSink {
 public:
  std::string dialect = "postgresql";
  std::vector<ops::Op> ops;
  std::vector<std::string> queries;
  std::map<std::string, std::string> x;

  std::string_view dialect_name() const override { return dialect; }
  void emit(const ops::Op& op) override { ops.push_back(op); }
  driver::QueryResult query(const std::string& sql) override {
    queries.push_back(sql);
    return {};
  }
  std::optional<std::string> x_arg(const std::string& key) const override {
    auto it = x.find(key);
    if (it == x.end()) return std::nullopt;
    return it->second;
  }
};

// The error of `f` (fails the test when nothing is thrown).
inline Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorCode::kInternal, "");
}

class OpApiTest : public ::testing::Test {
 protected:
  std::string path() { return dir_.file("versions/x.lua"); }
  // Runs `script` (a whole revision file) as versions/x.lua.
  void run(const std::string& script, bool upgrade = true) {
    testing::write_file(path(), script);
    script::Revision rev;
    rev.revision = "x";
    rev.path = path();
    lua::ScriptEnv env;
    env.instruction_limit = 10'000'000;
    lua::run_migration(rev, upgrade, sink_, env);
  }
  // Runs `code` as the body of upgrade(); its first line is line 3.
  void up(const std::string& code) { run("revision = 'x'\nfunction upgrade()\n" + code + "\nend\n"); }
  // The message of the error `code` raises, with the script path replaced by "x.lua".
  std::string up_error(const std::string& code) {
    Error e = error_of([&] { up(code); });
    EXPECT_EQ(e.code(), ErrorCode::kScript) << e.message();
    std::string m = e.message();
    if (m.rfind(path(), 0) == 0) m = "x.lua" + m.substr(path().size());
    return m;
  }
  template <class T>
  const T& op(size_t i = 0) {
    EXPECT_LT(i, sink_.ops.size());
    return std::get<T>(sink_.ops.at(i));
  }

  testing::TempDir dir_;
  RecordingSink sink_;
};

}  // namespace strata::lua_ops_test
