// `strata verify` end to end through the binary, on SQLite, PostgreSQL and
// MariaDB (dev_url): a clean chain verifies; a downgrade that forgets an
// index or a column fails naming the revision and the leftover object; a
// downgrade that errors is reported; two heads and models out of step fail at
// head; -r verifies only the range; the configured database is untouched and
// the scratch database is gone afterwards. Also the WeatherAI example.
//
// A missing server skips its cases, unless STRATA_REQUIRE_LIVE names it
// ("postgresql", "mysql"): then they fail.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "driver/connection.h"
#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

enum class Backend { kSqlite, kPostgres, kMariadb };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::kSqlite: return "Sqlite";
    case Backend::kPostgres: return "Postgres";
    case Backend::kMariadb: return "Mariadb";
  }
  return "";
}

std::string revision_script(const std::string& id, const std::string& down,
                            const std::string& up_body, const std::string& down_body) {
  return "-- " + id + "\n--\n-- Revision ID: " + id + "\n\nrevision = \"" + id +
         "\"\ndown_revision = " + down + "\n\nfunction upgrade()\n" + up_body +
         "\nend\n\nfunction downgrade()\n" + down_body + "\nend\n";
}

// The rows of `sql` on `url`, one line per row, values joined by '|'.
std::string query(const std::string& url, const std::string& sql) {
  auto conn = driver::connect(config::parse_url(url));
  std::string out;
  for (const driver::Row& row : conn->query(sql).rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("NULL");
    out += "\n";
  }
  return out;
}

