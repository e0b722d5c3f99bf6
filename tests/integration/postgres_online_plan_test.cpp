// Online-safe plans on a live PostgreSQL (README "Online-safe plans for
// PostgreSQL"):
//  - each online form ends in the catalog of its plain form: the plain ops
//    applied to one database, the online ones to another, catalog snapshots
//    compared (and no constraint left NOT VALID, which the snapshot does not
//    show);
//  - `revision --autogenerate --online`: the text it writes, then upgrade,
//    check clean, downgrade back to the start's catalog;
//  - lock_timeout / lock_retries through the CLI: a second connection holds
//    ACCESS EXCLUSIVE on the table for ~1 s; with lock_timeout = 200ms and
//    lock_retries = 10 the upgrade succeeds (also as a one-step run in a
//    single transaction), with lock_retries = 0 it fails with one line
//    naming lock_timeout; --sql carries SET LOCAL lock_timeout.
// A missing server skips, unless STRATA_REQUIRE_LIVE names postgresql or CI
// is set (then it fails).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "integration/autogenerate_fixture.h"
#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

#define OPEN_PG(var)                                                   \
  std::string why_##var;                                               \
  auto var = LiveDb::open("postgresql", &why_##var);                   \
  if (!var) {                                                          \
    if (live_required("postgresql")) FAIL() << why_##var << " (required live)";    \
    GTEST_SKIP() << why_##var;                                         \
  }

// users(id) and orders(id, user_id, qty) with rows, qty without NULLs.
void create_fixture(LiveDb& db) {
  db.conn().execute("CREATE TABLE users (id integer PRIMARY KEY)");
  db.conn().execute("CREATE TABLE orders (id integer PRIMARY KEY, user_id integer, qty integer)");
  db.conn().execute("INSERT INTO users SELECT g FROM generate_series(1, 50) g");
  db.conn().execute("INSERT INTO orders SELECT g, 1 + g % 50, g FROM generate_series(1, 500) g");
}

long long not_valid_constraints(LiveDb& db) {
  auto r = db.conn().query(
      "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
      "WHERE n.nspname = 'public' AND NOT c.convalidated");
  return std::stoll(*r.rows.at(0).at(0));
}

model::ForeignKey orders_user_fk() {
  model::ForeignKey fk;
  fk.name = "fk_orders_user";
  fk.columns = {"user_id"};
  fk.ref_table = "users";
  fk.ref_columns = {"id"};
  return fk;
}

struct FormCase {
  const char* name;
  std::vector<ops::Op> plain;
  std::vector<ops::Op> online;
};

std::vector<FormCase> form_cases() {
  ops::CreateIndex index{.index = {.name = "ix_orders_user", .table = "orders",
                                   .elements = {{"user_id", false}}}};
  ops::CreateIndex concurrent = index;
  concurrent.concurrently = true;
  ops::AddConstraint fk{.table = "orders", .constraint = orders_user_fk()};
  ops::AddConstraint fk_nv = fk;
  fk_nv.not_valid = true;
  ops::AddConstraint ck{.table = "orders",
                        .constraint = model::CheckConstraint{.name = "ck_qty", .sqltext = "qty > 0"}};
  ops::AddConstraint ck_nv = ck;
  ck_nv.not_valid = true;
  ops::AlterColumn nn{.table = "orders", .column = "qty", .nullable = false,
                      .existing_nullable = true};
  ops::AlterColumn nn_online = nn;
  nn_online.online = true;
  return {
      {"index", {index}, {ops::AutocommitBegin{}, concurrent, ops::AutocommitEnd{}}},
      {"foreign_key",
       {fk},
       {fk_nv, ops::AutocommitBegin{},
        ops::ValidateConstraint{.table = "orders", .name = "fk_orders_user"},
        ops::AutocommitEnd{}}},
      {"check",
       {ck},
       {ck_nv, ops::AutocommitBegin{}, ops::ValidateConstraint{.table = "orders", .name = "ck_qty"},
        ops::AutocommitEnd{}}},
      {"set_not_null", {nn}, {ops::AutocommitBegin{}, nn_online, ops::AutocommitEnd{}}},
  };
}

TEST(PostgresOnlineForms, EndInThePlainFormsCatalog) {
  OPEN_PG(plain);
  OPEN_PG(online);
  create_fixture(*plain);
  create_fixture(*online);
  ASSERT_EQ(plain->snapshot({"public"}), online->snapshot({"public"}));
  for (const FormCase& c : form_cases()) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> before = online->snapshot({"public"});
    plain->apply(c.plain);
    online->apply(c.online);
    std::vector<std::string> want = plain->snapshot({"public"});
    std::vector<std::string> got = online->snapshot({"public"});
    EXPECT_NE(before, got) << "the online form changed nothing";
    EXPECT_EQ(want, got) << snapshot_diff(want, got);
    EXPECT_EQ(not_valid_constraints(*online), 0);
  }
  // The online SET NOT NULL left no helper check behind, and refuses rows
  // that break it like the plain one (the table is unchanged then).
  auto helper = online->conn().query(
      "SELECT count(*) FROM pg_constraint WHERE conname LIKE '%nn_online%'");
  EXPECT_EQ(*helper.rows.at(0).at(0), "0");
}

