// SqliteNormalizer and MysqlNormalizer (dialect/normalizer.h): which model
// and reflected facts get equal keys, and which do not. The live round trips
// (render, apply, inspect, keys equal) are in tests/integration/
// sqlite_inspect_test.cpp and mysql_inspect_test.cpp.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dialect/normalizer.h"

namespace strata {
namespace {

using Kind = model::Type::Kind;

model::Column typed(model::Type type) { return model::Column{.name = "c", .type = std::move(type)}; }
model::Column kind(Kind k) { return typed(model::Type{.kind = k}); }
model::Column raw(const std::string& text) { return typed(model::Type{.kind = Kind::kRaw, .raw = text}); }
model::Column string(int n) { return typed(model::Type{.kind = Kind::kString, .length = n}); }
model::Column numeric(int p, int s) {
  return typed(model::Type{.kind = Kind::kNumeric, .precision = p, .scale = s});
}
// A reflected column: kRaw with empty raw text falls back to reflected_type.
model::Column reflected(const std::string& text, Kind k = Kind::kRaw) {
  model::Column c = typed(model::Type{.kind = k});
  c.reflected_type = text;
  return c;
}
model::Column with_default(model::Column c, const std::string& value, bool expression) {
  c.server_default = model::ServerDefault{value, expression};
  return c;
}

class Keys {
 public:
  explicit Keys(const char* dialect) : n_(dialect::make_normalizer(dialect)) {}
  std::string type(const model::Column& c) const { return n_->type_key(c); }
  std::optional<std::string> def(const model::Column& c) const { return n_->default_key(c); }
  std::string expr(std::string_view sql) const { return n_->expression_key(sql); }
  bool autoinc(const model::Column& c, bool sole_pk) const { return n_->is_autoincrement(c, sole_pk); }

