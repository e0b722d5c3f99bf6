// Tests for driver/savepoint.h on an in-memory SQLite connection.
#include "driver/savepoint.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "driver/sqlite_connection.h"
#include "strata/error.h"

namespace strata::driver {
namespace {

class SavepointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    conn.execute("CREATE TABLE t (x INTEGER)");
    conn.begin();
    conn.execute("INSERT INTO t VALUES (1)");
  }
  std::string rows() {
    std::string out;
    for (const Row& row : conn.query("SELECT x FROM t ORDER BY x").rows) out += *row.at(0) + ";";
    return out;
  }
  SqliteConnection conn{":memory:"};
};

TEST_F(SavepointTest, ReleaseKeepsTheWork) {
  int hook_runs = 0;
  {
    Savepoint savepoint(conn, "sp", [&] { ++hook_runs; });
    conn.execute("INSERT INTO t VALUES (2)");
    savepoint.release();
  }
  EXPECT_EQ(rows(), "1;2;");
  EXPECT_EQ(hook_runs, 0);
  EXPECT_TRUE(conn.in_transaction());
  // The savepoint is gone: releasing it again is an error.
  EXPECT_THROW(conn.execute("RELEASE sp"), Error);
}

TEST_F(SavepointTest, AnExceptionRollsBackAndRunsTheHook) {
  int hook_runs = 0;
  EXPECT_THROW(
      {
        Savepoint savepoint(conn, "sp", [&] { ++hook_runs; });
        conn.execute("INSERT INTO t VALUES (2)");
        throw std::runtime_error("boom");
      },
      std::runtime_error);
  EXPECT_EQ(rows(), "1;");
  EXPECT_EQ(hook_runs, 1);
  // The outer transaction is still open and usable; the savepoint is gone.
  EXPECT_TRUE(conn.in_transaction());
  EXPECT_THROW(conn.execute("RELEASE sp"), Error);
  conn.execute("INSERT INTO t VALUES (3)");
  EXPECT_EQ(rows(), "1;3;");
}

TEST_F(SavepointTest, EarlyReturnRollsBack) {
  auto change = [&](bool keep) {
    Savepoint savepoint(conn, "sp");
    conn.execute("INSERT INTO t VALUES (5)");
    if (!keep) return;
    savepoint.release();
  };
  change(false);
  EXPECT_EQ(rows(), "1;");
  change(true);
  EXPECT_EQ(rows(), "1;5;");
}

TEST_F(SavepointTest, ExplicitRollbackThenNothingMore) {
  int hook_runs = 0;
  {
    Savepoint savepoint(conn, "sp", [&] { ++hook_runs; });
    conn.execute("INSERT INTO t VALUES (2)");
    savepoint.rollback();
    conn.execute("INSERT INTO t VALUES (4)");  // after the savepoint: kept
  }
  EXPECT_EQ(rows(), "1;4;");
  EXPECT_EQ(hook_runs, 1);
}

TEST_F(SavepointTest, NestedGuardsUnwindInnermostFirst) {
  EXPECT_THROW(
      {
        Savepoint outer(conn, "outer_sp");
        conn.execute("INSERT INTO t VALUES (2)");
        Savepoint inner(conn, "inner_sp");
        conn.execute("INSERT INTO t VALUES (3)");
        throw Error(ErrorCode::kDatabase, "fail");
      },
      Error);
  EXPECT_EQ(rows(), "1;");
}

}  // namespace
}  // namespace strata::driver