class Verify : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    switch (GetParam()) {
      case Backend::kSqlite:
        url_ = "sqlite:///" + dir.file("app.db");
        break;
      case Backend::kPostgres:
        REQUIRE_PG_SERVER();
        url_ = create_pg_database("strata_verify");
        server_ = *pg_url();
        break;
      case Backend::kMariadb: {
        std::optional<std::string> base = mysql_test_url();
        if (!base) {
          if (live_required("mysql")) FAIL() << "STRATA_TEST_MYSQL_URL is not set";
          GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set";
        }
        server_ = *base;
        mysql_db_ = "strata_verify_" + unique_suffix();
        query(server_, "CREATE DATABASE " + mysql_db_);
        url_ = base->substr(0, base->rfind('/') + 1) + mysql_db_;
        dev_url_ = server_;
        break;
      }
    }
    fs::create_directories(dir.file("migrations/versions"));
    write_config("");
    // The configured database holds one table of its own before verify.
    if (GetParam() == Backend::kSqlite) {
      run_command({"sqlite3", dir.file("app.db"), "CREATE TABLE keep (x INTEGER)"}, dir.path());
    } else {
      query(url_, "CREATE TABLE keep (x INTEGER)");
    }
    configured_before_ = configured_catalog();
    ASSERT_NE(configured_before_.find("keep"), std::string::npos) << configured_before_;
  }
  void TearDown() override {
    if (!mysql_db_.empty()) query(server_, "DROP DATABASE IF EXISTS " + mysql_db_);
  }

  void write_config(const std::string& extra) {
    std::string text = "script_location = \"migrations\"\nurl = \"" + url_ + "\"\n";
    if (!dev_url_.empty()) text += "dev_url = \"" + dev_url_ + "\"\n";
    write_file(dir.file("strata.toml"), text + extra);
  }
  void add(const std::string& id, const std::string& down, const std::string& up_body,
           const std::string& down_body) {
    write_file(dir.file("migrations/versions/" + id + ".lua"),
               revision_script(id, down, up_body, down_body));
  }
  // aaaa1111: table t1 (id, a); bbbb2222: index ix_t1_a and column t1.b;
  // cccc3333: table t3. `b_down` / `c_down` replace the correct downgrades.
  void add_chain(const std::string& b_down = "", const std::string& c_down = "") {
    add("aaaa1111", "nil",
        "  op.create_table(\"t1\", op.column(\"id\", op.Integer, {primary_key = true}), "
        "op.column(\"a\", op.Integer))",
        "  op.drop_table(\"t1\")");
    add("bbbb2222", "\"aaaa1111\"",
        "  op.create_index(\"ix_t1_a\", \"t1\", {\"a\"})\n"
        "  op.add_column(\"t1\", op.column(\"b\", op.String(20)))",
        b_down.empty() ? "  op.drop_column(\"t1\", \"b\")\n  op.drop_index(\"ix_t1_a\", \"t1\")"
                       : b_down);
    add("cccc3333", "\"bbbb2222\"",
        "  op.create_table(\"t3\", op.column(\"id\", op.Integer, {primary_key = true}))",
        c_down.empty() ? "  op.drop_table(\"t3\")" : c_down);
  }

  // The configured database's tables and version table, as text.
  std::string configured_catalog() {
    switch (GetParam()) {
      case Backend::kSqlite:
        return run_command({"sqlite3", dir.file("app.db"), ".schema"}, dir.path()).out;
      case Backend::kPostgres:
        return query(url_, "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname "
                           "NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
      case Backend::kMariadb:
        return query(server_, "SELECT table_name FROM information_schema.tables WHERE "
                              "table_schema = '" + mysql_db_ + "' ORDER BY 1");
    }
    return "";
  }

  // Runs verify --json; checks the configured database and the scratch.
  nlohmann::json verify(const std::vector<std::string>& extra, int expected_exit) {
    std::vector<std::string> args{"verify", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    last_ = run_strata(args, dir.path());
    EXPECT_EQ(last_.exit_code, expected_exit) << last_.out << last_.err;
    nlohmann::json out = nlohmann::json::parse(last_.out, nullptr, false);
    EXPECT_FALSE(out.is_discarded()) << last_.out << last_.err;
    if (out.is_discarded()) return out;
    EXPECT_EQ(configured_catalog(), configured_before_) << "verify changed the configured database";
    expect_scratch_gone(out.value("scratch", ""));
    return out;
  }

  void expect_scratch_gone(const std::string& scratch) {
    ASSERT_FALSE(scratch.empty());
    std::string name = scratch.substr(scratch.rfind('/') + 1);
    switch (GetParam()) {
      case Backend::kSqlite: {
        std::string path = scratch.substr(scratch.find('/'));
        EXPECT_FALSE(fs::exists(fs::path(path).parent_path())) << scratch;
        break;
      }
      case Backend::kPostgres:
        ASSERT_EQ(name.rfind("strata_dev_", 0), 0u) << scratch;
        EXPECT_EQ(query(server_, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"),
                  "0\n") << scratch;
        break;
      case Backend::kMariadb:
        ASSERT_EQ(name.rfind("strata_dev_", 0), 0u) << scratch;
        EXPECT_EQ(query(server_, "SELECT count(*) FROM information_schema.schemata WHERE "
                                 "schema_name LIKE '" + name + "%'"),
                  "0\n") << scratch;
        break;
    }
  }

  std::vector<std::string> verified(const nlohmann::json& out) {
    return out.value("verified", std::vector<std::string>{});
  }
  std::string diff_text(const nlohmann::json& out) {
    std::string text;
    for (const auto& line : out["failure"]["diff"]) text += line.get<std::string>() + "\n";
    return text;
  }

  TempDir dir;
  std::string url_, server_, dev_url_, mysql_db_;
  std::string configured_before_;
  CommandResult last_;
};

TEST_P(Verify, CleanChainVerifiesEveryStep) {
  add_chain();
  nlohmann::json out = verify({}, 0);
  EXPECT_EQ(out["ok"], true);
  EXPECT_EQ(out["steps_verified"], 3);
  EXPECT_EQ(verified(out), (std::vector<std::string>{"aaaa1111", "bbbb2222", "cccc3333"}));
  EXPECT_EQ(out["heads_checked"], true);
  EXPECT_EQ(out["models_checked"], false);
  EXPECT_TRUE(out["failure"].is_null());

  CommandResult text = run_strata({"verify"}, dir.path());
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Verified 3 step(s)"), std::string::npos) << text.out;
  EXPECT_NE(text.err.find("Verified upgrade aaaa1111 -> bbbb2222"), std::string::npos) << text.err;
}

TEST_P(Verify, DowngradeForgettingAnIndexFailsNamingIt) {
  add_chain("  op.drop_column(\"t1\", \"b\")");  // ix_t1_a stays behind
  nlohmann::json out = verify({}, 1);
  EXPECT_EQ(out["ok"], false);
  EXPECT_EQ(verified(out), std::vector<std::string>{"aaaa1111"});
  EXPECT_EQ(out["failure"]["revision"], "bbbb2222");
  EXPECT_EQ(out["failure"]["phase"], "round_trip");
  std::string diff = diff_text(out);
  EXPECT_NE(diff.find("+ "), std::string::npos) << diff;
  EXPECT_NE(diff.find("ix_t1_a"), std::string::npos) << diff;
  EXPECT_EQ(diff.find("- "), std::string::npos) << diff;  // nothing went missing
  EXPECT_NE(last_.err.find("strata: error: verify failed at bbbb2222 (round_trip)"),
            std::string::npos) << last_.err;

  CommandResult text = run_strata({"-q", "verify"}, dir.path());
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("FAILED at bbbb2222 (round_trip)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("ix_t1_a"), std::string::npos) << text.out;
}

TEST_P(Verify, DowngradeForgettingAColumnFailsNamingIt) {
  add_chain("  op.drop_index(\"ix_t1_a\", \"t1\")");  // t1.b stays behind
  nlohmann::json out = verify({}, 1);
  EXPECT_EQ(out["failure"]["revision"], "bbbb2222");
  EXPECT_EQ(out["failure"]["phase"], "round_trip");
  std::string diff = diff_text(out);
  ASSERT_EQ(out["failure"]["diff"].size(), 1u) << diff;
  EXPECT_EQ(diff.rfind("+ ", 0), 0u) << diff;
  EXPECT_NE(diff.find("column \"b\""), std::string::npos) << diff;
}

TEST_P(Verify, DowngradeThatFailsIsReported) {
  add_chain("", "  op.drop_table(\"no_such_table\")");
  nlohmann::json out = verify({}, 1);
  EXPECT_EQ(verified(out), (std::vector<std::string>{"aaaa1111", "bbbb2222"}));
  EXPECT_EQ(out["failure"]["revision"], "cccc3333");
  EXPECT_EQ(out["failure"]["phase"], "downgrade");
  std::string message = out["failure"]["message"];
  EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
}

TEST_P(Verify, TwoHeadsFailNamingThem) {
  add_chain();
  add("dddd4444", "\"aaaa1111\"",
      "  op.create_table(\"t4\", op.column(\"id\", op.Integer, {primary_key = true}))",
      "  op.drop_table(\"t4\")");
  nlohmann::json out = verify({}, 1);
  EXPECT_EQ(out["steps_verified"], 4);  // both branches walked
  EXPECT_EQ(out["failure"]["phase"], "heads");
  std::string revision = out["failure"]["revision"];
  EXPECT_NE(revision.find("cccc3333"), std::string::npos) << revision;
  EXPECT_NE(revision.find("dddd4444"), std::string::npos) << revision;
  std::string message = out["failure"]["message"];
  EXPECT_NE(message.find("2 heads"), std::string::npos) << message;
}

TEST_P(Verify, ModelsAtHead) {
  add_chain();
  fs::create_directories(dir.file("models"));
  const std::string t1 =
      "model.table(\"t1\", model.column(\"id\", model.Integer, {primary_key = true}),\n"
      "  model.column(\"a\", model.Integer), model.column(\"b\", model.String(20)))\n"
      "model.index(\"ix_t1_a\", \"t1\", {\"a\"})\n";
  const std::string t3 = "model.table(\"t3\", model.column(\"id\", model.Integer, {primary_key = true}))\n";
  write_config("models = [\"models/*.lua\"]\n");
  write_file(dir.file("models/app.lua"), t1 + t3);
  nlohmann::json in_step = verify({}, 0);
  EXPECT_EQ(in_step["models_checked"], true) << last_.out;
  EXPECT_TRUE(in_step["failure"].is_null()) << last_.out;

  write_file(dir.file("models/app.lua"),
             t1 + t3 + "model.table(\"t5\", model.column(\"id\", model.Integer, {primary_key = true}))\n");
  nlohmann::json out = verify({}, 1);
  EXPECT_EQ(out["steps_verified"], 3);
  EXPECT_EQ(out["failure"]["phase"], "models");
  EXPECT_EQ(out["failure"]["revision"], "cccc3333");
  EXPECT_NE(diff_text(out).find("t5"), std::string::npos) << diff_text(out);
}

TEST_P(Verify, RangeVerifiesOnlyTheNewRevisions) {
  // bbbb2222's downgrade is broken, but -r bbbb2222:head does not verify it.
  add_chain("  op.drop_column(\"t1\", \"b\")");
  nlohmann::json tail = verify({"-r", "bbbb2222:head"}, 0);
  EXPECT_EQ(verified(tail), std::vector<std::string>{"cccc3333"});
  nlohmann::json from_a = verify({"-r", "aaaa1111:"}, 1);
  EXPECT_TRUE(verified(from_a).empty());
  EXPECT_EQ(from_a["failure"]["revision"], "bbbb2222");
  nlohmann::json upto_b = verify({"-r", ":aaaa1111"}, 0);
  EXPECT_EQ(verified(upto_b), std::vector<std::string>{"aaaa1111"});
  EXPECT_EQ(upto_b["heads_checked"], false);

  // An unknown revision is bad input, refused before a scratch database exists.
  CommandResult unknown = run_strata({"verify", "-r", "zzzz:head"}, dir.path());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "strata: error: Can't locate revision identified by 'zzzz'\n");
  EXPECT_EQ(configured_catalog(), configured_before_);
}

INSTANTIATE_TEST_SUITE_P(Backends, Verify,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kMariadb),
                         backend_name);

// MariaDB: no dev_url, or a schema strata cannot map to a scratch database,
// is refused before anything runs.
TEST(VerifyMariadb, RefusesWithoutDevUrlOrWithOtherSchemas) {
  std::optional<std::string> base = mysql_test_url();
  if (!base) {
    if (live_required("mysql")) FAIL() << "STRATA_TEST_MYSQL_URL is not set";
    GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set";
  }
  TempDir dir;
  fs::create_directories(dir.file("migrations/versions"));
  std::string url = base->substr(0, base->rfind('/') + 1) + "strata_verify_never_created";
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + url + "\"\n");
  CommandResult no_dev = run_strata({"verify"}, dir.path());
  EXPECT_EQ(no_dev.exit_code, 1);
  EXPECT_NE(no_dev.err.find("needs `dev_url`"), std::string::npos) << no_dev.err;

  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + url +
                                          "\"\ndev_url = \"" + *base +
                                          "\"\nversion_table_schema = \"core\"\n");
  CommandResult schema = run_strata({"verify"}, dir.path());
  EXPECT_EQ(schema.exit_code, 1);
  EXPECT_NE(schema.err.find("schema `core` (version_table_schema)"), std::string::npos)
      << schema.err;
  EXPECT_EQ(query(*base, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = "
                         "'strata_verify_never_created'"),
            "0\n");
}

