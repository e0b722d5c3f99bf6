// The MySQL/MariaDB inspector (dialect/mysql/inspect.h) on a fresh database
// (STRATA_TEST_MYSQL_URL, scripts/with-postgres.sh) plus a second one
// ("rag_<suffix>"): every fact it reports, exactly; a round trip of model
// columns through MysqlDialect's CREATE TABLE whose normalizer keys equal the
// reflected ones; and a query count that does not grow with the number of
// tables.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "dialect/normalizer.h"
#include "dialect/mysql/inspect.h"
#include "inspect/inspect.h"
#include "integration/inspect_lines.h"
#include "support/live_db.h"

namespace strata::testing {
namespace {

using Kind = model::Type::Kind;

class MysqlInspect : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    db_ = LiveDb::open("mysql", &why);
    if (!db_) {
      if (std::getenv("CI") != nullptr) FAIL() << why;  // CI runs the live servers
      GTEST_SKIP() << why;
    }
    rag_ = "rag_" + unique_suffix();
    db_->own(rag_);
    db_->apply({ops::CreateSchema{.name = rag_}});
    main_ = db_->default_schema();
  }
  driver::Connection& conn() { return db_->conn(); }

  std::unique_ptr<LiveDb> db_;
  std::string main_, rag_;
};

TEST_F(MysqlInspect, ReportsEveryFactExactly) {
  conn().execute(
      "CREATE TABLE users (id INT NOT NULL AUTO_INCREMENT, email VARCHAR(320) NOT NULL COMMENT "
      "'login', name VARCHAR(50) DEFAULT 'an''on', tier VARCHAR(10) NOT NULL DEFAULT 'free', "
      "created DATETIME DEFAULT CURRENT_TIMESTAMP, flags BOOL NOT NULL DEFAULT 0, doc JSON, "
      "qty INT CHECK (qty > 0), price NUMERIC(10, 2) DEFAULT 1.5, PRIMARY KEY (id), "
      "CONSTRAINT uq_users_email UNIQUE (email), UNIQUE (name), "
      "CONSTRAINT ck_users_tier CHECK (tier IN ('free', 'pro') AND (qty < 10 OR qty IS NULL))) "
      "COMMENT = 'Registered users'");
  conn().execute("CREATE INDEX ix_users_tier ON users (tier)");
  conn().execute("CREATE VIEW v_users AS SELECT id, email FROM users WHERE id > 1");
  conn().execute("CREATE TABLE " + rag_ +
                 ".docs (id BIGINT NOT NULL, user_id INT, title VARCHAR(200), parent_id BIGINT, "
                 "PRIMARY KEY (id), FOREIGN KEY (parent_id) REFERENCES docs (id), "
                 "CONSTRAINT fk_docs_user FOREIGN KEY (user_id) REFERENCES " + main_ +
                 ".users (id) ON DELETE CASCADE, INDEX ix_docs_title_desc (title DESC, id), "
                 "INDEX ix_docs_title_prefix (title(10)))");
  conn().execute("CREATE TABLE " + rag_ +
                 ".chunks (doc_id BIGINT NOT NULL, n INT NOT NULL, PRIMARY KEY (doc_id, n), "
                 "UNIQUE INDEX ux_chunks_n_desc (n DESC))");
  conn().execute("CREATE SEQUENCE " + rag_ + ".doc_seq START WITH 5 INCREMENT BY 2");
  conn().execute("CREATE SEQUENCE " + rag_ + ".plain_seq");

  model::Catalog got = inspect::inspect(conn(), "mysql", {main_, rag_, "nope_" + rag_});
  const std::string m = "'" + main_ + "'", r = "'" + rag_ + "'";
  EXPECT_EQ(catalog_text(got), join_lines({
      "default_schema " + main_,
      "schema " + main_,
      "schema " + rag_,
      "table " + m + ".users comment='Registered users'",
      "  column id Integer reflected=int(11) null=no default=none autoinc=true comment=none",
      "  column email String(320) reflected=varchar(320) null=no default=none autoinc=unset "
      "comment='login'",
      "  column name String(50) reflected=varchar(50) null=yes default=lit:an'on autoinc=unset "
      "comment=none",
      "  column tier String(10) reflected=varchar(10) null=no default=lit:free autoinc=unset "
      "comment=none",
      "  column created DateTime reflected=datetime null=yes default=expr:current_timestamp() "
      "autoinc=unset comment=none",
      "  column flags Boolean reflected=tinyint(1) null=no default=expr:0 autoinc=unset "
      "comment=none",
      "  column doc Json reflected=longtext null=yes default=none autoinc=unset comment=none",
      "  column qty Integer reflected=int(11) null=yes default=none autoinc=unset comment=none",
      "  column price Numeric(10,2) reflected=decimal(10,2) null=yes default=expr:1.50 "
      "autoinc=unset comment=none",
      "  pk none (id)",
      "  unique 'name' (name)",
      "  unique 'uq_users_email' (email)",
      "  check 'ck_users_tier' `tier` in ('free','pro') and (`qty` < 10 or `qty` is null)",
      "  check 'qty' `qty` > 0",
      "table " + r + ".chunks comment=none",
      "  column doc_id BigInteger reflected=bigint(20) null=no default=none autoinc=unset "
      "comment=none",
      "  column n Integer reflected=int(11) null=no default=none autoinc=unset comment=none",
      "  pk none (doc_id, n)",
      "table " + r + ".docs comment=none",
      "  column id BigInteger reflected=bigint(20) null=no default=none autoinc=false comment=none",
      "  column user_id Integer reflected=int(11) null=yes default=none autoinc=unset comment=none",
      "  column title String(200) reflected=varchar(200) null=yes default=none autoinc=unset "
      "comment=none",
      "  column parent_id BigInteger reflected=bigint(20) null=yes default=none autoinc=unset "
      "comment=none",
      "  pk none (id)",
      "  fk 'docs_ibfk_1' (parent_id) -> " + r + ".docs (id) ondelete=none onupdate=none "
      "deferrable=unset initially=none match=none",
      "  fk 'fk_docs_user' (user_id) -> " + m + ".users (id) ondelete='CASCADE' onupdate=none "
      "deferrable=unset initially=none match=none",
      "index " + m + ".ix_users_tier on users (tier) where=none include=()",
      "index " + r + ".ux_chunks_n_desc on chunks unique (x:n DESC) where=none include=()",
      "index " + r + ".ix_docs_title_desc on docs (x:title DESC, id) where=none include=()",
      "index " + r + ".ix_docs_title_prefix on docs (x:title(10)) where=none include=()",
      "sequence " + r + ".doc_seq type=none start=5 increment=2 min=unset max=unset cache=unset "
      "cycle=no",
      "sequence " + r + ".plain_seq type=none start=unset increment=unset min=unset max=unset "
      "cache=unset cycle=no",
      "view " + m + ".v_users AS select `" + main_ + "`.`users`.`id` AS `id`,`" + main_ +
          "`.`users`.`email` AS `email` from `" + main_ + "`.`users` where `" + main_ +
          "`.`users`.`id` > 1",
  }));

  // No schemas asked: the connection's database only.
  model::Catalog main_only = inspect::inspect(conn(), "mysql", {});
  EXPECT_EQ(main_only.schemas, std::vector<std::string>{main_});
  EXPECT_EQ(main_only.tables.size(), 1u);
  EXPECT_EQ(inspect::default_schema(conn(), "mysql"), main_);
}

