// Issue 8 §8: read-only commands never create a SQLite database, and Alembic
// `.py` revisions in a version location are reported (once), not silently
// ignored. The strata binary is run in a temp project directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

std::string script(const std::string& id, const std::string& down) {
  return "-- m\n\nrevision = \"" + id + "\"\ndown_revision = " + down +
         "\n\nfunction upgrade()\nend\n\nfunction downgrade()\nend\n";
}

size_t count_of(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

class ReadOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
    fs::create_directories(dir.file("migrations/versions"));
    write_file(dir.file("migrations/versions/a1_first.lua"), script("aaaa1111", "nil"));
  }
  CommandResult strata(const std::vector<std::string>& args) { return run_strata(args, dir.path()); }
  TempDir dir;
};

TEST_F(ReadOnly, CurrentOnMissingSqliteFileFailsAndCreatesNothing) {
  CommandResult current = strata({"current"});
  EXPECT_EQ(current.exit_code, 1);
  EXPECT_EQ(current.err,
            "strata: error: sqlite:///app.db: no such database file (read-only command; run "
            "`strata upgrade` to create it)\n");
  EXPECT_FALSE(fs::exists(dir.file("app.db")));

  CommandResult history = strata({"history", "-i"});
  EXPECT_EQ(history.exit_code, 1);
  EXPECT_NE(history.err.find("no such database file"), std::string::npos) << history.err;
  EXPECT_FALSE(fs::exists(dir.file("app.db")));
  // Nothing at all was written beside the project files.
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    std::string name = entry.path().filename().string();
    EXPECT_TRUE(name == "strata.toml" || name == "migrations") << name;
  }
}

TEST_F(ReadOnly, CurrentOnExistingDatabasePrintsHeads) {
  CommandResult up = strata({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  CommandResult current = strata({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "aaaa1111 (head)\n");
}

TEST_F(ReadOnly, AlembicPythonRevisionsAreReportedOncePerLocation) {
  write_file(dir.file("migrations/versions/1f2e_alembic_one.py"), "revision = '1f2e'\n");
  write_file(dir.file("migrations/versions/3c4d_alembic_two.py"), "revision = '3c4d'\n");
  write_file(dir.file("migrations/versions/__init__.py"), "");  // not a revision
  fs::create_directories(dir.file("migrations/versions/__pycache__"));
  write_file(dir.file("migrations/versions/__pycache__/x.py"), "");

  CommandResult history = strata({"history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("aaaa1111"), std::string::npos) << history.out;
  EXPECT_EQ(count_of(history.err, "WARNING [strata]"), 1u) << history.err;
  EXPECT_NE(history.err.find("versions: 2 Alembic .py revisions are ignored (strata reads .lua; "
                             "`strata import-alembic` converts them)\n"),
            std::string::npos)
      << history.err;
}

TEST_F(ReadOnly, NoWarningWithoutPythonFiles) {
  CommandResult history = strata({"history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.err.find("WARNING"), std::string::npos) << history.err;
}

}  // namespace
}  // namespace strata::testing
