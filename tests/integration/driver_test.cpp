// Live driver tests. SQLite always (temp dir); PostgreSQL when the test
// command exported STRATA_TEST_PG_URL (scripts/with-postgres.sh), skipped
// otherwise.
#include "driver/connection.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "config/config.h"
#include "driver/sqlite_connection.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::driver {
namespace {

namespace fs = std::filesystem;
using config::parse_url;
using strata::testing::TempDir;

template <typename Fn>
Error catch_error(Fn fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected strata::Error";
  return Error(ErrorCode::kInternal, "<no error>");
}

std::string scalar(Connection& c, const std::string& sql) {
  QueryResult r = c.query(sql);
  if (r.rows.size() != 1 || r.rows[0].size() != 1 || !r.rows[0][0]) return "<not one value>";
  return *r.rows[0][0];
}

// ------------------------------------------------------------- SQLite ----

TEST(Sqlite, ExecuteQueryAndNulls) {
  TempDir dir;
  auto conn = connect(parse_url("sqlite:///" + dir.file("app.db")));
  conn->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"
                "INSERT INTO t (name) VALUES ('a'); INSERT INTO t (name) VALUES (NULL);");
  QueryResult r = conn->query("SELECT id, name FROM t ORDER BY id");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][0], "1");
  EXPECT_EQ(r.rows[0][1], "a");
  EXPECT_EQ(r.rows[1][1], std::nullopt);
  EXPECT_TRUE(conn->query("SELECT * FROM t WHERE id > 10").rows.empty());
  EXPECT_EQ(scalar(*conn, "PRAGMA foreign_keys"), "1");
  conn->execute("  -- only a comment\n ");
  EXPECT_TRUE(fs::exists(dir.file("app.db")));
}

TEST(Sqlite, MemoryUrls) {
  for (const char* url : {"sqlite://", "sqlite:///:memory:"}) {
    auto conn = connect(parse_url(url));
    conn->execute("CREATE TABLE t (x)");
    EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM t"), "0");
  }
}

TEST(Sqlite, TransactionsAndRollback) {
  TempDir dir;
  auto conn = connect(parse_url("sqlite:///" + dir.file("app.db")));
  EXPECT_FALSE(conn->in_transaction());
  conn->begin();
  EXPECT_TRUE(conn->in_transaction());
  conn->execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  conn->rollback();
  EXPECT_FALSE(conn->in_transaction());
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM sqlite_master WHERE name = 't'"), "0");

  conn->begin();
  conn->execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
  conn->commit();
  EXPECT_FALSE(conn->in_transaction());
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM t"), "1");
}

