// `strata fleet` end to end: PostgreSQL (3 databases x 20 tenant schemas
// found by --tenant-pattern, a schema_map and a per-tenant version table)
// and 50 SQLite files; one target made to fail (a conflicting table), with
// and without --continue-on-error; re-runs skip targets at head; the JSON
// report; exit codes; passwords never printed. `fleet check` through the
// tenant mapping of model files; tenants refused on SQLite.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"
#include "fleet/targets.h"
#include "lua/op_tenant.h"
#include "fleet/tenant.h"
#include "runtime/op_sink.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

constexpr int kDatabases = 3;
constexpr int kTenants = 20;

std::string tenant_name(int i) { return std::string("tenant_") + (i < 10 ? "0" : "") + std::to_string(i); }

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

void write_revision(const TempDir& dir, const std::string& id, const std::string& down,
                    const std::string& up_body, const std::string& down_body) {
  write_file(dir.file("migrations/versions/" + id + ".lua"),
             "revision = \"" + id + "\"\ndown_revision = " + (down.empty() ? "nil" : "\"" + down + "\"") +
                 "\nfunction upgrade()\n" + up_body + "\nend\nfunction downgrade()\n" + down_body +
                 "\nend\n");
}

struct Counts {
  int ok = 0, skipped = 0, failed = 0, not_run = 0;
};
Counts counts(const nlohmann::json& report) {
  const auto& s = report.at("summary");
  return {s.at("ok").get<int>(), s.at("skipped").get<int>(), s.at("failed").get<int>(),
          s.at("not_run").get<int>()};
}

// A sink that only answers x_arg (what map_tenant_schemas asks).
class ArgSink : public runtime::OpSink {
 public:
  explicit ArgSink(std::map<std::string, std::string> args) : args_(std::move(args)) {}
  std::string_view dialect_name() const override { return "postgresql"; }
  void emit(const ops::Op&) override {}
  driver::QueryResult query(const std::string&) override { return {}; }
  std::optional<std::string> x_arg(const std::string& key) const override {
    auto it = args_.find(key);
    return it == args_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }

 private:
  std::map<std::string, std::string> args_;
};

TEST(FleetTenant, MapsEverySchemaAnOpNames) {
  config::Config config;
  config.version_table_schema = "t_${tenant}";
  config.schema_map = {{"tenant", "t_${tenant}"}};
  std::map<std::string, std::string> args = {{"tenant", "acme"}};
  fleet::apply_tenant(config, args);
  EXPECT_EQ(config.version_table_schema, "t_acme");
  EXPECT_EQ(args.at("schema_map:tenant"), "t_acme");
  ArgSink sink(args);

  ops::CreateTable create;
  create.table.schema = "tenant";
  create.table.foreign_keys.push_back(model::ForeignKey{.ref_schema = "tenant", .ref_table = "orgs"});
  create.table.foreign_keys.push_back(model::ForeignKey{.ref_schema = "shared", .ref_table = "plans"});
  ops::Op op = create;
  lua::map_tenant_schemas(op, sink);
  const auto& table = std::get<ops::CreateTable>(op).table;
  EXPECT_EQ(table.schema, "t_acme");
  EXPECT_EQ(table.foreign_keys[0].ref_schema, "t_acme");
  EXPECT_EQ(table.foreign_keys[1].ref_schema, "shared");

  op = ops::MoveTable{.schema = "archive_${tenant}", .name = "x", .new_schema = "tenant"};
  lua::map_tenant_schemas(op, sink);
  EXPECT_EQ(std::get<ops::MoveTable>(op).schema, "archive_acme");
  EXPECT_EQ(std::get<ops::MoveTable>(op).new_schema, "t_acme");

  ops::BatchAlterTable batch{.schema = "tenant", .table = "users"};
  batch.ops.push_back(ops::CreateIndex{.index = model::Index{.name = "i", .schema = "tenant", .table = "users"}});
  op = batch;
  lua::map_tenant_schemas(op, sink);
  EXPECT_EQ(std::get<ops::BatchAlterTable>(op).schema, "t_acme");
  EXPECT_EQ(std::get<ops::CreateIndex>(std::get<ops::BatchAlterTable>(op).ops[0]).index.schema, "t_acme");

  op = ops::CreateSchema{.name = "tenant"};
  lua::map_tenant_schemas(op, sink);
  EXPECT_EQ(std::get<ops::CreateSchema>(op).name, "t_acme");

  // No tenant: nothing is mapped.
  op = ops::CreateSchema{.name = "tenant"};
  lua::map_tenant_schemas(op, ArgSink({}));
  EXPECT_EQ(std::get<ops::CreateSchema>(op).name, "tenant");
  config::Config untouched;
  untouched.version_table_schema = "t_${tenant}";
  std::map<std::string, std::string> none;
  fleet::apply_tenant(untouched, none);
  EXPECT_THROW(fleet::require_tenant(untouched), Error);
}

