// The migration lock (runtime/migration_lock.h), through the real strata
// binary on PostgreSQL, MariaDB and SQLite (issue 8 §1 and the §10 "double
// apply" scenario): concurrent `strata upgrade head` runs with
// transaction_per_migration and idempotent revisions (create_table
// if_not_exists + an insert into a log table) apply each revision exactly
// once, leave one version row, all exit 0 and leave no lock behind; a run
// that cannot take the lock within --lock-timeout exits 1 naming the holder;
// --no-lock takes none; a deployer waiting beside a running CREATE INDEX
// CONCURRENTLY finishes. The servers come from scripts/with-postgres.sh; a
// missing URL fails the test.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"
#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

constexpr int kRevisions = 6;

std::string rev_id(int i) { return "r" + std::to_string(1000 + i); }

// Revision i: idempotent DDL plus one insert into apply_log.
std::string idempotent_revision(int i) {
  const std::string down = i == 1 ? "nil" : "\"" + rev_id(i - 1) + "\"";
  return "revision = \"" + rev_id(i) + "\"\ndown_revision = " + down +
         "\n\nfunction upgrade()\n"
         "  op.create_table(\"apply_log\", op.column(\"rev\", op.String(10), {nullable = false}),"
         " {if_not_exists = true})\n"
         "  op.create_table(\"t" + std::to_string(i) +
         "\", op.column(\"id\", op.Integer, {primary_key = true}), {if_not_exists = true})\n"
         "  op.execute(\"INSERT INTO apply_log (rev) VALUES ('" + rev_id(i) + "')\")\n"
         "end\n\nfunction downgrade()\n  op.drop_table(\"t" + std::to_string(i) + "\")\nend\n";
}

class LockTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = LiveDb::open(GetParam(), &why);
    ASSERT_NE(db_, nullptr) << why << " (run under scripts/with-postgres.sh)";
    std::filesystem::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + db_->url() +
                                             "\"\ntransaction_per_migration = true\n");
  }

  void add_chain() {
    for (int i = 1; i <= kRevisions; ++i) {
      write_file(dir_.file("migrations/versions/" + rev_id(i) + ".lua"), idempotent_revision(i));
    }
  }

  CommandResult strata(const std::vector<std::string>& args) { return run_strata(args, dir_.path()); }

  std::string one(const std::string& sql) {
    auto result = db_->conn().query(sql);
    if (result.rows.empty() || result.rows[0].empty() || !result.rows[0][0]) return "<null>";
    return *result.rows[0][0];
  }

  std::vector<std::string> column(const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& row : db_->conn().query(sql).rows) out.push_back(row[0].value_or("<null>"));
    return out;
  }

  // A second session on the test database (the holder of a lock).
  std::unique_ptr<driver::Connection> other_session(const std::string& url_suffix = "") {
    return driver::connect(config::parse_url(db_->url() + url_suffix));
  }

  // Start `processes` upgrades at once and check the §10 outcome.
  void double_apply_trial(int processes, int trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    if (trial > 0) {
      // Back to an empty database for the next trial.
      for (int i = 1; i <= kRevisions; ++i) db_->conn().execute("DROP TABLE IF EXISTS t" + std::to_string(i));
      db_->conn().execute("DROP TABLE IF EXISTS apply_log");
      db_->conn().execute("DROP TABLE IF EXISTS alembic_version");
      db_->conn().execute("DROP TABLE IF EXISTS strata_history");
    }
    std::vector<CommandResult> results(processes);
    std::vector<std::thread> threads;
    for (int p = 0; p < processes; ++p) {
      threads.emplace_back([&, p] { results[p] = strata({"-q", "upgrade", "head"}); });
    }
    for (std::thread& t : threads) t.join();
    for (int p = 0; p < processes; ++p) {
      EXPECT_EQ(results[p].exit_code, 0) << "process " << p << ": " << results[p].err;
    }
    EXPECT_EQ(column("SELECT rev FROM apply_log ORDER BY rev"),
              [] {
                std::vector<std::string> all;
                for (int i = 1; i <= kRevisions; ++i) all.push_back(rev_id(i));
                return all;
              }())
        << "every revision's insert exactly once";
    EXPECT_EQ(column("SELECT version_num FROM alembic_version"), std::vector<std::string>{rev_id(kRevisions)});
    EXPECT_EQ(one("SELECT count(*) FROM strata_history WHERE direction = 'upgrade'"),
              std::to_string(kRevisions));
    expect_no_lock_left();
  }

  void expect_no_lock_left() {
    if (GetParam() == "postgresql") {
      EXPECT_EQ(one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"),
                "0");
    } else if (GetParam() == "mysql") {
      EXPECT_EQ(one("SELECT IS_FREE_LOCK(CONCAT('strata:', DATABASE(), '.alembic_version'))"), "1");
    }
  }

  TempDir dir_;
  std::unique_ptr<LiveDb> db_;
};

TEST_P(LockTest, ConcurrentUpgradesApplyEachRevisionOnce) {
  add_chain();
  const int processes = GetParam() == "mysql" ? 6 : 8;
  for (int trial = 0; trial < 3; ++trial) double_apply_trial(processes, trial);
}

