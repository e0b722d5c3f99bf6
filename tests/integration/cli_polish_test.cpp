// The CLI polish of issue 10 §3, through the strata binary on SQLite:
// --json on upgrade / downgrade / stamp (the steps applied, with revision,
// direction and duration), an unknown verb named as such (exit 2), each
// verb's --help listing the global options, and the shared footer shown by
// `strata --help` only.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace strata::testing {
namespace {

std::string script(const std::string& id, const std::string& down) {
  return "-- " + id + " message\nrevision = \"" + id + "\"\ndown_revision = " + down +
         "\n\nfunction upgrade()\n  op.create_table(\"t_" + id +
         "\", op.column(\"id\", op.Integer, {primary_key = true}))\nend\n\nfunction downgrade()\n"
         "  op.drop_table(\"t_" + id + "\")\nend\n";
}

class CliPolish : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    write_file(dir.file("migrations/versions/a1.lua"), script("a1", "nil"));
    write_file(dir.file("migrations/versions/b2.lua"), script("b2", "\"a1\""));
  }
  CommandResult strata(const std::vector<std::string>& args) { return run_strata(args, dir.path()); }
  TempDir dir;
};

TEST_F(CliPolish, JsonListsTheStepsApplied) {
  CommandResult up = strata({"upgrade", "head", "--json"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  nlohmann::json j = nlohmann::json::parse(up.out);
  ASSERT_EQ(j["steps"].size(), 2u);
  EXPECT_EQ(j["steps"][0]["revision"], "a1");
  EXPECT_EQ(j["steps"][0]["direction"], "upgrade");
  EXPECT_EQ(j["steps"][1]["step"], "upgrade a1 -> b2, b2 message");
  EXPECT_GE(j["steps"][1]["duration_ms"].get<long long>(), 0);
  EXPECT_GE(j["duration_ms"].get<long long>(), 0);
  // Progress still goes to stderr.
  EXPECT_NE(up.err.find("INFO  [strata] Running upgrade a1 -> b2, b2 message"), std::string::npos);

  CommandResult down = strata({"-q", "downgrade", "-1", "--json"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  j = nlohmann::json::parse(down.out);
  ASSERT_EQ(j["steps"].size(), 1u);
  EXPECT_EQ(j["steps"][0]["revision"], "b2");
  EXPECT_EQ(j["steps"][0]["direction"], "downgrade");
  EXPECT_EQ(down.err, "");

  CommandResult stamp = strata({"-q", "stamp", "b2", "--json"});
  ASSERT_EQ(stamp.exit_code, 0) << stamp.err;
  j = nlohmann::json::parse(stamp.out);
  ASSERT_EQ(j["steps"].size(), 1u);
  EXPECT_EQ(j["steps"][0]["direction"], "stamp");

  CommandResult again = strata({"-q", "upgrade", "head", "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(nlohmann::json::parse(again.out)["steps"].empty());

  CommandResult offline = strata({"upgrade", "head", "--sql", "--json"});
  EXPECT_EQ(offline.exit_code, 2);
  EXPECT_EQ(offline.err, "strata: error: --json reports an online run; it cannot be used with --sql\n");
}

TEST_F(CliPolish, UnknownVerbIsNamed) {
  CommandResult r = strata({"chek"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "strata: usage error: unknown command 'chek' (see strata --help)\n");
  CommandResult after_globals = strata({"-c", "strata.toml", "--url", "sqlite:///x.db", "upgrad", "head"});
  EXPECT_EQ(after_globals.exit_code, 2);
  EXPECT_EQ(after_globals.err, "strata: usage error: unknown command 'upgrad' (see strata --help)\n");
  CommandResult none = strata({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, "strata: usage error: A subcommand is required (see strata --help)\n");
  CommandResult bad_option = strata({"upgrade", "head", "--no-such-flag"});
  EXPECT_EQ(bad_option.exit_code, 2);
}

TEST_F(CliPolish, VerbHelpListsGlobalOptionsAndNotTheSharedFooter) {
  for (const std::string& verb : {"upgrade", "current", "check", "verify", "lint"}) {
    CommandResult r = strata({verb, "--help"});
    ASSERT_EQ(r.exit_code, 0) << verb;
    EXPECT_NE(r.out.find("Global options"), std::string::npos) << verb;
    EXPECT_NE(r.out.find("-c, --config FILE"), std::string::npos) << verb;
    EXPECT_NE(r.out.find("--url URL"), std::string::npos) << verb;
    EXPECT_NE(r.out.find("-x key=value"), std::string::npos) << verb;
    EXPECT_NE(r.out.find("-q, --quiet"), std::string::npos) << verb;
    EXPECT_EQ(r.out.find("Revision identifiers (Alembic's grammar)"), std::string::npos) << verb;
  }
  // verify keeps its own footer too.
  EXPECT_NE(strata({"verify", "--help"}).out.find("On a scratch database"), std::string::npos);
  CommandResult top = strata({"--help"});
  ASSERT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("Revision identifiers (Alembic's grammar)"), std::string::npos);
}

}  // namespace
}  // namespace strata::testing
