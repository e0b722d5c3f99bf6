// Transaction semantics of upgrade/downgrade, run through the real strata
// binary on SQLite (always) and PostgreSQL (when the test command started
// one): a failing revision rolls back the whole run by default, or only
// itself with transaction_per_migration; the version table shows exactly
// what was committed; the error is one line naming the revision.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace strata::testing {
namespace {

enum class Backend { kSqlite, kPostgres };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// A revision file in Alembic's shape. `up`/`down` are the function bodies.
std::string revision(const std::string& id, const std::string& down, const std::string& message,
                     const std::string& up, const std::string& down_body) {
  return "-- " + message + "\n--\n-- Revision ID: " + id + "\n\nrevision = \"" + id +
         "\"\ndown_revision = " + down + "\n\nfunction upgrade()\n" + up +
         "\nend\n\nfunction downgrade()\n" + down_body + "\nend\n";
}

const char* const kFirstUp =
    "  op.create_table(\"t1\", op.column(\"id\", op.Integer, {primary_key = true}),\n"
    "    op.column(\"name\", op.String(20), {nullable = false}))\n"
    "  op.execute(\"INSERT INTO t1 (id, name) VALUES (1, 'one'), (2, 'two')\")";
// The line of the statement appended after kSecondGoodUp in the failing
// variants of revision 2 (where database errors are positioned).
constexpr int kSecondInsertLine = 10;

const char* const kSecondGoodUp =
    "  op.create_table(\"t2\", op.column(\"id\", op.Integer, {primary_key = true}))";
const char* const kThirdUp =
    "  op.create_table(\"t3\", op.column(\"id\", op.Integer, {primary_key = true}))";

class Transactions : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (pg()) {
      if (!pg_url()) GTEST_SKIP() << "no PostgreSQL (run under scripts/with-postgres.sh)";
      url_ = create_pg_database("strata_tx");
    } else {
      url_ = "sqlite:///" + dir.file("app.db");
    }
    config("");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    add("a1_first.lua", revision("aaaa1111", "nil", "first", kFirstUp, "  op.drop_table(\"t1\")"));
    add("b2_second.lua", revision("bbbb2222", "\"aaaa1111\"", "second", kSecondGoodUp,
                                  "  op.drop_table(\"t2\")"));
    add("c3_third.lua", revision("cccc3333", "\"bbbb2222\"", "third", kThirdUp,
                                 "  op.drop_table(\"t3\")"));
  }

  bool pg() const { return GetParam() == Backend::kPostgres; }

  void config(const std::string& extra) {
    write_file(dir.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + url_ + "\"\n" + extra);
  }
  void add(const std::string& file, const std::string& text) {
    write_file(dir.file("migrations/versions/" + file), text);
  }
  // Replace revision 2's upgrade body.
  void second_up(const std::string& body) {
    add("b2_second.lua",
        revision("bbbb2222", "\"aaaa1111\"", "second", body, "  op.drop_table(\"t2\")"));
  }

  CommandResult strata(const std::vector<std::string>& args) {
    std::vector<std::string> all{"-q"};
    all.insert(all.end(), args.begin(), args.end());
    return run_strata(all, dir.path());
  }

  // One query, output as the CLI prints it (rows on lines, columns '|').
  std::string sql(const std::string& query) {
    if (pg()) return psql(url_, query);
    CommandResult r = run_command({"sqlite3", dir.file("app.db"), query}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  // User tables, sorted, comma separated ("" for none); strata_history
  // (history_test.cpp covers it) left out.
  std::string tables() {
    if (pg()) {
      return psql(url_,
                  "SELECT coalesce(string_agg(table_schema || '.' || table_name, ',' ORDER BY "
                  "table_schema, table_name), '') FROM information_schema.tables WHERE "
                  "table_schema NOT IN ('pg_catalog', 'information_schema') AND "
                  "table_name <> 'strata_history'");
    }
    if (!std::filesystem::exists(dir.file("app.db"))) return "\n";
    return sql("SELECT coalesce(group_concat(name), '') FROM (SELECT name FROM sqlite_master "
               "WHERE type = 'table' AND name <> 'strata_history' ORDER BY name)");
  }
  // Qualified name as tables() prints it.
  std::string t(const std::string& name) const { return pg() ? "public." + name : name; }

  // The version table's rows, or "<absent>".
  std::string versions() {
    if (tables().find("alembic_version") == std::string::npos) return "<absent>";
    return sql("SELECT version_num FROM alembic_version ORDER BY version_num");
  }

  std::string no_such_table(const std::string& name) const {
    return pg() ? "relation \"" + name + "\" does not exist" : "no such table: " + name;
  }

  TempDir dir;
  std::string url_;
};

TEST_P(Transactions, HappyPathCommitsEverything) {
  CommandResult up = strata({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(up.err, "");
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "," + t("t2") + "," + t("t3") + "\n");
  EXPECT_EQ(versions(), "cccc3333\n");
  EXPECT_EQ(sql("SELECT id, name FROM t1 ORDER BY id"), "1|one\n2|two\n");
}

TEST_P(Transactions, FailingRevisionRollsBackTheWholeRun) {
  second_up(std::string(kSecondGoodUp) + "\n  op.execute(\"INSERT INTO missing_table VALUES (1)\")");
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.out, "");
  EXPECT_EQ(up.err,
            "strata: error: upgrade aaaa1111 -> bbbb2222, second failed: "
            "migrations/versions/b2_second.lua:" + std::to_string(kSecondInsertLine) + ": " +
                no_such_table("missing_table") +
                "; statement: INSERT INTO missing_table VALUES (1)\n");
  // Nothing of revision 1 either, and no version table (it was created in
  // the same transaction).
  EXPECT_EQ(tables(), "\n");
  EXPECT_EQ(versions(), "<absent>");
  CommandResult current = strata({"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "");
}

TEST_P(Transactions, FailureKeepsWhatAnEarlierRunCommitted) {
  ASSERT_EQ(strata({"upgrade", "aaaa1111"}).exit_code, 0);
  second_up(std::string(kSecondGoodUp) + "\n  op.execute(\"INSERT INTO missing_table VALUES (1)\")");
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "strata: error: upgrade aaaa1111 -> bbbb2222, second failed: "
            "migrations/versions/b2_second.lua:" + std::to_string(kSecondInsertLine) + ": " +
                no_such_table("missing_table") +
                "; statement: INSERT INTO missing_table VALUES (1)\n");
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "\n");
  EXPECT_EQ(versions(), "aaaa1111\n");
  EXPECT_EQ(sql("SELECT id, name FROM t1 ORDER BY id"), "1|one\n2|two\n");
}

TEST_P(Transactions, PerMigrationCommitsEarlierRevisions) {
  config("transaction_per_migration = true\n");
  second_up(std::string(kSecondGoodUp) + "\n  op.execute(\"INSERT INTO missing_table VALUES (1)\")");
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "strata: error: upgrade aaaa1111 -> bbbb2222, second failed: "
            "migrations/versions/b2_second.lua:" + std::to_string(kSecondInsertLine) + ": " +
                no_such_table("missing_table") +
                "; statement: INSERT INTO missing_table VALUES (1)\n");
  // Revision 1 committed on its own; revision 2's table is gone.
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "\n");
  EXPECT_EQ(versions(), "aaaa1111\n");
  EXPECT_EQ(sql("SELECT id, name FROM t1 ORDER BY id"), "1|one\n2|two\n");
  CommandResult current = strata({"current"});
  EXPECT_EQ(current.out, "aaaa1111\n");

  // Fixed, the next run continues from revision 1.
  second_up(kSecondGoodUp);
  CommandResult again = strata({"upgrade", "head"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "," + t("t2") + "," + t("t3") + "\n");
  EXPECT_EQ(versions(), "cccc3333\n");
  EXPECT_EQ(sql("SELECT count(*) FROM t1"), "2\n");
}