model::Column col(const std::string& name, model::Type type) {
  return model::Column{.name = name, .type = std::move(type)};
}
model::Type kind(Kind k) { return model::Type{.kind = k}; }
model::Type raw(const std::string& text) { return model::Type{.kind = Kind::kRaw, .raw = text}; }
model::ServerDefault lit(const std::string& v) { return {v, false}; }
model::ServerDefault expr(const std::string& v) { return {v, true}; }

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
  model::Column s0 = col("s0", model::Type{.kind = Kind::kString, .length = 5});
  s0.server_default = lit("0");
  cols.push_back(s0);
  model::Column t = col("t", kind(Kind::kText));
  t.server_default = lit("it's");
  cols.push_back(t);
  model::Column b = col("b", kind(Kind::kBoolean));
  b.server_default = lit("1");
  cols.push_back(b);
  model::Column b2 = col("b2", kind(Kind::kBoolean));
  b2.server_default = expr("FALSE");
  cols.push_back(b2);
  model::Column n = col("n", model::Type{.kind = Kind::kNumeric, .precision = 10, .scale = 2});
  n.server_default = lit("1.5");
  cols.push_back(n);
  cols.push_back(col("n0", kind(Kind::kNumeric)));
  cols.push_back(col("f", kind(Kind::kFloat)));
  cols.push_back(col("f2", model::Type{.kind = Kind::kFloat, .precision = 30}));
  cols.push_back(col("d", kind(Kind::kDate)));
  model::Column dt = col("dt", kind(Kind::kDateTime));
  dt.server_default = expr("CURRENT_TIMESTAMP");
  cols.push_back(dt);
  cols.push_back(col("tm", kind(Kind::kTime)));
  cols.push_back(col("bin", kind(Kind::kLargeBinary)));
  cols.push_back(col("lbin", model::Type{.kind = Kind::kLargeBinary, .length = 100000}));
  cols.push_back(col("j", kind(Kind::kJson)));
  cols.push_back(col("u", kind(Kind::kUuid)));
  model::Column r = col("r", raw("INT"));
  r.server_default = lit("0");
  cols.push_back(r);
  model::Column zero = col("zero", kind(Kind::kInteger));
  zero.server_default = expr("0");
  cols.push_back(zero);
  cols.push_back(col("vc", raw("varchar(20)")));
  cols.push_back(col("bo", raw("BOOLEAN")));
  return cols;
}