TEST(FleetTargets, ParsesFilesAndMasksPasswords) {
  TempDir dir;
  write_file(dir.file("t.txt"),
             "# comment\n\n  postgresql://u:pw@127.0.0.1/a#tenant=acme  \n"
             "mysql://u@127.0.0.1/x\n   # indented comment\n");
  std::vector<fleet::Target> targets = fleet::read_targets(dir.file("t.txt"));
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[0].url, "postgresql://u:pw@127.0.0.1/a");
  EXPECT_EQ(targets[0].tenant, "acme");
  EXPECT_EQ(targets[0].label(), "postgresql://u:***@127.0.0.1/a#tenant=acme");
  EXPECT_FALSE(targets[1].tenant);
  EXPECT_EQ(fleet::read_targets("sqlite:///y.db").at(0).url, "sqlite:///y.db");

  write_file(dir.file("bad.txt"), "sqlite:///x.db\nnot a url\n");
  try {
    fleet::read_targets(dir.file("bad.txt"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUsage);
    EXPECT_NE(e.message().find("bad.txt:2: not a database URL"), std::string::npos) << e.message();
  }
  write_file(dir.file("tenants.txt"), "a\nb\n");
  std::vector<fleet::Target> expanded = fleet::expand_tenants(
      targets, fleet::TenantSource{dir.file("tenants.txt"), std::nullopt});
  ASSERT_EQ(expanded.size(), 3u);  // acme kept; the MySQL URL once per listed tenant
  EXPECT_EQ(expanded[1].tenant, "a");
  EXPECT_EQ(expanded[2].tenant, "b");
  EXPECT_THROW(fleet::expand_tenants({}, {}), Error);
}

class FleetPg : public ::testing::Test {
 protected:
  void SetUp() override {
    REQUIRE_PG_SERVER();
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\n"
               "version_table_schema = \"${tenant}\"\n"
               "[schema_map]\ntenant = \"${tenant}\"\n");
    write_revision(dir_, "r1", "",
                   "op.create_table(\"users\", op.column(\"id\", op.Integer, {primary_key = true}),"
                   " {schema = \"tenant\"})",
                   "op.drop_table(\"users\", {schema = \"tenant\"})");
    write_revision(dir_, "r2", "r1",
                   "op.add_column(\"users\", op.column(\"email\", op.String(100)), {schema = \"tenant\"})",
                   "op.drop_column(\"users\", \"email\", {schema = \"tenant\"})");
    write_revision(dir_, "r3", "r2",
                   "op.execute(\"COMMENT ON TABLE \" .. op.tenant .. \".users IS 'for \" .. op.tenant .. \"'\")",
                   "op.execute(\"COMMENT ON TABLE \" .. op.tenant .. \".users IS NULL\")");
    std::string targets = "# the fleet\n\n";
    for (int d = 0; d < kDatabases; ++d) {
      urls_.push_back(create_pg_database("strata_fleet"));
      std::string sql;
      for (int t = 0; t < kTenants; ++t) sql += "CREATE SCHEMA " + tenant_name(t) + ";";
      sql += "CREATE SCHEMA other;";  // not a tenant: the pattern leaves it alone
      psql(urls_.back(), sql);
      targets += "  " + urls_.back() + "  \n";
    }
    // The target made to fail: its schema already has a `users` table.
    psql(urls_[0], "CREATE TABLE tenant_03.users (x int)");
    write_file(dir_.file("targets.txt"), targets);
  }

  CommandResult fleet(std::vector<std::string> args) {
    args.insert(args.begin(), "fleet");
    return run_strata(args, dir_.path());
  }

  TempDir dir_;
  std::vector<std::string> urls_;
};