TEST_P(Transactions, LuaRuntimeErrorRollsBack) {
  // Line 11 of the file is `helper("x")`.
  second_up(std::string(kSecondGoodUp) + "\n  local helper = nil\n  helper(\"x\")");
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "strata: error: migrations/versions/b2_second.lua:11: attempt to call a nil value "
            "(local 'helper')\n");
  EXPECT_EQ(tables(), "\n");
  EXPECT_EQ(versions(), "<absent>");

  config("transaction_per_migration = true\n");
  CommandResult per = strata({"upgrade", "head"});
  EXPECT_EQ(per.exit_code, 1);
  EXPECT_EQ(per.err, up.err);
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "\n");
  EXPECT_EQ(versions(), "aaaa1111\n");
}

TEST_P(Transactions, ScriptErrorFromOpApiRollsBack) {
  // An argument error raised by op.* (not by the database) also rolls back.
  second_up(std::string(kSecondGoodUp) +
            "\n  op.create_table(\"t2b\", op.column(\"id\", op.Strng))");
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err.find("strata: error: migrations/versions/b2_second.lua:10: "), 0u) << up.err;
  EXPECT_EQ(std::count(up.err.begin(), up.err.end(), '\n'), 1) << up.err;
  EXPECT_EQ(tables(), "\n");
}

