// Faults during `upgrade` (issue 8, §9): the database is always left at the
// revision before or after a step, with a catalog that matches it, and the
// next `upgrade head` completes.
//
// - ConnectionTerminated: a revision sleeps (pg_sleep) while the test ends
//   strata's backend with pg_terminate_backend (found by application_name
//   'strata' in pg_stat_activity): exit 1 with one `strata: error:` line
//   naming the script line and saying the connection ended,
//   the version row before or after the step, the catalog matching, no
//   advisory lock left, and the next `upgrade head` completes.
// - KillNine: `upgrade head` over a chain of 10 revisions (each: a table, an
//   index, 100 rows in 5 inserts) is killed with SIGKILL at a random moment,
//   on PostgreSQL and SQLite, with transaction_per_migration false and true.
//   After each kill: at most one version row, naming a revision of the chain
//   (or none); table t_i exists iff revision i is applied, with all its 100
//   rows; when the history table exists, its successful upgrade rows are
//   exactly the applied revisions; no advisory lock is left (PostgreSQL); the
//   next `upgrade head` exits 0 at the head. STRATA_FAULT_KILLS sets the kills
//   per configuration (default 10; bench/fault_bench.sh runs 50), and each
//   configuration prints one `fault-figures:` line.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fcntl.h>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"
#include "strata/error.h"
#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kChain = 10;
constexpr int kRowsPerTable = 100;

std::string rev_id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "fault%03d", i);
  return buf;
}

// Revision i: table t_i with an index and 100 rows in 5 statements. With
// `sleep_env`, the revision first sleeps for $STRATA_FAULT_SLEEP seconds
// (pg_sleep; 0 when unset).
std::string revision_script(int i, bool sleep_step) {
  std::string t = "t_" + std::to_string(i);
  std::string s = "-- step " + std::to_string(i) + "\nrevision = \"" + rev_id(i) + "\"\ndown_revision = " +
                  (i == 1 ? std::string("nil") : "\"" + rev_id(i - 1) + "\"") + "\n\nfunction upgrade()\n";
  if (sleep_step) {
    s += "  op.execute(\"SELECT pg_sleep(\" .. (os.getenv(\"STRATA_FAULT_SLEEP\") or \"0\") .. \")\")\n";
  }
  s += "  op.create_table(\"" + t + "\", op.column(\"id\", op.Integer, {primary_key = true}),\n"
       "                  op.column(\"v\", op.String(40)))\n"
       "  op.create_index(\"ix_" + t + "_v\", \"" + t + "\", {\"v\"})\n";
  for (int chunk = 0; chunk < 5; ++chunk) {
    std::string values;
    for (int k = 1; k <= kRowsPerTable / 5; ++k) {
      int id = chunk * (kRowsPerTable / 5) + k;
      if (!values.empty()) values += ", ";
      values += "(" + std::to_string(id) + ", 'row " + std::to_string(id) + "')";
    }
    s += "  op.execute(\"INSERT INTO " + t + " (id, v) VALUES " + values + "\")\n";
  }
  s += "end\n\nfunction downgrade()\n  op.drop_table(\"" + t + "\")\nend\n";
  return s;
}

// A strata process started in the background.
struct Child {
  pid_t pid = -1;
  std::string out_path, err_path;
};