// The WeatherAI example (schemas core and rag, models at head) verifies on
// SQLite and PostgreSQL; its configured database is never created. MariaDB
// refuses it (schemas are databases there).
class WeatherAiVerify : public ::testing::TestWithParam<Backend> {};

TEST_P(WeatherAiVerify, ExampleVerifies) {
  TempDir dir;
  fs::copy(std::string(STRATA_SOURCE_DIR) + "/examples/weatherai", dir.path(),
           fs::copy_options::recursive);
  std::string url = "sqlite:///" + dir.file("weatherai.db");
  if (GetParam() == Backend::kMariadb) {
    // Its schemas core and rag are MariaDB databases verify cannot map to
    // scratch names: refused before anything runs, naming the schema.
    std::optional<std::string> base = mysql_test_url();
    if (!base) {
      if (live_required("mysql")) FAIL() << "STRATA_TEST_MYSQL_URL is not set";
      GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set";
    }
    std::string toml = read_file(dir.file("strata.toml"));
    write_file(dir.file("strata.toml"), "dev_url = \"" + *base + "\"\n" + toml);  // before [tables]
    url = base->substr(0, base->rfind('/') + 1) + "strata_verify_weatherai_never_created";
    CommandResult r = run_strata({"verify"}, dir.path(), {"WEATHERAI_DB_URL=" + url});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("schema `core` (version_table_schema)"), std::string::npos) << r.err;
    EXPECT_EQ(query(*base, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = "
                           "'strata_verify_weatherai_never_created'"),
              "0\n");
    return;
  }
  if (GetParam() == Backend::kPostgres) {
    REQUIRE_PG_SERVER();
    url = create_pg_database("strata_verify_weatherai");
  }
  CommandResult r = run_strata({"verify", "--json"}, dir.path(), {"WEATHERAI_DB_URL=" + url});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json out = nlohmann::json::parse(r.out);
  EXPECT_EQ(out["steps_verified"], 4);
  EXPECT_EQ(out["models_checked"], true);
  if (GetParam() == Backend::kSqlite) {
    EXPECT_FALSE(fs::exists(dir.file("weatherai.db")));
    EXPECT_FALSE(fs::exists(dir.file("weatherai.core.db")));
  } else {
    EXPECT_EQ(query(url, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('core', 'rag')"),
              "0\n");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, WeatherAiVerify,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres,
                                           Backend::kMariadb),
                         backend_name);

}  // namespace
}  // namespace strata::testing
