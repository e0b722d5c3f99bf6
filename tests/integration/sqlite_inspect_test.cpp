// The SQLite inspector (dialect/sqlite/inspect.h) on a fresh database file
// with an attached schema "rag": every fact it reports, exactly; a round trip
// of model columns through SqliteDialect's CREATE TABLE whose normalizer keys
// equal the reflected ones; and a query count that does not grow with the
// number of tables.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialect/normalizer.h"
#include "dialect/sqlite/inspect.h"
#include "inspect/inspect.h"
#include "integration/inspect_lines.h"
#include "support/live_db.h"

namespace strata::testing {
namespace {

using Kind = model::Type::Kind;

std::unique_ptr<LiveDb> open_sqlite_with_rag() {
  std::string why;
  auto db = LiveDb::open("sqlite", &why);
  if (!db) throw Error(ErrorCode::kInternal, why);
  db->apply({ops::CreateSchema{.name = "rag"}});
  return db;
}

TEST(SqliteInspect, ReportsEveryFactExactly) {
  auto db = open_sqlite_with_rag();
  driver::Connection& c = db->conn();
  c.execute(
      "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(320) NOT NULL "
      "UNIQUE, name TEXT DEFAULT 'anon', CONSTRAINT uq_users_name UNIQUE (name), "
      "CONSTRAINT ck_users_email CHECK (length(email) > 3), CHECK (name <> ''))");
  c.execute(
      "CREATE TABLE posts (id INTEGER NOT NULL, user_id INTEGER, title VARCHAR(200) COLLATE "
      "NOCASE, created DATETIME DEFAULT (CURRENT_TIMESTAMP), score NUMERIC(10, 2) DEFAULT 0, "
      "note TEXT DEFAULT NULL, PRIMARY KEY (id), CONSTRAINT fk_posts_user FOREIGN KEY (user_id) "
      "REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)");
  c.execute("CREATE INDEX ix_posts_title_partial ON posts (title) WHERE title IS NOT NULL");
  c.execute("CREATE INDEX ix_posts_lower ON posts (lower(title))");
  c.execute("CREATE INDEX ix_posts_desc ON posts (id DESC, user_id)");
  c.execute("CREATE VIEW v_posts AS SELECT id, title FROM posts");
  c.execute("CREATE TABLE rag.docs (id BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (id))");
  c.execute(
      "CREATE TABLE rag.chunks (doc_id BIGINT NOT NULL, n INTEGER NOT NULL, CONSTRAINT pk_chunks "
      "PRIMARY KEY (doc_id, n), FOREIGN KEY (doc_id) REFERENCES docs (id) ON DELETE CASCADE)");
  c.execute("CREATE UNIQUE INDEX rag.ux_chunks_n ON chunks (n)");
  c.execute("INSERT INTO users (email) VALUES ('a@b.c')");  // fills sqlite_sequence

  model::Catalog got = inspect::inspect(c, "sqlite", {"main", "rag", "nope"});
  EXPECT_EQ(catalog_text(got), join_lines({
      "default_schema main",
      "schema main",
      "schema rag",
      "table 'main'.posts comment=none",
      "  column id Integer reflected=INTEGER null=no default=none autoinc=unset comment=none",
      "  column user_id Integer reflected=INTEGER null=yes default=none autoinc=unset comment=none",
      "  column title Raw[VARCHAR(200) COLLATE NOCASE] reflected=VARCHAR(200) COLLATE NOCASE "
      "null=yes default=none autoinc=unset comment=none",
      "  column created DateTime reflected=DATETIME null=yes default=expr:CURRENT_TIMESTAMP "
      "autoinc=unset comment=none",
      "  column score Numeric(10,2) reflected=NUMERIC(10, 2) null=yes default=expr:0 "
      "autoinc=unset comment=none",
      "  column note Text reflected=TEXT null=yes default=none autoinc=unset comment=none",
      "  pk none (id)",
      "  fk 'fk_posts_user' (user_id) -> 'main'.users (id) ondelete='CASCADE' onupdate=none "
      "deferrable=true initially='DEFERRED' match=none",
      "table 'main'.users comment=none",
      "  column id Integer reflected=INTEGER null=yes default=none autoinc=true comment=none",
      "  column email String(320) reflected=VARCHAR(320) null=no default=none autoinc=unset "
      "comment=none",
      "  column name Text reflected=TEXT null=yes default=lit:anon autoinc=unset comment=none",
      "  pk none (id)",
      "  unique none (email)",
      "  unique 'uq_users_name' (name)",
      "  check 'ck_users_email' length(email) > 3",
      "  check none name <> ''",
      "table 'rag'.chunks comment=none",
      "  column doc_id BigInteger reflected=BIGINT null=no default=none autoinc=unset comment=none",
      "  column n Integer reflected=INTEGER null=no default=none autoinc=unset comment=none",
      "  pk 'pk_chunks' (doc_id, n)",
      "  fk none (doc_id) -> 'rag'.docs (id) ondelete='CASCADE' onupdate=none deferrable=unset "
      "initially=none match=none",
      "table 'rag'.docs comment=none",
      "  column id BigInteger reflected=BIGINT null=no default=none autoinc=false comment=none",
      "  column body Text reflected=TEXT null=no default=none autoinc=unset comment=none",
      "  pk none (id)",
      "index 'main'.ix_posts_desc on posts (x:id DESC, user_id) where=none include=()",
      "index 'main'.ix_posts_lower on posts (x:lower(title)) where=none include=()",
      "index 'main'.ix_posts_title_partial on posts (title) where='title IS NOT NULL' include=()",
      "index 'rag'.ux_chunks_n on chunks unique (n) where=none include=()",
      "view 'main'.v_posts AS SELECT id, title FROM posts",
  }));

  // No schemas asked: the default one only.
  model::Catalog main_only = inspect::inspect(c, "sqlite", {});
  EXPECT_EQ(main_only.schemas, std::vector<std::string>{"main"});
  EXPECT_EQ(main_only.tables.size(), 2u);
  EXPECT_EQ(inspect::default_schema(c, "sqlite"), "main");
}

model::Column col(const std::string& name, model::Type type) {
  return model::Column{.name = name, .type = std::move(type)};
}
model::Type kind(Kind k) { return model::Type{.kind = k}; }
model::Type raw(const std::string& text) { return model::Type{.kind = Kind::kRaw, .raw = text}; }
model::ServerDefault lit(const std::string& v) { return {v, false}; }
model::ServerDefault expr(const std::string& v) { return {v, true}; }

// Columns covering every kind, aliases and default shapes.
std::vector<model::Column> round_trip_columns() {
  std::vector<model::Column> cols;
  model::Column id = col("id", kind(Kind::kInteger));
  id.primary_key = true;
  cols.push_back(id);
  cols.push_back(col("big", kind(Kind::kBigInteger)));
  cols.push_back(col("small", kind(Kind::kSmallInteger)));
  model::Column s = col("s", model::Type{.kind = Kind::kString, .length = 20});
  s.nullable = false;
  s.server_default = lit("x");
  cols.push_back(s);
  model::Column t = col("t", kind(Kind::kText));
  t.server_default = lit("it's");
  cols.push_back(t);
  model::Column b = col("b", kind(Kind::kBoolean));
  b.server_default = lit("true");
  cols.push_back(b);
  model::Column b2 = col("b2", kind(Kind::kBoolean));
  b2.server_default = expr("0");
  cols.push_back(b2);
  model::Column n = col("n", model::Type{.kind = Kind::kNumeric, .precision = 10, .scale = 2});
  n.server_default = lit("1.5");
  cols.push_back(n);
  cols.push_back(col("f", kind(Kind::kFloat)));
  cols.push_back(col("d", kind(Kind::kDate)));
  model::Column dt = col("dt", kind(Kind::kDateTime));
  dt.server_default = expr("CURRENT_TIMESTAMP");
  cols.push_back(dt);
  cols.push_back(col("tm", kind(Kind::kTime)));
  cols.push_back(col("bin", kind(Kind::kLargeBinary)));
  cols.push_back(col("j", kind(Kind::kJson)));
  cols.push_back(col("u", kind(Kind::kUuid)));
  model::Column r = col("r", raw("INT"));
  r.server_default = lit("0");
  cols.push_back(r);
  model::Column zero = col("zero", kind(Kind::kInteger));
  zero.server_default = expr("0");
  cols.push_back(zero);
  cols.push_back(col("vc", raw("varchar(20)")));
  return cols;
}

TEST(SqliteInspect, RoundTripKeysEqual) {
  auto db = open_sqlite_with_rag();
  model::Table table{.schema = "rag", .name = "rt", .columns = round_trip_columns()};
  for (const std::string& sql : db->dialect().render(ops::CreateTable{.table = table})) {
    db->conn().execute(sql);
  }
  model::Catalog got = inspect::inspect(db->conn(), "sqlite", {"rag"});
  ASSERT_EQ(got.tables.size(), 1u);
  const model::Table& live = got.tables[0];
  ASSERT_EQ(live.columns.size(), table.columns.size());
  auto norm = dialect::make_normalizer("sqlite");
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const model::Column& want = table.columns[i];
    const model::Column& have = live.columns[i];
    ASSERT_EQ(have.name, want.name);
    const bool sole_pk = want.name == "id";
    EXPECT_EQ(norm->type_key(want), norm->type_key(have)) << want.name;
    EXPECT_EQ(norm->default_key(want), norm->default_key(have)) << want.name;
    EXPECT_EQ(norm->is_autoincrement(want, sole_pk), norm->is_autoincrement(have, sole_pk))
        << want.name;
  }
  // The keys do tell columns apart.
  EXPECT_NE(norm->type_key(live.columns[3]), norm->type_key(live.columns[4]));  // s, t
  EXPECT_NE(norm->default_key(live.columns[5]), norm->default_key(live.columns[6]));  // b, b2
  EXPECT_TRUE(norm->is_autoincrement(live.columns[0], true));
  EXPECT_FALSE(norm->is_autoincrement(live.columns[1], false));
}

TEST(SqliteInspect, QueryCountDoesNotGrowWithTables) {
  auto db = open_sqlite_with_rag();
  auto create = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      const std::string schema = i % 2 == 0 ? "main" : "rag";
      db->conn().execute("CREATE TABLE \"" + schema + "\".t" + std::to_string(i) +
                         " (id INTEGER PRIMARY KEY, ref INTEGER REFERENCES t" +
                         std::to_string(i) + " (id), v TEXT UNIQUE CHECK (v <> ''))");
      db->conn().execute("CREATE INDEX \"" + schema + "\".ix" + std::to_string(i) + " ON t" +
                         std::to_string(i) + " (v)");
    }
  };
  create(0, 3);
  CountingConnection few(db->conn());
  EXPECT_EQ(inspect::inspect(few, "sqlite", {"main", "rag"}).tables.size(), 3u);
  create(3, 60);
  CountingConnection many(db->conn());
  model::Catalog got = inspect::inspect(many, "sqlite", {"main", "rag"});
  EXPECT_EQ(got.tables.size(), 60u);
  EXPECT_EQ(got.indexes.size(), 60u);
  EXPECT_GT(few.statements, 0);
  EXPECT_EQ(many.statements, few.statements);
}

