// Bad input: each case asserts the exact one-line error, exit code 1, and
// that nothing was half-applied.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace strata::testing {
namespace {

class CliErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    config("url = \"sqlite:///app.db\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    script("a.lua", "-- a\nrevision = \"aaaa1111\"\ndown_revision = nil\n"
                    "function upgrade()\n  op.create_table(\"t\", op.column(\"id\", op.Integer))\nend\n"
                    "function downgrade()\n  op.drop_table(\"t\")\nend\n");
  }
  void config(const std::string& extra) {
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\n" + extra);
  }
  void script(const std::string& name, const std::string& text) {
    write_file(dir.file("migrations/versions/" + name), text);
  }
  // Runs strata and expects failure with exactly `line` on stderr.
  void expect_error(const std::vector<std::string>& args, const std::string& line, int code = 1) {
    CommandResult r = run_strata(args, dir.path());
    EXPECT_EQ(r.exit_code, code) << r.err;
    EXPECT_EQ(r.err, "strata: error: " + line + "\n");
  }
  std::string tables() {
    if (!std::filesystem::exists(dir.file("app.db"))) return "";
    return run_command({"sqlite3", dir.file("app.db"),
                        "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'"},
                       dir.path())
        .out;
  }
  TempDir dir;
};

TEST_F(CliErrors, MalformedLua) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\n"
                  "function upgrade(\n  op.execute(\"x\")\nend\n");
  expect_error({"upgrade", "head"}, "migrations/versions/b.lua:5: ')' expected near '.'");
  EXPECT_EQ(tables(), "");
}

TEST_F(CliErrors, LuaRuntimeErrorInsideUpgradeRollsBack) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\n"
                  "function upgrade()\n  op.create_table(\"u\", op.column(\"id\", op.Integer))\n"
                  "  local x = nil\n  x.y = 1\nend\nfunction downgrade() end\n");
  CommandResult r = run_strata({"-q", "upgrade", "head"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "strata: error: migrations/versions/b.lua:7: attempt to index a nil value (local 'x')\n");
  // One transaction: revision aaaa1111's table and the version row are gone too.
  EXPECT_EQ(tables(), "\n");
}

TEST_F(CliErrors, MissingRevision) {
  script("b.lua", "-- b\ndown_revision = \"aaaa1111\"\nfunction upgrade() end\n");
  expect_error({"heads"}, "migrations/versions/b.lua: missing 'revision'");
}

TEST_F(CliErrors, Cycle) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"cccc3333\"\n");
  script("c.lua", "-- c\nrevision = \"cccc3333\"\ndown_revision = \"bbbb2222\"\n");
  expect_error({"heads"}, "Cycle is detected in revisions (bbbb2222, cccc3333)");
}

TEST_F(CliErrors, SelfLoop) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"bbbb2222\"\n");
  expect_error({"history"}, "Self-loop is detected in revisions (bbbb2222)");
}

TEST_F(CliErrors, DuplicateRevisionId) {
  script("b.lua", "-- b\nrevision = \"aaaa1111\"\ndown_revision = nil\n");
  expect_error({"heads"},
               "Revision aaaa1111 is present more than once: migrations/versions/a.lua and "
               "migrations/versions/b.lua");
}

TEST_F(CliErrors, DanglingDownRevisionAndDependsOn) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"zzzz9999\"\n");
  expect_error({"heads"},
               "Revision zzzz9999 referenced from bbbb2222 (migrations/versions/b.lua) is not present");
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\ndepends_on = \"nothing\"\n");
  expect_error({"heads"},
               "Revision nothing referenced from bbbb2222 (migrations/versions/b.lua) is not present");
}

TEST_F(CliErrors, UnknownConfigKey) {
  config("url = \"sqlite:///app.db\"\nfoo = 1\n");
  expect_error({"heads"}, "strata.toml:3: unknown key 'foo'");
}

