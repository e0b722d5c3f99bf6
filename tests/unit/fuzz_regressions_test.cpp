// Inputs the libFuzzer targets (fuzz/) found failing, kept as plain tests so
// the main build checks them without clang; each also sits in
// fuzz/corpus/<target>/regression-*.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "config/config.h"
#include "lua/script_header.h"
#include "script/migration_plan.h"
#include "script/revision_map.h"
#include "strata/error.h"

namespace strata {
namespace {

script::Revision rev(std::string id, std::vector<std::string> down, std::vector<std::string> labels = {}) {
  script::Revision r;
  r.revision = std::move(id);
  r.down_revisions = std::move(down);
  r.branch_labels = std::move(labels);
  r.path = r.revision + ".lua";
  return r;
}

// fuzz_header_lua: a NUL inside the revision id made the scanner and the Lua
// fallback disagree ("bbbb2222\0..." vs "bbbb2222"); both now refuse it.
TEST(FuzzRegressions, NulByteInHeaderValueIsRefusedByBothPaths) {
  std::string text = std::string("revision = \"bbbb2222") + '\0' + "x\"\ndown_revision = nil\n";
  EXPECT_FALSE(lua::scan_script_header(text, "a.lua"));
  try {
    lua::eval_script_header(text, "a.lua");
    FAIL() << "accepted a NUL byte in the revision id";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "a.lua: 'revision' contains a NUL byte");
  }
  std::string list = std::string("revision = \"bbbb2222\"\ndown_revision = {\"a") + '\0' + "b\"}\n";
  EXPECT_THROW(lua::parse_script_header(list, "b.lua"), Error);
}

// fuzz_url: a percent-encoded '@' in the host was printed decoded, so the
// redacted URL named another host.
TEST(FuzzRegressions, RedactedUrlKeepsAnEncodedHostEncoded) {
  config::Url url = config::parse_url("postgresql://us%40eh0.com/3db");
  EXPECT_EQ(*url.host, "us@eh0.com");
  EXPECT_EQ(url.redacted(), "postgresql://us%40eh0.com/3db");
  EXPECT_EQ(config::parse_url(url.redacted()).host, url.host);
  EXPECT_EQ(config::parse_url("postgresql://u:p@[::1]:5/db").redacted(), "postgresql://u:***@[::1]:5/db");
}

// fuzz_revision: a relative step past long's range negated LONG_MIN (UB).
TEST(FuzzRegressions, HugeRelativeStepIsAnErrorNotUndefined) {
  script::RevisionMap map({rev("a1a1", {}), rev("b2b2", {"a1a1"})});
  EXPECT_THROW(script::plan_downgrade(map, "-1444444444444444444444444444444444444444444", {"b2b2"}),
               Error);
  EXPECT_THROW(script::plan_upgrade(map, "+99999999999999999999999", {}), Error);
}

// fuzz_revision: a down_revision listed twice made the topological sort
// spin forever.
TEST(FuzzRegressions, DuplicateDownRevisionDoesNotHang) {
  script::RevisionMap map({rev("a1", {}), rev("bsfea", {}), rev("b2", {"a1", "a1"}, {"f2", "feat"}),
                           rev("c3", {"b2"})});
  auto start = std::chrono::steady_clock::now();
  std::vector<const script::Revision*> revs =
      map.iterate_revisions(std::string("heads"), std::string("base"), {});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(revs.size(), 4u);
}

}  // namespace
}  // namespace strata
