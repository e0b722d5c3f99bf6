// The migration guide's project three ways: examples/weatherai-alembic (the
// Alembic project, SQLAlchemy models in weatherai_models), the strata project
// `strata import-alembic` makes of it, and examples/weatherai (the Lua
// project). Proven here:
//   - the import translates all 4 revisions whole; its strata.toml keeps the
//     version table core.alembic_version, reads the URL from
//     ${WEATHERAI_DB_URL} and names env.py's target_metadata as python:
//     models with a python_path reaching examples/weatherai-alembic;
//     `strata heads` / `history` print what `alembic heads` / `history` print;
//   - on PostgreSQL, `alembic upgrade head` (A), the imported project's
//     `strata upgrade head` with WEATHERAI_DB_URL and no --url (B) and the
//     Lua project's `strata upgrade head` (C, on a copy of the example)
//     leave the same schema, and `downgrade base` by Alembic (A) and
//     strata (B) too;
//   - `strata check` on the imported project finds nothing to do at head: the
//     SQLAlchemy models match what the translated revisions built.
// Schemas compare as `pg_dump --schema-only --no-owner` (comment, SET and
// \restrict lines and blank runs dropped; strata_history excluded), as in
// import_alembic_test.cpp.
//
// Alembic runs from inside the example directory (Alembic 1.8 resolves
// script_location against the working directory) with PYTHONDONTWRITEBYTECODE
// so the source tree gets no __pycache__. Needs /usr/bin/python3 with
// alembic, SQLAlchemy and psycopg2, and STRATA_TEST_PG_URL
// (scripts/with-postgres.sh) for the database cases; without them the tests
// skip, except under CI (CI set), where they fail.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/alembic_oracle.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

std::string example_dir(const std::string& name) {
  return std::string(STRATA_SOURCE_DIR) + "/examples/" + name;
}

#define REQUIRE_PG() \
  REQUIRE_PREREQUISITE(pg_url(), "STRATA_TEST_PG_URL is not set (scripts/with-postgres.sh)")

// The value of `key = ...` on its own line of a TOML text, as written.
std::string toml_value(const std::string& toml, const std::string& key) {
  for (const std::string& line : lines_of(toml)) {
    std::smatch m;
    if (std::regex_match(line, m, std::regex("\\s*" + key + "\\s*=\\s*(.*?)\\s*"))) {
      return m[1].str();
    }
  }
  return "";
}

// The quoted strings of a TOML array value: ["a", "b"] -> {a, b}.
std::vector<std::string> toml_strings(const std::string& value) {
  std::vector<std::string> out;
  const std::regex quoted("\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(value.begin(), value.end(), quoted);
       it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

class WeatherAiAlembic : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    REQUIRE_PREREQUISITE(oracle_available(&why),
                         kPython << " cannot import alembic, sqlalchemy, psycopg2: " << why);
    alembic_dir_ = example_dir("weatherai-alembic");
    strata_dir_ = dir_.file("weatherai-strata");
    imported_ = run_strata({"import-alembic", alembic_dir_, "-o", strata_dir_}, dir_.path());
    ASSERT_EQ(imported_.exit_code, 0) << imported_.out << imported_.err;
  }

  // Alembic in the example directory, WEATHERAI_DB_URL = url.
  CommandResult alembic(const std::vector<std::string>& args, const std::string& url) const {
    std::vector<std::string> argv{kPython, "-m", "alembic"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, alembic_dir_,
                       {"WEATHERAI_DB_URL=" + url, "PYTHONDONTWRITEBYTECODE=1"});
  }

  // strata in the imported project, WEATHERAI_DB_URL = url (no --url).
  CommandResult strata(const std::vector<std::string>& args, const std::string& url) const {
    return run_strata(args, strata_dir_, {"WEATHERAI_DB_URL=" + url, "PYTHONDONTWRITEBYTECODE=1"});
  }

  // Run a command of `tool` ("alembic" or "strata") that must succeed.
  CommandResult ok(const std::string& tool, const std::vector<std::string>& args,
                   const std::string& url) const {
    CommandResult r = tool == "alembic" ? alembic(args, url) : strata(args, url);
    std::string shown;
    for (const std::string& a : args) shown += " " + a;
    EXPECT_EQ(r.exit_code, 0) << tool << shown << " failed:\n" << r.out << r.err;
    return r;
  }

  std::string strata_toml() const { return read_file(strata_dir_ + "/strata.toml"); }

  TempDir dir_;
  CommandResult imported_;
  std::string alembic_dir_;
  std::string strata_dir_;
};

TEST_F(WeatherAiAlembic, ImportTranslatesAllFourRevisionsWhole) {
  const std::string all = imported_.out + imported_.err;
  EXPECT_NE(imported_.out.find("4 revisions, 4 translated whole, 0 to edit"), std::string::npos)
      << all;
  EXPECT_EQ(all.find("not translated"), std::string::npos) << all;
  for (const char* name : {"20250801_0001_core_schema", "20250805_0002_legacy_rag_tables",
                           "20250812_0003_core_analytics", "20250826_0004_move_rag_to_schema"}) {
    const std::string lua = strata_dir_ + "/migrations/versions/" + name + ".lua";
    ASSERT_TRUE(fs::exists(lua)) << lua;
    EXPECT_EQ(read_file(lua).find("strata:not-translated"), std::string::npos) << lua;
  }
}

