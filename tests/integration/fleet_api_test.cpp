// The public fleet API (strata/fleet.h), in-process: SQLite files (one made
// to fail, with and without continue_on_error, re-run skips, downgrade,
// events, the JSON text), the call's own errors (nothing runs; a tenant on
// SQLite refused), and PostgreSQL tenant schemas (a list and a pattern,
// per-tenant version tables; `check` through the tenant mapping: clean
// after upgrade, a drift in one tenant reported for that tenant only).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "strata/fleet.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

void write_revision(const TempDir& dir, const std::string& id, const std::string& down,
                    const std::string& up_body, const std::string& down_body) {
  write_file(dir.file("migrations/versions/" + id + ".lua"),
             "revision = \"" + id + "\"\ndown_revision = " + (down.empty() ? "nil" : "\"" + down + "\"") +
                 "\nfunction upgrade()\n" + up_body + "\nend\nfunction downgrade()\n" + down_body +
                 "\nend\n");
}

using Rows = std::vector<std::string>;

class FleetApiSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_.file("strata.toml"), "script_location = \"migrations\"\n");
    write_revision(dir_, "s1", "",
                   "op.create_table(\"items\", op.column(\"id\", op.Integer, {primary_key = true}))",
                   "op.drop_table(\"items\")");
    write_revision(dir_, "s2", "s1", "op.add_column(\"items\", op.column(\"name\", op.String(20)))",
                   "op.drop_column(\"items\", \"name\")");
    std::string targets = "# five SQLite files\n";
    for (int i = 0; i < 5; ++i) targets += url(i) + "\n";
    write_file(dir_.file("targets.txt"), targets);
    // The second file already has a conflicting `items` table.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.file("db1.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, "CREATE TABLE items (x int)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  std::string url(int i) const { return "sqlite:///" + dir_.file("db" + std::to_string(i) + ".db"); }
  FleetOptions options(FleetCommand command, const std::string& revision = "") const {
    FleetOptions o;
    o.command = command;
    o.revision = revision;
    o.targets = dir_.file("targets.txt");
    o.config_path = dir_.file("strata.toml");
    return o;
  }
  FleetReport run(const FleetOptions& o) {
    Result<FleetReport> report = run_fleet(o);
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message());
    return report.ok() ? report.value() : FleetReport{};
  }
  Error error_of(const FleetOptions& o) {
    Result<FleetReport> report = run_fleet(o);
    EXPECT_FALSE(report.ok());
    return report.ok() ? Error(ErrorCode::kInternal, "no error") : report.error();
  }

  TempDir dir_;
};