TEST_F(CliErrors, BadUrlNeverShowsThePassword) {
  config("url = \"postgresql://bob:s3cret@localhost:notaport/db\"\n");
  expect_error({"current"},
               "invalid database URL 'postgresql://bob:***@localhost:notaport/db': port must be a "
               "number from 1 to 65535");
  config("url = \"oracle://x\"\n");
  expect_error({"current"}, "unsupported database URL scheme 'oracle'");
  CommandResult refused = run_strata({"--url", "postgresql://bob:s3cret@127.0.0.1:1/db", "current"}, dir.path());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err.rfind("strata: error: cannot connect to postgresql://bob:***@127.0.0.1:1/db: ", 0), 0u)
      << refused.err;
  EXPECT_EQ(refused.err.find("s3cret"), std::string::npos);
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1);
}

TEST_F(CliErrors, UnreadableFiles) {
  expect_error({"-c", "nope.toml", "heads"}, "cannot read config file 'nope.toml': No such file or directory");
  std::filesystem::permissions(dir.file("migrations/versions/a.lua"), std::filesystem::perms::none);
  if (geteuid() == 0) {
    // root reads anything: run strata as `nobody`, who may enter the project but not read a.lua.
    for (const char* d : {"", "migrations", "migrations/versions"}) {
      std::filesystem::permissions(dir.file(d), std::filesystem::perms::owner_all |
                                                    std::filesystem::perms::group_read |
                                                    std::filesystem::perms::group_exec |
                                                    std::filesystem::perms::others_read |
                                                    std::filesystem::perms::others_exec);
    }
    CommandResult r = run_command({"runuser", "-u", "nobody", "--", STRATA_BINARY, "heads"}, dir.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "strata: error: migrations/versions/a.lua: cannot read: Permission denied\n");
  } else {
    expect_error({"heads"}, "migrations/versions/a.lua: cannot read: Permission denied");
  }
}

TEST_F(CliErrors, TargetThatDoesNotExist) {
  expect_error({"upgrade", "nope"}, "Can't locate revision identified by 'nope'");
  expect_error({"downgrade", "aaaa1111"},
               "Destination aaaa1111 is not a valid downgrade target from current head(s)");
  expect_error({"show", "zzzz"}, "Can't locate revision identified by 'zzzz'");
  EXPECT_EQ(tables(), "\n");  // the version table was created, nothing else
}

TEST_F(CliErrors, AmbiguousPrefixListsTheCandidates) {
  script("b.lua", "-- b\nrevision = \"aaaa2222\"\ndown_revision = \"aaaa1111\"\n");
  expect_error({"show", "aaaa"}, "Ambiguous revision 'aaaa': it is a prefix of aaaa1111, aaaa2222");
}

TEST_F(CliErrors, RevisionOptionsAreChecked) {
  CommandResult outside = run_strata({"revision", "-m", "x", "--version-path", "elsewhere"}, dir.path());
  EXPECT_EQ(outside.exit_code, 1);
  EXPECT_EQ(outside.err, "strata: error: Path elsewhere is not represented in current version locations\n");
  ASSERT_EQ(run_strata({"-q", "revision", "-m", "f", "--rev-id", "ffff0001", "--branch-label", "feat"},
                       dir.path()).exit_code, 0);
  expect_error({"revision", "-m", "g", "--rev-id", "ffff0002", "--head", "aaaa1111", "--splice",
                "--branch-label", "feat"},
               "Branch name 'feat' is already used by revision ffff0001");
  EXPECT_FALSE(std::filesystem::exists(dir.file("migrations/versions/ffff0002_g.lua")));
}