 private:
  std::unique_ptr<dialect::Normalizer> n_;
};

// Every column in `same` has one type key; `other` has another.
void expect_one_type_key(const Keys& k, const std::vector<model::Column>& same,
                         const model::Column& other) {
  for (const model::Column& c : same) {
    EXPECT_EQ(k.type(c), k.type(same[0])) << c.type.raw << c.reflected_type;
  }
  EXPECT_NE(k.type(other), k.type(same[0]));
}

TEST(SqliteNormalizer, TypeKeys) {
  Keys k("sqlite");
  expect_one_type_key(k, {kind(Kind::kInteger), raw("INT"), raw("int(11)"), raw("integer"),
                          reflected("INTEGER"), kind(Kind::kBigInteger)},
                      kind(Kind::kText));
  expect_one_type_key(k, {string(20), raw("VARCHAR(20)"), raw("varchar( 20 )"),
                          reflected("VARCHAR(20)")},
                      string(30));
  expect_one_type_key(k, {kind(Kind::kBoolean), raw("bool"), raw("BOOLEAN")}, kind(Kind::kInteger));
  expect_one_type_key(k, {kind(Kind::kDateTime), raw("DATETIME"), raw("datetime")},
                      kind(Kind::kDate));
  expect_one_type_key(k, {kind(Kind::kText), raw("TEXT"), reflected("text")}, string(20));
  expect_one_type_key(k, {numeric(10, 2), raw("NUMERIC(10,2)"), raw("decimal(10, 2)")},
                      numeric(10, 3));
  EXPECT_EQ(k.type(kind(Kind::kInteger)), "integer");
  EXPECT_EQ(k.type(numeric(10, 2)), "numeric(10,2)");
}

TEST(SqliteNormalizer, DefaultKeys) {
  Keys k("sqlite");
  const model::Column text = kind(Kind::kText), integer = kind(Kind::kInteger);
  const model::Column boolean = kind(Kind::kBoolean);
  // A literal as the model gives it and as SQLite reports it after DEFAULT 'x'.
  EXPECT_EQ(k.def(with_default(text, "x", false)), k.def(with_default(text, "'x'", true)));
  EXPECT_EQ(k.def(with_default(text, "it's", false)), k.def(with_default(text, "'it''s'", true)));
  EXPECT_NE(k.def(with_default(text, "x", false)), k.def(with_default(text, "y", false)));
  // '0' and 0, (0).
  EXPECT_EQ(k.def(with_default(integer, "0", false)), k.def(with_default(integer, "0", true)));
  EXPECT_EQ(k.def(with_default(integer, "0", false)), k.def(with_default(integer, "(0)", true)));
  EXPECT_NE(k.def(with_default(integer, "0", false)), k.def(with_default(integer, "1", false)));
  EXPECT_EQ(k.def(with_default(numeric(10, 2), "1.5", false)),
            k.def(with_default(numeric(10, 2), "1.50", true)));
  EXPECT_EQ(k.def(with_default(text, "0", false)), k.def(with_default(text, "0", true)));
  // Rendered DEFAULT (CURRENT_TIMESTAMP), reported CURRENT_TIMESTAMP.
  const model::Column dt = kind(Kind::kDateTime);
  EXPECT_EQ(k.def(with_default(dt, "CURRENT_TIMESTAMP", true)),
            k.def(with_default(dt, "(CURRENT_TIMESTAMP)", true)));
  EXPECT_NE(k.def(with_default(dt, "CURRENT_TIMESTAMP", true)),
            k.def(with_default(dt, "CURRENT_TIMESTAMP", false)));  // the string
  // Booleans.
  EXPECT_EQ(k.def(with_default(boolean, "true", false)), k.def(with_default(boolean, "1", false)));
  EXPECT_EQ(k.def(with_default(boolean, "true", false)), k.def(with_default(boolean, "1", true)));
  EXPECT_EQ(k.def(with_default(boolean, "TRUE", true)), "1");
  EXPECT_EQ(k.def(with_default(boolean, "false", false)), k.def(with_default(boolean, "0", true)));
  EXPECT_NE(k.def(with_default(boolean, "true", false)), k.def(with_default(boolean, "false", false)));
  // None.
  EXPECT_EQ(k.def(text), std::nullopt);
  EXPECT_EQ(k.def(with_default(text, "NULL", true)), std::nullopt);
  EXPECT_NE(k.def(with_default(text, "NULL", false)), std::nullopt);  // the string 'NULL'
}

TEST(SqliteNormalizer, ExpressionKeys) {
  Keys k("sqlite");
  EXPECT_EQ(k.expr("qty > 0"), k.expr("\"qty\" > 0"));
  EXPECT_EQ(k.expr("qty > 0"), k.expr("(qty>0)"));
  EXPECT_EQ(k.expr("qty > 0"), k.expr("QTY  >  0"));
  EXPECT_EQ(k.expr("a != 1"), k.expr("a <> 1"));
  EXPECT_EQ(k.expr("lower(email)"), k.expr("LOWER( \"email\" )"));
  EXPECT_NE(k.expr("qty > 0"), k.expr("qty >= 0"));
  EXPECT_NE(k.expr("(a + b) * c"), k.expr("a + b * c"));
  EXPECT_NE(k.expr("a > 0 AND (b < 1 OR b IS NULL)"), k.expr("a > 0 AND b < 1 OR b IS NULL"));
  EXPECT_NE(k.expr("x = 'A'"), k.expr("x = 'a'"));
  const std::string key = k.expr("((a > 0) and (\"b c\" < 1))");
  EXPECT_EQ(key, k.expr("a > 0 AND \"B C\" < 1"));
  EXPECT_EQ(k.expr(key), key);  // idempotent
}

TEST(SqliteNormalizer, Autoincrement) {
  Keys k("sqlite");
  model::Column id = kind(Kind::kInteger);
  EXPECT_TRUE(k.autoinc(id, true));    // the rowid alias
  EXPECT_FALSE(k.autoinc(id, false));  // part of a composite key
  model::Column flagged = id;
  flagged.autoincrement = true;
  EXPECT_TRUE(k.autoinc(flagged, true));
  model::Column big = kind(Kind::kBigInteger);
  EXPECT_TRUE(k.autoinc(big, true));  // rendered INTEGER
  big.autoincrement = false;
  EXPECT_FALSE(k.autoinc(big, true));  // rendered BIGINT: not a rowid alias
  EXPECT_FALSE(k.autoinc(kind(Kind::kText), true));
  // Reflected.
  EXPECT_TRUE(k.autoinc(reflected("INTEGER", Kind::kInteger), true));
  model::Column big_live = reflected("BIGINT", Kind::kBigInteger);
  big_live.autoincrement = false;
  EXPECT_FALSE(k.autoinc(big_live, true));
}

TEST(MysqlNormalizer, TypeKeys) {
  Keys k("mysql");
  expect_one_type_key(k, {kind(Kind::kInteger), raw("INT"), raw("int(11)"), raw("integer"),
                          reflected("int(11)")},
                      kind(Kind::kBigInteger));
  expect_one_type_key(k, {kind(Kind::kBigInteger), raw("BIGINT"), reflected("bigint(20)")},
                      raw("int unsigned"));
  expect_one_type_key(k, {string(20), raw("VARCHAR(20)"), raw("character varying(20)"),
                          reflected("varchar(20)")},
                      string(21));
  expect_one_type_key(k, {kind(Kind::kBoolean), raw("bool"), raw("BOOLEAN"), reflected("tinyint(1)")},
                      raw("tinyint(4)"));
  expect_one_type_key(k, {kind(Kind::kDateTime), raw("DATETIME"), reflected("datetime")},
                      raw("timestamp"));
  expect_one_type_key(k, {kind(Kind::kText), raw("TEXT"), reflected("text")}, raw("longtext"));
  expect_one_type_key(k, {numeric(10, 2), raw("NUMERIC(10, 2)"), reflected("decimal(10,2)")},
                      numeric(12, 2));
  expect_one_type_key(k, {kind(Kind::kNumeric), reflected("decimal(10,0)")}, numeric(10, 2));
  expect_one_type_key(k, {typed(model::Type{.kind = Kind::kFloat, .precision = 30}),
                          reflected("double"), raw("DOUBLE PRECISION")},
                      kind(Kind::kFloat));
  expect_one_type_key(k, {kind(Kind::kJson), reflected("longtext", Kind::kJson)}, raw("longtext"));
  expect_one_type_key(k, {kind(Kind::kUuid), reflected("char(32)")}, raw("char(36)"));
}

TEST(MysqlNormalizer, DefaultKeys) {
  Keys k("mysql");
  const model::Column text = string(10), integer = kind(Kind::kInteger);
  const model::Column boolean = kind(Kind::kBoolean);
  // MariaDB reports 'x' quoted (the inspector unquotes it), numbers bare.
  EXPECT_EQ(k.def(with_default(text, "x", false)), k.def(with_default(text, "'x'", true)));
  EXPECT_EQ(k.def(with_default(text, "0", false)), k.def(with_default(text, "'0'", true)));
  EXPECT_NE(k.def(with_default(text, "x", false)), k.def(with_default(text, "y", false)));
  EXPECT_EQ(k.def(with_default(integer, "0", false)), k.def(with_default(integer, "0", true)));
  EXPECT_NE(k.def(with_default(integer, "0", false)), k.def(with_default(integer, "10", true)));
  EXPECT_EQ(k.def(with_default(numeric(10, 2), "1.5", false)),
            k.def(with_default(reflected("decimal(10,2)"), "1.50", true)));
  const model::Column dt = kind(Kind::kDateTime);
  EXPECT_EQ(k.def(with_default(dt, "CURRENT_TIMESTAMP", true)),
            k.def(with_default(dt, "current_timestamp()", true)));
  EXPECT_EQ(k.def(with_default(dt, "now()", true)),
            k.def(with_default(dt, "current_timestamp()", true)));
  EXPECT_NE(k.def(with_default(dt, "current_timestamp(6)", true)),
            k.def(with_default(dt, "current_timestamp()", true)));
  EXPECT_EQ(k.def(with_default(boolean, "true", false)), k.def(with_default(boolean, "1", true)));
  EXPECT_EQ(k.def(with_default(boolean, "TRUE", true)),
            k.def(with_default(reflected("tinyint(1)"), "1", true)));
  EXPECT_NE(k.def(with_default(boolean, "1", false)), k.def(with_default(boolean, "0", true)));
  EXPECT_EQ(k.def(with_default(text, "NULL", true)), std::nullopt);
}

TEST(MysqlNormalizer, ExpressionKeysMatchMariadbRewrites) {
  Keys k("mysql");
  // As written, and as MariaDB 10.11 reports it in CHECK_CONSTRAINTS.
  EXPECT_EQ(k.expr("n > 0 AND (q < 10 OR q IS NULL)"),
            k.expr("`n` > 0 and (`q` < 10 or `q` is null)"));
  EXPECT_EQ(k.expr("lower(name) <> 'bob' and q != 3"), k.expr("lcase(`name`) <> 'bob' and `q` <> 3"));
  EXPECT_EQ(k.expr("tier IN ('free', 'pro')"), k.expr("`tier` in ('free','pro')"));
  // MySQL 8's parenthesised form.
  EXPECT_EQ(k.expr("((`a` > 0) and (`b` < 1))"), k.expr("a > 0 AND b < 1"));
  EXPECT_NE(k.expr("a > 0 AND b < 1"), k.expr("a > 0 OR b < 1"));
  EXPECT_NE(k.expr("(a or b) and c"), k.expr("a or b and c"));
}

// Each pair: a CHECK as written, and CHECK_CONSTRAINTS.CHECK_CLAUSE as
// MariaDB 10.11 stored it (read back in a probe; the live version of this
// list is mysql_inspect_test's MariadbCheckRewritesKeyEqual).
const std::vector<std::pair<std::string, std::string>>& mariadb_check_rewrites() {
  static const std::vector<std::pair<std::string, std::string>> pairs{
      {"length(email) > 3", "octet_length(`email`) > 3"},
      {"n != 0", "`n` <> 0"},
      {"n in (1, 2, 3)", "`n` in (1,2,3)"},
      {"n between 1 and 10", "`n` between 1 and 10"},
      {"email is not null", "`email` is not null"},
      {"email like 'a%'", "`email` like 'a%'"},
      {"coalesce(n, 0) >= 0", "coalesce(`n`,0) >= 0"},
      {"CHARACTER_LENGTH(s) > 0", "char_length(`s`) > 0"},
      {"lower(email) = email", "lcase(`email`) = `email`"},
      {"upper(s) <> 'X'", "ucase(`s`) <> 'X'"},
      {"s = _utf8mb4'x'", "`s` = _utf8mb4'x'"},
      {"s <> _latin1'x'", "`s` <> 'x'"},
      {"s <> N'x'", "`s` <> 'x'"},
      {"n > 1.50", "`n` > 1.50"},
      {"n <> 001.50", "`n` <> 1.50"},
      {"n <> .5", "`n` <> 0.5"},
      {"n <> 1.", "`n` <> 1"},
      {"n <> +5", "`n` <> 5"},
      {"n <> -0", "`n` <> 0"},
      {"n >= 00012", "`n` >= 12"},
      {"n not in (4, 5)", "`n` not in (4,5)"},
      {"not (n = 3)", "`n` <> 3"},
      {"not (n > 3)", "`n` <= 3"},
      {"!(n = 1)", "`n` <> 1"},
      {"not (n in (1,2))", "`n` not in (1,2)"},
      {"not (s like 'x%')", "`s`  not like 'x%'"},
      {"not (n is null)", "`n` is not null"},
      {"not (n between 1 and 2)", "`n` not between 1 and 2"},
      {"s not regexp 'q'", "!(`s` regexp 'q')"},
      {"s <> 'it''s'", "`s` <> 'it\\'s'"},
      {"s = 'it\\'s'", "`s` = 'it\\'s'"},
      {"s = 'a\\\\b'", "`s` = 'a\\\\b'"},
      {"s = 'a\\nb'", "`s` = 'a\\nb'"},
      {"s <> \"dq\"", "`s` <> 'dq'"},
      {"n % 2 = 0 and n mod 2 = 0", "`n` MOD 2 = 0 and `n` MOD 2 = 0"},
      {"n > 1 || n < 0", "`n` > 1 or `n` < 0"},
      {"n = TRUE", "`n` = 1"},
      {"n = false", "`n` = 0"},
      {"n is true", "`n` is true"},
      {"n is not true", "`n` is not true"},
      {"substring(s, 1, 1) <> 'q'", "substr(`s`,1,1) <> 'q'"},
      {"(n > 0) and (n < 100)", "`n` > 0 and `n` < 100"},
      {"d > DATE '2020-01-01'", "`d` > DATE'2020-01-01'"},
      {"if(n > 0, 1, 0) = 1", "if(`n` > 0,1,0) = 1"},
      {"- n < 5", "-`n` < 5"},
      {"n = 1e3 or n < 0.5e1", "`n` = 1e3 or `n` < 0.5e1"},
  };
  return pairs;
}

TEST(MysqlNormalizer, ExpressionKeysMatchEveryProbedMariadbRewrite) {
  Keys k("mysql");
  for (const auto& [written, stored] : mariadb_check_rewrites()) {
    EXPECT_EQ(k.expr(written), k.expr(stored)) << written << "  vs  " << stored;
    EXPECT_EQ(k.expr(k.expr(stored)), k.expr(stored)) << "idempotent: " << stored;
  }
  // What must stay different.
  EXPECT_NE(k.expr("s = 'a\\\\b'"), k.expr("s = 'ab'"));
  EXPECT_NE(k.expr("s = 'it\\'s'"), k.expr("s = 'its'"));
  EXPECT_NE(k.expr("not (n = 3)"), k.expr("n = 3"));
  EXPECT_NE(k.expr("not (n > 3 and n < 5)"), k.expr("n <= 3 and n < 5"));
  EXPECT_NE(k.expr("n is true"), k.expr("n is 1"));
  EXPECT_NE(k.expr("n <> 1.50"), k.expr("n <> 1.5"));  // MariaDB keeps the scale
  EXPECT_NE(k.expr("n - 0"), k.expr("n 0"));
  EXPECT_NE(k.expr("t.c > 5"), k.expr("t 0.c > 5"));
  EXPECT_EQ(k.expr("t.c > .5"), "t . c > 0.5");
  // A few keys spelled out.
  EXPECT_EQ(k.expr("`n` <> 0 and not (`s` like _utf8mb4'x%')"), "n <> 0 and s not like 'x%'");
  EXPECT_EQ(k.expr("LENGTH(s) <> 'it\\'s' || \"a\\\\b\" = s"),
            "octet_length ( s ) <> 'it''s' or 'a\\\\b' = s");
  // SQLite keeps its own rules: || is concatenation, "x" a name.
  Keys lite("sqlite");
  EXPECT_EQ(lite.expr("a || b"), "a || b");
  EXPECT_EQ(lite.expr("\"dq\" = 'x'"), "dq = 'x'");
  EXPECT_EQ(lite.expr("n >= 00012"), "n >= 00012");
}

TEST(MysqlNormalizer, Autoincrement) {
  Keys k("mysql");
  model::Column id = kind(Kind::kInteger);
  EXPECT_TRUE(k.autoinc(id, true));
  EXPECT_FALSE(k.autoinc(id, false));
  model::Column off = id;
  off.autoincrement = false;
  EXPECT_FALSE(k.autoinc(off, true));
  model::Column on = id;
  on.autoincrement = true;
  EXPECT_TRUE(k.autoinc(on, false));  // composite key, explicitly
  EXPECT_FALSE(k.autoinc(with_default(id, "0", false), true));
  EXPECT_FALSE(k.autoinc(raw("INT"), true));  // MysqlDialect adds AUTO_INCREMENT to integer kinds only
  // Reflected: what EXTRA said.
  model::Column live = reflected("int(11)", Kind::kInteger);
  EXPECT_FALSE(k.autoinc(live, true));
  live.autoincrement = true;
  EXPECT_TRUE(k.autoinc(live, true));
}

}  // namespace
}  // namespace strata
