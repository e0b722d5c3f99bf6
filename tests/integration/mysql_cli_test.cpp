// End-to-end CLI tests against MariaDB/MySQL (STRATA_TEST_MYSQL_URL, exported
// by scripts/with-postgres.sh when MariaDB is installed; skipped otherwise):
// the strata binary runs a small project with upgrade / current / downgrade,
// and the results are read back from information_schema. MySQL DDL is not
// transactional, so a failing revision reports what already ran.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "config/config.h"
#include "driver/connection.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

std::string revision_script(const std::string& id, const std::string& down,
                            const std::string& message, const std::string& up_body,
                            const std::string& down_body) {
  return "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: \n\n" + "revision = \"" +
         id + "\"\ndown_revision = " + down + "\n\nfunction upgrade()\n" + up_body +
         "\nend\n\nfunction downgrade()\n" + down_body + "\nend\n";
}

class MysqlCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("STRATA_TEST_MYSQL_URL");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set";
    static std::atomic<int> counter{0};
    std::string suffix = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    db = "strata_cli_" + suffix;
    schema = "strata_crm_" + suffix;
    std::string base = url;
    project_url = base.substr(0, base.rfind('/') + 1) + db;
    admin = driver::connect(config::parse_url(base));
    admin->execute("DROP DATABASE IF EXISTS " + db + "; DROP DATABASE IF EXISTS " + schema +
                   "; CREATE DATABASE " + db);
    write_file(dir.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + project_url + "\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
  }
  void TearDown() override {
    if (!admin) return;
    try {
      admin->execute("DROP DATABASE IF EXISTS " + db + "; DROP DATABASE IF EXISTS " + schema);
    } catch (const Error&) {
    }
  }
  void add(const std::string& file, const std::string& text) {
    write_file(dir.file("migrations/versions/" + file), text);
  }
  CommandResult strata(const std::vector<std::string>& args) { return run_strata(args, dir.path()); }
  // The rows of `sql`, one line per row, values joined by ','.
  std::string q(const std::string& sql) {
    driver::QueryResult r = admin->query(sql);
    std::string out;
    for (const driver::Row& row : r.rows) {
      for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i].value_or("NULL");
      out += "\n";
    }
    return out;
  }
  std::string tables(const std::string& in) {
    // strata_history: history_test.cpp covers it.
    return q("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + in +
             "' AND table_name <> 'strata_history' ORDER BY table_name");
  }
  std::string versions() { return q("SELECT version_num FROM " + db + ".alembic_version"); }

  TempDir dir;
  std::unique_ptr<driver::Connection> admin;
  std::string db, schema, project_url;
};

