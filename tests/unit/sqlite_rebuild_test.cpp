// SQLite reflection and table rebuilds (dialect/sqlite/reflect.h,
// dialect/sqlite/rebuild/rebuild.h) on temp-file databases through
// driver::SqliteConnection, in the main database and in an attached schema.
#include "dialect/sqlite/rebuild/rebuild.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dialect/dialect.h"
#include "dialect/sqlite/dialect.h"
#include "dialect/sqlite/reflect.h"
#include "driver/sqlite_connection.h"
#include "ops/ops.h"
#include "strata/error.h"
#include "support/test_support.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata::dialect::sqlite {
namespace {

using Kind = model::Type::Kind;
using CKind = SqliteConstraintText::Kind;

model::Type type(Kind kind) { return model::Type{.kind = kind}; }
model::Column col(std::string name, model::Type t, bool nullable = true) {
  return model::Column{.name = std::move(name), .type = std::move(t), .nullable = nullable};
}

// ---- parsing and types ------------------------------------------------------

TEST(SqliteParse, TableAndColumnConstraints) {
  SqliteTableText t = parse_sqlite_create_table(
      "CREATE TABLE \"s\".[my tab] (\n"
      "  id INTEGER NOT NULL, -- a comment, with (parens\n"
      "  `we\"ird` VARCHAR(10) CONSTRAINT ck_w CHECK (length(`we\"ird`) > 0 AND `we\"ird` <> ')') "
      "COLLATE NOCASE,\n"
      "  n NUMERIC(10, 2) DEFAULT (1 + (2 * 3)) UNIQUE,\n"
      "  p INT CONSTRAINT fk_p REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE INITIALLY "
      "deferred,\n"
      "  /* block, comment */ g INT GENERATED ALWAYS AS (id * 2) VIRTUAL,\n"
      "  CONSTRAINT pk PRIMARY KEY (id DESC),\n"
      "  CONSTRAINT uq UNIQUE (\"we\"\"ird\" COLLATE BINARY, n),\n"
      "  CHECK (n > 0 OR n IN (',', '('))\n"
      "  , FOREIGN KEY (p, n) REFERENCES \"other\"\n"
      ") WITHOUT ROWID");
  EXPECT_EQ(t.name, "my tab");
  ASSERT_EQ(t.columns.size(), 5u);
  EXPECT_EQ(t.columns[1].name, "we\"ird");
  EXPECT_EQ(t.columns[1].declared_type, "VARCHAR(10)");
  EXPECT_EQ(t.columns[1].collation, "NOCASE");
  EXPECT_EQ(t.columns[2].declared_type, "NUMERIC(10, 2)");
  EXPECT_TRUE(t.columns[4].generated);
  EXPECT_TRUE(t.without_rowid);
  EXPECT_FALSE(t.autoincrement);
  ASSERT_EQ(t.constraints.size(), 7u);
  EXPECT_EQ(t.constraints[0].kind, CKind::kCheck);
  EXPECT_EQ(t.constraints[0].name, "ck_w");
  EXPECT_EQ(t.constraints[0].column, "we\"ird");
  EXPECT_EQ(t.constraints[0].check, "length(`we\"ird`) > 0 AND `we\"ird` <> ')'");
  EXPECT_EQ(t.constraints[1].kind, CKind::kUnique);
  EXPECT_EQ(t.constraints[1].column, "n");
  EXPECT_FALSE(t.constraints[1].name);
  EXPECT_EQ(t.constraints[2].kind, CKind::kForeignKey);
  EXPECT_EQ(t.constraints[2].name, "fk_p");
  EXPECT_EQ(t.constraints[2].ref_table, "parent");
  EXPECT_EQ(t.constraints[2].ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(t.constraints[2].deferrable, true);
  EXPECT_EQ(t.constraints[2].initially, "DEFERRED");
  EXPECT_EQ(t.constraints[3].kind, CKind::kPrimaryKey);
  EXPECT_EQ(t.constraints[3].name, "pk");
  EXPECT_EQ(t.constraints[3].columns, std::vector<std::string>{"id"});
  EXPECT_EQ(t.constraints[4].name, "uq");
  EXPECT_EQ(t.constraints[4].columns, (std::vector<std::string>{"we\"ird", "n"}));
  EXPECT_EQ(t.constraints[5].check, "n > 0 OR n IN (',', '(')");
  EXPECT_EQ(t.constraints[6].columns, (std::vector<std::string>{"p", "n"}));
  EXPECT_EQ(t.constraints[6].ref_table, "other");
  EXPECT_TRUE(t.constraints[6].ref_columns.empty());
}

TEST(SqliteParse, AutoincrementAndErrors) {
  EXPECT_TRUE(parse_sqlite_create_table("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)")
                  .autoincrement);
  EXPECT_TRUE(parse_sqlite_create_table("CREATE TABLE t (a) STRICT").strict);
  // A CONSTRAINT name belongs to the constraint right after it only.
  SqliteTableText named = parse_sqlite_create_table(
      "CREATE TABLE t (x INT CONSTRAINT nn NOT NULL UNIQUE CONSTRAINT c1 CHECK (x > 0))");
  ASSERT_EQ(named.constraints.size(), 2u);
  EXPECT_FALSE(named.constraints[0].name);
  EXPECT_EQ(named.constraints[1].name, "c1");
  EXPECT_THROW(parse_sqlite_create_table("CREATE TABLE t AS SELECT 1"), Error);
  EXPECT_THROW(parse_sqlite_create_table("CREATE VIRTUAL TABLE t USING fts5(a, b)"), Error);
  EXPECT_THROW(parse_sqlite_create_table("CREATE TABLE t (a TEXT DEFAULT 'x"), Error);
}

TEST(SqliteTypes, ExactRenderingsMapBack) {
  SqliteDialect d("");
  std::vector<model::Type> types = {
      type(Kind::kInteger),
      type(Kind::kBigInteger),
      type(Kind::kSmallInteger),
      type(Kind::kString),
      model::Type{.kind = Kind::kString, .length = 300},
      type(Kind::kText),
      type(Kind::kBoolean),
      type(Kind::kNumeric),
      model::Type{.kind = Kind::kNumeric, .precision = 10},
      model::Type{.kind = Kind::kNumeric, .precision = 10, .scale = 2},
      type(Kind::kFloat),
      model::Type{.kind = Kind::kFloat, .precision = 24},
      type(Kind::kDate),
      type(Kind::kDateTime),
      type(Kind::kTime),
      type(Kind::kLargeBinary),
      type(Kind::kJson)};
  for (const model::Type& t : types) {
    model::Type back = sqlite_type_from_declared(d.render_type(t));
    EXPECT_EQ(back.kind, t.kind) << d.render_type(t);
    EXPECT_EQ(back.length, t.length);
    EXPECT_EQ(back.precision, t.precision);
    EXPECT_EQ(back.scale, t.scale);
  }
  for (std::string raw : {"CHAR(32)", "INT", "integer", "NUMERIC(10,2)", "", "VARCHAR(0)",
                          "DOUBLE PRECISION", "tsvector"}) {
    model::Type back = sqlite_type_from_declared(raw);
    EXPECT_EQ(back.kind, Kind::kRaw) << raw;
    EXPECT_EQ(back.raw, raw);
  }
}

// ---- database fixture ---------------------------------------------------------

class SqliteDb : public ::testing::TestWithParam<std::optional<std::string>> {
 protected:
  void SetUp() override {
    path_ = dir_.file("app.db");
    conn_ = std::make_unique<driver::SqliteConnection>(path_);
    dialect_ = make_dialect("sqlite", path_);
    conn_->execute(SqliteDialect(path_).attach("s"));
    schema_ = GetParam();
  }

  void run(const ops::Op& op) {
    for (const std::string& sql : dialect_->render(op)) conn_->execute(sql);
  }
  std::string q(const std::string& name) const { return dialect_->qualify(schema_, name); }
  std::string scalar(const std::string& sql) {
    driver::QueryResult r = conn_->query(sql);
    return r.rows.empty() || !r.rows[0][0] ? "" : *r.rows[0][0];
  }
  std::string master() const { return "\"" + schema_.value_or("main") + "\".sqlite_master"; }
  std::string stored_sql(const std::string& name) {
    return scalar("SELECT sql FROM " + master() + " WHERE name = " + dialect_->literal(name));
  }
  // Every row of `table` as quote()d values, ordered by `order_by`.
  std::vector<driver::Row> rows(const std::string& table, const std::vector<std::string>& cols,
                                const std::string& order_by = "id") {
    std::vector<std::string> parts;
    for (const std::string& c : cols) parts.push_back("quote(" + dialect_->quote(c) + ")");
    std::string sql = "SELECT ";
    for (size_t i = 0; i < parts.size(); ++i) sql += (i ? ", " : "") + parts[i];
    return conn_->query(sql + " FROM " + q(table) + " ORDER BY " + order_by).rows;
  }
  std::vector<std::string> names(const std::string& type, const std::string& table) {
    std::vector<std::string> out;
    for (const driver::Row& r : conn_
                                    ->query("SELECT name FROM " + master() + " WHERE type = '" +
                                            type + "' AND tbl_name = " + dialect_->literal(table) +
                                            " AND sql IS NOT NULL " + "ORDER BY name")
                                    .rows) {
      out.push_back(*r[0]);
    }
    return out;
  }

  testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<driver::SqliteConnection> conn_;
  std::unique_ptr<Dialect> dialect_;
  std::optional<std::string> schema_;
};

INSTANTIATE_TEST_SUITE_P(Schemas, SqliteDb,
                         ::testing::Values(std::nullopt, std::optional<std::string>("s")),
                         [](const auto& info) { return info.param ? *info.param : "main"; });

// A table with awkward identifiers, every rendered type, both kinds of
// default, named and unnamed constraints, and foreign keys.
model::Table rich_table(const std::optional<std::string>& schema) {
  model::Table t;
  t.schema = schema;
  t.name = "order";
  t.columns = {
      model::Column{.name = "id", .type = type(Kind::kInteger), .primary_key = true},
      col("größe", model::Type{.kind = Kind::kString, .length = 20}),
      col("has space", type(Kind::kBigInteger), false),
      col("a\"b", type(Kind::kText)),
      col("flag", type(Kind::kBoolean)),
      col("price", model::Type{.kind = Kind::kNumeric, .precision = 10, .scale = 2}),
      col("ratio", type(Kind::kFloat)),
      col("day", type(Kind::kDate)),
      col("at", model::Type{.kind = Kind::kDateTime, .timezone = true}),
      col("tm", type(Kind::kTime)),
      col("data", type(Kind::kLargeBinary)),
      col("doc", type(Kind::kJson)),
      col("uid", type(Kind::kUuid)),
      col("raw", model::Type{.kind = Kind::kRaw, .raw = "INT"}),
      col("parent_id", type(Kind::kInteger)),
      col("self_id", type(Kind::kInteger)),
  };
  t.columns[1].server_default = model::ServerDefault{"it's", false};
  t.columns[8].server_default = model::ServerDefault{"CURRENT_TIMESTAMP", true};
  t.columns[12].unique = true;
  t.uniques = {model::UniqueConstraint{"uq has space", {"has space"}},
               model::UniqueConstraint{std::nullopt, {"a\"b", "flag"}}};
  t.foreign_keys = {model::ForeignKey{.name = "fk_parent",
                                      .columns = {"parent_id"},
                                      .ref_schema = schema,
                                      .ref_table = "parent",
                                      .ref_columns = {"id"},
                                      .ondelete = "CASCADE",
                                      .deferrable = true,
                                      .initially = "DEFERRED"},
                    model::ForeignKey{.columns = {"self_id"},
                                      .ref_schema = schema,
                                      .ref_table = "order",
                                      .ref_columns = {"id"},
                                      .onupdate = "SET NULL"}};
  t.checks = {model::CheckConstraint{"ck_size", "\"has space\" > 0"},
              model::CheckConstraint{std::nullopt, "length(\"a\"\"b\") < 100"}};
  return t;
}

model::Table parent_table(const std::optional<std::string>& schema) {
  model::Table t;
  t.schema = schema;
  t.name = "parent";
  t.columns = {model::Column{.name = "id", .type = type(Kind::kInteger), .primary_key = true},
               col("label", type(Kind::kText))};
  return t;
}

std::string render_create(const Dialect& d, model::Table t) {
  return d.render(ops::CreateTable{std::move(t), false}).at(0);
}

TEST_P(SqliteDb, ReflectionRoundTripsStrataTables) {
  run(ops::CreateTable{parent_table(schema_)});
  model::Table original = rich_table(schema_);
  run(ops::CreateTable{original});
  model::Table back = reflect_sqlite_table(*conn_, schema_, "ORDER");  // case-insensitive
  EXPECT_EQ(back.name, "order");
  EXPECT_EQ(back.schema, schema_);
  // Rendering the reflection reproduces the original CREATE TABLE.
  EXPECT_EQ(render_create(*dialect_, back), render_create(*dialect_, original));
  ASSERT_EQ(back.columns.size(), original.columns.size());
  for (size_t i = 0; i < back.columns.size(); ++i) {
    const model::Column& b = back.columns[i];
    const model::Column& o = original.columns[i];
    EXPECT_EQ(b.name, o.name);
    Kind expected = o.type.kind == Kind::kUuid ? Kind::kRaw : o.type.kind;
    EXPECT_EQ(b.type.kind, expected) << o.name;
    EXPECT_EQ(b.nullable, o.nullable && !o.primary_key) << o.name;
    // strata renders Column::unique as a table-level UNIQUE ("col"): it comes
    // back as an unnamed UniqueConstraint (same rendering).
    EXPECT_FALSE(b.unique) << o.name;
  }
  EXPECT_EQ(back.columns[12].type.raw, "CHAR(32)");
  EXPECT_EQ(back.columns[1].server_default->value, "it's");
  EXPECT_FALSE(back.columns[1].server_default->is_expression);
  EXPECT_EQ(back.columns[8].server_default->value, "CURRENT_TIMESTAMP");
  EXPECT_TRUE(back.columns[8].server_default->is_expression);
  ASSERT_TRUE(back.primary_key);
  EXPECT_EQ(back.primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(back.uniques.size(), 3u);
  EXPECT_EQ(back.uniques[0].name, "uq has space");
  EXPECT_EQ(back.uniques[1].columns, (std::vector<std::string>{"a\"b", "flag"}));
  EXPECT_FALSE(back.uniques[2].name);
  EXPECT_EQ(back.uniques[2].columns, std::vector<std::string>{"uid"});
  ASSERT_EQ(back.checks.size(), 2u);
  EXPECT_EQ(back.checks[0].name, "ck_size");
  EXPECT_EQ(back.checks[1].sqltext, "length(\"a\"\"b\") < 100");
  ASSERT_EQ(back.foreign_keys.size(), 2u);
  EXPECT_EQ(back.foreign_keys[0].name, "fk_parent");
  EXPECT_EQ(back.foreign_keys[0].ondelete, "CASCADE");
  EXPECT_FALSE(back.foreign_keys[0].onupdate);
  EXPECT_EQ(back.foreign_keys[0].deferrable, true);
  EXPECT_EQ(back.foreign_keys[0].ref_schema, schema_);
  EXPECT_EQ(back.foreign_keys[1].ref_table, "order");
  EXPECT_EQ(back.foreign_keys[1].onupdate, "SET NULL");
  EXPECT_THROW(reflect_sqlite_table(*conn_, schema_, "nope"), Error);
}

TEST_P(SqliteDb, ReflectsHandWrittenTables) {
  conn_->execute("CREATE TABLE " + q("h") +
                 " (id BIGINT PRIMARY KEY, name TEXT COLLATE NOCASE CONSTRAINT u_name UNIQUE, "
                 "n INTEGER DEFAULT -1, CONSTRAINT pk_named CHECK (n <> 0))");
  model::Table t = reflect_sqlite_table(*conn_, schema_, "h");
  EXPECT_EQ(t.columns[0].type.kind, Kind::kBigInteger);
  EXPECT_EQ(t.columns[0].autoincrement, false);  // not a rowid alias: stays BIGINT
  EXPECT_NE(render_create(*dialect_, t).find("id BIGINT NOT NULL"), std::string::npos)
      << render_create(*dialect_, t);
  ASSERT_TRUE(t.primary_key);
  EXPECT_EQ(t.primary_key->columns, std::vector<std::string>{"id"});
  EXPECT_TRUE(t.columns[1].unique == false && t.columns[2].nullable);
  EXPECT_EQ(t.columns[1].type.kind, Kind::kRaw);
  EXPECT_EQ(t.columns[1].type.raw, "TEXT COLLATE NOCASE");
  EXPECT_EQ(t.columns[2].server_default->value, "-1");
  EXPECT_TRUE(t.columns[2].server_default->is_expression);
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(t.uniques[0].name, "u_name");
  ASSERT_EQ(t.checks.size(), 1u);
  EXPECT_EQ(t.checks[0].name, "pk_named");
}

TEST_P(SqliteDb, ReflectsIndexesAndTriggers) {
  run(ops::CreateTable{parent_table(schema_)});
  run(ops::CreateTable{rich_table(schema_)});
  std::vector<model::Index> made = {
      model::Index{
          .name = "ix_size", .schema = schema_, .table = "order", .elements = {{"größe", false}}},
      model::Index{.name = "ix two",
                   .schema = schema_,
                   .table = "order",
                   .elements = {{"a\"b", false}, {"lower(\"größe\")", true}, {"day DESC", true}},
                   .unique = true},
      model::Index{.name = "ix_partial",
                   .schema = schema_,
                   .table = "order",
                   .elements = {{"ratio", false}},
                   .where = "ratio > 0.5 AND \"a\"\"b\" <> ','"}};
  for (const model::Index& ix : made) run(ops::CreateIndex{ix});
  std::vector<model::Index> back = reflect_sqlite_indexes(*conn_, schema_, "order");
  // Reflected by name (the inspector's order).
  std::sort(made.begin(), made.end(), [](const auto& x, const auto& y) { return x.name < y.name; });
  ASSERT_EQ(back.size(), made.size());  // no sqlite_autoindex_*
  for (size_t i = 0; i < made.size(); ++i) {
    EXPECT_EQ(dialect_->render(ops::CreateIndex{back[i]}),
              dialect_->render(ops::CreateIndex{made[i]}));
    EXPECT_EQ(back[i].unique, made[i].unique);
    EXPECT_EQ(back[i].where, made[i].where);
  }
  conn_->execute("CREATE TABLE " + q("audit") + " (what TEXT)");
  conn_->execute("CREATE TRIGGER " + q("trg") + " AFTER INSERT ON \"order\" BEGIN " +
                 "INSERT INTO audit VALUES ('ins ' || new.id); END");
  std::vector<std::string> triggers = reflect_sqlite_triggers(*conn_, schema_, "order");
  ASSERT_EQ(triggers.size(), 1u);
  EXPECT_NE(triggers[0].find(schema_ ? "\"s\".trg" : "TRIGGER trg"), std::string::npos)
      << triggers[0];
}

// ---- rebuilds -------------------------------------------------------------------

class SqliteRebuild : public SqliteDb {
 protected:
  void SetUp() override {
    SqliteDb::SetUp();
    run(ops::CreateTable{parent_table(schema_)});
    run(ops::CreateTable{rich_table(schema_)});
    conn_->execute("INSERT INTO " + q("parent") + " (id, label) VALUES (1, 'one'), (2, 'two')");
    conn_->execute(
        "INSERT INTO " + q("order") +
        " (id, \"größe\", \"has space\", \"a\"\"b\", price, data, parent_id, self_id) VALUES "
        "(1, 'XL', 10, 'x', 1.5, X'00FF', 1, NULL), "
        "(2, NULL, 20, 'ü', 2, NULL, 2, 1), "
        "(3, 'S', 30, NULL, NULL, X'', NULL, 2)");
    run(ops::CreateIndex{model::Index{
        .name = "ix_size", .schema = schema_, .table = "order", .elements = {{"größe", false}}}});
    run(ops::CreateIndex{model::Index{.name = "ix_space",
                                      .schema = schema_,
                                      .table = "order",
                                      .elements = {{"has space", false}, {"a\"b", false}}}});
    run(ops::CreateIndex{model::Index{.name = "ix_expr",
                                      .schema = schema_,
                                      .table = "order",
                                      .elements = {{"lower(\"a\"\"b\")", true}},
                                      .where = "\"a\"\"b\" IS NOT NULL"}});
    conn_->execute("CREATE TABLE " + q("audit") + " (what TEXT)");
    conn_->execute("CREATE TRIGGER " + q("trg") + " AFTER INSERT ON \"order\" BEGIN " +
                   "INSERT INTO audit VALUES ('ins ' || new.id); END");
    conn_->execute("CREATE VIEW " + q("v") + " AS SELECT id, \"a\"\"b\" FROM \"order\"");
    conn_->begin();
  }
  void TearDown() override {
    if (conn_->in_transaction()) conn_->rollback();
  }
  std::vector<std::string> all_columns() {
    std::vector<std::string> out;
    for (const model::Column& c : rich_table(schema_).columns) out.push_back(c.name);
    return out;
  }
  static model::Column* find(model::Table& t, const std::string& name) {
    for (model::Column& c : t.columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
  // The trigger still fires after the rebuild.
  void expect_trigger_works() {
    std::string before = scalar("SELECT count(*) FROM " + q("audit"));
    conn_->execute("INSERT INTO " + q("order") + " (id, \"has space\") VALUES (99, 99)");
    EXPECT_EQ(std::stoi(scalar("SELECT count(*) FROM " + q("audit"))), std::stoi(before) + 1);
  }
};

INSTANTIATE_TEST_SUITE_P(Schemas, SqliteRebuild,
                         ::testing::Values(std::nullopt, std::optional<std::string>("s")),
                         [](const auto& info) { return info.param ? *info.param : "main"; });

TEST_P(SqliteRebuild, ChangeColumnTypeKeepsRowsIndexesTriggers) {
  auto before = rows("order", all_columns());
  std::string view_before = stored_sql("v");
  rebuild_sqlite_table(*conn_, schema_, "order", [](model::Table& t) {
    find(t, "größe")->type = type(Kind::kText);
    find(t, "a\"b")->type = model::Type{.kind = Kind::kRaw, .raw = "CLOB"};
  });
  EXPECT_EQ(rows("order", all_columns()), before);
  model::Table after = reflect_sqlite_table(*conn_, schema_, "order");
  EXPECT_EQ(find(after, "größe")->type.kind, Kind::kText);
  EXPECT_EQ(find(after, "a\"b")->type.raw, "CLOB");
  EXPECT_EQ(after.foreign_keys.size(), 2u);
  EXPECT_EQ(after.foreign_keys[1].ref_table, "order");  // self-reference renamed back
  EXPECT_EQ(names("index", "order"), (std::vector<std::string>{"ix_expr", "ix_size", "ix_space"}));
  EXPECT_EQ(names("trigger", "order"), std::vector<std::string>{"trg"});
  EXPECT_EQ(stored_sql("v"), view_before);
  EXPECT_EQ(scalar("SELECT count(*) FROM " + q("v")), "3");
  EXPECT_EQ(scalar("SELECT count(*) FROM " + master() + " WHERE name LIKE '_strata_tmp%'"), "0");
  expect_trigger_works();
  conn_->commit();
  EXPECT_EQ(scalar("PRAGMA \"" + schema_.value_or("main") + "\".integrity_check"), "ok");
}

TEST_P(SqliteRebuild, MakeNotNullFailsThenFills) {
  auto make_not_null = [](model::Table& t) { find(t, "größe")->nullable = false; };
  try {
    rebuild_sqlite_table(*conn_, schema_, "order", make_not_null);
    FAIL() << "expected a NOT NULL failure";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_NE(e.message().find("NOT NULL"), std::string::npos) << e.message();
  }
  conn_->rollback();
  conn_->begin();
  auto before = rows("order", all_columns());
  rebuild_sqlite_table(*conn_, schema_, "order", make_not_null,
                       RebuildOptions{.fill = {{"größe", "coalesce(\"größe\", '?')"}}});
  auto after = rows("order", all_columns());
  before[1][1] = "'?'";
  EXPECT_EQ(after, before);
  model::Table reflected = reflect_sqlite_table(*conn_, schema_, "order");
  EXPECT_FALSE(find(reflected, "größe")->nullable);
  conn_->commit();
}

TEST_P(SqliteRebuild, DropColumnWithCheckAndUnique) {
  std::vector<std::string> kept = all_columns();
  kept.erase(kept.begin() + 2);  // "has space"
  auto before = rows("order", kept);
  rebuild_sqlite_table(*conn_, schema_, "order", [](model::Table& t) {
    std::erase_if(t.columns, [](const model::Column& c) { return c.name == "has space"; });
    std::erase_if(t.checks, [](const model::CheckConstraint& c) { return c.name == "ck_size"; });
    std::erase_if(t.uniques, [](const model::UniqueConstraint& u) { return u.name; });
  });
  EXPECT_EQ(rows("order", kept), before);
  model::Table after = reflect_sqlite_table(*conn_, schema_, "order");
  EXPECT_EQ(find(after, "has space"), nullptr);
  EXPECT_EQ(after.checks.size(), 1u);
  EXPECT_EQ(after.uniques.size(), 2u);  // (a"b, flag) and (uid)
  // ix_space indexed the dropped column: gone with it.
  EXPECT_EQ(names("index", "order"), (std::vector<std::string>{"ix_expr", "ix_size"}));
  EXPECT_EQ(names("trigger", "order"), std::vector<std::string>{"trg"});
  conn_->commit();
}

TEST_P(SqliteRebuild, AddAndDropCheckAndForeignKey) {
  auto before = rows("order", all_columns());
  rebuild_sqlite_table(*conn_, schema_, "order", [&](model::Table& t) {
    t.checks.push_back(model::CheckConstraint{"ck_price", "price IS NULL OR price > 0"});
    t.foreign_keys.erase(t.foreign_keys.begin());  // fk_parent
  });
  model::Table mid = reflect_sqlite_table(*conn_, schema_, "order");
  EXPECT_EQ(mid.checks.size(), 3u);
  EXPECT_EQ(mid.foreign_keys.size(), 1u);
  EXPECT_THROW(conn_->execute("UPDATE " + q("order") + " SET price = -1 WHERE id = 1"), Error);
  rebuild_sqlite_table(*conn_, schema_, "order", [&](model::Table& t) {
    std::erase_if(t.checks, [](const model::CheckConstraint& c) { return c.name == "ck_price"; });
    t.foreign_keys.push_back(model::ForeignKey{.name = "fk_again",
                                               .columns = {"parent_id"},
                                               .ref_schema = schema_,
                                               .ref_table = "parent",
                                               .ref_columns = {"id"}});
  });
  model::Table after = reflect_sqlite_table(*conn_, schema_, "order");
  EXPECT_EQ(after.checks.size(), 2u);
  ASSERT_EQ(after.foreign_keys.size(), 2u);
  EXPECT_EQ(after.foreign_keys[1].name, "fk_again");
  EXPECT_EQ(rows("order", all_columns()), before);
  expect_trigger_works();
  conn_->commit();
}

TEST_P(SqliteRebuild, RenameColumn) {
  auto before = rows("order", all_columns());
  rebuild_sqlite_table(
      *conn_, schema_, "order", [](model::Table& t) { find(t, "größe")->name = "size"; },
      RebuildOptions{.renamed = {{"größe", "size"}}});
  std::vector<std::string> renamed = all_columns();
  renamed[1] = "size";
  EXPECT_EQ(rows("order", renamed), before);
  std::vector<model::Index> ix = reflect_sqlite_indexes(*conn_, schema_, "order");
  ASSERT_EQ(ix.size(), 3u);
  ASSERT_EQ(ix[1].name, "ix_size");  // by name
  EXPECT_EQ(ix[1].elements[0].text, "size");
  EXPECT_THROW(rebuild_sqlite_table(
                   *conn_, schema_, "order", [](model::Table&) {},
                   RebuildOptions{.renamed = {{"nope", "x"}}}),
               Error);
  // A rename the change does not make would silently drop the data: refused.
  EXPECT_THROW(rebuild_sqlite_table(
                   *conn_, schema_, "order", [](model::Table&) {},
                   RebuildOptions{.renamed = {{"price", "cost"}}}),
               Error);
  EXPECT_THROW(
      rebuild_sqlite_table(
          *conn_, schema_, "order", [](model::Table&) {}, RebuildOptions{.fill = {{"nope", "1"}}}),
      Error);
  EXPECT_EQ(rows("order", renamed), before);
}

TEST_P(SqliteRebuild, ForeignKeyViolationsAreReportedAndRollBack) {
  // fk_parent is DEFERRABLE INITIALLY DEFERRED: an orphan is allowed until COMMIT.
  conn_->execute("UPDATE " + q("order") + " SET parent_id = 77 WHERE id = 2");
  std::string sql_before = stored_sql("order");
  try {
    rebuild_sqlite_table(*conn_, schema_, "order",
                         [](model::Table& t) { find(t, "tm")->type = type(Kind::kText); });
    FAIL() << "expected a foreign key violation";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_NE(e.message().find("violates foreign keys (1 row)"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("order rowid 2 (parent_id) has no parent row in parent"),
              std::string::npos)
        << e.message();
  }
  // Undone to the rebuild's savepoint: the transaction is still open and
  // holds the original table.
  ASSERT_TRUE(conn_->in_transaction());
  EXPECT_EQ(stored_sql("order"), sql_before);
  EXPECT_EQ(rows("order", {"id"}).size(), 3u);
  EXPECT_EQ(names("index", "order").size(), 3u);
  EXPECT_EQ(scalar("SELECT count(*) FROM " + master() + " WHERE name LIKE '_strata_tmp%'"), "0");
  EXPECT_EQ(scalar("PRAGMA defer_foreign_keys"), "0");
  EXPECT_EQ(scalar("PRAGMA legacy_alter_table"), "0");
  conn_->rollback();
  EXPECT_EQ(stored_sql("order"), sql_before);
  EXPECT_EQ(rows("order", {"id"}).size(), 3u);
  EXPECT_EQ(names("index", "order").size(), 3u);
  EXPECT_EQ(names("trigger", "order").size(), 1u);
}

TEST_P(SqliteRebuild, ChildRowsSurviveParentRebuild) {
  // "order" references parent (ON DELETE CASCADE) but has rows → refused with
  // foreign keys on; a NO ACTION child survives.
  std::string parent_sql = stored_sql("parent");
  try {
    rebuild_sqlite_table(*conn_, schema_, "parent",
                         [](model::Table& t) { t.columns[1].nullable = false; });
    FAIL() << "expected a refusal";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_NE(e.message().find("references it with ON DELETE CASCADE"), std::string::npos)
        << e.message();
  }
  EXPECT_EQ(stored_sql("parent"), parent_sql);  // refused before changing anything
  EXPECT_EQ(rows("order", {"id", "parent_id"}).size(), 3u);
  conn_->rollback();
  run(ops::CreateTable{model::Table{
      .schema = schema_,
      .name = "child",
      .columns = {model::Column{.name = "id", .type = type(Kind::kInteger), .primary_key = true},
                  col("pid", type(Kind::kInteger))},
      .foreign_keys = {model::ForeignKey{.columns = {"pid"},
                                         .ref_schema = schema_,
                                         .ref_table = "parent",
                                         .ref_columns = {"id"}}}}});
  conn_->execute("INSERT INTO " + q("child") + " VALUES (1, 1), (2, 2), (3, NULL)");
  conn_->execute("UPDATE " + q("order") + " SET parent_id = NULL");  // no CASCADE rows left
  conn_->begin();
  auto before = rows("child", {"id", "pid"});
  auto order_before = rows("order", all_columns());
  rebuild_sqlite_table(*conn_, schema_, "parent",
                       [](model::Table& t) { t.columns[1].type = type(Kind::kString); });
  conn_->commit();  // the deferred counter the DROP left behind was cleared
  EXPECT_EQ(rows("child", {"id", "pid"}), before);
  EXPECT_EQ(rows("order", all_columns()), order_before);
  EXPECT_TRUE(
      conn_->query("PRAGMA \"" + schema_.value_or("main") + "\".foreign_key_check").rows.empty());
  // Enforcement is back to normal after the commit.
  EXPECT_THROW(conn_->execute("INSERT INTO " + q("child") + " VALUES (9, 42)"), Error);
}

TEST_P(SqliteRebuild, RefusesUnsupportedTables) {
  conn_->execute("CREATE TABLE " + q("wr") + " (k TEXT PRIMARY KEY) WITHOUT ROWID");
  conn_->execute("CREATE TABLE " + q("st") + " (k INTEGER) STRICT");
  conn_->execute("CREATE TABLE " + q("ge") + " (k INTEGER, g INTEGER AS (k + 1))");
  conn_->execute("CREATE TABLE " + q("pk") + " (k TEXT PRIMARY KEY ON CONFLICT REPLACE)");
  conn_->execute("CREATE TABLE " + q("uq") + " (a TEXT, b TEXT, UNIQUE (a, b) on conflict ignore)");
  conn_->execute("CREATE TABLE " + q("nn") + " (a TEXT NOT NULL ON CONFLICT FAIL)");
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"wr", "a WITHOUT ROWID table is not supported"},
      {"st", "a STRICT table is not supported"},
      {"ge", "a table with a generated column (\"g\") is not supported"},
      {"pk", "PRIMARY KEY with ON CONFLICT REPLACE (a rebuild would lose the clause) is not "
             "supported"},
      {"uq", "UNIQUE with ON CONFLICT IGNORE"},
      {"nn", "NOT NULL with ON CONFLICT FAIL"}};
  for (const auto& [t, message] : refused) {
    try {
      rebuild_sqlite_table(*conn_, schema_, t, [](model::Table&) {});
      FAIL() << t;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript) << e.message();
      EXPECT_NE(e.message().find(message), std::string::npos) << e.message();
    }
  }
  EXPECT_THROW(
      rebuild_sqlite_table(*conn_, schema_, "order", [](model::Table& t) { t.name = "other"; }),
      Error);
  // Replacing every column would copy no rows: refused rather than emptied.
  EXPECT_THROW(rebuild_sqlite_table(*conn_, schema_, "order",
                                    [](model::Table& t) {
                                      t = model::Table{.schema = t.schema, .name = t.name};
                                      t.columns = {col("fresh", type(Kind::kText))};
                                    }),
               Error);
  EXPECT_EQ(rows("order", {"id"}).size(), 3u);
  conn_->rollback();
  try {
    rebuild_sqlite_table(*conn_, schema_, "order", [](model::Table&) {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInternal);
  }
}

TEST_P(SqliteRebuild, SelfReferencingCascadeRowsSurvive) {
  conn_->rollback();
  conn_->execute("CREATE TABLE " + q("tree") +
                 " (id INTEGER PRIMARY KEY, up INTEGER REFERENCES tree (id) ON DELETE CASCADE, "
                 "name TEXT)");
  conn_->execute("INSERT INTO " + q("tree") +
                 " VALUES (1, NULL, 'root'), (2, 1, 'a'), "
                 "(3, 2, 'b'), (4, 1, 'c')");
  conn_->begin();
  auto before = rows("tree", {"id", "up", "name"});
  rebuild_sqlite_table(*conn_, schema_, "tree",
                       [](model::Table& t) { t.columns[2].type = type(Kind::kString); });
  conn_->commit();
  EXPECT_EQ(rows("tree", {"id", "up", "name"}), before);
  model::Table after = reflect_sqlite_table(*conn_, schema_, "tree");
  ASSERT_EQ(after.foreign_keys.size(), 1u);
  EXPECT_EQ(after.foreign_keys[0].ref_table, "tree");
  EXPECT_EQ(after.foreign_keys[0].ondelete, "CASCADE");
  // The same with foreign keys off (self-references are not redirected then).
  conn_->execute("PRAGMA foreign_keys = OFF");
  conn_->begin();
  rebuild_sqlite_table(*conn_, schema_, "tree",
                       [](model::Table& t) { t.columns[2].type = type(Kind::kText); });
  conn_->commit();
  conn_->execute("PRAGMA foreign_keys = ON");
  EXPECT_EQ(rows("tree", {"id", "up", "name"}), before);
  EXPECT_EQ(reflect_sqlite_table(*conn_, schema_, "tree").foreign_keys[0].ref_table, "tree");
  conn_->execute("DELETE FROM " + q("tree") + " WHERE id = 2");  // the cascade still works
  EXPECT_EQ(scalar("SELECT count(*) FROM " + q("tree")), "2");
}

TEST_P(SqliteRebuild, ForeignKeysOffAllowsCascadeChildren) {
  conn_->rollback();
  conn_->execute("PRAGMA foreign_keys = OFF");  // outside the transaction, as SQLite documents
  conn_->begin();
  auto before = rows("order", all_columns());
  rebuild_sqlite_table(*conn_, schema_, "parent",
                       [](model::Table& t) { t.columns[1].nullable = false; });
  conn_->commit();
  conn_->execute("PRAGMA foreign_keys = ON");
  EXPECT_EQ(rows("order", all_columns()), before);
  EXPECT_EQ(rows("parent", {"id", "label"}).size(), 2u);
  EXPECT_FALSE(reflect_sqlite_table(*conn_, schema_, "parent").columns[1].nullable);
}

TEST_P(SqliteRebuild, CallersDeferredForeignKeysStayDeferred) {
  conn_->execute("PRAGMA defer_foreign_keys = ON");
  rebuild_sqlite_table(*conn_, schema_, "order",
                       [](model::Table& t) { find(t, "tm")->type = type(Kind::kText); });
  EXPECT_EQ(scalar("PRAGMA defer_foreign_keys"), "1");
  conn_->commit();
  EXPECT_EQ(rows("order", {"id"}).size(), 3u);
}

TEST_P(SqliteRebuild, AwkwardTableNames) {
  for (std::string name : {"a\"b", "größe", "has space"}) {
    model::Table t;
    t.schema = schema_;
    t.name = name;
    t.columns = {model::Column{.name = "id", .type = type(Kind::kInteger), .primary_key = true},
                 col("v", type(Kind::kText)), col("w", type(Kind::kInteger))};
    t.checks = {model::CheckConstraint{std::nullopt, "w >= 0"}};
    run(ops::CreateTable{t});
    run(ops::CreateIndex{model::Index{
        .name = "ix " + name, .schema = schema_, .table = name, .elements = {{"v", false}}}});
    conn_->execute("CREATE TRIGGER " + dialect_->qualify(schema_, "tr " + name) +
                   " BEFORE DELETE ON " + dialect_->quote(name) + " BEGIN SELECT 1; END");
    conn_->execute("INSERT INTO " + q(name) + " VALUES (1, 'x', 1), (2, NULL, 2)");
    EXPECT_EQ(render_create(*dialect_, reflect_sqlite_table(*conn_, schema_, name)),
              render_create(*dialect_, t));
    auto before = rows(name, {"id", "v"});
    rebuild_sqlite_table(*conn_, schema_, name, [](model::Table& m) {
      m.checks.clear();
      std::erase_if(m.columns, [](const model::Column& c) { return c.name == "w"; });
    });
    EXPECT_EQ(rows(name, {"id", "v"}), before) << name;
    EXPECT_EQ(names("index", name), std::vector<std::string>{"ix " + name});
    EXPECT_EQ(names("trigger", name), std::vector<std::string>{"tr " + name});
    EXPECT_TRUE(reflect_sqlite_table(*conn_, schema_, name).checks.empty());
  }
  conn_->commit();
}

}  // namespace
}  // namespace strata::dialect::sqlite