Child spawn_strata(const std::vector<std::string>& args, const std::string& cwd,
                   const std::vector<std::string>& env = {}) {
  Child c;
  c.out_path = cwd + "/.child-" + std::to_string(::getpid()) + ".out";
  c.err_path = cwd + "/.child-" + std::to_string(::getpid()) + ".err";
  std::vector<std::string> argv{STRATA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  c.pid = ::fork();
  if (c.pid == 0) {
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const std::string& e : env) ::putenv(const_cast<char*>(e.c_str()));
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(c.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(c.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<char*> raw;
    for (std::string& a : argv) raw.push_back(a.data());
    raw.push_back(nullptr);
    ::execv(raw[0], raw.data());
    ::_exit(127);
  }
  return c;
}

// waitpid; returns the raw status.
int wait_child(const Child& c) {
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0) {
  }
  return status;
}

// What the database holds after a fault.
struct State {
  std::vector<std::string> versions;
  std::map<int, long long> tables;  // i -> row count of t_i, for existing tables
  std::optional<std::vector<std::string>> history;  // successful upgrade rows, in id order
  std::string error;  // set when the state could not be read
};

class Target {
 public:
  virtual ~Target() = default;
  virtual std::string url() const = 0;
  virtual std::string name() const = 0;
  virtual bool table_exists(driver::Connection& c, const std::string& table) = 0;
  // Waits until no backend of a strata process is left on the database.
  virtual void settle() {}
  virtual long long advisory_locks() { return 0; }

  // False when the database was never created (SQLite: no file yet).
  virtual bool created() const { return true; }

  State read_state() {
    State s;
    if (!created()) return s;  // base: nothing applied
    try {
      std::unique_ptr<driver::Connection> c = driver::connect(config::parse_url(url()), false);
      if (table_exists(*c, "alembic_version")) {
        for (const auto& row : c->query("SELECT version_num FROM alembic_version").rows) {
          s.versions.push_back(row[0].value_or("NULL"));
        }
      }
      for (int i = 1; i <= kChain; ++i) {
        std::string t = "t_" + std::to_string(i);
        if (!table_exists(*c, t)) continue;
        s.tables[i] = std::stoll(c->query("SELECT count(*) FROM " + t).rows.at(0)[0].value_or("-1"));
      }
      if (table_exists(*c, "strata_history")) {
        std::vector<std::string> h;
        for (const auto& row :
             c->query("SELECT revision, direction, success FROM strata_history ORDER BY id").rows) {
          std::string success = row[2].value_or("");
          bool ok = success == "t" || success == "1" || success == "true";
          if (ok && row[1].value_or("") == "upgrade") h.push_back(row[0].value_or(""));
        }
        s.history = h;
      }
    } catch (const Error& e) {
      s.error = e.what();
    }
    return s;
  }
};

class PgTarget : public Target {
 public:
  PgTarget() : url_(create_pg_database("strata_fault")) {}
  std::string url() const override { return url_; }
  std::string name() const override { return "postgresql"; }
  bool table_exists(driver::Connection& c, const std::string& table) override {
    return c.query("SELECT to_regclass('public." + table + "') IS NOT NULL").rows.at(0)[0] == "t";
  }
  void settle() override {
    std::unique_ptr<driver::Connection> c = driver::connect(config::parse_url(url_));
    for (int i = 0; i < 200; ++i) {
      auto r = c->query(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
          "AND pid <> pg_backend_pid()");
      if (r.rows.at(0)[0] == "0") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  long long advisory_locks() override {
    std::unique_ptr<driver::Connection> c = driver::connect(config::parse_url(url_));
    return std::stoll(c->query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
                               "database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                          .rows.at(0)[0]
                          .value_or("-1"));
  }

 private:
  std::string url_;
};

class SqliteTarget : public Target {
 public:
  std::string url() const override { return "sqlite:///" + dir_.file("app.db"); }
  std::string name() const override { return "sqlite"; }
  bool created() const override { return std::filesystem::exists(dir_.file("app.db")); }
  bool table_exists(driver::Connection& c, const std::string& table) override {
    return c.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")
               .rows.at(0)[0] == "1";
  }

 private:
  TempDir dir_;
};

// A project directory whose strata.toml points at `url`.
struct Project {
  Project(const std::string& url, bool per_migration, int sleep_step = 0) {
    std::filesystem::create_directories(dir.file("migrations/versions"));
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = '" + url +
                                            "'\ntransaction_per_migration = " +
                                            (per_migration ? "true" : "false") + "\n");
    for (int i = 1; i <= kChain; ++i) {
      write_file(dir.file("migrations/versions/" + rev_id(i) + ".lua"), revision_script(i, i == sleep_step));
    }
  }
  TempDir dir;
};

// The checks every fault ends with; returns the index of the applied head
// (0 for none), or -1 when the state is inconsistent (failures recorded).
int check_consistent(Target& target, const std::string& what) {
  target.settle();
  State s = target.read_state();
  EXPECT_EQ(s.error, "") << what;
  if (!s.error.empty()) return -1;
  EXPECT_LE(s.versions.size(), 1u) << what << ": several version rows on a linear chain";
  if (s.versions.size() > 1) return -1;
  int applied = 0;
  if (!s.versions.empty()) {
    for (int i = 1; i <= kChain; ++i) {
      if (s.versions[0] == rev_id(i)) applied = i;
    }
    EXPECT_GT(applied, 0) << what << ": unknown version row '" << s.versions[0] << "'";
    if (applied == 0) return -1;
  }
  bool ok = true;
  for (int i = 1; i <= kChain; ++i) {
    bool exists = s.tables.count(i) > 0;
    EXPECT_EQ(exists, i <= applied) << what << ": table t_" << i << " vs version " << applied;
    if (exists) {
      EXPECT_EQ(s.tables[i], kRowsPerTable) << what << ": rows of t_" << i;
    }
    ok = ok && exists == (i <= applied) && (!exists || s.tables[i] == kRowsPerTable);
  }
  if (s.history) {
    std::vector<std::string> expected;
    for (int i = 1; i <= applied; ++i) expected.push_back(rev_id(i));
    EXPECT_EQ(*s.history, expected) << what << ": history rows vs version " << applied;
    ok = ok && *s.history == expected;
  }
  return ok ? applied : -1;
}

int kills_per_configuration() {
  const char* n = std::getenv("STRATA_FAULT_KILLS");
  return n != nullptr && std::atoi(n) > 0 ? std::atoi(n) : 10;
}

std::unique_ptr<Target> open_target(const std::string& dialect) {
  if (dialect == "sqlite") return std::make_unique<SqliteTarget>();
  return std::make_unique<PgTarget>();
}

bool need_pg() {
  if (pg_url()) return true;
  if (std::getenv("CI") != nullptr) ADD_FAILURE() << "STRATA_TEST_PG_URL is not set (CI runs every live server)";
  return false;
}

// --- kill -9 -----------------------------------------------------------------

void kill_nine(const std::string& dialect, bool per_migration) {
  std::string config = dialect + (per_migration ? " transaction_per_migration=true" : " transaction_per_migration=false");
  // The time a whole `upgrade head` takes here, to spread the kills over it.
  double full_ms;
  {
    std::unique_ptr<Target> target = open_target(dialect);
    Project project(target->url(), per_migration);
    auto t0 = Clock::now();
    CommandResult r = run_strata({"upgrade", "head"}, project.dir.path());
    full_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_EQ(check_consistent(*target, config + " warm-up"), kChain);
  }
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> when(0.0, full_ms * 1.1);
  int kills = kills_per_configuration();
  std::map<int, int> landed;  // applied revision index after the kill -> count
  int consistent = 0, recovered = 0, locks_left = 0, killed_running = 0;
  auto start = Clock::now();
  for (int trial = 0; trial < kills; ++trial) {
    std::unique_ptr<Target> target = open_target(dialect);
    Project project(target->url(), per_migration);
    std::string what = config + " kill " + std::to_string(trial);
    Child child = spawn_strata({"upgrade", "head"}, project.dir.path());
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(when(rng) * 1000)));
    ::kill(child.pid, SIGKILL);
    int status = wait_child(child);
    if (WIFSIGNALED(status)) ++killed_running;
    int applied = check_consistent(*target, what);
    if (applied >= 0) {
      ++consistent;
      ++landed[applied];
    }
    CommandResult again = run_strata({"upgrade", "head"}, project.dir.path());
    EXPECT_EQ(again.exit_code, 0) << what << ": the next upgrade head failed: " << again.err;
    if (again.exit_code == 0 && check_consistent(*target, what + " after re-run") == kChain) ++recovered;
    long long locks = target->advisory_locks();
    EXPECT_EQ(locks, 0) << what << ": advisory lock left";
    if (locks != 0) ++locks_left;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::string spread;
  for (auto [applied, count] : landed) {
    spread += (spread.empty() ? "" : " ") + std::to_string(applied) + ":" + std::to_string(count);
  }
  std::printf("fault-figures: kill9 %s kills=%d killed_while_running=%d consistent=%d recovered=%d "
              "locks_left=%d landed_at={%s} full_upgrade_ms=%.0f seconds=%.1f\n",
              config.c_str(), kills, killed_running, consistent, recovered, locks_left, spread.c_str(),
              full_ms, seconds);
  std::fflush(stdout);
  EXPECT_EQ(consistent, kills);
  EXPECT_EQ(recovered, kills);
  // The kills landed inside the run, not only before or after it.
  EXPECT_GT(killed_running, 0);
}

TEST(KillNine, SqliteOneTransaction) { kill_nine("sqlite", false); }
TEST(KillNine, SqliteTransactionPerMigration) { kill_nine("sqlite", true); }
TEST(KillNine, PostgresOneTransaction) {
  if (!need_pg()) GTEST_SKIP() << "STRATA_TEST_PG_URL is not set";
  kill_nine("postgresql", false);
}
TEST(KillNine, PostgresTransactionPerMigration) {
  if (!need_pg()) GTEST_SKIP() << "STRATA_TEST_PG_URL is not set";
  kill_nine("postgresql", true);
}

// --- pg_terminate_backend ----------------------------------------------------

void terminate_mid_migration(bool per_migration) {
  PgTarget target;
  const int sleep_step = 4;
  Project project(target.url(), per_migration, sleep_step);
  Child child = spawn_strata({"upgrade", "head"}, project.dir.path(), {"STRATA_FAULT_SLEEP=30"});
  std::unique_ptr<driver::Connection> admin = driver::connect(config::parse_url(target.url()));
  std::string victim;
  for (int i = 0; i < 400 && victim.empty(); ++i) {  // up to ~20 s
    auto r = admin->query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND "
        "application_name = 'strata' AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%'");
    if (!r.rows.empty()) victim = r.rows[0][0].value_or("");
    if (victim.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(victim.empty()) << "strata's backend never reached pg_sleep";
  admin->query("SELECT pg_terminate_backend(" + victim + ")");
  admin.reset();
  int status = wait_child(child);
  std::string err = read_file(child.err_path);
  ASSERT_TRUE(WIFEXITED(status)) << err;
  EXPECT_EQ(WEXITSTATUS(status), 1) << err;
  // One clear error line (progress lines are INFO lines).
  int error_lines = 0;
  std::string error_line;
  size_t pos = 0;
  while ((pos = err.find("strata: error:", pos)) != std::string::npos) {
    ++error_lines;
    error_line = err.substr(pos, err.find('\n', pos) - pos);
    pos += 1;
  }
  EXPECT_EQ(error_lines, 1) << err;
  EXPECT_TRUE(error_line.find("terminat") != std::string::npos ||
              error_line.find("connection") != std::string::npos)
      << "the error does not say the connection ended: " << error_line;
  EXPECT_LT(error_line.size(), 400u) << error_line;
  // It names the step and the script line that was running.
  EXPECT_NE(error_line.find(rev_id(sleep_step) + ".lua:"), std::string::npos) << error_line;
  std::printf("fault-figures: terminate %s error: %s\n",
              per_migration ? "transaction_per_migration=true" : "transaction_per_migration=false",
              error_line.c_str());
  std::fflush(stdout);
  // Before or after the step: with one transaction nothing is applied; per
  // migration, the steps before the sleeping one are.
  int applied = check_consistent(target, "after pg_terminate_backend");
  EXPECT_EQ(applied, per_migration ? sleep_step - 1 : 0);
  EXPECT_EQ(target.advisory_locks(), 0);
  CommandResult again = run_strata({"upgrade", "head"}, project.dir.path());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(check_consistent(target, "after the next upgrade"), kChain);
  EXPECT_EQ(target.advisory_locks(), 0);
}

TEST(ConnectionTerminated, OneTransaction) {
  if (!need_pg()) GTEST_SKIP() << "STRATA_TEST_PG_URL is not set";
  terminate_mid_migration(false);
}
TEST(ConnectionTerminated, TransactionPerMigration) {
  if (!need_pg()) GTEST_SKIP() << "STRATA_TEST_PG_URL is not set";
  terminate_mid_migration(true);
}

}  // namespace
}  // namespace strata::testing