TEST_F(FleetPg, TenantsFailStopRerunSkip) {
  const int total = kDatabases * kTenants;
  // Stop at the first failure: targets not started are "not_run".
  CommandResult first = fleet({"upgrade", "targets.txt", "--tenant-pattern", "tenant_%", "-j", "4", "--json"});
  ASSERT_EQ(first.exit_code, 1) << first.err;
  nlohmann::json report = nlohmann::json::parse(first.out);
  EXPECT_EQ(report.at("command"), "upgrade");
  EXPECT_EQ(report.at("revision"), "head");
  EXPECT_EQ(report.at("summary").at("total"), total);
  ASSERT_EQ(report.at("targets").size(), static_cast<size_t>(total));
  Counts c1 = counts(report);
  EXPECT_EQ(c1.failed, 1);
  EXPECT_GT(c1.not_run, 40);
  EXPECT_EQ(c1.ok + c1.failed + c1.not_run, total);
  const nlohmann::json& bad = report.at("targets").at(3);
  EXPECT_EQ(bad.at("target"), urls_[0]);
  EXPECT_EQ(bad.at("tenant"), "tenant_03");
  EXPECT_EQ(bad.at("status"), "failed");
  EXPECT_NE(bad.at("error").get<std::string>().find("already exists"), std::string::npos);
  const nlohmann::json& good = report.at("targets").at(0);
  EXPECT_EQ(good.at("status"), "ok");
  EXPECT_EQ(good.at("tenant"), "tenant_00");
  EXPECT_EQ(good.at("from"), nlohmann::json::array());
  EXPECT_EQ(good.at("to"), nlohmann::json::array({"r3"}));
  EXPECT_TRUE(good.at("duration_ms").is_number_integer());
  EXPECT_TRUE(good.at("error").is_null());
  EXPECT_NE(first.err.find("1 failed"), std::string::npos) << first.err;

  // --continue-on-error: every other target runs; those done are skipped.
  CommandResult second = fleet({"upgrade", "targets.txt", "--tenant-pattern", "tenant_%", "-j", "4",
                                "--continue-on-error", "--json"});
  ASSERT_EQ(second.exit_code, 1) << second.err;
  report = nlohmann::json::parse(second.out);
  Counts c2 = counts(report);
  EXPECT_EQ(c2.failed, 1);
  EXPECT_EQ(c2.not_run, 0);
  EXPECT_EQ(c2.skipped, c1.ok);
  EXPECT_EQ(c2.ok, total - 1 - c1.ok);
  EXPECT_EQ(report.at("targets").at(0).at("reason"), "at head");
  EXPECT_EQ(report.at("targets").at(0).at("status"), "skipped");

  // Each tenant has its own version table and tables; `other` was left alone.
  EXPECT_EQ(psql(urls_[2], "SELECT count(*) FROM information_schema.columns WHERE column_name = "
                           "'email' AND table_name = 'users'"),
            "20\n");
  EXPECT_EQ(psql(urls_[1], "SELECT version_num FROM tenant_19.alembic_version"), "r3\n");
  EXPECT_EQ(psql(urls_[1], "SELECT obj_description('tenant_07.users'::regclass)"), "for tenant_07\n");
  EXPECT_EQ(psql(urls_[0], "SELECT count(*) FROM pg_tables WHERE schemaname = 'other'"), "0\n");

  // The conflict fixed: one target upgraded, the rest skipped; exit 0.
  psql(urls_[0], "DROP TABLE tenant_03.users");
  CommandResult third = fleet({"upgrade", "head", "targets.txt", "--tenant-pattern", "tenant_%", "-j", "8"});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(count(third.out, "skipped: at head"), static_cast<size_t>(total - 1)) << third.out;
  EXPECT_EQ(count(third.out, "ok       "), 1u) << third.out;
  EXPECT_NE(third.out.find("#tenant=tenant_03: base -> r3"), std::string::npos) << third.out;
  EXPECT_NE(third.err.find(std::to_string(total) + " target(s)"), std::string::npos) << third.err;
}