TEST_F(FleetApiSqlite, UpgradeStopRerunDowngradeEventsAndJson) {
  // Stop at the first failure (one job: targets run in order).
  std::mutex mutex;
  std::vector<FleetEvent> events;
  FleetOptions up = options(FleetCommand::kUpgrade);
  up.on_event = [&](const FleetEvent& e) {
    std::lock_guard<std::mutex> lock(mutex);
    events.push_back(e);
  };
  FleetReport first = run(up);
  ASSERT_EQ(first.targets.size(), 5u);
  EXPECT_EQ(first.command, FleetCommand::kUpgrade);
  EXPECT_EQ(first.revision, "head");
  EXPECT_EQ(first.targets[0].status, FleetStatus::kOk);
  EXPECT_EQ(first.targets[0].from, Rows{});
  EXPECT_EQ(first.targets[0].to, Rows{"s2"});
  EXPECT_EQ(first.targets[0].target, url(0));
  EXPECT_FALSE(first.targets[0].tenant);
  EXPECT_EQ(first.targets[0].text.rfind("ok       " + url(0) + ": base -> s2 (", 0), 0u)
      << first.targets[0].text;
  EXPECT_EQ(first.targets[1].status, FleetStatus::kFailed);
  EXPECT_NE(first.targets[1].error.find("already exists"), std::string::npos)
      << first.targets[1].error;
  EXPECT_EQ(first.targets[1].text, "failed   " + url(1) + ": " + first.targets[1].error);
  for (size_t i = 2; i < 5; ++i) EXPECT_EQ(first.targets[i].status, FleetStatus::kNotRun) << i;
  EXPECT_FALSE(first.ok());
  EXPECT_EQ(first.count(FleetStatus::kNotRun), 3u);
  EXPECT_NE(first.summary.find("fleet upgrade: 5 target(s) in "), std::string::npos) << first.summary;
  EXPECT_NE(first.summary.find(": 1 ok, 0 skipped, 1 failed, 3 not run"), std::string::npos)
      << first.summary;
  // Events: each target run started then finished, with the counts then.
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].kind, FleetEvent::Kind::kStarted);
  EXPECT_EQ(events[0].index, 0u);
  EXPECT_EQ(events[0].result.label, url(0));
  EXPECT_EQ(events[0].running, 1u);
  EXPECT_EQ(events[1].kind, FleetEvent::Kind::kFinished);
  EXPECT_EQ(events[1].result.to, Rows{"s2"});
  EXPECT_EQ(events[1].done, 1u);
  EXPECT_EQ(events[3].kind, FleetEvent::Kind::kFinished);
  EXPECT_EQ(events[3].index, 1u);
  EXPECT_EQ(events[3].failed, 1u);
  EXPECT_EQ(events[3].total, 5u);

  // continue_on_error, two jobs: the rest run; the done one is skipped.
  FleetOptions all = options(FleetCommand::kUpgrade, "heads");
  all.continue_on_error = true;
  all.jobs = 2;
  FleetReport second = run(all);
  EXPECT_EQ(second.targets[0].status, FleetStatus::kSkipped);
  EXPECT_EQ(second.targets[0].reason, "at head");
  EXPECT_EQ(second.targets[1].status, FleetStatus::kFailed);
  for (size_t i = 2; i < 5; ++i) {
    EXPECT_EQ(second.targets[i].status, FleetStatus::kOk) << i;
    EXPECT_EQ(second.targets[i].to, Rows{"s2"}) << i;
  }
  EXPECT_EQ(second.jobs, 2);

  // The JSON text is the report.
  nlohmann::json json = nlohmann::json::parse(fleet_report_json(second));
  EXPECT_EQ(json.at("command"), "upgrade");
  EXPECT_EQ(json.at("revision"), "heads");
  EXPECT_EQ(json.at("jobs"), 2);
  EXPECT_EQ(json.at("summary").at("ok"), 3);
  EXPECT_EQ(json.at("summary").at("skipped"), 1);
  EXPECT_EQ(json.at("summary").at("failed"), 1);
  EXPECT_EQ(json.at("targets").at(4).at("to"), nlohmann::json::array({"s2"}));
  EXPECT_EQ(json.at("targets").at(1).at("status"), "failed");
  EXPECT_TRUE(json.at("targets").at(0).at("error").is_null());

  // downgrade to s1 where at s2; current reads each.
  FleetOptions down = options(FleetCommand::kDowngrade, "s1");
  down.continue_on_error = true;
  FleetReport downgraded = run(down);
  EXPECT_EQ(downgraded.targets[2].from, Rows{"s2"});
  EXPECT_EQ(downgraded.targets[2].to, Rows{"s1"});
  EXPECT_EQ(downgraded.targets[2].text.rfind("ok       " + url(2) + ": s2 -> s1 (", 0), 0u)
      << downgraded.targets[2].text;
  FleetReport current = run(options(FleetCommand::kCurrent));
  EXPECT_TRUE(current.ok());
  EXPECT_EQ(current.revision, "");
  EXPECT_EQ(current.targets[0].to, Rows{"s1"});
  EXPECT_EQ(current.targets[1].to, Rows{});  // its upgrades rolled back
  EXPECT_EQ(current.targets[4].to, Rows{"s1"});
}

