// `strata doctor` against a real PostgreSQL 15 with a restricted role
// (tests/integration/restricted_role.h): a missing USAGE is reported with the
// GRANT that fixes it (and running that GRANT fixes it), a well-granted role
// passes with exit 0, search_path pitfalls, a database at a revision no
// script has, missing table privileges, and the holder of the migration
// lock while another session holds it. Plus SQLite (no server).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "config/config.h"
#include "dialect/dialect.h"
#include "driver/connection.h"
#include "integration/restricted_role.h"
#include "runtime/migration_lock.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

const char* const kRevision = R"lua(-- accounts
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

class Doctor : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"),
               "script_location = \"migrations\"\nversion_table_schema = \"core\"\n"
               "include_schemas = [\"core\"]\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    write_file(dir.file("migrations/versions/0001_accounts.lua"), kRevision);
  }
  CommandResult strata(const std::string& url, std::vector<std::string> args) {
    args.insert(args.begin(), {"--url", url});
    return run_strata(args, dir.path());
  }
  // A role with USAGE and CREATE on a pre-created schema core, at head.
  void grant_and_upgrade(const RestrictedRole& role) {
    role.admin("CREATE SCHEMA core; GRANT USAGE, CREATE ON SCHEMA core TO " + role.name());
    CommandResult up = strata(role.url(), {"-q", "upgrade", "head"});
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  TempDir dir;
};

