// strata.toml nesting is bounded before toml++ parses it (issue 8 §10): a
// dotted key of 50,000 parts, or arrays / inline tables nested thousands
// deep, used to overflow toml++'s stack (SIGSEGV). load_config now throws
// Error(kConfig) "<path>:LINE: keys nested deeper than 64 levels" in-process;
// ordinary dotted keys, dots in strings and comments, and floats still load.
#include <gtest/gtest.h>

#include <string>

#include "config/config.h"
#include "config/toml_nesting.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::config {
namespace {

using strata::testing::TempDir;
using strata::testing::write_file;

std::string repeat(const std::string& part, int n, const std::string& sep) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? sep : "") + part;
  return out;
}

class ConfigNesting : public ::testing::Test {
 protected:
  // Loads `text` as strata.toml; returns the error message ("" when it loads).
  std::string load(const std::string& text) {
    write_file(path(), text);
    try {
      load_config(path());
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kConfig) << e.message();
      return e.message();
    }
    return "";
  }
  std::string path() const { return dir.file("strata.toml"); }
  std::string too_deep(int line) const {
    return path() + ":" + std::to_string(line) + ": keys nested deeper than 64 levels";
  }
  TempDir dir;
};

TEST_F(ConfigNesting, DottedKeyOf50000PartsIsRefused) {
  EXPECT_EQ(load("script_location = \"m\"\n" + repeat("a", 50000, ".") + " = 1\n"), too_deep(2));
}

TEST_F(ConfigNesting, DeepTableHeaderIsRefused) {
  EXPECT_EQ(load("\n\n[" + repeat("a", 50000, ".") + "]\nx = 1\n"), too_deep(3));
  EXPECT_EQ(load("[[" + repeat("\"q\"", 50000, ".") + "]]\n"), too_deep(1));
}

TEST_F(ConfigNesting, DeepArraysAndInlineTablesAreRefused) {
  EXPECT_EQ(load("x = " + std::string(50000, '[') + std::string(50000, ']') + "\n"), too_deep(1));
  EXPECT_EQ(load("x = " + repeat("{ a = ", 50000, "") + "1" + std::string(50000, '}') + "\n"),
            too_deep(1));
  // Arrays spanning lines: the line where the limit is crossed.
  EXPECT_EQ(load("x = " + repeat("[", 70, "\n") + "\n"), too_deep(65));
  // A dotted key inside an inline table.
  EXPECT_EQ(load("x = { " + repeat("b", 65, ".") + " = 1 }\n"), too_deep(1));
}

TEST_F(ConfigNesting, ExactlyTheLimitIsNotRefusedByTheScan) {
  // 64 parts and 64 levels pass the scan (toml++ then judges the text).
  EXPECT_NO_THROW(check_toml_nesting(repeat("a", 64, ".") + " = 1\n", "s.toml"));
  EXPECT_NO_THROW(check_toml_nesting(
      "x = " + std::string(64, '[') + std::string(64, ']') + "\n", "s.toml"));
  EXPECT_THROW(check_toml_nesting(repeat("a", 65, ".") + " = 1\n", "s.toml"), Error);
}

TEST_F(ConfigNesting, DotsInStringsCommentsAndValuesDoNotCount) {
  const std::string dots = repeat("a", 100, ".");
  EXPECT_NO_THROW(check_toml_nesting("# " + dots + "\nx = \"" + dots + "\"\ny = '" + dots +
                                         "'\nz = \"\"\"\n" + dots + "\n\"\"\"\n" + "w = 1.5\n",
                                     "s.toml"));
  // Brackets in strings and comments do not count either.
  EXPECT_NO_THROW(check_toml_nesting("x = \"" + std::string(100, '[') + "\" # " +
                                         std::string(100, '{') + "\n",
                                     "s.toml"));
}

TEST_F(ConfigNesting, NormalConfigWithDottedKeysStillLoads) {
  EXPECT_EQ(load("strata.script_location = \"migrations\"\n"
                 "strata.url = \"sqlite:///app.db\"  # a.b.c in a comment\n"
                 "strata.version_locations = [\"migrations/versions\", \"more.d\"]\n"),
            "");
  Config c = load_config(path());
  EXPECT_EQ(c.url, "sqlite:///app.db");
}

}  // namespace
}  // namespace strata::config