TEST_F(FleetApiSqlite, BadOptionsAreTheCallsErrorAndRunNothing) {
  FleetOptions no_revision = options(FleetCommand::kDowngrade);
  EXPECT_EQ(error_of(no_revision).code(), ErrorCode::kUsage);

  FleetOptions tenant_arg = options(FleetCommand::kUpgrade);
  tenant_arg.x_args["tenant"] = "acme";
  EXPECT_EQ(error_of(tenant_arg).code(), ErrorCode::kUsage);

  FleetOptions missing = options(FleetCommand::kUpgrade);
  missing.targets = dir_.file("no-such-targets.txt");
  EXPECT_EQ(error_of(missing).code(), ErrorCode::kIo);

  FleetOptions two_sources = options(FleetCommand::kUpgrade);
  two_sources.tenants = {"a"};
  two_sources.tenant_pattern = "t_%";
  EXPECT_EQ(error_of(two_sources).code(), ErrorCode::kUsage);

  FleetOptions bad_name = options(FleetCommand::kUpgrade);
  bad_name.targets = "postgresql://u@127.0.0.1:1/x";
  bad_name.tenants = {"a;drop"};
  EXPECT_EQ(error_of(bad_name).code(), ErrorCode::kUsage);

  // SQLite has no schemas: a tenant there is refused, by a list, a
  // pattern or a #tenant= line, with one line naming the target.
  FleetOptions listed = options(FleetCommand::kUpgrade);
  listed.tenants = {"acme", "globex"};
  Error refused = error_of(listed);
  EXPECT_EQ(refused.code(), ErrorCode::kUsage);
  EXPECT_NE(refused.message().find("SQLite has none"), std::string::npos) << refused.message();
  EXPECT_NE(refused.message().find(url(0)), std::string::npos) << refused.message();
  EXPECT_EQ(refused.message().find('\n'), std::string::npos) << refused.message();
  FleetOptions pattern = options(FleetCommand::kCurrent);
  pattern.tenant_pattern = "t_%";
  EXPECT_EQ(error_of(pattern).code(), ErrorCode::kUsage);
  write_file(dir_.file("one.txt"), url(3) + "#tenant=acme\n");
  FleetOptions line = options(FleetCommand::kUpgrade);
  line.targets = dir_.file("one.txt");
  EXPECT_EQ(error_of(line).code(), ErrorCode::kUsage);

  // Nothing ran: no database file was made (db1 is the fixture's).
  for (int i : {0, 2, 3, 4}) {
    EXPECT_FALSE(std::filesystem::exists(dir_.file("db" + std::to_string(i) + ".db"))) << i;
  }
}

class FleetApiPg : public ::testing::Test {
 protected:
  void SetUp() override {
    REQUIRE_PG_SERVER();
    // Scripts and models name the schema "tenant"; [schema_map] makes it
    // the tenant's own; each tenant keeps its version table there.
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\n"
               "version_table_schema = \"${tenant}\"\n"
               "models = [\"models/*.lua\"]\n"
               "[schema_map]\ntenant = \"${tenant}\"\n");
    write_revision(dir_, "r1", "",
                   "op.create_table(\"users\", op.column(\"id\", op.Integer, {primary_key = true}),"
                   " {schema = \"tenant\"})",
                   "op.drop_table(\"users\", {schema = \"tenant\"})");
    write_revision(dir_, "r2", "r1",
                   "op.add_column(\"users\", op.column(\"email\", op.String(100)), {schema = \"tenant\"})\n"
                   "op.create_index(\"ix_users_email\", \"users\", {\"email\"}, {schema = \"tenant\"})",
                   "op.drop_index(\"ix_users_email\", \"users\", {schema = \"tenant\"})\n"
                   "op.drop_column(\"users\", \"email\", {schema = \"tenant\"})");
    write_file(dir_.file("models/tenant.lua"),
               "model.schema(\"tenant\")\n"
               "model.table(\"users\",\n"
               "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
               "  model.column(\"email\", model.String(100)),\n"
               "  {schema = \"tenant\"})\n"
               "model.index(\"ix_users_email\", \"users\", {\"email\"}, {schema = \"tenant\"})\n");
    url_ = create_pg_database("strata_fleet_api");
    psql(url_, "CREATE SCHEMA t_a; CREATE SCHEMA t_b; CREATE SCHEMA t_c; CREATE SCHEMA other;");
  }
  FleetOptions options(FleetCommand command) const {
    FleetOptions o;
    o.command = command;
    o.targets = url_;
    o.config_path = dir_.file("strata.toml");
    o.tenants = {"t_a", "t_b", "t_c"};
    o.jobs = 3;
    o.continue_on_error = true;
    return o;
  }
  FleetReport run(const FleetOptions& o) {
    Result<FleetReport> report = run_fleet(o);
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message());
    return report.ok() ? report.value() : FleetReport{};
  }

  TempDir dir_;
  std::string url_;
};