// inspect_tables (the reading behind reflect_sqlite_table and the rebuilds):
// inspect()'s facts for the named tables only, names matched ignoring case,
// in a number of queries that does not grow with the number of tables asked.
TEST(SqliteInspect, InspectTablesReadsOnlyTheNamedTables) {
  auto db = open_sqlite_with_rag();
  driver::Connection& c = db->conn();
  c.execute("CREATE TABLE rag.Alpha (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
  c.execute("CREATE TABLE rag.beta (id INTEGER PRIMARY KEY, a INTEGER REFERENCES alpha (id), "
            "twice INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL)");
  c.execute("CREATE TABLE rag.gamma (id INTEGER PRIMARY KEY)");
  c.execute("CREATE INDEX rag.ix_beta_a ON beta (a)");
  c.execute("CREATE INDEX rag.ix_gamma ON gamma (id)");
  c.execute("CREATE VIEW rag.beta_view AS SELECT id FROM beta");

  const model::Catalog all = inspect::inspect(c, "sqlite", {"rag"});
  CountingConnection counted(c);
  model::Catalog two = dialect::sqlite::inspect_tables(counted, "rag", {"ALPHA", "Beta"});
  EXPECT_EQ(two.schemas, std::vector<std::string>{"rag"});
  ASSERT_EQ(two.tables.size(), 2u);
  EXPECT_EQ(two.tables[0], all.tables[0]);  // the same reading: stored spelling "Alpha"
  EXPECT_EQ(two.tables[1], all.tables[1]);  // generated column left out, as inspect() does
  EXPECT_EQ(two.tables[1].columns.size(), 2u);
  ASSERT_EQ(two.indexes.size(), 1u);
  EXPECT_EQ(two.indexes[0].name, "ix_beta_a");
  EXPECT_TRUE(two.views.empty());
  const int for_two = counted.statements;
  CountingConnection one(c);
  EXPECT_EQ(dialect::sqlite::inspect_tables(one, "rag", {"gamma"}).tables.size(), 1u);
  EXPECT_EQ(one.statements, for_two);

  EXPECT_TRUE(dialect::sqlite::inspect_tables(c, "nope", {"alpha"}).tables.empty());
  EXPECT_TRUE(dialect::sqlite::inspect_tables(c, "rag", {"delta"}).tables.empty());

  // With generated columns asked for: listed, with their kind and expression.
  model::Catalog with = inspect::inspect(c, "sqlite", {"rag"}, {.generated_columns = true});
  ASSERT_EQ(with.tables[1].columns.size(), 3u);
  const model::Column& twice = with.tables[1].columns[2];
  EXPECT_EQ(twice.name, "twice");
  EXPECT_EQ(twice.reflected_generated, "VIRTUAL GENERATED");
  EXPECT_EQ(twice.reflected_generated_expression, "id * 2");
}

}  // namespace
}  // namespace strata::testing
