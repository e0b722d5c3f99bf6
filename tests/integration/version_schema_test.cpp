// The version table's schema, as a new user meets it (issue 8, section 8):
//  - op.create_schema("core", {if_not_exists = true}) in the first revision
//    and op.reverse_upgrade() in its downgrade, with the version table in
//    core: `downgrade base` works online (schema and empty version table
//    kept, as Alembic keeps its table) and with --sql (the script drops the
//    version table and keeps the schema), on PostgreSQL and SQLite; a
//    cascading drop of that schema is refused at the script's line.
//  - A schema is created only when missing (a catalog check in a DO block on
//    PostgreSQL), so a role with USAGE and CREATE on pre-created schemas but
//    no CREATE on the database runs the guide's whole project
//    (examples/weatherai) up to head and back to base, online and through
//    --sql scripts.
//  - The multischema template asks for a URL; the generic one keeps SQLite.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "integration/restricted_role.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

const char* const kFirst = R"lua(-- core schema
revision = "0001"
down_revision = nil
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_schema("core", {if_not_exists = true})
  op.create_table("accounts", op.column("id", op.Integer, {primary_key = true}), {schema = "core"})
end

function downgrade()
  op.reverse_upgrade()
end
)lua";

const char* const kCascade = R"lua(-- core schema, dropped with cascade
revision = "0001"
down_revision = nil
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_schema("core", {if_not_exists = true})
end

function downgrade()
  op.drop_schema("core", {cascade = true})
end
)lua";

class VersionSchema : public ::testing::Test {
 protected:
  void project(const std::string& url, const char* revision = kFirst) {
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + url +
                                            "\"\nversion_table_schema = \"core\"\n");
    fs::create_directories(dir.file("migrations/versions"));
    write_file(dir.file("migrations/versions/0001_core.lua"), revision);
  }
  CommandResult strata(std::vector<std::string> args) { return run_strata(args, dir.path()); }
  CommandResult apply(const std::string& url, const std::string& sql) {
    const std::string path = dir.file("script.sql");
    write_file(path, sql);
    return run_command({"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", path}, "");
  }
  TempDir dir;
};