TEST_F(FleetApiPg, TenantsUpgradeThenCheckFindsDriftInOneTenantOnly) {
  FleetReport up = run(options(FleetCommand::kUpgrade));
  ASSERT_EQ(up.targets.size(), 3u);
  const Rows tenants = {"t_a", "t_b", "t_c"};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(up.targets[i].tenant, tenants[i]);
    EXPECT_EQ(up.targets[i].status, FleetStatus::kOk) << up.targets[i].error;
    EXPECT_EQ(up.targets[i].from, Rows{});
    EXPECT_EQ(up.targets[i].to, Rows{"r2"});
    EXPECT_EQ(up.targets[i].label, url_ + "#tenant=" + tenants[i]);
  }
  EXPECT_EQ(psql(url_, "SELECT version_num FROM t_b.alembic_version"), "r2\n");
  EXPECT_EQ(psql(url_, "SELECT count(*) FROM pg_tables WHERE schemaname = 'other'"), "0\n");

  // The models name schema "tenant": mapped, each tenant matches them.
  FleetReport clean = run(options(FleetCommand::kCheck));
  for (const FleetTargetResult& t : clean.targets) {
    EXPECT_EQ(t.status, FleetStatus::kOk) << t.label << ": " << t.error;
    EXPECT_EQ(t.to, Rows{"r2"});
  }

  // A real drift in t_b only: reported for t_b, naming its schema.
  psql(url_, "ALTER TABLE t_b.users ADD COLUMN note text; DROP INDEX t_b.ix_users_email;");
  FleetReport drift = run(options(FleetCommand::kCheck));
  EXPECT_EQ(drift.targets[0].status, FleetStatus::kOk) << drift.targets[0].error;
  EXPECT_EQ(drift.targets[2].status, FleetStatus::kOk) << drift.targets[2].error;
  ASSERT_EQ(drift.targets[1].status, FleetStatus::kFailed);
  const std::string& error = drift.targets[1].error;
  EXPECT_NE(error.find("2 difference(s) from the models"), std::string::npos) << error;
  EXPECT_NE(error.find("t_b.users"), std::string::npos) << error;
  EXPECT_NE(error.find("note"), std::string::npos) << error;
  EXPECT_NE(error.find("ix_users_email"), std::string::npos) << error;
  EXPECT_EQ(error.find("t_a"), std::string::npos) << error;
  EXPECT_FALSE(drift.ok());

  // The drift undone: clean again.
  psql(url_, "ALTER TABLE t_b.users DROP COLUMN note; CREATE INDEX ix_users_email ON t_b.users (email);");
  FleetReport fixed = run(options(FleetCommand::kCheck));
  EXPECT_TRUE(fixed.ok()) << fixed.targets[1].error;
  EXPECT_EQ(fixed.count(FleetStatus::kOk), 3u);

  // A pattern finds the same tenants; downgrade one step each.
  FleetOptions down = options(FleetCommand::kDowngrade);
  down.revision = "-1";
  down.tenants.clear();
  down.tenant_pattern = "t\\_%";
  FleetReport downgraded = run(down);
  ASSERT_EQ(downgraded.targets.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(downgraded.targets[i].tenant, tenants[i]);
    EXPECT_EQ(downgraded.targets[i].from, Rows{"r2"});
    EXPECT_EQ(downgraded.targets[i].to, Rows{"r1"});
  }
}

}  // namespace
}  // namespace strata::testing