TEST_P(LockTest, LockTimeoutNamesTheHolder) {
  add_chain();
  std::unique_ptr<driver::Connection> holder;
  std::string expected;
  if (GetParam() == "postgresql") {
    holder = other_session("?application_name=holder_app");
    holder->query("SELECT pg_advisory_lock(hashtextextended('strata:public.alembic_version', 0))");
    const std::string pid = *holder->query("SELECT pg_backend_pid()").rows[0][0];
    expected = "could not take the migration lock on public.alembic_version within 1 s; held by pid " +
               pid + " (application_name 'holder_app', client 127.0.0.1";
  } else if (GetParam() == "mysql") {
    holder = other_session();
    holder->query("SELECT GET_LOCK(CONCAT('strata:', DATABASE(), '.alembic_version'), 0)");
    const std::string id = *holder->query("SELECT CONNECTION_ID()").rows[0][0];
    expected = "could not take the migration lock on " + db_->default_schema() +
               ".alembic_version within 1 s; held by connection " + id;
  } else {
    holder = other_session();
    holder->begin();
    holder->execute("CREATE TABLE holder_t (x INTEGER)");  // a write lock on the file
    expected = "could not take the migration lock on main.alembic_version within 1 s; held by another process";
  }
  const auto start = std::chrono::steady_clock::now();
  CommandResult blocked = strata({"-q", "upgrade", "head", "--lock-timeout", "1"});
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(blocked.exit_code, 1) << blocked.err;
  EXPECT_NE(blocked.err.find(expected), std::string::npos) << blocked.err;
  EXPECT_EQ(std::count(blocked.err.begin(), blocked.err.end(), '\n'), 1) << blocked.err;
  EXPECT_GE(waited, std::chrono::milliseconds(900));
  EXPECT_LT(waited, std::chrono::seconds(10));
  if (GetParam() != "sqlite") {
    // Nothing ran: no version table read, no revision applied.
    EXPECT_EQ(one("SELECT count(*) FROM information_schema.tables WHERE table_name = 'apply_log' AND "
                  "table_schema = " + std::string(GetParam() == "mysql" ? "DATABASE()" : "'public'")),
              "0");
    // --no-lock takes no lock (for connection poolers in transaction mode).
    CommandResult unlocked = strata({"-q", "upgrade", "head", "--no-lock"});
    EXPECT_EQ(unlocked.exit_code, 0) << unlocked.err;
    EXPECT_EQ(column("SELECT version_num FROM alembic_version"), std::vector<std::string>{rev_id(kRevisions)});
  } else {
    holder->rollback();
  }
  holder.reset();
  CommandResult after = strata({"-q", "upgrade", "head", "--lock-timeout", "5"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(column("SELECT version_num FROM alembic_version"), std::vector<std::string>{rev_id(kRevisions)});
}

INSTANTIATE_TEST_SUITE_P(Dialects, LockTest, ::testing::Values("postgresql", "sqlite", "mysql"),
                         [](const auto& info) { return info.param; });

// A deployer waiting for the lock holds no snapshot, so a running CREATE
// INDEX CONCURRENTLY (which waits for older snapshots) is not blocked by it
// (Flyway #1654): both deployers finish.
TEST(LockBesideConcurrentIndex, WaitingDeployerFinishes) {
  std::string why;
  std::unique_ptr<LiveDb> db = LiveDb::open("postgresql", &why);
  ASSERT_NE(db, nullptr) << why << " (run under scripts/with-postgres.sh)";
  TempDir dir;
  std::filesystem::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + db->url() +
                                          "\"\ntransaction_per_migration = true\n");
  write_file(dir.file("migrations/versions/a1.lua"),
             "revision = \"a1\"\ndown_revision = nil\nfunction upgrade()\n"
             "  op.create_table(\"big\", op.column(\"id\", op.Integer, {primary_key = true}), "
             "op.column(\"v\", op.Integer))\n"
             "  op.execute(\"INSERT INTO big SELECT g, g % 97 FROM generate_series(1, 20000) g\")\n"
             "end\nfunction downgrade() op.drop_table(\"big\") end\n");
  ASSERT_EQ(run_strata({"-q", "upgrade", "head"}, dir.path()).exit_code, 0);
  write_file(dir.file("migrations/versions/b2.lua"),
             "revision = \"b2\"\ndown_revision = \"a1\"\nfunction upgrade()\n"
             "  op.autocommit_block(function()\n"
             "    op.create_index(\"ix_big_v\", \"big\", {\"v\"}, {concurrently = true})\n"
             "  end)\nend\nfunction downgrade() op.drop_index(\"ix_big_v\", \"big\") end\n");
  // An open snapshot makes the index build wait (as a long build would).
  std::unique_ptr<driver::Connection> snapshot = driver::connect(config::parse_url(db->url()));
  snapshot->execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
  snapshot->query("SELECT count(*) FROM big");
  CommandResult first, second;
  std::thread deployer1([&] { first = run_strata({"-q", "upgrade", "head"}, dir.path()); });
  auto query_one = [&](const std::string& sql) {
    auto r = db->conn().query(sql);
    return r.rows.empty() || !r.rows[0][0] ? std::string() : *r.rows[0][0];
  };
  bool building = false;
  for (int i = 0; i < 200 && !building; ++i) {
    building = query_one("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'") == "1";
    if (!building) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(building) << "the index build did not start";
  std::thread deployer2([&] {
    second = run_strata({"-q", "upgrade", "head", "--lock-timeout", "60"}, dir.path());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  // Still building: the waiting deployer polls and holds nothing the build
  // waits for; release the snapshot and both finish.
  EXPECT_EQ(query_one("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'CREATE INDEX CONCURRENTLY%'"), "1");
  snapshot->execute("COMMIT");
  deployer1.join();
  deployer2.join();
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(query_one("SELECT version_num FROM alembic_version"), "b2");
  EXPECT_EQ(query_one("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass"), "true");
  EXPECT_EQ(query_one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                      "(SELECT oid FROM pg_database WHERE datname = current_database())"),
            "0");
}

}  // namespace
}  // namespace strata::testing