TEST(PostgresOnlineForms, NotValidAddsWithoutCheckingRowsAndValidateChecksThem) {
  OPEN_PG(db);
  create_fixture(*db);
  db->conn().execute("UPDATE orders SET qty = -1 WHERE id = 7");
  ops::AddConstraint ck{.table = "orders",
                        .constraint = model::CheckConstraint{.name = "ck_qty", .sqltext = "qty > 0"},
                        .not_valid = true};
  db->apply({ck});
  EXPECT_EQ(not_valid_constraints(*db), 1);
  std::string error;
  try {
    db->apply({ops::AutocommitBegin{}, ops::ValidateConstraint{.table = "orders", .name = "ck_qty"},
               ops::AutocommitEnd{}});
  } catch (const Error& e) {
    error = e.message();
  }
  EXPECT_NE(error.find("ck_qty"), std::string::npos) << error;
}

// ---- revision --autogenerate --online ------------------------------------------

class OnlineAutogenerate : public AutogenerateTest {};

TEST_P(OnlineAutogenerate, WritesTheOnlinePlanAndRoundTrips) {
  create_fixture(db());
  write_project({{"public.lua",
                  "model.table(\"users\", model.column(\"id\", model.Integer, {primary_key = true}))\n"
                  "model.table(\"orders\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"user_id\", model.Integer),\n"
                  "  model.column(\"qty\", model.Integer, {nullable = false}),\n"
                  "  model.foreign_key_constraint({\"user_id\"}, \"users\", {\"id\"}, "
                  "{name = \"fk_orders_user\"}),\n"
                  "  model.check_constraint(\"ck_qty\", \"qty > 0\"))\n"
                  "model.index(\"ix_orders_user\", \"orders\", {\"user_id\"})\n"
                  "model.table(\"events\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"kind\", model.String(20)))\n"
                  "model.index(\"ix_events_kind\", \"events\", {\"kind\"})\n"}});
  std::vector<std::string> start = db().snapshot({"public"});
  app::Project p = project();
  app::NewRevisionOptions options;
  options.message = "online";
  options.rev_id = "online1";
  app::AutogeneratedRevision result = app::create_autogenerated_revision(p, options, true);
  ASSERT_TRUE(result.path.has_value());
  const std::string text = read_file(*result.path);
  const std::string up = upgrade_part(text);
  EXPECT_TRUE(contains(up, "op.create_index(\"ix_orders_user\", \"orders\", {\"user_id\"}, "
                           "{concurrently = true})")) << text;
  EXPECT_TRUE(contains(up, "op.create_index(\"ix_events_kind\", \"events\", {\"kind\"})\n")) << text;
  EXPECT_TRUE(contains(up, "{not_valid = true}")) << text;
  EXPECT_TRUE(contains(up, "op.validate_constraint(\"orders\", \"fk_orders_user\")")) << text;
  EXPECT_TRUE(contains(up, "op.validate_constraint(\"orders\", \"ck_qty\")")) << text;
  EXPECT_TRUE(contains(up, "op.alter_column(\"orders\", \"qty\", {nullable = false, "
                           "existing_nullable = true, online = true})")) << text;
  // The validations come after the last NOT VALID add, inside a block.
  EXPECT_LT(up.rfind("not_valid = true"), up.find("op.validate_constraint")) << text;
  EXPECT_LT(up.rfind("op.autocommit_block"), up.find("op.validate_constraint")) << text;
  // The downgrade drops the index concurrently too.
  EXPECT_TRUE(contains(text.substr(text.find("function downgrade()")),
                       "op.drop_index(\"ix_orders_user\", \"orders\", {concurrently = true")) << text;

  upgrade();
  EXPECT_EQ(not_valid_constraints(db()), 0);
  std::vector<std::string> remaining = check();
  EXPECT_TRUE(remaining.empty()) << ::testing::PrintToString(remaining) << "\n" << text;
  downgrade();
  std::vector<std::string> after = db().snapshot({"public"});
  EXPECT_EQ(start, after) << snapshot_diff(start, after) << text;
}

TEST_P(OnlineAutogenerate, OtherDialectsAreRefused) {
  // The parameter is PostgreSQL; a SQLite project in the same temp dir.
  write_file(dir().file("strata.toml"), "script_location = \"migrations\"\n"
                                        "url = \"sqlite:///" + dir().file("x.db") + "\"\n"
                                        "models = [\"models/*.lua\"]\n");
  app::Project p = project();
  app::NewRevisionOptions options;
  options.message = "x";
  try {
    app::create_autogenerated_revision(p, options, true);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUsage);
    EXPECT_EQ(e.message(), "--online shapes PostgreSQL plans; this project's database is sqlite");
  }
}

INSTANTIATE_TEST_SUITE_P(Pg, OnlineAutogenerate, ::testing::Values("postgresql"));

// ---- lock_timeout / lock_retries ------------------------------------------------