TEST(Sqlite, ErrorMessages) {
  TempDir dir;
  auto conn = connect(parse_url("sqlite:///" + dir.file("app.db")));
  conn->execute("CREATE TABLE \"x\" (a)");
  Error e = catch_error([&] { conn->execute("CREATE TABLE \"x\" (a)"); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.message(), "table \"x\" already exists");
  EXPECT_EQ(catch_error([&] { conn->query("SELECT nope FROM x"); }).message(), "no such column: nope");
  EXPECT_EQ(catch_error([&] { conn->execute("SELEC 1"); }).message(), "near \"SELEC\": syntax error");
  // A failing statement in a batch stops the batch; earlier ones stay done.
  catch_error([&] { conn->execute("INSERT INTO x VALUES (1); INSERT INTO nope VALUES (1); INSERT INTO x VALUES (2)"); });
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM x"), "1");
}

TEST(Sqlite, OpenFailure) {
  Error e = catch_error([] { connect(parse_url("sqlite:////nonexistent-dir-strata/x/app.db")); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.message().rfind("cannot open sqlite database '/nonexistent-dir-strata/x/app.db': ", 0), 0u)
      << e.message();
}

TEST(Sqlite, SchemaPath) {
  EXPECT_EQ(sqlite_schema_path("/p/app.db", "s"), "/p/app.s.db");
  EXPECT_EQ(sqlite_schema_path("/p/app", "s"), "/p/app.s.db");
  EXPECT_EQ(sqlite_schema_path("app.sqlite3", "audit"), "app.audit.db");
  EXPECT_EQ(sqlite_schema_path(":memory:", "s"), ":memory:");
}

TEST(Sqlite, SchemaAttachAndAutoAttach) {
  TempDir dir;
  std::string main = dir.file("app.db");
  std::string schema_file = dir.file("app.audit.db");
  {
    auto conn = connect(parse_url("sqlite:///" + main));
    conn->execute("ATTACH DATABASE '" + schema_file + "' AS \"audit\";\n"
                  "CREATE TABLE audit.log (msg TEXT); INSERT INTO audit.log VALUES ('hi')");
    // Re-attaching the same file under the same name is a no-op, also
    // spelled differently and inside a transaction.
    conn->execute("ATTACH DATABASE '" + schema_file + "' AS \"audit\"");
    conn->execute("attach '" + schema_file + "' as audit;");
    conn->begin();
    conn->execute("ATTACH DATABASE '" + schema_file + "' AS [AUDIT]; INSERT INTO audit.log VALUES ('x')");
    conn->rollback();
    // The same name for a different file still fails.
    Error e = catch_error([&] { conn->execute("ATTACH DATABASE '" + dir.file("other.db") + "' AS audit"); });
    EXPECT_EQ(e.message(), "database audit is already in use");
  }
  ASSERT_TRUE(fs::exists(schema_file));
  // Files that are not schemas of app.db are left alone.
  strata::testing::write_file(dir.file("app.db-journal"), "");
  strata::testing::write_file(dir.file("other.x.db"), "");
  // A schema named with a space, a quote and non-ASCII letters comes back too.
  {
    auto conn = connect(parse_url("sqlite:///" + main));
    conn->execute("ATTACH DATABASE '" + dir.file("app.Ünï \"sch.db") +
                  "' AS \"Ünï \"\"sch\"; CREATE TABLE \"Ünï \"\"sch\".t (x)");
  }
  auto conn = connect(parse_url("sqlite:///" + main));
  EXPECT_EQ(scalar(*conn, "SELECT msg FROM audit.log"), "hi");
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM \"Ünï \"\"sch\".t"), "0");
  QueryResult list = conn->query("PRAGMA database_list");
  std::vector<std::string> names;
  for (const Row& row : list.rows) names.push_back(row[1].value_or(""));
  EXPECT_EQ(names, (std::vector<std::string>{"main", "audit", "Ünï \"sch"}));
  conn->execute("ATTACH DATABASE '" + schema_file + "' AS \"audit\"");
}

TEST(Sqlite, RelativePathIsRelativeToCwd) {
  TempDir dir;
  fs::path old = fs::current_path();
  fs::current_path(dir.path());
  {
    auto conn = connect(parse_url("sqlite:///rel.db"));
    conn->execute("CREATE TABLE t (x)");
    conn->execute("ATTACH DATABASE 'rel.s.db' AS s; CREATE TABLE s.t (x)");
    conn->execute("ATTACH DATABASE 'rel.s.db' AS s");  // no-op, relative spelling
  }
  auto again = connect(parse_url("sqlite:///rel.db"));
  EXPECT_EQ(scalar(*again, "SELECT count(*) FROM s.t"), "0");
  fs::current_path(old);
  EXPECT_TRUE(fs::exists(dir.file("rel.db")));
  EXPECT_TRUE(fs::exists(dir.file("rel.s.db")));
}

TEST(Connect, NoLiveDriver) {
  Error ms = catch_error([] { connect(parse_url("mssql+pyodbc://sa:pw@h/db")); });
  EXPECT_EQ(ms.code(), ErrorCode::kConfig);
  EXPECT_EQ(ms.message(), "no live driver for mssql yet; use --sql to render T-SQL");
  // MySQL has a live driver now (tests/integration/mysql_driver_test.cpp):
  // nobody listening is a database error, not a config one.
  Error my = catch_error([] { connect(parse_url("mysql://root@127.0.0.1:1/db")); });
  EXPECT_EQ(my.code(), ErrorCode::kDatabase);
  EXPECT_EQ(my.message().rfind("cannot connect to mysql://root@127.0.0.1:1/db: mysql error", 0),
            0u)
      << my.message();
}

// --------------------------------------------------------- PostgreSQL ----

class Postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("STRATA_TEST_PG_URL");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "STRATA_TEST_PG_URL not set";
    admin_url_ = url;
    // A private database per test, so parallel tests never collide.
    static int counter = 0;
    db_ = "strata_driver_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    auto admin = connect(parse_url(admin_url_));
    admin->execute("CREATE DATABASE " + db_);
    config::Url u = parse_url(admin_url_);
    u.database = db_;
    conn_ = connect(u);
  }
  void TearDown() override {
    if (db_.empty()) return;
    conn_.reset();
    auto admin = connect(parse_url(admin_url_));
    admin->execute("DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
  }

  std::string admin_url_;
  std::string db_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(Postgres, ExecuteAndQuery) {
  conn_->execute("CREATE TABLE t (id serial PRIMARY KEY, name text);"
                 "INSERT INTO t (name) VALUES ('a'), (NULL);"
                 "CREATE TABLE IF NOT EXISTS t (id int)");  // NOTICE swallowed
  QueryResult r = conn_->query("SELECT id, name FROM t ORDER BY id");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][0], "1");
  EXPECT_EQ(r.rows[0][1], "a");
  EXPECT_EQ(r.rows[1][1], std::nullopt);
  EXPECT_EQ(scalar(*conn_, "SHOW client_min_messages"), "warning");
  EXPECT_EQ(scalar(*conn_, "SELECT current_database()"), db_);
}

TEST_F(Postgres, TransactionRollbackLeavesNothing) {
  EXPECT_FALSE(conn_->in_transaction());
  conn_->begin();
  EXPECT_TRUE(conn_->in_transaction());
  conn_->execute("CREATE TABLE t (x int); INSERT INTO t VALUES (1)");
  conn_->rollback();
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(scalar(*conn_, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"), "0");

  conn_->begin();
  conn_->execute("CREATE TABLE t (x int)");
  EXPECT_THROW(conn_->execute("CREATE TABLE t (x int)"), Error);
  EXPECT_TRUE(conn_->in_transaction());  // aborted, still open
  Error e = catch_error([&] { conn_->commit(); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(scalar(*conn_, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"), "0");

  conn_->begin();
  conn_->execute("CREATE TABLE t (x int)");
  conn_->commit();
  EXPECT_EQ(scalar(*conn_, "SELECT count(*) FROM pg_tables WHERE tablename = 't'"), "1");
}

TEST_F(Postgres, ErrorMessages) {
  conn_->execute("CREATE TABLE x (a int)");
  Error e = catch_error([&] { conn_->execute("CREATE TABLE x (a int)"); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.message(), "relation \"x\" already exists");
  EXPECT_EQ(catch_error([&] { conn_->query("SELEC 1"); }).message(), "syntax error at or near \"SELEC\"");
  conn_->execute("CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int REFERENCES p)");
  Error fk = catch_error([&] { conn_->execute("INSERT INTO c VALUES (7)"); });
  EXPECT_EQ(fk.message(),
            "insert or update on table \"c\" violates foreign key constraint \"c_p_fkey\"; "
            "DETAIL: Key (p)=(7) is not present in table \"p\".");
}

TEST_F(Postgres, ConnectionFailureHidesPassword) {
  config::Url u = parse_url(admin_url_);
  u.password = "s3cr3t!";
  u.port = 1;  // nothing listens there
  u.host = "127.0.0.1";
  Error e = catch_error([&] { connect(u); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.message().rfind("cannot connect to postgresql://postgres:***@127.0.0.1:1/postgres: ", 0), 0u)
      << e.message();
  EXPECT_EQ(e.message().find("s3cr3t"), std::string::npos);

  // libpq echoing a bad option value must not leak a password either.
  config::Url bad = parse_url(admin_url_);
  bad.password = "s3cr3t!";
  bad.query["sslmode"] = "s3cr3t!";
  Error e2 = catch_error([&] { connect(bad); });
  EXPECT_EQ(e2.message().find("s3cr3t"), std::string::npos) << e2.message();
  EXPECT_NE(e2.message().find("sslmode"), std::string::npos) << e2.message();
}

TEST_F(Postgres, QueryParamsPassThrough) {
  config::Url u = parse_url(admin_url_);
  u.database = db_;
  u.query["application_name"] = "strata-driver-test";
  auto c = connect(u);
  EXPECT_EQ(scalar(*c, "SHOW application_name"), "strata-driver-test");
}

}  // namespace
}  // namespace strata::driver
