// op.bulk_insert and its reverse on SQLite through the runtime's online path
// (dialect/sqlite/dialect.h, dialect/sqlite/live.h): the reverse deletes
// exactly the rows the insert added — not rows that were there before with
// the same values, each duplicate as often as it was listed, NULLs, JSON,
// REAL and strings with NUL bytes matched — on rowid tables (also when a
// column shadows "rowid") and WITHOUT ROWID tables; the offline form.
#include <gtest/gtest.h>

#include "ops/reverse.h"
#include "unit/sqlite_ops_fixture.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata {
namespace {

using namespace sqlite_ops_testing;  // NOLINT: the fixture's vocabulary

using V = ops::Value;

model::Type real_type() { return model::Type{.kind = Kind::kFloat, .precision = 24}; }

// Rows equal to pre-existing ones, a row listed twice, NULLs, JSON, a REAL
// fraction and a string with NUL bytes.
ops::BulkInsert seed(const std::string& table) {
  ops::BulkInsert insert{.table = table, .columns = {"name", "n", "x", "doc", "note"}};
  insert.types = {type(Kind::kText), type(Kind::kInteger), real_type(), type(Kind::kJson),
                  type(Kind::kText)};
  insert.rows = {
      {V(std::string("a")), V(), V(), V(), V()},
      {V(std::string("b")), V(), V(0.1), V(std::string("{\"k\": [1, 2]}")), V()},
      {V(std::string("b")), V(), V(0.1), V(std::string("{\"k\": [1, 2]}")), V()},
      {V(std::string("c")), V(7LL), V(-2.5), V(), V(std::string("x\0y\0", 4))},
  };
  return insert;
}

TEST_F(SqliteOps, BulkInsertReverseDeletesOnlyTheRowsItInserted) {
  ops::CreateTable r{.table = {.name = "r",
                               .columns = {key(), col("name", Kind::kText), col("n", Kind::kInteger),
                                           col("x", Kind::kFloat), col("doc", Kind::kJson),
                                           col("note", Kind::kText)}}};
  migrate({r});
  exec("INSERT INTO r (name) VALUES ('a')");
  exec("INSERT INTO r (name, x, doc) VALUES ('b', 0.1, '{\"k\": [1, 2]}')");
  const Rows before = rows(std::nullopt, "r");
  const ops::BulkInsert insert = seed("r");
  migrate({insert});
  EXPECT_EQ(scalar("SELECT count(*) FROM r"), "6");
  EXPECT_EQ(scalar("SELECT hex(note) FROM r WHERE name = 'c'"), "78007900");
  migrate({ops::reverse(insert)});
  // The pre-existing rows, ids (assigned rowids) included: the rows the insert
  // added were the ones deleted.
  EXPECT_EQ(rows(std::nullopt, "r"), before);

  // Inserted twice, reversed once: one copy of each stays.
  migrate({insert, insert, ops::reverse(insert)});
  EXPECT_EQ(scalar("SELECT count(*) FROM r"), "6");
  EXPECT_EQ(scalar("SELECT count(*) FROM r WHERE name = 'b'"), "3");
}

TEST_F(SqliteOps, BulkInsertReverseOnWithoutRowidAndShadowedRowid) {
  // WITHOUT ROWID: rows addressed by the primary key.
  exec("CREATE TABLE w (k INTEGER NOT NULL, name TEXT, n INTEGER, x REAL, doc JSON, note TEXT, "
       "PRIMARY KEY (k)) WITHOUT ROWID");
  exec("INSERT INTO w VALUES (1, 'a', NULL, NULL, NULL, NULL)");
  exec("CREATE TABLE s (rowid TEXT, name TEXT, n INTEGER, x REAL, doc JSON, note TEXT)");
  exec("INSERT INTO s VALUES ('mine', 'a', NULL, NULL, NULL, NULL)");
  const Rows s_before = rows(std::nullopt, "s");
  ops::BulkInsert w = seed("w");
  w.columns.insert(w.columns.begin(), "k");
  w.types.insert(w.types.begin(), type(Kind::kInteger));
  for (size_t i = 0; i < w.rows.size(); ++i) {
    w.rows[i].insert(w.rows[i].begin(), V(static_cast<long long>(i + 2)));
  }
  migrate({w, seed("s")});
  EXPECT_EQ(scalar("SELECT count(*) || '/' || (SELECT count(*) FROM s) FROM w"), "5/5");
  emitter_->clear_step_log();
  migrate({ops::reverse(w), ops::reverse(seed("s"))});
  EXPECT_EQ(scalar("SELECT group_concat(k) FROM w"), "1");
  EXPECT_EQ(rows(std::nullopt, "s"), s_before);
  std::string log;
  for (const std::string& sql : emitter_->step_log()) log += sql + "\n";
  EXPECT_NE(log.find("DELETE FROM w WHERE k IN (SELECT k FROM w WHERE k = 2 AND name = 'a'"),
            std::string::npos) << log;
  EXPECT_NE(log.find("DELETE FROM s WHERE _rowid_ IN (SELECT _rowid_ FROM s WHERE name = 'a'"),
            std::string::npos) << log;
}

TEST_F(SqliteOps, BulkInsertReverseOfflineAndNulBytes) {
  ops::BulkInsert insert = seed("r");
  insert.rows.push_back({V(std::string("\0", 1)), V(), V(), V(), V(std::string("\0\0z", 3))});
  const std::vector<std::string> up = dialect_->render(insert);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_NE(up[0].find("('c', 7, -2.5, NULL, 'x' || char(0) || 'y' || char(0)),\n"),
            std::string::npos) << up[0];
  EXPECT_NE(up[0].find("(char(0), NULL, NULL, NULL, char(0) || char(0) || 'z')"),
            std::string::npos) << up[0];
  EXPECT_EQ(dialect_->render(ops::reverse(insert)),
            (std::vector<std::string>{
                "DELETE FROM r WHERE rowid IN (SELECT rowid FROM r WHERE name = 'a' AND n IS NULL "
                "AND x IS NULL AND doc IS NULL AND note IS NULL ORDER BY rowid DESC LIMIT 1)",
                "DELETE FROM r WHERE rowid IN (SELECT rowid FROM r WHERE name = 'b' AND n IS NULL "
                "AND x = 0.1 AND doc = '{\"k\": [1, 2]}' AND note IS NULL ORDER BY rowid DESC "
                "LIMIT 2)",
                "DELETE FROM r WHERE rowid IN (SELECT rowid FROM r WHERE name = 'c' AND n = 7 AND "
                "x = -2.5 AND doc IS NULL AND note = 'x' || char(0) || 'y' || char(0) ORDER BY "
                "rowid DESC LIMIT 1)",
                "DELETE FROM r WHERE rowid IN (SELECT rowid FROM r WHERE name = char(0) AND n IS "
                "NULL AND x IS NULL AND doc IS NULL AND note = char(0) || char(0) || 'z' ORDER BY "
                "rowid DESC LIMIT 1)"}));
  // Online, the NUL bytes arrive and match.
  migrate({ops::CreateTable{.table = {.name = "r",
                                      .columns = {col("name", Kind::kText), col("n", Kind::kInteger),
                                                  col("x", Kind::kFloat), col("doc", Kind::kJson),
                                                  col("note", Kind::kText)}}},
           insert});
  EXPECT_EQ(scalar("SELECT hex(note) FROM r WHERE hex(name) = '00'"), "00007A");
  migrate({ops::reverse(insert)});
  EXPECT_EQ(scalar("SELECT count(*) FROM r"), "0");
}

}  // namespace
}  // namespace strata
