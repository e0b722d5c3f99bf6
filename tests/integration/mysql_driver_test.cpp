// Live MySQL/MariaDB driver tests against STRATA_TEST_MYSQL_URL (exported by
// scripts/with-postgres.sh when MariaDB is installed); skipped otherwise.
// Each test works in its own database, dropped at the end.
#include "driver/connection.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "config/config.h"
#include "strata/error.h"

namespace strata::driver {
namespace {

using config::parse_url;

std::optional<std::string> mysql_url() {
  const char* url = std::getenv("STRATA_TEST_MYSQL_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

#define REQUIRE_MYSQL()                                                     \
  auto base_url = mysql_url();                                              \
  if (!base_url) GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set"

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

// A scratch database, dropped on destruction; `url` points at it.
class ScratchDb {
 public:
  explicit ScratchDb(const std::string& base) {
    static std::atomic<int> counter{0};
    name_ = "strata_drv_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin_ = connect(parse_url(base));
    admin_->execute("DROP DATABASE IF EXISTS " + name_ + "; CREATE DATABASE " + name_);
    config::Url u = parse_url(base);
    u.database = name_;
    url_ = u;
  }
  ~ScratchDb() {
    try {
      admin_->execute("DROP DATABASE IF EXISTS " + name_);
    } catch (const Error&) {
    }
  }
  const config::Url& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::unique_ptr<Connection> admin_;
  config::Url url_;
};

TEST(Mysql, ExecuteQueryAndNulls) {
  REQUIRE_MYSQL();
  ScratchDb db(*base_url);
  auto conn = connect(db.url());
  conn->execute(
      "CREATE TABLE t (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20));\n"
      "INSERT INTO t (name) VALUES ('a'); INSERT INTO t (name) VALUES (NULL);");
  QueryResult r = conn->query("SELECT id, name FROM t ORDER BY id");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][0], "1");
  EXPECT_EQ(r.rows[0][1], "a");
  EXPECT_EQ(r.rows[1][1], std::nullopt);
  EXPECT_TRUE(conn->query("SELECT * FROM t WHERE id > 10").rows.empty());
  EXPECT_EQ(scalar(*conn, "SELECT DATABASE()"), db.name());
  // Several statements, the last one's rows.
  EXPECT_EQ(scalar(*conn, "SET @x = 41; SELECT @x + 1"), "42");
  // Text round trip (utf8mb4) and binary-safe lengths.
  conn->execute("INSERT INTO t (name) VALUES ('größe 🚀')");
  EXPECT_EQ(scalar(*conn, "SELECT name FROM t WHERE id = 3"), "größe 🚀");
}

TEST(Mysql, ErrorsCarryCodeAndStatementErrorsLaterInABatch) {
  REQUIRE_MYSQL();
  ScratchDb db(*base_url);
  auto conn = connect(db.url());
  Error e = catch_error([&] { conn->execute("SELEC 1"); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.message().rfind("mysql error 1064: ", 0), 0u) << e.message();
  // The second statement of a batch fails: the error still surfaces, and the
  // connection stays usable.
  e = catch_error([&] { conn->execute("CREATE TABLE a (x INTEGER); SELECT * FROM missing"); });
  EXPECT_NE(e.message().find("mysql error 1146: "), std::string::npos) << e.message();
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                          "DATABASE() AND table_name = 'a'"),
            "1");
  EXPECT_EQ(scalar(*conn, "SELECT 7"), "7");
}

TEST(Mysql, TransactionsOnData) {
  REQUIRE_MYSQL();
  ScratchDb db(*base_url);
  auto conn = connect(db.url());
  conn->execute("CREATE TABLE t (x INTEGER) ENGINE=InnoDB");
  EXPECT_FALSE(conn->in_transaction());
  conn->begin();
  EXPECT_TRUE(conn->in_transaction());
  conn->execute("INSERT INTO t VALUES (1)");
  conn->rollback();
  EXPECT_FALSE(conn->in_transaction());
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM t"), "0");
  conn->begin();
  conn->execute("INSERT INTO t VALUES (2)");
  conn->commit();
  EXPECT_FALSE(conn->in_transaction());
  auto other = connect(db.url());
  EXPECT_EQ(scalar(*other, "SELECT count(*) FROM t"), "1");
  // DDL commits implicitly: the server's status says so.
  conn->begin();
  conn->execute("INSERT INTO t VALUES (3)");
  conn->execute("CREATE TABLE u (y INTEGER)");
  EXPECT_FALSE(conn->in_transaction());
  conn->rollback();
  EXPECT_EQ(scalar(*other, "SELECT count(*) FROM t"), "2");
}

TEST(Mysql, ConnectErrorsNeverShowThePassword) {
  REQUIRE_MYSQL();
  config::Url u = parse_url(*base_url);
  u.user = "nobody_here";
  u.password = "s3cret-pw";
  Error e = catch_error([&] { connect(u); });
  EXPECT_EQ(e.code(), ErrorCode::kDatabase);
  EXPECT_EQ(e.message().find("s3cret-pw"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("cannot connect to"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("mysql error 1045"), std::string::npos) << e.message();
  // A server nobody answers on.
  config::Url dead = parse_url("mysql://root:s3cret-pw@127.0.0.1:1/x?connect_timeout=2");
  e = catch_error([&] { connect(dead); });
  EXPECT_EQ(e.message().find("s3cret-pw"), std::string::npos) << e.message();
  EXPECT_NE(e.message().find("mysql error 2002"), std::string::npos) << e.message();
}

TEST(Mysql, UnknownUrlParameterIsAConfigError) {
  REQUIRE_MYSQL();
  config::Url u = parse_url(*base_url);
  u.query["sslmode"] = "require";
  Error e = catch_error([&] { connect(u); });
  EXPECT_EQ(e.code(), ErrorCode::kConfig);
  EXPECT_NE(e.message().find("unknown MySQL URL parameter 'sslmode'"), std::string::npos);
}

TEST(Mysql, UnixSocketParameter) {
  REQUIRE_MYSQL();
  const char* sock = std::getenv("STRATA_TEST_MYSQL_SOCKET");
  if (sock == nullptr || *sock == '\0') GTEST_SKIP() << "STRATA_TEST_MYSQL_SOCKET is not set";
  auto conn = connect(parse_url(std::string("mysql://root@/mysql?unix_socket=") + sock));
  EXPECT_EQ(scalar(*conn, "SELECT 1"), "1");
}

TEST(Mysql, MariadbUrlScheme) {
  REQUIRE_MYSQL();
  std::string url = *base_url;
  url.replace(0, url.find("://"), "mariadb");
  auto conn = connect(parse_url(url));
  EXPECT_EQ(scalar(*conn, "SELECT 1"), "1");
}

}  // namespace
}  // namespace strata::driver