TEST_F(Doctor, MissingUsageIsReportedWithTheGrantThatFixesIt) {
  REQUIRE_PG_SERVER();
  RestrictedRole role("strata_doc");
  role.admin("CREATE SCHEMA core");
  CommandResult r = strata(role.url(), {"doctor"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::string grant_usage = "GRANT USAGE ON SCHEMA core TO " + role.name() + ";";
  EXPECT_NE(r.out.find("PROBLEM schema-usage: " + role.name() + " has no USAGE on schema core"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  fix: " + grant_usage), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  fix: GRANT CREATE ON SCHEMA core TO " + role.name() + ";"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("pw-"), std::string::npos) << "password printed: " << r.out;

  // The printed fixes, run by the admin, are what it takes.
  role.admin(grant_usage);
  CommandResult after_usage = strata(role.url(), {"doctor", "--json"});
  nlohmann::json j = nlohmann::json::parse(after_usage.out);
  ASSERT_EQ(j["problems"].size(), 1u) << after_usage.out;
  EXPECT_EQ(j["problems"][0]["check"], "schema-create");
  role.admin("GRANT CREATE ON SCHEMA core TO " + role.name());
  CommandResult fixed = strata(role.url(), {"doctor"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
}

TEST_F(Doctor, AllGoodExitsZero) {
  REQUIRE_PG_SERVER();
  RestrictedRole role("strata_doc");
  grant_and_upgrade(role);
  CommandResult r = strata(role.url(), {"doctor"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("ok      schema core (version table alembic_version): USAGE, CREATE"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ok      core.alembic_version: SELECT, INSERT, UPDATE, DELETE"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ok      nobody holds the migration lock"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nno problems found\n"), std::string::npos) << r.out;

  CommandResult json = strata(role.url(), {"doctor", "--json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["ok"], true);
  EXPECT_EQ(j["user"], role.name());
  EXPECT_TRUE(j["problems"].empty());
}

TEST_F(Doctor, MissingTablePrivilegesOnTheVersionTable) {
  REQUIRE_PG_SERVER();
  RestrictedRole role("strata_doc");
  // The admin migrated; the role may use the schema and only read the table.
  role.admin("CREATE SCHEMA core; GRANT USAGE, CREATE ON SCHEMA core TO " + role.name());
  ASSERT_EQ(strata(role.admin_url(), {"-q", "upgrade", "head"}).exit_code, 0);
  role.admin("GRANT SELECT ON core.alembic_version TO " + role.name());
  CommandResult r = strata(role.url(), {"doctor"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("PROBLEM table-privileges: " + role.name() +
                       " has no INSERT, UPDATE and DELETE on core.alembic_version\n"
                       "  fix: GRANT INSERT, UPDATE, DELETE ON core.alembic_version TO " +
                       role.name() + ";"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("PROBLEM table-privileges: " + role.name() +
                       " has no SELECT, INSERT, UPDATE and DELETE on core.strata_history"),
            std::string::npos)
      << r.out;
}

TEST_F(Doctor, SearchPathPitfalls) {
  REQUIRE_PG_SERVER();
  RestrictedRole role("strata_doc");
  grant_and_upgrade(role);
  // A schema named like the user: "$user" shadows public.
  role.admin("CREATE SCHEMA " + role.name() + " AUTHORIZATION " + role.name());
  CommandResult shadow = strata(role.url(), {"doctor"});
  EXPECT_EQ(shadow.exit_code, 1) << shadow.out;
  EXPECT_NE(shadow.out.find("PROBLEM search-path-user-schema: schema " + role.name() +
                            " is named like the user"),
            std::string::npos)
      << shadow.out;
  EXPECT_NE(shadow.out.find("  fix: ALTER ROLE " + role.name() + " SET search_path = public;"),
            std::string::npos)
      << shadow.out;

  // Another schema first.
  role.admin("DROP SCHEMA " + role.name() + "; ALTER ROLE " + role.name() +
             " SET search_path = core, public");
  CommandResult order = strata(role.url(), {"doctor"});
  EXPECT_EQ(order.exit_code, 1) << order.out;
  EXPECT_NE(order.out.find("PROBLEM search-path-order: search_path (core, public) puts core "
                           "first: the default schema public is not first"),
            std::string::npos)
      << order.out;

  role.admin("ALTER ROLE " + role.name() + " RESET search_path");
  EXPECT_EQ(strata(role.url(), {"doctor"}).exit_code, 0);
}

TEST_F(Doctor, DatabaseAtAnUnknownRevision) {
  REQUIRE_PG_SERVER();
  RestrictedRole role("strata_doc");
  grant_and_upgrade(role);
  role.admin("UPDATE core.alembic_version SET version_num = 'feedbeef0099'");
  CommandResult r = strata(role.url(), {"doctor", "--json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["ok"], false);
  ASSERT_EQ(j["problems"].size(), 1u) << r.out;
  EXPECT_EQ(j["problems"][0]["check"], "unknown-revision");
  EXPECT_EQ(j["problems"][0]["message"],
            "the database is at revision feedbeef0099, which no revision script has");
}

TEST_F(Doctor, ShowsWhoHoldsTheMigrationLock) {
  REQUIRE_PG_SERVER();
  RestrictedRole role("strata_doc");
  grant_and_upgrade(role);
  // Another session (the admin's) takes the lock strata takes.
  auto holder = driver::connect(config::parse_url(role.admin_url()));
  const std::string pid = *holder->query("SELECT pg_backend_pid()").rows[0][0];
  auto d = dialect::make_dialect("postgresql");
  auto lock = runtime::make_migration_lock(*d, *holder, {"alembic_version", "core"});
  lock->acquire(std::chrono::seconds(5));
  CommandResult held = strata(role.url(), {"doctor"});
  EXPECT_EQ(held.exit_code, 1) << held.out << held.err;
  EXPECT_NE(held.out.find("PROBLEM lock-held: the migration lock is held by pid " + pid + " ("),
            std::string::npos)
      << held.out;
  EXPECT_NE(held.out.find("SELECT pg_terminate_backend(" + pid + ");"), std::string::npos)
      << held.out;
  lock->release();
  CommandResult free = strata(role.url(), {"doctor"});
  EXPECT_EQ(free.exit_code, 0) << free.out;
}

TEST(DoctorMariaDb, MissingPrivilegesOnTheDatabase) {
  const char* base = std::getenv("STRATA_TEST_MYSQL_URL");
  if (base == nullptr || *base == '\0') {
    const char* need = std::getenv("STRATA_REQUIRE_LIVE");
    if (need != nullptr && std::string(need).find("mysql") != std::string::npos) {
      FAIL() << "STRATA_TEST_MYSQL_URL is not set";
    }
    GTEST_SKIP() << "no MariaDB (run under scripts/with-postgres.sh)";
  }
  const std::string suffix = std::to_string(::getpid());
  const std::string db = "strata_doc_" + suffix, user = "doc_" + suffix;
  auto admin = driver::connect(config::parse_url(base));
  admin->execute("CREATE DATABASE " + db);
  admin->execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw-doc'");
  admin->execute("GRANT SELECT, INSERT ON " + db + ".* TO '" + user + "'@'%'");
  TempDir dir;
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\n");
  std::filesystem::create_directories(dir.file("migrations/versions"));
  const std::string server(base);
  const std::string url = "mysql://" + user + ":pw-doc@" +
                          server.substr(server.find('@') + 1, server.rfind('/') - server.find('@')) +
                          db;
  CommandResult r = run_strata({"--url", url, "doctor"}, dir.path());
  const std::string grant = "GRANT UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES ON " + db +
                            ".* TO '" + user + "'@'%';";
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("PROBLEM schema-privileges: " + user + "@% has no UPDATE, DELETE, CREATE, "
                       "ALTER, DROP, INDEX and REFERENCES on database " + db + "\n  fix: " + grant),
            std::string::npos)
      << r.out;
  admin->execute(grant);
  CommandResult fixed = run_strata({"--url", url, "doctor"}, dir.path());
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  admin->execute("DROP USER '" + user + "'@'%'");
  admin->execute("DROP DATABASE " + db);
}

TEST(DoctorSqlite, UnlistedModelFileAndUnwritableFile) {
  TempDir dir;
  write_file(dir.file("strata.toml"),
             "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n"
             "models = [\"models/core.lua\"]\n");
  std::filesystem::create_directories(dir.file("migrations/versions"));
  std::filesystem::create_directories(dir.file("models"));
  write_file(dir.file("models/core.lua"), "model.table(\"t\", model.column(\"id\", model.Integer))\n");
  write_file(dir.file("models/extra.lua"), "\n");
  // Read-only: no database file is created.
  CommandResult fresh = run_strata({"doctor"}, dir.path());
  EXPECT_EQ(fresh.exit_code, 1) << fresh.out << fresh.err;
  EXPECT_NE(fresh.out.find("PROBLEM unlisted-model-file: models/extra.lua: model file not listed"),
            std::string::npos)
      << fresh.out;
  EXPECT_FALSE(std::filesystem::exists(dir.file("app.db")));

  std::filesystem::remove(dir.file("models/extra.lua"));
  ASSERT_EQ(run_strata({"-q", "upgrade", "head"}, dir.path()).exit_code, 0);
  CommandResult good = run_strata({"doctor"}, dir.path());
  EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
  if (::geteuid() != 0) {  // root writes anything
    std::filesystem::permissions(dir.file("app.db"), std::filesystem::perms::owner_read);
    CommandResult ro = run_strata({"doctor"}, dir.path());
    EXPECT_EQ(ro.exit_code, 1) << ro.out;
    EXPECT_NE(ro.out.find("PROBLEM file-writable: app.db is not writable"), std::string::npos)
        << ro.out;
  }
}

}  // namespace
}  // namespace strata::testing