TEST_F(MysqlInspect, RoundTripKeysEqual) {
  model::Table table{.schema = rag_, .name = "rt", .columns = round_trip_columns()};
  for (const std::string& sql : db_->dialect().render(ops::CreateTable{.table = table})) {
    conn().execute(sql);
  }
  model::Catalog got = inspect::inspect(conn(), "mysql", {rag_});
  ASSERT_EQ(got.tables.size(), 1u);
  const model::Table& live = got.tables[0];
  ASSERT_EQ(live.columns.size(), table.columns.size());
  EXPECT_TRUE(live.checks.empty()) << "the JSON column's json_valid check is part of its type";
  auto norm = dialect::make_normalizer("mysql");
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const model::Column& want = table.columns[i];
    const model::Column& have = live.columns[i];
    ASSERT_EQ(have.name, want.name);
    const bool sole_pk = want.name == "id";
    EXPECT_EQ(norm->type_key(want), norm->type_key(have)) << want.name << " " << have.reflected_type;
    EXPECT_EQ(norm->default_key(want), norm->default_key(have)) << want.name;
    EXPECT_EQ(norm->is_autoincrement(want, sole_pk), norm->is_autoincrement(have, sole_pk))
        << want.name;
  }
  EXPECT_NE(norm->type_key(live.columns[3]), norm->type_key(live.columns[4]));  // s, s0
  EXPECT_NE(norm->default_key(live.columns[6]), norm->default_key(live.columns[7]));  // b, b2
  EXPECT_TRUE(norm->is_autoincrement(live.columns[0], true));
  EXPECT_FALSE(norm->is_autoincrement(live.columns[1], false));
}

TEST_F(MysqlInspect, AutomaticPrefixIsThePlainColumn) {
  // MariaDB shortens an index on a column longer than the key-part limit
  // itself (SUB_PART 768 = 3072 bytes / 4 for utf8mb4 under InnoDB
  // DYNAMIC; 250 = 1000 / 4 under MyISAM). That reads as the plain column;
  // a prefix the user asked for stays a prefix, also one that merely equals
  // the limit on a column short enough not to need one.
  conn().execute("CREATE TABLE " + rag_ + ".docs (id INT PRIMARY KEY, url VARCHAR(2048), "
                 "title VARCHAR(2048), latin VARCHAR(2048) CHARACTER SET latin1, "
                 "raw VARBINARY(5000), short VARCHAR(768), "
                 "INDEX ix_url (url), INDEX ix_title (title(100)), INDEX ix_latin (latin), "
                 "INDEX ix_raw (raw), INDEX ix_short (short(700)), INDEX ix_two (title(10), id))");
  conn().execute("CREATE TABLE " + rag_ + ".old (u VARCHAR(2048), INDEX ix_u (u)) ENGINE=MyISAM");
  auto statistics = conn().query("SELECT INDEX_NAME, SUB_PART FROM information_schema.STATISTICS "
                                 "WHERE TABLE_SCHEMA = '" + rag_ + "' AND INDEX_NAME IN "
                                 "('ix_url', 'ix_raw', 'ix_u') ORDER BY INDEX_NAME");
  ASSERT_EQ(statistics.rows.size(), 3u);
  EXPECT_EQ(statistics.rows[0][1], std::optional<std::string>("3072"));  // ix_raw: 1 byte a char
  EXPECT_EQ(statistics.rows[1][1], std::optional<std::string>("250"));   // ix_u
  EXPECT_EQ(statistics.rows[2][1], std::optional<std::string>("768"));   // ix_url
  std::vector<std::string> lines = catalog_lines(inspect::inspect(conn(), "mysql", {rag_}));
  std::vector<std::string> indexes;
  for (const std::string& line : lines) {
    if (line.rfind("index ", 0) == 0) indexes.push_back(line);
  }
  const std::string r = "'" + rag_ + "'";
  EXPECT_EQ(indexes, (std::vector<std::string>{
                         "index " + r + ".ix_latin on docs (latin) where=none include=()",
                         "index " + r + ".ix_raw on docs (raw) where=none include=()",
                         "index " + r + ".ix_short on docs (x:short(700)) where=none include=()",
                         "index " + r + ".ix_title on docs (x:title(100)) where=none include=()",
                         "index " + r + ".ix_two on docs (x:title(10), id) where=none include=()",
                         "index " + r + ".ix_url on docs (url) where=none include=()",
                         "index " + r + ".ix_u on old (u) where=none include=()",
                     }));
}