TEST_F(VersionSchema, DowngradeBaseKeepsTheVersionTablesSchemaOnline) {
  REQUIRE_PG_SERVER();
  const std::string url = create_pg_database("strata_vschema");
  project(url);
  ASSERT_EQ(strata({"-q", "upgrade", "head"}).exit_code, 0);
  CommandResult down = strata({"downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.err.find("INFO  [strata] schema core kept: it holds the version table "
                          "core.alembic_version\n"),
            std::string::npos)
      << down.err;
  EXPECT_EQ(psql(url, "SELECT to_regclass('core.accounts') IS NULL"), "t\n");
  EXPECT_EQ(psql(url, "SELECT count(*) FROM core.alembic_version"), "0\n");
  EXPECT_EQ(strata({"current"}).out, "");
  // And up again.
  ASSERT_EQ(strata({"-q", "upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(strata({"current"}).out, "0001 (head)\n");
}

TEST_F(VersionSchema, DowngradeBaseWithSqlAppliesWithPsql) {
  REQUIRE_PG_SERVER();
  const std::string url = create_pg_database("strata_vschema");
  project(url);
  CommandResult up = strata({"-q", "upgrade", "head", "--sql"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  // The schema only when missing, in a DO block (no CREATE SCHEMA IF NOT EXISTS).
  EXPECT_EQ(up.out.find("CREATE SCHEMA IF NOT EXISTS"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'core') THEN\n"
                        "    CREATE SCHEMA core;\n"),
            std::string::npos)
      << up.out;
  ASSERT_EQ(apply(url, up.out).exit_code, 0);
  CommandResult down = strata({"-q", "downgrade", "0001:base", "--sql"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(down.out.find("DROP SCHEMA"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("-- schema core kept: it holds the version table core.alembic_version"),
            std::string::npos)
      << down.out;
  CommandResult reverted = apply(url, down.out);
  ASSERT_EQ(reverted.exit_code, 0) << reverted.err;
  // Nothing of the project and no version table left (the history table,
  // which keeps what happened, is the runtime's to keep).
  EXPECT_EQ(psql(url, "SELECT count(*) FROM pg_class WHERE relnamespace = 'core'::regnamespace "
                      "AND relkind = 'r' AND relname <> 'strata_history'"),
            "0\n");
}

TEST_F(VersionSchema, DowngradeBaseOnSqlite) {
  project("sqlite:///app.db");
  ASSERT_EQ(strata({"-q", "upgrade", "head"}).exit_code, 0);
  CommandResult down = strata({"-q", "downgrade", "base"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_TRUE(fs::exists(dir.file("app.core.db")));
  EXPECT_EQ(strata({"current"}).out, "");
  ASSERT_EQ(strata({"-q", "upgrade", "head"}).exit_code, 0);
  EXPECT_EQ(strata({"current"}).out, "0001 (head)\n");
}

TEST_F(VersionSchema, CascadeDropOfTheVersionTablesSchemaIsRefused) {
  project("sqlite:///app.db", kCascade);
  ASSERT_EQ(strata({"-q", "upgrade", "head"}).exit_code, 0);
  CommandResult down = strata({"-q", "downgrade", "base"});
  EXPECT_EQ(down.exit_code, 1);
  EXPECT_NE(down.err.find("0001_core.lua:12: op.drop_schema(\"core\", {cascade = true}): schema "
                          "core holds the version table core.alembic_version"),
            std::string::npos)
      << down.err;
  EXPECT_EQ(strata({"current"}).out, "0001 (head)\n");
}

// The guide's project as a role that may use and create in pre-created
// schemas but not create schemas: PostgreSQL checks the database-level CREATE
// before it looks whether a schema exists, so CREATE SCHEMA IF NOT EXISTS
// failed for it.
TEST_F(VersionSchema, RestrictedRoleRunsTheGuidesProject) {
  REQUIRE_PG_SERVER();
  RestrictedRole role("strata_weather");
  const std::string& r = role.name();
  // The admin pre-creates the schemas: core (version table, USAGE + CREATE
  // as the guide's troubleshooting grants), rag owned by the role (revision
  // 0004's downgrade drops it), and CREATE on public for the legacy tables.
  role.admin("CREATE SCHEMA core; GRANT USAGE, CREATE ON SCHEMA core TO " + r +
             "; CREATE SCHEMA rag AUTHORIZATION " + r + "; GRANT CREATE ON SCHEMA public TO " + r);
  fs::copy(std::string(STRATA_SOURCE_DIR) + "/examples/weatherai", dir.path(),
           fs::copy_options::recursive);
  const std::vector<std::string> env{"WEATHERAI_DB_URL=" + role.url()};
  CommandResult up = run_strata({"-q", "upgrade", "head"}, dir.path(), env);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(run_strata({"current"}, dir.path(), env).out, "20250826_0004 (head)\n");
  EXPECT_EQ(run_strata({"doctor"}, dir.path(), env).exit_code, 0);
  CommandResult down = run_strata({"-q", "downgrade", "base"}, dir.path(), env);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(run_strata({"current"}, dir.path(), env).out, "");
  EXPECT_EQ(role.admin("SELECT relname FROM pg_class WHERE relnamespace = 'core'::regnamespace "
                       "AND relkind = 'r' AND relname <> 'strata_history'"),
            "alembic_version\n");  // the (empty) version table

  // The same through --sql scripts applied by the role with psql.
  RestrictedRole offline("strata_weather");
  const std::string& o = offline.name();
  offline.admin("CREATE SCHEMA core; GRANT USAGE, CREATE ON SCHEMA core TO " + o +
                "; CREATE SCHEMA rag AUTHORIZATION " + o + "; GRANT CREATE ON SCHEMA public TO " +
                o);
  const std::vector<std::string> pg_env{"WEATHERAI_DB_URL=" + offline.url()};
  CommandResult script = run_strata({"-q", "upgrade", "head", "--sql"}, dir.path(), pg_env);
  ASSERT_EQ(script.exit_code, 0) << script.err;
  CommandResult applied = apply(offline.url(), script.out);
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  CommandResult back =
      run_strata({"-q", "downgrade", "20250826_0004:base", "--sql"}, dir.path(), pg_env);
  ASSERT_EQ(back.exit_code, 0) << back.err;
  CommandResult reverted = apply(offline.url(), back.out);
  ASSERT_EQ(reverted.exit_code, 0) << reverted.err;
}

TEST(Templates, MultischemaAsksForAUrlGenericKeepsSqlite) {
  TempDir dir;
  ASSERT_EQ(run_strata({"-q", "init", "multi", "-t", "multischema"}, dir.path()).exit_code, 0);
  ASSERT_EQ(run_strata({"-q", "init", "plain"}, dir.path()).exit_code, 0);
  const std::vector<std::string> no_url{"DATABASE_URL="};
  CommandResult multi = run_strata({"current"}, dir.file("multi"), no_url);
  EXPECT_EQ(multi.exit_code, 1);
  EXPECT_NE(multi.err.find("no database URL"), std::string::npos) << multi.err;
  EXPECT_FALSE(fs::exists(dir.file("multi/app.db")));
  // Commands that need no database still work without a URL.
  CommandResult rev = run_strata({"-q", "revision", "-m", "first"}, dir.file("multi"), no_url);
  EXPECT_EQ(rev.exit_code, 0) << rev.err;
  EXPECT_NE(read_file(dir.file("multi/migrations/README")).find("op.reverse_upgrade()"),
            std::string::npos);

  CommandResult plain = run_strata({"-q", "upgrade", "head"}, dir.file("plain"), no_url);
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(fs::exists(dir.file("plain/app.db")));
}

}  // namespace
}  // namespace strata::testing
