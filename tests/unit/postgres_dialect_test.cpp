// PostgreSQL rendering contracts the golden files do not show: bulk_insert
// batching and value literals, its reverse (grouped rows, comparisons by
// type), NUL bytes, error cases, dollar quoting of DO blocks,
// and the ops that render nothing. (Every op's ordinary output is in
// tests/golden/postgresql/, checked by dialect_test.)
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "dialect/postgres/move_table.h"
#include "dialect/common/render_common.h"
#include "ops/ops.h"
#include "strata/error.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata::dialect {
namespace {

std::unique_ptr<Dialect> pg() { return make_dialect("postgresql"); }

template <typename Fn>
void expect_script_error(const std::string& fragment, Fn&& fn) {
  try {
    fn();
    ADD_FAILURE() << "expected an error containing '" << fragment << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript) << e.message();
    EXPECT_NE(e.message().find(fragment), std::string::npos) << e.message();
  }
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(PostgresRender, AutocommitMarkersAndEmptyChangesRenderNothing) {
  auto d = pg();
  EXPECT_TRUE(d->render(ops::AutocommitBegin{}).empty());
  EXPECT_TRUE(d->render(ops::AutocommitEnd{}).empty());
  EXPECT_TRUE(d->render(ops::AlterColumn{.table = "t", .column = "c"}).empty());
  EXPECT_TRUE(d->render(ops::MoveTable{.schema = "s", .name = "t", .new_schema = "s"}).empty());
  EXPECT_TRUE(d->render(ops::BulkInsert{.table = "t", .columns = {"a"}}).empty());
  EXPECT_TRUE(d->render(ops::BatchAlterTable{.table = "t"}).empty());
}

TEST(PostgresRender, UsingNeedsAType) {
  ops::AlterColumn alter{.table = "t", .column = "c", .using_expr = "c::int"};
  expect_script_error("alter_column t.c: a USING expression needs the new type",
                      [&] { pg()->render(alter); });
}

TEST(PostgresRender, ConstraintsWithoutColumnsAndBadActionsAreErrors) {
  auto d = pg();
  expect_script_error("primary key 'pk_t' has no columns", [&] {
    d->render(ops::AddConstraint{.table = "t", .constraint = model::PrimaryKey{.name = "pk_t"}});
  });
  expect_script_error("unique constraint '(unnamed)' has no columns", [&] {
    d->render(ops::AddConstraint{.table = "t", .constraint = model::UniqueConstraint{}});
  });
  model::ForeignKey fk{.columns = {"p"}, .ref_table = "p", .ondelete = "CASCADE; DROP TABLE t"};
  expect_script_error("invalid ondelete value",
                      [&] { d->render(ops::AddConstraint{.table = "t", .constraint = fk}); });
}

TEST(PostgresRender, MoveTableStatementsInOrder) {
  std::vector<std::string> sql =
      pg()->render(ops::MoveTable{.name = "t", .new_schema = "s", .new_name = "u"});
  ASSERT_EQ(sql.size(), 4u);
  EXPECT_EQ(sql[0], "ALTER TABLE t SET SCHEMA s");
  EXPECT_EQ(sql[1], "ALTER TABLE s.t RENAME TO u");
  EXPECT_EQ(sql[2].rfind("DO $$\n", 0), 0u) << sql[2];
  EXPECT_NE(sql[2].find("d.refobjid = 's.u'::regclass"), std::string::npos) << sql[2];
  EXPECT_NE(sql[2].find("ARRAY['t', 'u']"), std::string::npos) << sql[2];
  // Then the default-named constraints and indexes follow the new name.
  EXPECT_EQ(sql[3].rfind("DO $$\n", 0), 0u) << sql[3];
  EXPECT_NE(sql[3].find("con.conrelid = 's.u'::regclass"), std::string::npos) << sql[3];
  EXPECT_NE(sql[3].find("target := 'u' || '_' || rest;"), std::string::npos) << sql[3];
  // Same schema, same name: nothing; same schema, new name: no SET SCHEMA.
  sql = pg()->render(ops::MoveTable{.name = "t", .new_name = "u"});
  ASSERT_EQ(sql.size(), 3u);
  EXPECT_EQ(sql[0], "ALTER TABLE t RENAME TO u");
  // Into the default schema: the server names it.
  sql = pg()->render(ops::MoveTable{.schema = "it's", .name = "t"});
  ASSERT_EQ(sql.size(), 1u);
  EXPECT_NE(sql[0].find("format('ALTER TABLE %I.%I SET SCHEMA %I', 'it''s', 't', current_schema())"),
            std::string::npos)
      << sql[0];
}

TEST(PostgresRender, DollarQuoteTagNeverOccursInTheBody) {
  EXPECT_EQ(postgres::postgres_dollar_quote("x"), "$$x$$");
  EXPECT_EQ(postgres::postgres_dollar_quote("a $$ b"), "$strata$a $$ b$strata$");
  EXPECT_EQ(postgres::postgres_dollar_quote("$$ $strata$"), "$strata1$$$ $strata$$strata1$");
  std::vector<std::string> sql =
      pg()->render(ops::MoveTable{.name = "a$$b", .new_name = "c"});
  ASSERT_EQ(sql.size(), 3u);
  for (size_t i : {1u, 2u}) {
    EXPECT_EQ(sql[i].rfind("DO $strata$\n", 0), 0u) << sql[i];
    EXPECT_EQ(sql[i].substr(sql[i].size() - 8), "$strata$");
  }
}

TEST(PostgresRender, BulkInsertBatchesOfAtMostAThousandRows) {
  ops::BulkInsert insert{.table = "t", .columns = {"id", "v"}};
  for (long long i = 0; i < 2500; ++i) insert.rows.push_back({i, std::string("x")});
  std::vector<std::string> sql = pg()->render(insert);
  ASSERT_EQ(sql.size(), 3u);
  EXPECT_EQ(count(sql[0], "\n    ("), 1000u);
  EXPECT_EQ(count(sql[1], "\n    ("), 1000u);
  EXPECT_EQ(count(sql[2], "\n    ("), 500u);
  EXPECT_EQ(sql[2].rfind("INSERT INTO t (id, v) VALUES\n    (2000, 'x'),\n", 0), 0u);
  // The reverse: one DELETE per distinct row, however many rows.
  insert.delete_rows = true;
  sql = pg()->render(insert);
  ASSERT_EQ(sql.size(), 2500u);
  EXPECT_EQ(sql[2000],
            "DELETE FROM t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t WHERE id = 2000 "
            "AND v = 'x' ORDER BY age(xmin), ctid DESC LIMIT 1)");
}

TEST(PostgresRender, BulkDeleteGroupsEqualRowsAndComparesByType) {
  using Kind = model::Type::Kind;
  using V = ops::Value;
  ops::BulkInsert remove{.schema = "s",
                         .table = "t",
                         .columns = {"doc", "r", "d", "b"},
                         .rows = {{V(std::string("{\"a\": 1}")), V(0.1), V(0.1), V()},
                                  {V(), V(-2.0), V(2LL), V(std::string("\0\xff", 2))},
                                  {V(std::string("{\"a\": 1}")), V(0.1), V(0.1), V()}},
                         .types = {model::Type{.kind = Kind::kJson},
                                   model::Type{.kind = Kind::kFloat, .precision = 24},
                                   model::Type{.kind = Kind::kFloat, .precision = 53},
                                   model::Type{.kind = Kind::kLargeBinary}},
                         .delete_rows = true};
  const std::string head =
      "DELETE FROM s.t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM s.t WHERE ";
  const std::string tail = " ORDER BY age(xmin), ctid DESC LIMIT ";
  EXPECT_EQ(pg()->render(remove),
            (std::vector<std::string>{
                head + "doc::jsonb = '{\"a\": 1}'::jsonb AND r = CAST(0.1 AS REAL) AND d = 0.1 AND "
                       "b IS NULL" + tail + "2)",
                head + "doc IS NULL AND r = CAST(-2.0 AS REAL) AND d = 2 AND b = '\\x00FF'" + tail +
                    "1)"}));
  // Raw spellings of the same types; without types, plain equality.
  remove.types = {model::Type{.kind = Kind::kRaw, .raw = "JSON"},
                  model::Type{.kind = Kind::kRaw, .raw = "real"}, std::nullopt, std::nullopt};
  remove.rows.resize(1);
  EXPECT_EQ(pg()->render(remove)[0],
            head + "doc::jsonb = '{\"a\": 1}'::jsonb AND r = CAST(0.1 AS REAL) AND d = 0.1 AND "
                   "b IS NULL" + tail + "1)");
  remove.types.clear();
  EXPECT_EQ(pg()->render(remove)[0],
            head + "doc = '{\"a\": 1}' AND r = 0.1 AND d = 0.1 AND b IS NULL" + tail + "1)");
}

TEST(PostgresRender, NulBytesOnlyInBytea) {
  using V = ops::Value;
  ops::BulkInsert insert{.schema = "s",
                         .table = "t",
                         .columns = {"b", "c"},
                         .rows = {{V(std::string("a\0", 2)), V(std::string("ok"))},
                                  {V(), V(std::string("x\0y", 3))}},
                         .types = {model::Type{.kind = model::Type::Kind::kLargeBinary},
                                   std::nullopt}};
  for (bool remove : {false, true}) {
    insert.delete_rows = remove;
    expect_script_error("bulk_insert s.t: row 2 column c: PostgreSQL text cannot contain NUL bytes",
                        [&] { pg()->render(insert); });
  }
  insert.rows.pop_back();
  insert.delete_rows = false;
  EXPECT_EQ(pg()->render(insert),
            std::vector<std::string>{"INSERT INTO s.t (b, c) VALUES\n    ('\\x6100', 'ok')"});
  insert.types.clear();  // without the type, b is text
  expect_script_error("row 1 column b: PostgreSQL text cannot contain NUL bytes",
                      [&] { pg()->render(insert); });
}

TEST(PostgresRender, BulkInsertShapeErrors) {
  auto d = pg();
  expect_script_error("bulk_insert t (1 rows): row 1 has 1 values for 2 columns", [&] {
    d->render(ops::BulkInsert{.table = "t", .columns = {"a", "b"}, .rows = {{1LL}}});
  });
  expect_script_error("bulk_insert t (1 rows): no columns",
                      [&] { d->render(ops::BulkInsert{.table = "t", .rows = {{}}}); });
  expect_script_error("1 types for 2 columns", [&] {
    d->render(ops::BulkInsert{.table = "t",
                              .columns = {"a", "b"},
                              .rows = {{1LL, 2LL}},
                              .types = {model::Type{}}});
  });
}

std::string one_value(const ops::Value& value,
                      std::optional<model::Type> type = std::nullopt) {
  ops::BulkInsert insert{.table = "t", .columns = {"v"}, .rows = {{value}}};
  if (type) insert.types = {type};
  std::vector<std::string> sql = pg()->render(insert);
  const std::string prefix = "INSERT INTO t (v) VALUES\n    (";
  EXPECT_EQ(sql.size(), 1u);
  EXPECT_EQ(sql[0].rfind(prefix, 0), 0u) << sql[0];
  return sql[0].substr(prefix.size(), sql[0].size() - prefix.size() - 1);
}

TEST(PostgresRender, BulkValueLiterals) {
  EXPECT_EQ(one_value(ops::Value()), "NULL");
  EXPECT_EQ(one_value(true), "true");
  EXPECT_EQ(one_value(false), "false");
  EXPECT_EQ(one_value(std::numeric_limits<long long>::min()), "-9223372036854775808");
  EXPECT_EQ(one_value(0.1), "0.1");
  EXPECT_EQ(one_value(3.0), "3.0");
  EXPECT_EQ(one_value(-0.0), "-0.0");
  EXPECT_EQ(one_value(1e300), "1e+300");
  EXPECT_EQ(one_value(1e-7), "1e-07");
  EXPECT_EQ(one_value(0.30000000000000004), "0.30000000000000004");
  EXPECT_EQ(one_value(std::nan("")), "'NaN'");
  EXPECT_EQ(one_value(std::numeric_limits<double>::infinity()), "'Infinity'");
  EXPECT_EQ(one_value(-std::numeric_limits<double>::infinity()), "'-Infinity'");
  EXPECT_EQ(one_value(std::string("it's")), "'it''s'");
  model::Type boolean{.kind = model::Type::Kind::kBoolean};
  EXPECT_EQ(one_value(1LL, boolean), "true");
  EXPECT_EQ(one_value(0LL, boolean), "false");
  EXPECT_EQ(one_value(2LL, boolean), "2");  // not a boolean: left for the server to refuse
  EXPECT_EQ(one_value(1LL, model::Type{}), "1");
}

TEST(RenderCommon, ValueLiteralRefusesNonFiniteDoubles) {
  auto d = pg();
  expect_script_error("bulk_insert: the value NaN has no literal on postgresql", [&] {
    common::value_literal(*d, std::nan(""), std::nullopt, "1", "0");
  });
  EXPECT_EQ(common::value_literal(*d, true, std::nullopt, "1", "0"), "1");
}

}  // namespace
}  // namespace strata::dialect