TEST_P(Transactions, FailingMultiStatementExecuteLeavesNoHalfAppliedDdl) {
  // The first two statements succeed, the third fails: PostgreSQL (and
  // SQLite) have transactional DDL, so neither the new table nor the new
  // column survives, even with per-revision transactions.
  config("transaction_per_migration = true\n");
  second_up(
      "  op.execute(\"CREATE TABLE t2a (id INTEGER); ALTER TABLE t1 ADD COLUMN extra INTEGER; "
      "ALTER TABLE missing_table ADD COLUMN x INTEGER\")");
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(up.err,
            "strata: error: upgrade aaaa1111 -> bbbb2222, second failed: "
            "migrations/versions/b2_second.lua:9: " + no_such_table("missing_table") +
                "; statement: CREATE TABLE t2a (id INTEGER); ALTER TABLE t1 ADD COLUMN extra "
                "INTEGER; ALTER TABLE missing_table ADD COLUMN x INTEGER\n");
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "\n");
  EXPECT_EQ(versions(), "aaaa1111\n");
  if (pg()) {
    EXPECT_EQ(sql("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
                  "information_schema.columns WHERE table_schema = 'public' AND table_name = 't1'"),
              "id,name\n");
  } else {
    EXPECT_EQ(sql("SELECT group_concat(name) FROM pragma_table_info('t1')"), "id,name\n");
  }
}

TEST_P(Transactions, FailingDowngradeRollsBack) {
  ASSERT_EQ(strata({"upgrade", "head"}).exit_code, 0);
  add("b2_second.lua", revision("bbbb2222", "\"aaaa1111\"", "second", kSecondGoodUp,
                                "  op.drop_table(\"t2\")\n  op.execute(\"DELETE FROM missing_table\")"));
  CommandResult down = strata({"downgrade", "base"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_EQ(down.err,
            "strata: error: downgrade bbbb2222 -> aaaa1111, second failed: "
            "migrations/versions/b2_second.lua:14: " + no_such_table("missing_table") +
                "; statement: DELETE FROM missing_table\n");
  // One transaction: revision 3's downgrade (drop t3) is undone too.
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "," + t("t2") + "," + t("t3") + "\n");
  EXPECT_EQ(versions(), "cccc3333\n");

  config("transaction_per_migration = true\n");
  CommandResult per = strata({"downgrade", "base"});
  EXPECT_EQ(per.exit_code, 1);
  EXPECT_EQ(per.err, down.err);
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("t1") + "," + t("t2") + "\n");
  EXPECT_EQ(versions(), "bbbb2222\n");
}