std::string revision(const std::string& id, const std::string& down, const std::string& header,
                     const std::string& body) {
  return "-- " + id + "\n\nrevision = \"" + id + "\"\ndown_revision = " + down + "\n" + header +
         "\nfunction upgrade()\n" + body + "\nend\n\nfunction downgrade()\n  op.reverse_upgrade()\nend\n";
}

// A project on `db`: r1 creates t, r2 adds a column to it under `header`.
void write_lock_project(TempDir& dir, LiveDb& db, const std::string& header,
                        bool per_migration) {
  std::filesystem::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"),
             "script_location = \"migrations\"\nurl = \"" + db.url() + "\"\n" +
                 (per_migration ? "transaction_per_migration = true\n" : ""));
  write_file(dir.file("migrations/versions/r1.lua"),
             revision("r1", "nil", "", "  op.create_table('t', op.column('id', op.Integer, "
                                       "{primary_key = true}))"));
  write_file(dir.file("migrations/versions/r2.lua"),
             revision("r2", "\"r1\"", header, "  op.add_column('t', op.column('note', op.Text))"));
}

// Holds ACCESS EXCLUSIVE on t from another connection for `hold`, then
// rolls back; runs `f` meanwhile and returns how long `f` took.
template <class F>
std::chrono::milliseconds while_locked(LiveDb& db, std::chrono::milliseconds hold, F f) {
  auto blocker = driver::connect(config::parse_url(db.url()));
  blocker->begin();
  blocker->execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  std::thread release([&] {
    std::this_thread::sleep_for(hold);
    blocker->rollback();
  });
  auto start = std::chrono::steady_clock::now();
  f();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  release.join();
  return took;
}

std::string column_names(LiveDb& db) {
  return psql(db.url(), "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                        "FROM information_schema.columns WHERE table_name = 't'");
}

TEST(PostgresLockRetries, ARetrySucceedsOnceTheBlockerIsGone) {
  for (bool per_migration : {true, false}) {
    SCOPED_TRACE(per_migration ? "transaction_per_migration" : "one-step run");
    OPEN_PG(db);
    TempDir dir;
    write_lock_project(dir, *db, "lock_timeout = \"200ms\"\nlock_retries = 10\n", per_migration);
    CommandResult r1 = run_strata({"upgrade", "r1"}, dir.path());
    ASSERT_EQ(r1.exit_code, 0) << r1.err;
    CommandResult r2;
    auto took = while_locked(*db, std::chrono::milliseconds(1000),
                             [&] { r2 = run_strata({"upgrade", "head"}, dir.path()); });
    EXPECT_EQ(r2.exit_code, 0) << r2.err;
    EXPECT_NE(r2.err.find("lock_timeout in upgrade r1 -> r2: retry 1 of 10 in 100 ms"),
              std::string::npos) << r2.err;
    EXPECT_GE(took.count(), 900) << "finished before the blocker let go";
    EXPECT_EQ(column_names(*db), "id,note\n");
    EXPECT_EQ(psql(db->url(), "SELECT version_num FROM alembic_version"), "r2\n");
  }
}

TEST(PostgresLockRetries, WithoutRetriesItFailsWithOneLineNamingLockTimeout) {
  OPEN_PG(db);
  TempDir dir;
  write_lock_project(dir, *db, "lock_timeout = \"200ms\"\nlock_retries = 0\n", true);
  ASSERT_EQ(run_strata({"upgrade", "r1"}, dir.path()).exit_code, 0);
  CommandResult r2;
  while_locked(*db, std::chrono::milliseconds(1000),
               [&] { r2 = run_strata({"upgrade", "head"}, dir.path()); });
  EXPECT_EQ(r2.exit_code, 1);
  std::string last = r2.err;
  while (!last.empty() && last.back() == '\n') last.pop_back();
  last = last.substr(last.rfind('\n') + 1);
  EXPECT_NE(last.find("canceling statement due to lock timeout"), std::string::npos) << r2.err;
  EXPECT_NE(last.find("[lock_timeout 200ms: 1 attempt, lock_retries = 0]"), std::string::npos)
      << r2.err;
  EXPECT_EQ(column_names(*db), "id\n");
  EXPECT_EQ(psql(db->url(), "SELECT version_num FROM alembic_version"), "r1\n");
}

TEST(PostgresLockRetries, SqlOutputSetsLockTimeoutForTheStep) {
  OPEN_PG(db);
  TempDir dir;
  write_lock_project(dir, *db, "lock_timeout = \"5s\"\nlock_retries = 3\n", false);
  CommandResult r = run_strata({"upgrade", "head", "--sql"}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const size_t set = r.out.find("SET LOCAL lock_timeout = '5s';");
  ASSERT_NE(set, std::string::npos) << r.out;
  EXPECT_LT(r.out.find("CREATE TABLE t"), set) << "r1 has no lock_timeout";
  EXPECT_LT(set, r.out.find("ALTER TABLE t ADD COLUMN note TEXT")) << r.out;
  // The run is one transaction: the setting ends with the step.
  EXPECT_LT(r.out.find("ALTER TABLE t ADD COLUMN note TEXT"),
            r.out.find("SET LOCAL lock_timeout TO DEFAULT;")) << r.out;
}

}  // namespace
}  // namespace strata::testing