TEST_F(WeatherAiAlembic, ImportedConfigKeepsVersionTableUrlAndModels) {
  const std::string toml = strata_toml();
  EXPECT_EQ(toml_value(toml, "version_table"), "\"alembic_version\"") << toml;
  EXPECT_EQ(toml_value(toml, "version_table_schema"), "\"core\"") << toml;
  EXPECT_EQ(toml_value(toml, "url"), "\"${WEATHERAI_DB_URL}\"") << toml;
  EXPECT_EQ(toml_value(toml, "transaction_per_migration"), "false") << toml;

  // env.py: target_metadata = [CoreBase.metadata, RagBase.metadata].
  const std::vector<std::string> models = toml_strings(toml_value(toml, "models"));
  ASSERT_FALSE(models.empty()) << toml;
  for (const std::string& m : models) {
    EXPECT_EQ(m.rfind("python:weatherai_models:", 0), 0u) << m;
  }
  // python_path entries are relative to the project; one is the example dir.
  bool reaches_example = false;
  for (const std::string& p : toml_strings(toml_value(toml, "python_path"))) {
    const fs::path entry = fs::path(p).is_absolute() ? fs::path(p) : fs::path(strata_dir_) / p;
    std::error_code ec;
    if (fs::equivalent(entry, alembic_dir_, ec)) reaches_example = true;
  }
  EXPECT_TRUE(reaches_example) << toml;
}

TEST_F(WeatherAiAlembic, HeadsAndHistoryEqualAlembics) {
  // Neither tool connects for these; the URL is never opened.
  const std::string url = "sqlite:///" + dir_.file("never_opened.db");
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"heads"}, {"history"}}) {
    const std::string expected = ok("alembic", args, url).out;
    ASSERT_FALSE(expected.empty()) << args[0];
    EXPECT_EQ(ok("strata", args, url).out, expected) << args[0];
  }
  EXPECT_EQ(ok("strata", {"heads"}, url).out, "20250826_0004 (head)\n");
  EXPECT_FALSE(fs::exists(dir_.file("never_opened.db")));
}

TEST_F(WeatherAiAlembic, AlembicImportedAndLuaProjectsBuildOneSchema) {
  REQUIRE_PG();
  const std::string a = create_pg_database("weatherai_alembic_a");
  const std::string b = create_pg_database("weatherai_alembic_b");
  const std::string c = create_pg_database("weatherai_alembic_c");
  ok("alembic", {"upgrade", "head"}, a);
  ok("strata", {"upgrade", "head"}, b);
  // A copy, so strata's header cache is not written into the source tree.
  const std::string lua_dir = dir_.file("weatherai");
  fs::copy(example_dir("weatherai"), lua_dir, fs::copy_options::recursive);
  fs::remove(lua_dir + "/migrations/versions/.strata-cache");
  CommandResult lua =
      run_strata({"-c", lua_dir + "/strata.toml", "--url", c, "upgrade", "head"}, dir_.path());
  ASSERT_EQ(lua.exit_code, 0) << lua.out << lua.err;

  const std::string head = pg_schema(a);
  ASSERT_NE(head.find("CREATE TABLE rag.document_chunks ("), std::string::npos) << head;
  ASSERT_NE(head.find("CREATE TABLE core.alembic_version ("), std::string::npos) << head;
  EXPECT_EQ(pg_schema(b), head) << "imported project vs Alembic";
  EXPECT_EQ(pg_schema(c), head) << "Lua project vs Alembic";
  for (const std::string& url : {a, b, c}) {
    EXPECT_EQ(psql(url, "SELECT version_num FROM core.alembic_version"), "20250826_0004\n") << url;
  }
  EXPECT_EQ(ok("strata", {"current"}, b).out, ok("alembic", {"current"}, a).out);
}

TEST_F(WeatherAiAlembic, SqlalchemyModelsCheckCleanAtHead) {
  REQUIRE_PG();
  // The interpreter that has SQLAlchemy (plain python3 may not).
  write_file(strata_dir_ + "/strata.toml",
             strata_toml() + "\npython = \"" + std::string(kPython) + "\"\n");
  const std::string b = create_pg_database("weatherai_alembic_check");

  // Before the upgrade there is work to do: the check must be able to fail.
  CommandResult empty = strata({"check"}, b);
  EXPECT_NE(empty.exit_code, 0) << empty.out << empty.err;

  ok("strata", {"upgrade", "head"}, b);
  CommandResult r = strata({"check"}, b);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("No new upgrade operations detected."), std::string::npos)
      << r.out << r.err;
}

TEST_F(WeatherAiAlembic, DowngradeBaseLeavesTheSameSchema) {
  REQUIRE_PG();
  const std::string a = create_pg_database("weatherai_alembic_down_a");
  const std::string b = create_pg_database("weatherai_alembic_down_b");
  ok("alembic", {"upgrade", "head"}, a);
  ok("strata", {"upgrade", "head"}, b);
  const std::string head = pg_schema(a);

  ok("alembic", {"downgrade", "base"}, a);
  ok("strata", {"downgrade", "base"}, b);
  const std::string base = pg_schema(a);
  EXPECT_NE(base, head);
  EXPECT_EQ(base.find("CREATE TABLE core.users"), std::string::npos) << base;
  EXPECT_EQ(pg_schema(b), base);
  EXPECT_EQ(psql(a, "SELECT count(*) FROM core.alembic_version"), "0\n");
  EXPECT_EQ(psql(b, "SELECT count(*) FROM core.alembic_version"), "0\n");
}

}  // namespace
}  // namespace strata::testing
