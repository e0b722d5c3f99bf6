// Applied history with checksums (issue 8 §2), through the real strata
// binary on PostgreSQL, SQLite and MariaDB: one strata_history row per
// applied / reverted / stamped step with the script's SHA-256 (CRLF -> LF);
// `strata validate` (exit 1 on a changed or missing script; CRLF <-> LF is
// no change; --json); `upgrade` warns first, or refuses with
// validate_on_migrate = "error"; `strata repair` records the new checksums;
// a MariaDB step failing part-way is recorded and blocks the next upgrade
// until `strata repair`, or `upgrade --resume` continues it. Servers come from scripts/with-postgres.sh; a
// missing URL fails the test.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "runtime/script_checksum.h"
#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

std::string revision(const std::string& id, const std::string& down, const std::string& body) {
  return "revision = \"" + id + "\"\ndown_revision = " + down + "\n\nfunction upgrade()\n" + body +
         "\nend\n\nfunction downgrade()\n  op.drop_table(\"t_" + id + "\")\nend\n";
}

std::string create(const std::string& id) {
  return "  op.create_table(\"t_" + id + "\", op.column(\"id\", op.Integer, {primary_key = true}))";
}

class History : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = LiveDb::open(GetParam(), &why);
    ASSERT_NE(db_, nullptr) << why << " (run under scripts/with-postgres.sh)";
    std::filesystem::create_directories(dir_.file("migrations/versions"));
    config("");
    add("a1", "nil", create("a1"));
    add("b2", "\"a1\"", create("b2"));
    add("c3", "\"b2\"", create("c3"));
  }
  void config(const std::string& extra) {
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + db_->url() + "\"\n" + extra);
  }
  std::string path(const std::string& id) { return dir_.file("migrations/versions/" + id + ".lua"); }
  void add(const std::string& id, const std::string& down, const std::string& body) {
    write_file(path(id), revision(id, down, body));
  }
  CommandResult strata(const std::vector<std::string>& args) { return run_strata(args, dir_.path()); }
  CommandResult ok(const std::vector<std::string>& args) {
    CommandResult r = strata(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  // "revision direction checksum success statements_done" per history row.
  std::vector<std::string> history() {
    std::vector<std::string> out;
    for (const auto& row : db_->conn()
                               .query("SELECT revision, direction, COALESCE(checksum, '-'), success, "
                                      "statements_done, applied_by, strata_version FROM strata_history "
                                      "ORDER BY id")
                               .rows) {
      std::string success = row[3].value_or("?");
      if (success == "t") success = "1";
      if (success == "f") success = "0";
      out.push_back(*row[0] + " " + *row[1] + " " + *row[2] + " " + success + " " +
                    row[4].value_or("-"));
      EXPECT_FALSE(row[5].value_or("").empty());
      EXPECT_FALSE(row[6].value_or("").empty());
    }
    return out;
  }
  std::string sum(const std::string& id) { return *runtime::script_checksum(path(id)); }

  TempDir dir_;
  std::unique_ptr<LiveDb> db_;
};

TEST_P(History, OneRowPerStepWithTheScriptChecksum) {
  ok({"-q", "upgrade", "head"});
  ok({"-q", "downgrade", "-1"});
  ok({"-q", "stamp", "c3"});
  EXPECT_EQ(history(), (std::vector<std::string>{
                           "a1 upgrade " + sum("a1") + " 1 1", "b2 upgrade " + sum("b2") + " 1 1",
                           "c3 upgrade " + sum("c3") + " 1 1", "c3 downgrade " + sum("c3") + " 1 1",
                           "c3 stamp " + sum("c3") + " 1 0"}));
  // The checksum is SHA-256 of the bytes with CRLF -> LF.
  EXPECT_EQ(runtime::checksum_of_text("a\r\nb\n"), runtime::checksum_of_text("a\nb\n"));
  EXPECT_EQ(runtime::checksum_of_text(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_P(History, ValidateRepairAndUpgradeCheck) {
  ok({"-q", "upgrade", "b2"});
  EXPECT_EQ(ok({"validate"}).out, "");
  // Line endings are no change.
  std::string text = read_file(path("a1"));
  write_file(path("a1"), std::regex_replace(text, std::regex("\n"), "\r\n"));
  EXPECT_EQ(ok({"validate"}).out, "");
  // An edit is.
  write_file(path("b2"), read_file(path("b2")) + "-- edited\n");
  CommandResult changed = strata({"validate"});
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.out.find("b2 changed since applied: "), std::string::npos) << changed.out;
  EXPECT_EQ(changed.out.find("a1"), std::string::npos) << changed.out;
  CommandResult json = strata({"validate", "--json"});
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_NE(json.out.find("\"kind\": \"changed\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"valid\": false"), std::string::npos) << json.out;
  // validate_on_migrate = "error": upgrade refuses, nothing applied.
  config("validate_on_migrate = \"error\"\n");
  CommandResult refused = strata({"-q", "upgrade", "head"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("b2 changed since applied"), std::string::npos) << refused.err;
  EXPECT_EQ(db_->conn().query("SELECT version_num FROM alembic_version").rows[0][0], "b2");
  // Default: a warning, then the upgrade runs.
  config("");
  CommandResult warned = ok({"-q", "upgrade", "head"});
  EXPECT_NE(warned.err.find("WARNING [strata] applied revisions differ from their scripts"),
            std::string::npos)
      << warned.err;
  // repair records the new checksum; validate is clean again.
  EXPECT_EQ(ok({"repair"}).out, "checksum recorded: b2\n");
  EXPECT_EQ(ok({"validate"}).out, "");
  // A missing script.
  std::filesystem::remove(path("c3"));
  CommandResult missing = strata({"validate"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("c3 missing"), std::string::npos) << missing.out;
  CommandResult no_repair = strata({"repair"});
  EXPECT_EQ(no_repair.exit_code, 1);
  EXPECT_NE(no_repair.err.find("cannot repair c3 missing"), std::string::npos) << no_repair.err;
}

TEST_P(History, OfflineScriptCreatesAndFillsTheHistoryTable) {
  CommandResult sql = ok({"upgrade", "head", "--sql"});
  EXPECT_NE(sql.out.find("CREATE TABLE IF NOT EXISTS strata_history"), std::string::npos) << sql.out;
  EXPECT_EQ(std::count(sql.out.begin(), sql.out.end(), '\n') > 0, true);
  size_t inserts = 0;
  for (size_t at = sql.out.find("INSERT INTO strata_history"); at != std::string::npos;
       at = sql.out.find("INSERT INTO strata_history", at + 1)) {
    ++inserts;
  }
  EXPECT_EQ(inserts, 3u) << sql.out;
}

INSTANTIATE_TEST_SUITE_P(Dialects, History, ::testing::Values("postgresql", "sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

// MariaDB: DDL is not transactional; a step failing part-way is recorded and
// the next upgrade refuses until `strata repair`.
TEST(MysqlFailedStep, RecordedAndBlocksUntilRepair) {
  std::string why;
  std::unique_ptr<LiveDb> db = LiveDb::open("mysql", &why);
  ASSERT_NE(db, nullptr) << why << " (run under scripts/with-postgres.sh)";
  TempDir dir;
  std::filesystem::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + db->url() + "\"\n");
  const std::string bad = dir.file("migrations/versions/a1.lua");
  write_file(bad, revision("a1", "nil", create("a1") + "\n" + create("x1") + "\n  op.execute(\"SELECT * FROM no_such_table\")"));
  CommandResult failed = run_strata({"-q", "upgrade", "head"}, dir.path());
  EXPECT_EQ(failed.exit_code, 1);
  auto rows = db->conn().query("SELECT revision, direction, success, statements_done FROM strata_history").rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(*rows[0][0] + " " + *rows[0][1] + " " + *rows[0][2] + " " + *rows[0][3], "a1 upgrade 0 2");
  // Fixed script, same database: refused, naming what ran.
  write_file(bad, revision("a1", "nil", create("a1") + "\n" + create("x1")));
  CommandResult refused = run_strata({"-q", "upgrade", "head"}, dir.path());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("a previous upgrade a1 failed after 2 statements"), std::string::npos)
      << refused.err;
  CommandResult listed = run_strata({"validate"}, dir.path());
  EXPECT_EQ(listed.exit_code, 1);
  EXPECT_NE(listed.out.find("upgrade a1 failed after 2 statements"), std::string::npos) << listed.out;
  // Fixed by hand (the tables dropped), then repair: upgrade runs.
  db->conn().execute("DROP TABLE t_a1");
  db->conn().execute("DROP TABLE t_x1");
  EXPECT_EQ(run_strata({"repair"}, dir.path()).out, "failed step cleared: a1\n");
  CommandResult again = run_strata({"-q", "upgrade", "head"}, dir.path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(run_strata({"validate"}, dir.path()).exit_code, 0);
}

// upgrade --resume continues a failed MariaDB step after the statements that
// ran, when its script is unchanged since the failure.
TEST(MysqlFailedStep, ResumeContinuesAfterWhatRan) {
  std::string why;
  std::unique_ptr<LiveDb> db = LiveDb::open("mysql", &why);
  ASSERT_NE(db, nullptr) << why << " (run under scripts/with-postgres.sh)";
  TempDir dir;
  std::filesystem::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + db->url() + "\"\n");
  const std::string script = dir.file("migrations/versions/a1.lua");
  const std::string body = create("a1") + "\n" + create("x1") +
                           "\n  op.execute(\"INSERT INTO needed (id) VALUES (1)\")";
  write_file(script, revision("a1", "nil", body));
  ASSERT_EQ(run_strata({"-q", "upgrade", "head"}, dir.path()).exit_code, 1);
  // The script changed since the failure: no resume.
  write_file(script, revision("a1", "nil", body + "\n-- edited"));
  CommandResult changed = run_strata({"-q", "upgrade", "head", "--resume"}, dir.path());
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.err.find("cannot resume upgrade a1: "), std::string::npos) << changed.err;
  write_file(script, revision("a1", "nil", body));
  // The missing table made by hand; resume runs the third statement only
  // (re-running the first two would fail: the tables exist).
  db->conn().execute("CREATE TABLE needed (id INTEGER)");
  CommandResult resumed = run_strata({"upgrade", "head", "--resume"}, dir.path());
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("Resuming upgrade a1 after 2 statements"), std::string::npos) << resumed.err;
  EXPECT_EQ(db->conn().query("SELECT count(*) FROM needed").rows[0][0], "1");
  EXPECT_EQ(db->conn().query("SELECT version_num FROM alembic_version").rows[0][0], "a1");
  EXPECT_EQ(run_strata({"validate"}, dir.path()).exit_code, 0);
  EXPECT_EQ(run_strata({"-q", "upgrade", "head"}, dir.path()).exit_code, 0);
}

}  // namespace
}  // namespace strata::testing