// Each probe is a CHECK as a user writes it; MariaDB stores its own
// rewriting (octet_length for length, <> for !=, folded NOTs, dropped
// charset introducers, canonical numbers, backslash escapes ...). The
// normalizer's key of what was written equals the key of what the inspector
// reads back, for every probe.
TEST_F(MysqlInspect, MariadbCheckRewritesKeyEqual) {
  const std::vector<std::string> probes{
      "length(email) > 3", "n != 0", "n in (1, 2, 3)", "n between 1 and 10",
      "email is not null", "email like 'a%'", "coalesce(n, 0) >= 0",
      "char_length(email) < 50", "CHARACTER_LENGTH(s) > 0", "lower(email) = email",
      "upper(s) <> 'X'", "s = _utf8mb4'x'", "s <> _latin1'x'", "s <> N'x'", "n > 1.50",
      "n <> 001.50", "n <> .5", "n <> 1.", "n <> +5", "n <> -0", "n >= 00012",
      "n not in (4, 5)", "not (n = 3)", "not (n > 3)", "!(n = 1)", "not (n in (1,2))",
      "not (s like 'x%')", "not (n is null)", "not (n between 1 and 2)", "s not regexp 'q'",
      "s <> 'it''s'", "s = 'it\\'s'", "s = 'a\\\\b'", "s = 'a\\nb'", "s <> \"dq\"",
      "n % 2 = 0 and n mod 2 = 0", "n > 1 || n < 0", "n = TRUE", "n = false", "n is true",
      "n is not true", "substring(s, 1, 1) <> 'q'", "(n > 0) and (n < 100)",
      "d > DATE '2020-01-01'", "if(n > 0, 1, 0) = 1", "- n < 5", "n = 1e3 or n < 0.5e1",
      "ifnull(n, 0) >= 0 and concat(s, 'a') <> 'b'", "trim(s) = s and s <> ''",
      "s is not null and n is not null", "n is null or n > -1",
  };
  std::string sql = "CREATE TABLE " + rag_ + ".probes (id INT PRIMARY KEY, email VARCHAR(100), "
                    "n INT, s VARCHAR(10), d DATE";
  for (size_t i = 0; i < probes.size(); ++i) {
    sql += ", CONSTRAINT c" + std::to_string(100 + i) + " CHECK (" + probes[i] + ")";
  }
  conn().execute(sql + ")");
  model::Catalog got = inspect::inspect(conn(), "mysql", {rag_});
  ASSERT_EQ(got.tables.size(), 1u);
  const std::vector<model::CheckConstraint>& checks = got.tables[0].checks;
  ASSERT_EQ(checks.size(), probes.size());
  auto norm = dialect::make_normalizer("mysql");
  for (size_t i = 0; i < probes.size(); ++i) {
    ASSERT_EQ(checks[i].name, "c" + std::to_string(100 + i));
    EXPECT_EQ(norm->expression_key(probes[i]), norm->expression_key(checks[i].sqltext))
        << probes[i] << "  stored as  " << checks[i].sqltext;
  }
}