TEST_F(FleetPg, TenantLinesTenantsFileDowngradeAndErrors) {
  write_file(dir_.file("one.txt"), urls_[1] + "#tenant=tenant_05\n" + urls_[1] + "#tenant=tenant_06\n");
  CommandResult up = fleet({"upgrade", "one.txt", "-j", "2"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  CommandResult down = fleet({"downgrade", "-1", "one.txt", "--json"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  nlohmann::json report = nlohmann::json::parse(down.out);
  EXPECT_EQ(report.at("targets").at(1).at("tenant"), "tenant_06");
  EXPECT_EQ(report.at("targets").at(1).at("from"), nlohmann::json::array({"r3"}));
  EXPECT_EQ(report.at("targets").at(1).at("to"), nlohmann::json::array({"r2"}));
  EXPECT_EQ(psql(urls_[1], "SELECT version_num FROM tenant_05.alembic_version"), "r2\n");

  // --tenants FILE over a single URL; `current` reports each.
  write_file(dir_.file("tenants.txt"), "# tenants\ntenant_05\n\ntenant_06\ntenant_07\n");
  CommandResult current = fleet({"current", urls_[1], "--tenants", "tenants.txt", "--json"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  report = nlohmann::json::parse(current.out);
  ASSERT_EQ(report.at("targets").size(), 3u);
  EXPECT_EQ(report.at("targets").at(0).at("to"), nlohmann::json::array({"r2"}));
  EXPECT_EQ(report.at("targets").at(2).at("to"), nlohmann::json::array());

  // One tenant by hand: -x tenant=NAME; without it the tenant config is refused.
  CommandResult single = run_strata({"upgrade", "head", "--url", urls_[2], "-x", "tenant=tenant_11"}, dir_.path());
  ASSERT_EQ(single.exit_code, 0) << single.err;
  EXPECT_EQ(psql(urls_[2], "SELECT version_num FROM tenant_11.alembic_version"), "r3\n");
  CommandResult no_tenant = run_strata({"upgrade", "head", "--url", urls_[2]}, dir_.path());
  EXPECT_EQ(no_tenant.exit_code, 1);
  EXPECT_NE(no_tenant.err.find("names a tenant"), std::string::npos) << no_tenant.err;

  // A password is never printed.
  config::Url secret = config::parse_url(urls_[1]);
  std::string with_password = "postgresql://postgres:sekret@" + *secret.host + ":" +
                              std::to_string(*secret.port) + "/strata_fleet_no_such_db";
  write_file(dir_.file("secret.txt"), with_password + "#tenant=t1\n");
  CommandResult failed = fleet({"current", "secret.txt", "--json"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_EQ(failed.out.find("sekret"), std::string::npos) << failed.out;
  EXPECT_EQ(failed.err.find("sekret"), std::string::npos) << failed.err;
  report = nlohmann::json::parse(failed.out);
  EXPECT_NE(report.at("targets").at(0).at("target").get<std::string>().find(":***@"), std::string::npos);

  // Usage errors exit 2.
  write_file(dir_.file("dup.txt"), urls_[0] + "#tenant=a\n" + urls_[0] + "#tenant=a\n");
  EXPECT_EQ(fleet({"upgrade", "dup.txt"}).exit_code, 2);
  write_file(dir_.file("badname.txt"), urls_[0] + "#tenant=a;drop\n");
  EXPECT_EQ(fleet({"upgrade", "badname.txt"}).exit_code, 2);
  EXPECT_EQ(fleet({"downgrade", "one.txt"}).exit_code, 2);
  EXPECT_EQ(fleet({"current", "head", "one.txt"}).exit_code, 2);
  EXPECT_EQ(fleet({"upgrade", "one.txt", "-x", "tenant=x"}).exit_code, 2);
  EXPECT_EQ(fleet({"upgrade", "missing.txt"}).exit_code, 1);
}

// `fleet check` maps the model files' schema names as the scripts' (here
// the template "tenant_${tenant}", no schema_map): clean after upgrade; a
// drift in one tenant is reported for that tenant only. An autogenerated
// revision writes the template back, so it serves every tenant.
TEST(FleetCheckPg, ModelsMappedPerTenantDriftInOneTenantOnly) {
  REQUIRE_PG_SERVER();
  TempDir dir;
  write_file(dir.file("strata.toml"),
             "script_location = \"migrations\"\n"
             "version_table_schema = \"tenant_${tenant}\"\n"
             "models = [\"models/*.lua\"]\n");
  write_revision(dir, "c1", "",
                 "op.create_table(\"orders\", op.column(\"id\", op.Integer, {primary_key = true}),"
                 " op.column(\"total\", op.Numeric(10, 2)), {schema = \"tenant_${tenant}\"})",
                 "op.drop_table(\"orders\", {schema = \"tenant_${tenant}\"})");
  write_file(dir.file("models/tenant.lua"),
             "model.table(\"orders\",\n"
             "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
             "  model.column(\"total\", model.Numeric(10, 2)),\n"
             "  {schema = \"tenant_${tenant}\"})\n");
  const std::string url = create_pg_database("strata_fleet_check");
  psql(url, "CREATE SCHEMA tenant_acme; CREATE SCHEMA tenant_globex; CREATE SCHEMA tenant_initech;");
  write_file(dir.file("tenants.txt"), "acme\nglobex\ninitech\n");

  CommandResult up = run_strata({"fleet", "upgrade", url, "--tenants", "tenants.txt", "-j", "2"}, dir.path());
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(psql(url, "SELECT version_num FROM tenant_globex.alembic_version"), "c1\n");

  CommandResult clean = run_strata({"fleet", "check", url, "--tenants", "tenants.txt", "--json"}, dir.path());
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  nlohmann::json report = nlohmann::json::parse(clean.out);
  EXPECT_EQ(counts(report).ok, 3);
  EXPECT_EQ(report.at("targets").at(1).at("to"), nlohmann::json::array({"c1"}));

  psql(url, "ALTER TABLE tenant_globex.orders ADD COLUMN coupon text");
  CommandResult drift = run_strata(
      {"fleet", "check", url, "--tenants", "tenants.txt", "--continue-on-error", "--json"}, dir.path());
  ASSERT_EQ(drift.exit_code, 1) << drift.out << drift.err;
  report = nlohmann::json::parse(drift.out);
  Counts c = counts(report);
  EXPECT_EQ(c.ok, 2);
  EXPECT_EQ(c.failed, 1);
  const nlohmann::json& globex = report.at("targets").at(1);
  EXPECT_EQ(globex.at("tenant"), "globex");
  EXPECT_EQ(globex.at("status"), "failed");
  EXPECT_EQ(globex.at("error"),
            "1 difference(s) from the models: drop_column tenant_globex.orders.coupon");
  EXPECT_EQ(report.at("targets").at(0).at("status"), "ok");
  EXPECT_EQ(report.at("targets").at(2).at("status"), "ok");
  CommandResult text = run_strata({"fleet", "check", url, "--tenants", "tenants.txt"}, dir.path());
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("failed   " + url + "#tenant=globex: 1 difference(s)"), std::string::npos)
      << text.out;

  // One tenant by hand: check and autogenerate see the same mapping; the
  // new revision names the template, not tenant_acme.
  psql(url, "ALTER TABLE tenant_globex.orders DROP COLUMN coupon");
  write_file(dir.file("models/tenant.lua"),
             "model.table(\"orders\",\n"
             "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
             "  model.column(\"total\", model.Numeric(10, 2)),\n"
             "  model.column(\"paid\", model.Boolean),\n"
             "  {schema = \"tenant_${tenant}\"})\n");
  CommandResult check_one = run_strata({"check", "--url", url, "-x", "tenant=acme"}, dir.path());
  EXPECT_EQ(check_one.exit_code, 1) << check_one.out << check_one.err;
  EXPECT_NE((check_one.out + check_one.err).find("tenant_acme.orders"), std::string::npos)
      << check_one.out << check_one.err;
  CommandResult made = run_strata({"revision", "--autogenerate", "-m", "paid", "--rev-id", "c2",
                                   "--url", url, "-x", "tenant=acme"},
                                  dir.path());
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  std::string script;
  for (const auto& entry : std::filesystem::directory_iterator(dir.file("migrations/versions"))) {
    if (entry.path().filename().string().rfind("c2", 0) == 0) script = read_file(entry.path().string());
  }
  EXPECT_NE(script.find("op.add_column"), std::string::npos) << made.out << made.err;
  EXPECT_NE(script.find("tenant_${tenant}"), std::string::npos) << script;
  EXPECT_EQ(script.find("tenant_acme"), std::string::npos) << script;
  CommandResult all = run_strata({"fleet", "upgrade", url, "--tenants", "tenants.txt"}, dir.path());
  ASSERT_EQ(all.exit_code, 0) << all.out << all.err;
  CommandResult after = run_strata({"fleet", "check", url, "--tenants", "tenants.txt"}, dir.path());
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
  EXPECT_EQ(psql(url, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'paid'"),
            "3\n");
}

// SQLite has no schemas: a tenant on a SQLite URL is refused with one line
// and exit 2, before anything runs.
TEST(FleetSqlite, TenantsRefused) {
  TempDir dir;
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\n");
  write_revision(dir, "s1", "", "op.create_table(\"items\", op.column(\"id\", op.Integer))",
                 "op.drop_table(\"items\")");
  const std::string url = "sqlite:///" + dir.file("app.db");
  write_file(dir.file("tenants.txt"), "acme\n");
  write_file(dir.file("targets.txt"), url + "#tenant=acme\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"fleet", "upgrade", url, "--tenants", "tenants.txt"},
        std::vector<std::string>{"fleet", "current", url, "--tenant-pattern", "a%"},
        std::vector<std::string>{"fleet", "upgrade", "targets.txt"}}) {
    CommandResult r = run_strata(args, dir.path());
    EXPECT_EQ(r.exit_code, 2) << args[3] << ": " << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(count(r.err, "\n"), 1u) << r.err;
    EXPECT_NE(r.err.find("SQLite has none"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("app.db")));
}

TEST(FleetSqlite, FiftyFilesFailStopRerunSkip) {
  TempDir dir;
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\n");
  write_revision(dir, "s1", "",
                 "op.create_table(\"items\", op.column(\"id\", op.Integer, {primary_key = true}))",
                 "op.drop_table(\"items\")");
  write_revision(dir, "s2", "s1", "op.add_column(\"items\", op.column(\"name\", op.String(20)))",
                 "op.drop_column(\"items\", \"name\")");
  std::string targets = "# fifty SQLite files\n";
  for (int i = 0; i < 50; ++i) {
    targets += "sqlite:///" + dir.file("db" + std::to_string(i) + ".db") + "\n";
    if (i % 10 == 0) targets += "\n# next ten\n";
  }
  write_file(dir.file("targets.txt"), targets);
  // The second file already has a conflicting `items` table.
  driver::connect(config::parse_url("sqlite:///" + dir.file("db1.db")))
      ->execute("CREATE TABLE items (x int)");

  CommandResult first = run_strata({"fleet", "upgrade", "targets.txt", "-j", "2", "--json"}, dir.path());
  ASSERT_EQ(first.exit_code, 1) << first.err;
  nlohmann::json report = nlohmann::json::parse(first.out);
  Counts c1 = counts(report);
  EXPECT_EQ(c1.failed, 1);
  EXPECT_GT(c1.not_run, 40);
  EXPECT_EQ(report.at("targets").at(1).at("status"), "failed");
  EXPECT_TRUE(report.at("targets").at(1).at("tenant").is_null());

  CommandResult second =
      run_strata({"fleet", "upgrade", "targets.txt", "-j", "4", "--continue-on-error", "--json"}, dir.path());
  ASSERT_EQ(second.exit_code, 1) << second.err;
  Counts c2 = counts(nlohmann::json::parse(second.out));
  EXPECT_EQ(c2.failed, 1);
  EXPECT_EQ(c2.skipped, c1.ok);
  EXPECT_EQ(c2.ok, 49 - c1.ok);

  CommandResult third =
      run_strata({"fleet", "upgrade", "targets.txt", "-j", "4", "--continue-on-error"}, dir.path());
  EXPECT_EQ(third.exit_code, 1);
  EXPECT_EQ(count(third.out, "skipped: at head"), 49u) << third.out;
  EXPECT_EQ(count(third.out, "failed "), 1u) << third.out;

  CommandResult current = run_strata({"fleet", "current", "targets.txt", "-j", "4"}, dir.path());
  EXPECT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(count(current.out, ": s2 ("), 49u) << current.out;
  EXPECT_EQ(count(current.out, ": base ("), 1u) << current.out;  // its upgrade rolled back
  CommandResult down =
      run_strata({"fleet", "downgrade", "base", "targets.txt", "-j", "4", "--continue-on-error", "--json"},
                 dir.path());
  EXPECT_EQ(down.exit_code, 0) << down.err;
  report = nlohmann::json::parse(down.out);
  EXPECT_EQ(report.at("targets").at(0).at("from"), nlohmann::json::array({"s2"}));
  EXPECT_EQ(report.at("targets").at(0).at("to"), nlohmann::json::array());
  EXPECT_EQ(report.at("targets").at(1).at("status"), "skipped");  // already at base
}

}  // namespace
}  // namespace strata::testing
