// End-to-end tests of every CLI verb on SQLite: the strata binary is run as a
// user would run it, in a temp project directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <chrono>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace strata::testing {
namespace {

std::string revision_script(const std::string& id, const std::string& down,
                            const std::string& message, const std::string& up_body,
                            const std::string& down_body, const std::string& extra = "") {
  return "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: \n\n" + "revision = \"" +
         id + "\"\ndown_revision = " + down + "\n" + extra + "\nfunction upgrade()\n" + up_body +
         "\nend\n\nfunction downgrade()\n" + down_body + "\nend\n";
}

class CliVerbs : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
  }
  void add(const std::string& file, const std::string& text) {
    write_file(dir.file("migrations/versions/" + file), text);
  }
  // Chain a1 -> b2 -> c3 creating tables t1, t2, t3.
  void add_chain() {
    add("a1_first.lua", revision_script("aaaa1111", "nil", "first", "  op.create_table(\"t1\", op.column(\"id\", op.Integer, {primary_key = true}))", "  op.drop_table(\"t1\")"));
    add("b2_second.lua", revision_script("bbbb2222", "\"aaaa1111\"", "second", "  op.create_table(\"t2\", op.column(\"id\", op.Integer, {primary_key = true}))", "  op.drop_table(\"t2\")"));
    add("c3_third.lua", revision_script("cccc3333", "\"bbbb2222\"", "third", "  op.create_table(\"t3\", op.column(\"id\", op.Integer, {primary_key = true}))", "  op.drop_table(\"t3\")"));
  }
  CommandResult strata(const std::vector<std::string>& args) { return run_strata(args, dir.path()); }
  std::string sqlite(const std::string& sql) {
    CommandResult r = run_command({"sqlite3", dir.file("app.db"), sql}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  TempDir dir;
};

TEST_F(CliVerbs, UpgradeCurrentDowngradeRoundTrip) {
  add_chain();
  CommandResult up = strata({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("Running upgrade  -> aaaa1111, first"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("Running upgrade bbbb2222 -> cccc3333, third"), std::string::npos);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "cccc3333\n");
  EXPECT_EQ(sqlite("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 't%' ORDER BY name)"), "t1,t2,t3\n");

  CommandResult current = strata({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "cccc3333 (head)\n");

  CommandResult down = strata({"downgrade", "-1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.err.find("Running downgrade cccc3333 -> bbbb2222, third"), std::string::npos);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "bbbb2222\n");
  EXPECT_EQ(sqlite("SELECT count(*) FROM sqlite_master WHERE name = 't3'"), "0\n");

  ASSERT_EQ(strata({"downgrade", "base"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT count(*) FROM alembic_version"), "0\n");
  EXPECT_EQ(sqlite("SELECT count(*) FROM sqlite_master WHERE name LIKE 't_'"), "0\n");

  ASSERT_EQ(strata({"upgrade", "+2"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "bbbb2222\n");
  CommandResult unknown = strata({"upgrade", "zzzz"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "strata: error: Can't locate revision identified by 'zzzz'\n");
  ASSERT_EQ(strata({"-q", "upgrade", "cccc"}).exit_code, 0);  // a unique prefix
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "cccc3333\n");
}

TEST_F(CliVerbs, CurrentVerboseAndJson) {
  add_chain();
  ASSERT_EQ(strata({"upgrade", "bbbb2222"}).exit_code, 0);
  CommandResult verbose = strata({"current", "-v"});
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_NE(verbose.out.find("Current revision(s) for sqlite:///app.db:"), std::string::npos)
      << verbose.out;
  EXPECT_NE(verbose.out.find("Rev: bbbb2222\nParent: aaaa1111\n"), std::string::npos) << verbose.out;
  CommandResult json = strata({"current", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["revision"], "bbbb2222");
  EXPECT_EQ(parsed[0]["is_head"], false);
}

// Alembic's `show current` prints the log entry without "(current)" (that
// mark belongs to `history -i`).
TEST_F(CliVerbs, ShowCurrentHasNoCurrentMark) {
  add_chain();
  ASSERT_EQ(strata({"upgrade", "bbbb2222"}).exit_code, 0);
  CommandResult show = strata({"show", "current"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.rfind("Rev: bbbb2222\nParent: aaaa1111\n", 0), 0u) << show.out;
  EXPECT_EQ(show.out.find("(current)"), std::string::npos) << show.out;
}

TEST_F(CliVerbs, HistoryFormats) {
  add_chain();
  CommandResult history = strata({"history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out,
            "bbbb2222 -> cccc3333 (head), third\n"
            "aaaa1111 -> bbbb2222, second\n"
            "<base> -> aaaa1111, first\n");
  ASSERT_EQ(strata({"upgrade", "aaaa1111"}).exit_code, 0);
  CommandResult indicated = strata({"history", "-i"});
  EXPECT_NE(indicated.out.find("<base> -> aaaa1111 (current), first"), std::string::npos)
      << indicated.out;
  CommandResult range = strata({"history", "-r", "current:"});
  ASSERT_EQ(range.exit_code, 0) << range.err;
  EXPECT_EQ(range.out,
            "bbbb2222 -> cccc3333 (head), third\n"
            "aaaa1111 -> bbbb2222, second\n"
            "<base> -> aaaa1111, first\n");
  CommandResult bounded = strata({"history", "-r", "bbbb2222:cccc3333"});
  EXPECT_EQ(bounded.out, "bbbb2222 -> cccc3333 (head), third\naaaa1111 -> bbbb2222, second\n");
  CommandResult json = strata({"history", "--json"});
  auto parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[0]["revision"], "cccc3333");
  CommandResult bad = strata({"history", "-r", "bbbb2222"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "strata: error: History range requires [start]:[end], [start]:, or :[end]\n");
}

TEST_F(CliVerbs, BranchesHeadsMergeShow) {
  add_chain();
  add("d4_branch.lua", revision_script("dddd4444", "\"aaaa1111\"", "side branch", "", "", "branch_labels = \"side\"\n"));
  CommandResult heads = strata({"heads"});
  ASSERT_EQ(heads.exit_code, 0) << heads.err;
  EXPECT_EQ(heads.out, "cccc3333 (head)\ndddd4444 (side) (head)\n");
  CommandResult branches = strata({"branches"});
  ASSERT_EQ(branches.exit_code, 0) << branches.err;
  EXPECT_EQ(branches.out,
            "aaaa1111 (branchpoint)\n"
            "         -> bbbb2222\n"
            "         -> dddd4444 (side) (head)\n\n");
  CommandResult ambiguous = strata({"upgrade", "head"});
  EXPECT_EQ(ambiguous.exit_code, 1);
  EXPECT_NE(ambiguous.err.find("Multiple head revisions are present for given argument 'head'"),
            std::string::npos)
      << ambiguous.err;
  ASSERT_EQ(strata({"upgrade", "heads"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version ORDER BY 1"), "cccc3333\ndddd4444\n");

  CommandResult merge = strata({"merge", "heads", "-m", "merge side", "--rev-id", "eeee5555"});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  std::string merged = read_file(dir.file("migrations/versions/eeee5555_merge_side.lua"));
  EXPECT_NE(merged.find("down_revision = {\"cccc3333\", \"dddd4444\"}"), std::string::npos) << merged;
  // Alembic propagates branch labels to descendants, merges included.
  EXPECT_EQ(strata({"heads"}).out, "eeee5555 (side) (head)\n");
  ASSERT_EQ(strata({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "eeee5555\n");
  // As in Alembic 1.8, -1 from a merge point is ambiguous; naming a parent unmerges.
  CommandResult ambiguous_walk = strata({"downgrade", "-1"});
  EXPECT_EQ(ambiguous_walk.exit_code, 1);
  EXPECT_EQ(ambiguous_walk.err,
            "strata: error: Ambiguous walk: revision eeee5555 is a merge point of cccc3333, "
            "dddd4444 (side); name the target instead, e.g. 'cccc3333', 'dddd4444'\n");
  ASSERT_EQ(strata({"downgrade", "cccc3333"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version ORDER BY 1"), "cccc3333\ndddd4444\n");

  CommandResult show = strata({"show", "eeee"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Rev: eeee5555 (head) (mergepoint)\nMerges: cccc3333, dddd4444\n"),
            std::string::npos)
      << show.out;
  CommandResult show_json = strata({"show", "side@head", "--json"});  // the label reaches the merge
  EXPECT_EQ(nlohmann::json::parse(show_json.out)[0]["revision"], "eeee5555");
  show_json = strata({"show", "dddd", "--json"});
  ASSERT_EQ(show_json.exit_code, 0) << show_json.err;
  EXPECT_EQ(nlohmann::json::parse(show_json.out)[0]["revision"], "dddd4444");
}

TEST_F(CliVerbs, HeadsResolveDependenciesAndJsonForms) {
  add_chain();
  // A second root that depends on cccc3333: cccc3333 stays a head, but not a
  // "real" head once dependencies count.
  add("x1_other.lua", revision_script("ffff6666", "nil", "other root", "", "",
                                      "depends_on = \"cccc3333\"\n"));
  EXPECT_EQ(strata({"heads"}).out, "cccc3333 (effective head)\nffff6666 (head)\n");
  EXPECT_EQ(strata({"heads", "--resolve-dependencies"}).out, "ffff6666 (head)\n");
  auto heads = nlohmann::json::parse(strata({"heads", "--json"}).out);
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_EQ(heads[1]["revision"], "ffff6666");
  EXPECT_EQ(heads[1]["depends_on"], nlohmann::json::array({"cccc3333"}));
  CommandResult verbose = strata({"heads", "-v"});
  EXPECT_NE(verbose.out.find("Rev: ffff6666 (head)\nParent: <base>\nAlso depends on: cccc3333\n"),
            std::string::npos)
      << verbose.out;
  CommandResult history = strata({"history", "-v", "-r", "bbbb2222:bbbb2222"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out.rfind("Rev: bbbb2222\nParent: aaaa1111\nPath: ", 0), 0u) << history.out;
  add("d4_branch.lua", revision_script("dddd4444", "\"aaaa1111\"", "side", "", ""));
  auto branches = nlohmann::json::parse(strata({"branches", "--json"}).out);
  ASSERT_EQ(branches.size(), 1u);
  EXPECT_EQ(branches[0]["revision"], "aaaa1111");
  EXPECT_EQ(branches[0]["nextrev"], nlohmann::json::array({"bbbb2222", "dddd4444"}));
  CommandResult branches_verbose = strata({"branches", "-v"});
  EXPECT_NE(branches_verbose.out.find("Rev: aaaa1111 (branchpoint)\n"), std::string::npos)
      << branches_verbose.out;
  EXPECT_NE(branches_verbose.out.find("-> dddd4444 (head), side"), std::string::npos)
      << branches_verbose.out;
}

TEST_F(CliVerbs, RevisionIntoAnotherVersionPath) {
  write_file(dir.file("strata.toml"),
             "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n"
             "version_locations = [\"migrations/versions\", \"migrations/feature\"]\n");
  std::filesystem::create_directories(dir.file("migrations/feature"));
  CommandResult base = strata({"revision", "-m", "base", "--rev-id", "0001aaaa"});
  EXPECT_EQ(base.exit_code, 1);  // two locations and no head to follow
  EXPECT_EQ(base.err, "strata: error: Multiple version locations present, please specify --version-path\n");
  CommandResult placed = strata({"revision", "-m", "base", "--rev-id", "0001aaaa", "--version-path",
                                 dir.file("migrations/feature")});
  ASSERT_EQ(placed.exit_code, 0) << placed.err;
  EXPECT_TRUE(std::filesystem::exists(dir.file("migrations/feature/0001aaaa_base.lua")));
  // The next revision follows its head's location.
  ASSERT_EQ(strata({"revision", "-m", "next", "--rev-id", "0002aaaa"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(dir.file("migrations/feature/0002aaaa_next.lua")));
  ASSERT_EQ(strata({"upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "0002aaaa\n");
}

TEST_F(CliVerbs, HeaderCacheNeverServesComputedHeaders) {
  add_chain();
  write_file(dir.file("migrations/lib/ids.lua"), "return {parent = \"aaaa1111\"}\n");
  add("d4_computed.lua", "-- computed\nrevision = \"dddd4444\"\n"
                         "down_revision = require(\"ids\").parent\n"
                         "function upgrade() end\nfunction downgrade() end\n");
  // Old enough for the cache to record plain headers (it skips files < 2 s old).
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  EXPECT_NE(strata({"history"}).out.find("aaaa1111 -> dddd4444 (head), computed"), std::string::npos);
  ASSERT_TRUE(std::filesystem::exists(dir.file("migrations/versions/.strata-cache")));
  write_file(dir.file("migrations/lib/ids.lua"), "return {parent = \"cccc3333\"}\n");
  CommandResult after = strata({"history"});
  EXPECT_NE(after.out.find("cccc3333 -> dddd4444 (head), computed"), std::string::npos) << after.out;
  // Plain headers do come from the cache: an unchanged script is not re-read.
  std::string cache = read_file(dir.file("migrations/versions/.strata-cache"));
  EXPECT_NE(cache.find("a1_first.lua"), std::string::npos);
  EXPECT_EQ(cache.find("d4_computed.lua"), std::string::npos);
}

TEST_F(CliVerbs, StampAndPurge) {
  add_chain();
  ASSERT_EQ(strata({"stamp", "bbbb2222"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "bbbb2222\n");
  EXPECT_EQ(sqlite("SELECT count(*) FROM sqlite_master WHERE name LIKE 't_'"), "0\n");
  ASSERT_EQ(strata({"stamp", "head"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "cccc3333\n");
  ASSERT_EQ(strata({"stamp", "base"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT count(*) FROM alembic_version"), "0\n");
  sqlite("INSERT INTO alembic_version VALUES ('bogus')");
  ASSERT_EQ(strata({"stamp", "--purge", "aaaa1111"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "aaaa1111\n");
  CommandResult sql = strata({"stamp", "--sql", "aaaa1111:cccc3333"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("UPDATE alembic_version SET version_num='cccc3333' WHERE alembic_version.version_num = 'aaaa1111'"), std::string::npos) << sql.out;
}

TEST_F(CliVerbs, RevisionCreatesAlembicShapedFiles) {
  CommandResult first = strata({"revision", "-m", "Create users table!", "--rev-id", "0001abcd"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::string path = dir.file("migrations/versions/0001abcd_create_users_table.lua");
  ASSERT_TRUE(std::filesystem::exists(path)) << first.out;
  std::string text = read_file(path);
  EXPECT_EQ(text.substr(0, 51), "-- Create users table!\n--\n-- Revision ID: 0001abcd\n");
  EXPECT_NE(text.find("revision = \"0001abcd\"\ndown_revision = nil\n"), std::string::npos) << text;
  CommandResult second = strata({"revision", "-m", "next", "--rev-id", "0002abcd"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  std::string next = read_file(dir.file("migrations/versions/0002abcd_next.lua"));
  EXPECT_NE(next.find("-- Revises: 0001abcd\n"), std::string::npos) << next;
  EXPECT_NE(next.find("down_revision = \"0001abcd\""), std::string::npos) << next;
  // Not a head without --splice.
  CommandResult splice = strata({"revision", "-m", "x", "--head", "0001abcd"});
  EXPECT_EQ(splice.exit_code, 1);
  EXPECT_EQ(splice.err, "strata: error: Revision 0001abcd is not a head revision; please specify --splice to create a new branch from this revision\n");
  CommandResult spliced = strata({"revision", "-m", "x", "--head", "0001abcd", "--splice", "--rev-id", "0003abcd", "--branch-label", "feature"});
  ASSERT_EQ(spliced.exit_code, 0) << spliced.err;
  std::string feature = read_file(dir.file("migrations/versions/0003abcd_x.lua"));
  EXPECT_NE(feature.find("branch_labels = \"feature\""), std::string::npos) << feature;
  CommandResult dependent = strata({"revision", "-m", "y", "--head", "feature@head", "--depends-on", "0002", "--rev-id", "0004abcd"});
  ASSERT_EQ(dependent.exit_code, 0) << dependent.err;
  std::string dep = read_file(dir.file("migrations/versions/0004abcd_y.lua"));
  EXPECT_NE(dep.find("depends_on = \"0002abcd\""), std::string::npos) << dep;
  CommandResult two_heads = strata({"revision", "-m", "z"});
  EXPECT_EQ(two_heads.exit_code, 1);
  EXPECT_NE(two_heads.err.find("Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge."), std::string::npos) << two_heads.err;
}

TEST_F(CliVerbs, OfflineSqlHasAlembicShape) {
  add_chain();
  CommandResult sql = strata({"upgrade", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_EQ(sql.out.find("BEGIN;\n\nCREATE TABLE alembic_version (\n"), 0u) << sql.out;
  EXPECT_NE(sql.out.find("-- Running upgrade  -> aaaa1111\n\n"), std::string::npos) << sql.out;
  EXPECT_NE(sql.out.find("INSERT INTO alembic_version (version_num) VALUES ('aaaa1111');\n\n-- Running upgrade aaaa1111 -> bbbb2222\n\n"), std::string::npos) << sql.out;
  EXPECT_NE(sql.out.find("UPDATE alembic_version SET version_num='cccc3333' WHERE alembic_version.version_num = 'bbbb2222';\n\nCOMMIT;\n\n"), std::string::npos) << sql.out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("app.db")));  // offline never connects

  CommandResult range = strata({"upgrade", "aaaa1111:cccc3333", "--sql"});
  ASSERT_EQ(range.exit_code, 0) << range.err;
  EXPECT_EQ(range.out.find("CREATE TABLE alembic_version"), std::string::npos) << range.out;
  EXPECT_NE(range.out.find("-- Running upgrade aaaa1111 -> bbbb2222"), std::string::npos);

  CommandResult down = strata({"downgrade", "cccc3333:base", "--sql"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("-- Running downgrade aaaa1111 -> \n\nDROP TABLE"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("DELETE FROM alembic_version WHERE alembic_version.version_num = 'aaaa1111';\n\nDROP TABLE alembic_version;\n\nCOMMIT;"), std::string::npos) << down.out;

  CommandResult no_range = strata({"downgrade", "-1", "--sql"});
  EXPECT_EQ(no_range.exit_code, 2);
  EXPECT_EQ(no_range.err, "strata: error: downgrade with --sql requires <fromrev>:<torev>\n");
  CommandResult online_range = strata({"upgrade", "aaaa1111:cccc3333"});
  EXPECT_EQ(online_range.exit_code, 2);
  EXPECT_EQ(online_range.err,
            "strata: error: Range revision not allowed: a range 'from:to' needs --sql (offline "
            "SQL); online, name only the target, e.g. 'cccc3333'\n");
  CommandResult mssql = strata({"--url", "mssql://sa:pw@db/app", "upgrade", "head", "--sql"});
  ASSERT_EQ(mssql.exit_code, 0) << mssql.err;
  EXPECT_NE(mssql.out.find("BEGIN TRANSACTION;\n\nGO\n\n"), std::string::npos) << mssql.out;
  EXPECT_EQ(mssql.out.find("pw"), std::string::npos);
}

TEST_F(CliVerbs, OfflineSqliteScriptWithDropSchemaApplies) {
  add("a1.lua", revision_script("aaaa1111", "nil", "rag schema",
      "  op.create_schema(\"rag\")\n  op.create_table(\"t\", op.column(\"id\", op.Integer), {schema = \"rag\"})",
      "  op.drop_table(\"t\", {schema = \"rag\"})\n  op.drop_schema(\"rag\")"));
  add("b2.lua", revision_script("bbbb2222", "\"aaaa1111\"", "drop it",
      "  op.drop_table(\"t\", {schema = \"rag\"})\n  op.drop_schema(\"rag\")", "  op.create_schema(\"rag\")"));
  CommandResult sql = strata({"-q", "upgrade", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  // SQLite refuses DETACH inside a transaction: it follows the COMMIT.
  EXPECT_NE(sql.out.find("COMMIT;\n\nDETACH DATABASE rag;\n\n"), std::string::npos) << sql.out;
  write_file(dir.file("up.sql"), sql.out);
  CommandResult applied = run_command({"sqlite3", dir.file("app.db"), ".read " + dir.file("up.sql")}, dir.path());
  EXPECT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(sqlite("SELECT version_num FROM alembic_version"), "bbbb2222\n");
}

TEST_F(CliVerbs, EnsureVersionCreatesSchemaTable) {
  write_file(dir.file("strata.toml"),
             "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\nversion_table = \"my_versions\"\nversion_table_schema = \"core\"\n");
  CommandResult r = strata({"ensure_version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(std::filesystem::exists(dir.file("app.core.db")));
  CommandResult check = run_command({"sqlite3", dir.file("app.core.db"), "SELECT sql FROM sqlite_master WHERE name = 'my_versions'"}, dir.path());
  EXPECT_NE(check.out.find("CONSTRAINT my_versions_pkc PRIMARY KEY (version_num)"), std::string::npos) << check.out;
  CommandResult sql = strata({"ensure_version", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_NE(sql.out.find("ATTACH DATABASE"), std::string::npos) << sql.out;
}

TEST_F(CliVerbs, EditRunsEditorOnTheScript) {
  add_chain();
  CommandResult r = run_strata({"edit", "bbbb"}, dir.path(), {"EDITOR=sh -c 'echo \"-- edited\" >> \"$0\"'"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(dir.file("migrations/versions/b2_second.lua")).find("-- edited"), std::string::npos);
}

TEST_F(CliVerbs, InitCreatesAWorkingProject) {
  TempDir other;
  std::string project = other.file("proj");
  CommandResult init = run_strata({"init", project}, other.path());
  ASSERT_EQ(init.exit_code, 0) << init.err;
  ASSERT_TRUE(std::filesystem::exists(project + "/strata.toml"));
  ASSERT_TRUE(std::filesystem::is_directory(project + "/migrations/versions"));
  CommandResult again = run_strata({"init", project}, other.path());
  EXPECT_EQ(again.exit_code, 1);
  CommandResult rev = run_strata({"--url", "sqlite:///x.db", "revision", "-m", "first"}, project);
  ASSERT_EQ(rev.exit_code, 0) << rev.err;
  CommandResult up = run_strata({"--url", "sqlite:///x.db", "upgrade", "head"}, project);
  ASSERT_EQ(up.exit_code, 0) << up.err;
}

TEST_F(CliVerbs, HelpVersionAndUsage) {
  CommandResult help = strata({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("upgrade"), std::string::npos);
  EXPECT_NE(help.out.find("branch@head"), std::string::npos);
  CommandResult version = strata({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("strata "), std::string::npos);
  CommandResult nothing = strata({});
  EXPECT_EQ(nothing.exit_code, 2);
  CommandResult unknown = strata({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  CommandResult bad_x = strata({"-x", "novalue", "heads"});
  EXPECT_EQ(bad_x.exit_code, 2);
  EXPECT_EQ(bad_x.err, "strata: error: -x expects key=value, got 'novalue'\n");
}

TEST_F(CliVerbs, XArgumentsReachScripts) {
  add("a1_first.lua", revision_script("aaaa1111", "nil", "first",
      "  op.execute(\"CREATE TABLE \" .. op.x(\"table\", \"fallback\") .. \" (id INTEGER)\")", "  op.execute(\"SELECT 1\")"));
  ASSERT_EQ(strata({"-x", "table=from_cli", "upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(sqlite("SELECT name FROM sqlite_master WHERE type='table' AND name='from_cli'"), "from_cli\n");
}

}  // namespace
}  // namespace strata::testing