// inspect_tables: the MySQL dialect's live ops read the catalog through it.
// Only the named tables, in as many queries for one table as for three,
// with the facts a MODIFY must restate (schema.h's reflected_* members).
TEST_F(MysqlInspect, InspectTablesReadsTheNamedTablesWithWhatRestatingNeeds) {
  conn().execute(
      "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10) COLLATE utf8mb4_bin, "
      "stamp DATETIME DEFAULT current_timestamp() ON UPDATE current_timestamp(), "
      "qty INT CHECK (qty > 0), hidden INT INVISIBLE DEFAULT 7, doc JSON, "
      "plus INT AS (qty + 1) VIRTUAL, CONSTRAINT ck_t CHECK (id > 0))");
  conn().execute("CREATE TABLE other (id INT PRIMARY KEY)");
  conn().execute("CREATE TABLE " + rag_ + ".t2 (id INT PRIMARY KEY, t_id INT, "
                 "CONSTRAINT fk_t2_t FOREIGN KEY (t_id) REFERENCES " + main_ + ".t (id))");
  conn().execute("CREATE TABLE " + rag_ + ".t3 (id INT PRIMARY KEY)");

  CountingConnection one(conn());
  model::Catalog got = dialect::mysql::inspect_tables(one, {{std::nullopt, "t"}});
  EXPECT_EQ(got.schemas, std::vector<std::string>{main_});
  ASSERT_EQ(got.tables.size(), 1u);
  const model::Table& t = got.tables[0];
  EXPECT_EQ(dialect::mysql::find_table(got, std::nullopt, "t"), &t);
  EXPECT_EQ(dialect::mysql::find_table(got, main_, "other"), nullptr);
  std::vector<std::string> facts;
  for (const model::Column& c : t.columns) {
    facts.push_back(c.name + " collation=" + opt(c.reflected_collation) + " on_update=" +
                    opt(c.reflected_on_update) + " invisible=" +
                    (c.reflected_invisible ? "yes" : "no") + " check=" + opt(c.reflected_check) +
                    " generated=" + opt(c.reflected_generated));
  }
  EXPECT_EQ(facts, (std::vector<std::string>{
      "id collation=none on_update=none invisible=no check=none generated=none",
      "name collation='utf8mb4_bin' on_update=none invisible=no check=none generated=none",
      "stamp collation=none on_update='current_timestamp()' invisible=no check=none "
      "generated=none",
      "qty collation=none on_update=none invisible=no check='`qty` > 0' generated=none",
      "hidden collation=none on_update=none invisible=yes check=none generated=none",
      // MariaDB's JSON is longtext COLLATE utf8mb4_bin.
      "doc collation='utf8mb4_bin' on_update=none invisible=no check='json_valid(`doc`)' "
      "generated=none",
      "plus collation=none on_update=none invisible=no check=none generated='VIRTUAL GENERATED'",
  }));
  EXPECT_EQ(dialect::mysql::find_column(t, "PLUS"), &t.columns[6]);
  EXPECT_EQ(t.checks.size(), 2u);  // ck_t and qty; JSON's is part of its type

  // Three tables in two databases: the same number of queries.
  CountingConnection three(conn());
  got = dialect::mysql::inspect_tables(
      three, {{std::nullopt, "t"}, {rag_, "t2"}, {rag_, "t3"}});
  EXPECT_EQ(three.statements, one.statements);
  std::vector<std::string> names;
  for (const model::Table& table : got.tables) names.push_back(*table.schema + "." + table.name);
  EXPECT_EQ(names, (std::vector<std::string>{main_ + ".t", rag_ + ".t2", rag_ + ".t3"}));
  ASSERT_NE(dialect::mysql::find_table(got, rag_, "t2"), nullptr);
  EXPECT_EQ(dialect::mysql::find_table(got, rag_, "t2")->foreign_keys.size(), 1u);

  // inspect() leaves the generated column out and keeps the other facts.
  model::Catalog all = inspect::inspect(conn(), "mysql", {main_});
  const model::Table* full = dialect::mysql::find_table(all, main_, "t");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->columns.size(), 6u);
  EXPECT_EQ(full->columns[1].reflected_collation, std::optional<std::string>("utf8mb4_bin"));
}

TEST_F(MysqlInspect, QueryCountDoesNotGrowWithTables) {
  conn().execute("CREATE SEQUENCE " + rag_ + ".s1");
  auto create = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      const std::string schema = i % 2 == 0 ? main_ : rag_;
      const std::string t = schema + ".t" + std::to_string(i);
      conn().execute("CREATE TABLE " + t +
                     " (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, ref INT, v VARCHAR(10) "
                     "UNIQUE CHECK (v <> ''), FOREIGN KEY (ref) REFERENCES " + t + " (id))");
      conn().execute("CREATE INDEX ix" + std::to_string(i) + " ON " + t + " (v, id)");
    }
  };
  create(0, 3);
  CountingConnection few(conn());
  EXPECT_EQ(inspect::inspect(few, "mysql", {main_, rag_}).tables.size(), 3u);
  create(3, 60);
  CountingConnection many(conn());
  model::Catalog got = inspect::inspect(many, "mysql", {main_, rag_});
  EXPECT_EQ(got.tables.size(), 60u);
  EXPECT_EQ(got.indexes.size(), 60u);
  EXPECT_EQ(got.sequences.size(), 1u);
  EXPECT_GT(few.statements, 0);
  EXPECT_EQ(many.statements, few.statements);
}

}  // namespace
}  // namespace strata::testing