TEST_F(MysqlCli, UpgradeCurrentDowngradeRoundTrip) {
  const std::string s = "\"" + schema + "\"";
  add("a1_crm.lua",
      revision_script(
          "aaaa1111", "nil", "crm tables",
          "  op.create_schema(" + s + ", {if_not_exists = true})\n"
          "  op.create_table(\"users\",\n"
          "    op.column(\"id\", op.Integer, {primary_key = true}),\n"
          "    op.column(\"email\", op.String(100), {nullable = false, comment = \"login\"}),\n"
          "    {schema = " + s + ", comment = \"people\"})\n"
          "  op.create_table(\"posts\",\n"
          "    op.column(\"id\", op.Integer, {primary_key = true}),\n"
          "    op.column(\"user_id\", op.Integer, {foreign_key = {" + "\"" + schema +
              ".users.id\", ondelete = \"CASCADE\"}}),\n"
          "    op.column(\"title\", op.String(200)),\n"
          "    {schema = " + s + "})\n"
          "  op.create_index(\"ix_posts_title\", \"posts\", {\"title\"}, {schema = " + s + "})",
          "  op.drop_index(\"ix_posts_title\", {table = \"posts\", schema = " + s + "})\n"
          "  op.drop_table(\"posts\", {schema = " + s + "})\n"
          "  op.drop_table(\"users\", {schema = " + s + "})\n"
          "  op.drop_schema(" + s + ")"));
  add("b2_nick.lua",
      revision_script("bbbb2222", "\"aaaa1111\"", "nick",
                      "  op.add_column(\"users\", op.column(\"nick\", op.String(50)), {schema = " +
                          s + "})",
                      "  op.drop_column(\"users\", \"nick\", {schema = " + s + "})"));
  add("c3_rename.lua",
      revision_script("cccc3333", "\"bbbb2222\"", "rename",
                      "  op.rename_table(\"posts\", \"articles\", {schema = " + s + "})",
                      "  op.rename_table(\"articles\", \"posts\", {schema = " + s + "})"));

  CommandResult up = strata({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("Running upgrade bbbb2222 -> cccc3333, rename"), std::string::npos)
      << up.err;
  EXPECT_EQ(versions(), "cccc3333\n");
  EXPECT_EQ(tables(schema), "articles\nusers\n");
  EXPECT_EQ(tables(db), "alembic_version\n");
  EXPECT_EQ(q("SELECT column_name, data_type, is_nullable, column_comment FROM "
              "information_schema.columns WHERE table_schema = '" + schema +
              "' AND table_name = 'users' ORDER BY ordinal_position"),
            "id,int,NO,\nemail,varchar,NO,login\nnick,varchar,YES,\n");
  EXPECT_EQ(q("SELECT extra FROM information_schema.columns WHERE table_schema = '" + schema +
              "' AND table_name = 'users' AND column_name = 'id'"),
            "auto_increment\n");
  EXPECT_EQ(q("SELECT table_comment FROM information_schema.tables WHERE table_schema = '" +
              schema + "' AND table_name = 'users'"),
            "people\n");
  EXPECT_EQ(q("SELECT index_name, column_name FROM information_schema.statistics WHERE "
              "table_schema = '" + schema + "' AND table_name = 'articles' AND index_name = "
              "'ix_posts_title'"),
            "ix_posts_title,title\n");
  EXPECT_EQ(q("SELECT table_name, referenced_table_name, delete_rule FROM "
              "information_schema.referential_constraints WHERE constraint_schema = '" + schema +
              "'"),
            "articles,users,CASCADE\n");

  CommandResult current = strata({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "cccc3333 (head)\n");

  CommandResult down1 = strata({"downgrade", "-1"});
  ASSERT_EQ(down1.exit_code, 0) << down1.err;
  EXPECT_EQ(versions(), "bbbb2222\n");
  EXPECT_EQ(tables(schema), "posts\nusers\n");

  CommandResult down = strata({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(versions(), "");
  EXPECT_EQ(q("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + schema +
              "'"),
            "0\n");
  CommandResult after = strata({"current"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out, "");

  // --sql renders the dialect's DDL without touching the database.
  CommandResult offline = strata({"upgrade", "head", "--sql"});
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_NE(offline.out.find("CREATE DATABASE IF NOT EXISTS " + schema), std::string::npos)
      << offline.out;
  EXPECT_NE(offline.out.find("RENAME TABLE " + schema + ".posts TO " + schema + ".articles"),
            std::string::npos);
  EXPECT_NE(offline.out.find("AUTO_INCREMENT"), std::string::npos);
  EXPECT_EQ(offline.out.find("BEGIN"), std::string::npos);  // no transaction: DDL auto-commits
}

TEST_F(MysqlCli, FailingRevisionReportsWhatAlreadyRan) {
  add("a1_base.lua", revision_script("aaaa1111", "nil", "base",
                                     "  op.create_table(\"base\", op.column(\"id\", op.Integer, "
                                     "{primary_key = true}))",
                                     "  op.drop_table(\"base\")"));
  add("b2_broken.lua",
      revision_script("bbbb2222", "\"aaaa1111\"", "broken",
                      "  op.create_table(\"one\", op.column(\"id\", op.Integer, {primary_key = "
                      "true}))\n"
                      "  op.add_column(\"one\", op.column(\"note\", op.Text))\n"
                      "  op.execute(\"CREATE TABLE base (id INTEGER)\")\n"
                      "  op.create_table(\"never\", op.column(\"id\", op.Integer))",
                      "  op.drop_table(\"one\")"));
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("upgrade aaaa1111 -> bbbb2222, broken"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("failed after 2 statements"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("nothing was rolled back"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("ALTER TABLE one ADD COLUMN note TEXT"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("mysql error 1050"), std::string::npos) << up.err;  // table exists
  EXPECT_NE(up.err.find("statement: CREATE TABLE base (id INTEGER)"), std::string::npos)
      << up.err;
  // The first revision is recorded, the failing one is not; what it ran stays.
  EXPECT_EQ(versions(), "aaaa1111\n");
  EXPECT_EQ(tables(db), "alembic_version\nbase\none\n");
  CommandResult current = strata({"current"});
  EXPECT_EQ(current.out, "aaaa1111\n");
}

}  // namespace
}  // namespace strata::testing
