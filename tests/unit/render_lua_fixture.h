// Shared by render_lua_test.cpp and render_lua_golden_test.cpp: runs
// rendered Lua through the real op API (lua/op_api.h) with a recording sink
// and compares the recorded ops with the expected ones.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "autogen/render_lua.h"
#include "lua/op_api.h"
#include "lua/sandbox.h"
#include "unit/lua_ops_fixture.h"

namespace strata::render_lua_test {

// The ops `text` (a chunk of op API calls) emits.
inline std::vector<ops::Op> run_lua(const std::string& text) {
  lua_ops_test::RecordingSink sink;
  lua::Sandbox sandbox;
  lua::install_op_api(sandbox.state(), sink);
  sandbox.load_text(text, "rendered.lua");
  sandbox.call(0, 0);
  return sink.ops;
}

// Expects `text` to record exactly `expected`; on a difference, says which
// op differs and how each side renders.
inline void expect_records(const std::string& text, const std::vector<ops::Op>& expected,
                           const std::string& label) {
  SCOPED_TRACE(label + "\n--- rendered:\n" + text);
  std::vector<ops::Op> recorded;
  try {
    recorded = run_lua(text);
  } catch (const Error& e) {
    ADD_FAILURE() << "the rendered text does not run: " << e.message();
    return;
  }
  ASSERT_EQ(recorded.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    if (recorded[i] == expected[i]) continue;
    std::string want, got;
    try {
      want = autogen::render_lua({expected[i]}, 0);
      got = autogen::render_lua({recorded[i]}, 0);
    } catch (const Error& e) {
      want = got = "(unrenderable: " + e.message() + ")";
    }
    ADD_FAILURE() << "op " << i << " (" << ops::describe(expected[i])
                  << ") reads back differently\n  expected renders as: " << want
                  << "\n  recorded renders as: " << got;
  }
}

// Round trip: render `ops`, run the text, expect the same ops.
inline void expect_round_trip(const std::vector<ops::Op>& ops, const std::string& label) {
  std::string text;
  try {
    text = autogen::render_lua(ops);
  } catch (const Error& e) {
    ADD_FAILURE() << label << ": render_lua failed: " << e.message();
    return;
  }
  expect_records(text, ops, label);
}

}  // namespace strata::render_lua_test