TEST_P(Transactions, DeferredConstraintFailingAtCommit) {
  // The violation surfaces at COMMIT, not at a statement.
  add("a1_first.lua",
      revision("aaaa1111", "nil", "first",
               "  op.create_table(\"p\", op.column(\"id\", op.Integer, {primary_key = true}))\n"
               "  op.create_table(\"c\", op.column(\"id\", op.Integer, {primary_key = true}),\n"
               "    op.column(\"p_id\", op.Integer, {foreign_key = {\"p.id\", name = \"fk_c_p\",\n"
               "      deferrable = true, initially = \"DEFERRED\"}}))",
               "  op.drop_table(\"c\")\n  op.drop_table(\"p\")"));
  second_up("  op.execute(\"INSERT INTO c (id, p_id) VALUES (1, 42)\")");
  std::remove(dir.file("migrations/versions/c3_third.lua").c_str());
  const std::string violation =
      pg() ? "insert or update on table \"c\" violates foreign key constraint \"fk_c_p\"; "
             "DETAIL: Key (p_id)=(42) is not present in table \"p\"."
           : "FOREIGN KEY constraint failed";

  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  // The run's one transaction spans two revisions: no single one to blame.
  EXPECT_EQ(up.err, "strata: error: " + violation + "; statement: COMMIT\n");
  EXPECT_EQ(tables(), "\n");
  EXPECT_EQ(versions(), "<absent>");

  config("transaction_per_migration = true\n");
  CommandResult per = strata({"upgrade", "head"});
  EXPECT_EQ(per.exit_code, 1);
  EXPECT_EQ(per.err,
            "strata: error: upgrade aaaa1111 -> bbbb2222, second (migrations/versions/b2_second.lua) "
            "failed: " + violation + "; statement: COMMIT\n");
  EXPECT_EQ(tables(), t("alembic_version") + "," + t("c") + "," + t("p") + "\n");
  EXPECT_EQ(versions(), "aaaa1111\n");
  EXPECT_EQ(sql("SELECT count(*) FROM c"), "0\n");

  // One transaction holding one step: that step is named.
  config("");
  CommandResult single = strata({"upgrade", "head"});
  EXPECT_EQ(single.exit_code, 1);
  EXPECT_EQ(single.err, per.err);
  EXPECT_EQ(versions(), "aaaa1111\n");
}

TEST_P(Transactions, VersionTableInItsOwnSchemaIsRolledBackToo) {
  config("version_table_schema = \"core\"\n");
  second_up(std::string(kSecondGoodUp) + "\n  op.execute(\"INSERT INTO missing_table VALUES (1)\")");
  // SQLite: schema core is the attached file app.core.db.
  auto core_sqlite = [&](const std::string& query) {
    CommandResult r = run_command({"sqlite3", dir.file("app.core.db"), query}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  CommandResult up = strata({"upgrade", "head"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_EQ(tables(), "\n");
  if (pg()) {
    // Even CREATE SCHEMA core (made for the version table) was rolled back.
    EXPECT_EQ(sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'core'"), "0\n");
  } else {
    // ATTACH cannot be undone, but the attached file holds nothing.
    EXPECT_EQ(core_sqlite("SELECT count(*) FROM sqlite_master"), "0\n");
  }
  EXPECT_EQ(strata({"current"}).out, "");

  config("version_table_schema = \"core\"\ntransaction_per_migration = true\n");
  CommandResult per = strata({"upgrade", "head"});
  EXPECT_EQ(per.exit_code, 1);
  if (pg()) {
    EXPECT_EQ(tables(), "core.alembic_version,public.t1\n");
    EXPECT_EQ(sql("SELECT version_num FROM core.alembic_version"), "aaaa1111\n");
  } else {
    EXPECT_EQ(tables(), "t1\n");
    EXPECT_EQ(core_sqlite("SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'"),
              "alembic_version,strata_history\n");
    EXPECT_EQ(core_sqlite("SELECT version_num FROM alembic_version"), "aaaa1111\n");
  }
  EXPECT_EQ(strata({"current"}).out, "aaaa1111\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, Transactions,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backend_name);

}  // namespace
}  // namespace strata::testing