TEST_F(CliErrors, UsageErrorsNeverShowAPassword) {
  CommandResult r = run_strata({"--url=postgresql://u:pw1@h/db", "postgresql://u:pw2@h/db", "current"},
                               dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find("pw2"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("pw1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("postgresql://u:***@h/db"), std::string::npos) << r.err;
  // -x takes one value per occurrence, so the target is not swallowed.
  CommandResult x = run_strata({"-q", "upgrade", "-x", "a=1", "aaaa1111:aaaa1111", "--sql"}, dir.path());
  EXPECT_EQ(x.exit_code, 0) << x.err;
}

TEST_F(CliErrors, SqliteSchemaDroppedThenReusedIsRefusedAtCommit) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\n"
                  "function upgrade()\n  op.create_schema(\"rag\")\n"
                  "  op.create_table(\"t\", op.column(\"id\", op.Integer), {schema = \"rag\"})\nend\n");
  ASSERT_EQ(run_strata({"-q", "upgrade", "head"}, dir.path()).exit_code, 0);
  script("c.lua", "-- c\nrevision = \"cccc3333\"\ndown_revision = \"bbbb2222\"\n"
                  "function upgrade()\n  op.drop_table(\"t\", {schema = \"rag\"})\n"
                  "  op.drop_schema(\"rag\")\n"
                  "  op.create_table(\"t2\", op.column(\"id\", op.Integer), {schema = \"rag\"})\nend\n");
  CommandResult r = run_strata({"-q", "upgrade", "head"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot drop schema \"rag\": it holds tables again at commit"), std::string::npos)
      << r.err;
  // Rolled back: the schema file and its first table are still there.
  CommandResult check = run_command({"sqlite3", dir.file("app.rag.db"), "SELECT name FROM sqlite_master"},
                                    dir.path());
  EXPECT_EQ(check.out, "t\n");
}

TEST_F(CliErrors, VersionRowThatVanishedIsAnErrorAsInAlembic) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\n"
                  "function upgrade()\n  op.execute(\"DELETE FROM alembic_version\")\nend\n");
  ASSERT_EQ(run_strata({"-q", "upgrade", "aaaa1111"}, dir.path()).exit_code, 0);
  CommandResult r = run_strata({"-q", "upgrade", "head"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "strata: error: upgrade aaaa1111 -> bbbb2222, b (migrations/versions/b.lua) failed: Online "
            "migration expected to match one row when updating 'aaaa1111' to 'bbbb2222' in "
            "'alembic_version'; 0 found\n");
  // Rolled back: the row deleted by the script is back.
  CommandResult rows = run_command({"sqlite3", dir.file("app.db"), "SELECT version_num FROM alembic_version"},
                                   dir.path());
  EXPECT_EQ(rows.out, "aaaa1111\n");
}

TEST_F(CliErrors, SqliteSchemaCreatedByAFailedRunIsRemoved) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\n"
                  "function upgrade()\n  op.create_schema(\"rag\")\n"
                  "  op.create_table(\"t\", op.column(\"id\", op.Integer), {schema = \"rag\"})\n"
                  "  op.execute(\"THIS IS NOT SQL\")\nend\n");
  EXPECT_EQ(run_strata({"-q", "upgrade", "head"}, dir.path()).exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.file("app.rag.db")));
  // So creating the schema later behaves as on a database that never had it.
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\n"
                  "function upgrade()\n  op.create_schema(\"rag\")\n"
                  "  op.create_table(\"t\", op.column(\"id\", op.Integer), {schema = \"rag\"})\nend\n");
  EXPECT_EQ(run_strata({"-q", "upgrade", "head"}, dir.path()).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.file("app.rag.db")));
}

TEST_F(CliErrors, TemplateThatDropsBranchLabelsIsCaught) {
  write_file(dir.file("migrations/script.lua.tmpl"),
             "-- ${message}\n\nrevision = ${repr(up_revision)}\ndown_revision = ${repr(down_revision)}\n"
             "\nfunction upgrade()\nend\n\nfunction downgrade()\nend\n");
  CommandResult r = run_strata({"revision", "-m", "x", "--rev-id", "eeee0001", "--branch-label", "feat"},
                               dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("revision eeee0001 specified branch_labels, however the generated file"),
            std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_FALSE(std::filesystem::exists(dir.file("migrations/versions/eeee0001_x.lua")));
  // Without labels the same template is fine.
  EXPECT_EQ(run_strata({"-q", "revision", "-m", "y", "--rev-id", "eeee0002"}, dir.path()).exit_code, 0);
}

TEST_F(CliErrors, SqlModeForbidsQuery) {
  script("b.lua", "-- b\nrevision = \"bbbb2222\"\ndown_revision = \"aaaa1111\"\n"
                  "function upgrade()\n  local rows = op.query(\"SELECT 1\")\nend\n");
  CommandResult r = run_strata({"-q", "upgrade", "head", "--sql"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "strata: error: migrations/versions/b.lua:5: op.query is not available in --sql mode\n");
}

}  // namespace
}  // namespace strata::testing
