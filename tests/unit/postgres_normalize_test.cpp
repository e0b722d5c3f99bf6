// PostgresNormalizer (dialect/postgres/normalize.h): the keys that make a
// model fact and what PostgreSQL reflects for it compare equal — type
// aliases, server-rewritten defaults and CHECK / index expressions — and
// the ones that must stay different. The live round trip (render, apply,
// inspect, compare keys) is in tests/integration/postgres_inspect_test.cpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialect/normalizer.h"
#include "dialect/dialect.h"
#include "dialect/postgres/normalize.h"
#include "ops/ops.h"

namespace strata::dialect::postgres {
namespace {

using Kind = model::Type::Kind;

model::Type neutral(Kind kind) {
  model::Type t;
  t.kind = kind;
  return t;
}

model::Column with_type(model::Type type) {
  model::Column c;
  c.name = "c";
  c.type = std::move(type);
  return c;
}
model::Column of(Kind kind) { return with_type(neutral(kind)); }
model::Column raw(const std::string& text) {
  model::Type t = neutral(Kind::kRaw);
  t.raw = text;
  return with_type(t);
}
// A reflected column: format_type's text (the neutral type does not matter
// for the key).
model::Column reflected(const std::string& format_type) {
  model::Column c = raw(format_type);
  c.reflected_type = format_type;
  return c;
}
model::Column string_of(int n) {
  model::Type t = neutral(Kind::kString);
  t.length = n;
  return with_type(t);
}
model::Column numeric(int p, std::optional<int> s) {
  model::Type t = neutral(Kind::kNumeric);
  t.precision = p;
  t.scale = s;
  return with_type(t);
}
model::Column datetime(bool tz) {
  model::Type t = neutral(Kind::kDateTime);
  t.timezone = tz;
  return with_type(t);
}
model::Column float_of(int p) {
  model::Type t = neutral(Kind::kFloat);
  t.precision = p;
  return with_type(t);
}

const PostgresNormalizer norm;

// Every column in `group` has the same type key, `want`.
void expect_type_group(const std::string& want, const std::vector<model::Column>& group) {
  for (const model::Column& c : group) {
    EXPECT_EQ(norm.type_key(c), want) << "raw='" << c.type.raw << "' reflected='"
                                      << c.reflected_type << "' kind=" << int(c.type.kind);
    // Idempotent: the key read back as a type gives the same key.
    EXPECT_EQ(norm.type_key(raw(norm.type_key(c))), want);
  }
}

TEST(PostgresNormalizeTypes, IntegerAliases) {
  expect_type_group("integer", {of(Kind::kInteger), raw("int"), raw("int4"), raw("INTEGER"),
                                raw("serial"), raw("Serial4"), reflected("integer")});
  expect_type_group("bigint", {of(Kind::kBigInteger), raw("int8"), raw("BIGINT"),
                               raw("bigserial"), reflected("bigint")});
  expect_type_group("smallint", {of(Kind::kSmallInteger), raw("int2"), raw("smallserial"),
                                 reflected("smallint")});
}

TEST(PostgresNormalizeTypes, Strings) {
  expect_type_group("character varying(20)",
                    {string_of(20), raw("varchar(20)"), raw("VARCHAR (20)"),
                     raw("character varying(20)"), raw("CHARACTER  VARYING( 20 )"),
                     reflected("character varying(20)")});
  expect_type_group("character varying", {of(Kind::kString), raw("varchar"),
                                          reflected("character varying")});
  expect_type_group("text", {of(Kind::kText), raw("TEXT"), reflected("text")});
  expect_type_group("character(1)", {raw("char"), raw("character"), reflected("character(1)")});
  EXPECT_NE(norm.type_key(raw("varchar(20)")), norm.type_key(raw("varchar(30)")));
  EXPECT_NE(norm.type_key(string_of(20)), norm.type_key(of(Kind::kString)));
  EXPECT_NE(norm.type_key(of(Kind::kText)), norm.type_key(of(Kind::kString)));
}

TEST(PostgresNormalizeTypes, NumbersAndTime) {
  expect_type_group("numeric(10,2)", {numeric(10, 2), raw("numeric(10, 2)"), raw("decimal(10,2)"),
                                      raw("NUMERIC(10,2)"), reflected("numeric(10,2)")});
  expect_type_group("numeric(10,0)", {numeric(10, std::nullopt), raw("decimal(10)"),
                                      reflected("numeric(10,0)")});
  EXPECT_NE(norm.type_key(raw("numeric(10,2)")), norm.type_key(raw("numeric(10,3)")));
  expect_type_group("double precision", {of(Kind::kFloat), raw("float8"), raw("float"),
                                         raw("double precision"), raw("FLOAT(53)"),
                                         reflected("double precision")});
  expect_type_group("real", {float_of(10), raw("float4"), raw("REAL"), raw("float(24)"),
                             reflected("real")});
  expect_type_group("boolean", {of(Kind::kBoolean), raw("bool"), reflected("boolean")});
  expect_type_group("timestamp with time zone",
                    {datetime(true), raw("timestamptz"), raw("TIMESTAMP WITH TIME ZONE"),
                     reflected("timestamp with time zone")});
  expect_type_group("timestamp without time zone",
                    {datetime(false), raw("timestamp"), reflected("timestamp without time zone")});
  expect_type_group("timestamp(3) with time zone",
                    {raw("timestamptz(3)"), raw("timestamp(3) with time zone"),
                     reflected("timestamp(3) with time zone")});
  expect_type_group("time without time zone", {of(Kind::kTime), raw("time"),
                                               reflected("time without time zone")});
  expect_type_group("date", {of(Kind::kDate), reflected("date")});
  expect_type_group("bytea", {of(Kind::kLargeBinary), reflected("bytea")});
  expect_type_group("json", {of(Kind::kJson), reflected("json")});
  expect_type_group("uuid", {of(Kind::kUuid), reflected("uuid")});
  EXPECT_NE(norm.type_key(datetime(true)), norm.type_key(datetime(false)));
  EXPECT_NE(norm.type_key(raw("json")), norm.type_key(raw("jsonb")));
  EXPECT_NE(norm.type_key(raw("int")), norm.type_key(raw("bigint")));
}

TEST(PostgresNormalizeTypes, ArraysAndUserTypes) {
  expect_type_group("text[]", {raw("text[]"), raw("TEXT[]"), raw("text ARRAY"), raw("text[][]"),
                               raw("text[3]"), reflected("text[]")});
  expect_type_group("character varying(5)[]", {raw("varchar(5)[]"),
                                               reflected("character varying(5)[]")});
  expect_type_group("integer[]", {raw("int4[]"), reflected("integer[]")});
  EXPECT_NE(norm.type_key(raw("text[]")), norm.type_key(raw("text")));
  expect_type_group("core.plan_tier", {raw("core.plan_tier"), raw("\"core\".\"plan_tier\""),
                                       raw("Core.Plan_Tier"), reflected("core.plan_tier")});
  // The default schema's types: format_type leaves public unqualified.
  expect_type_group("mood", {raw("public.mood"), raw("mood"), reflected("mood")});
  expect_type_group("\"Mood\"", {raw("\"Mood\""), reflected("\"Mood\"")});
  // "char" quoted is PostgreSQL's one-byte type, not character(1).
  expect_type_group("\"char\"", {raw("\"char\""), reflected("\"char\"")});
  EXPECT_NE(norm.type_key(raw("\"char\"")), norm.type_key(raw("char")));
  EXPECT_NE(norm.type_key(raw("core.plan_tier")), norm.type_key(raw("rag.plan_tier")));
}

// ------------------------------------------------------------- defaults ----

model::Column with_default(model::Column c, const std::string& value, bool expression) {
  c.server_default = model::ServerDefault{value, expression};
  return c;
}
model::Column lit(model::Column c, const std::string& value) {
  return with_default(std::move(c), value, false);
}
model::Column expr(model::Column c, const std::string& value) {
  return with_default(std::move(c), value, true);
}

void expect_default_group(const std::vector<model::Column>& group) {
  ASSERT_FALSE(group.empty());
  std::optional<std::string> want = norm.default_key(group[0]);
  ASSERT_TRUE(want.has_value());
  for (const model::Column& c : group) {
    EXPECT_EQ(norm.default_key(c), want) << "default '" << c.server_default->value << "'";
  }
}

TEST(PostgresNormalizeDefaults, StringLiterals) {
  // What the inspector makes of 'free'::character varying is the literal;
  // the raw server text keys the same too.
  expect_default_group({lit(string_of(20), "free"), lit(reflected("character varying(20)"), "free"),
                        expr(reflected("character varying(20)"), "'free'::character varying"),
                        expr(of(Kind::kText), "'free'::text"), expr(of(Kind::kText), "'free'")});
  expect_default_group({lit(of(Kind::kText), "it's"), expr(reflected("text"), "'it''s'::text")});
  // An enum column: PostgreSQL labels the literal with the enum type.
  expect_default_group({lit(raw("core.plan_tier"), "free"),
                        expr(reflected("core.plan_tier"), "'free'::core.plan_tier")});
  EXPECT_NE(norm.default_key(lit(of(Kind::kText), "a")), norm.default_key(lit(of(Kind::kText), "b")));
  EXPECT_NE(norm.default_key(lit(of(Kind::kText), "free")),
            norm.default_key(lit(of(Kind::kText), "Free")));
}

TEST(PostgresNormalizeDefaults, NumbersAndBooleans) {
  expect_default_group({lit(of(Kind::kInteger), "0"), expr(reflected("integer"), "0"),
                        expr(of(Kind::kInteger), "'0'::integer")});
  expect_default_group({lit(of(Kind::kInteger), "-1"), expr(reflected("integer"), "'-1'::integer"),
                        expr(of(Kind::kInteger), "-1")});
  expect_default_group({lit(numeric(10, 2), "1.50"), expr(reflected("numeric(10,2)"), "1.50")});
  expect_default_group({lit(of(Kind::kBigInteger), "5"), expr(reflected("bigint"), "'5'::bigint")});
  EXPECT_NE(norm.default_key(lit(of(Kind::kInteger), "0")),
            norm.default_key(lit(of(Kind::kInteger), "1")));
  expect_default_group({lit(of(Kind::kBoolean), "true"), expr(reflected("boolean"), "true"),
                        lit(of(Kind::kBoolean), "t"), lit(of(Kind::kBoolean), "TRUE"),
                        expr(of(Kind::kBoolean), "TRUE"), lit(raw("bool"), "yes")});
  expect_default_group({lit(of(Kind::kBoolean), "false"), expr(reflected("boolean"), "false"),
                        lit(of(Kind::kBoolean), "off")});
  EXPECT_NE(norm.default_key(lit(of(Kind::kBoolean), "true")),
            norm.default_key(lit(of(Kind::kBoolean), "false")));
}

TEST(PostgresNormalizeDefaults, Expressions) {
  expect_default_group({expr(datetime(true), "now()"), expr(datetime(true), "NOW()"),
                        expr(reflected("timestamp with time zone"), "now()")});
  expect_default_group({expr(datetime(false), "CURRENT_TIMESTAMP"),
                        expr(reflected("timestamp without time zone"), "CURRENT_TIMESTAMP"),
                        expr(datetime(false), "current_timestamp")});
  EXPECT_NE(norm.default_key(expr(datetime(true), "now()")),
            norm.default_key(expr(datetime(true), "CURRENT_TIMESTAMP")));
  expect_default_group({expr(raw("jsonb"), "'{}'::jsonb"), expr(reflected("jsonb"), "'{}'::jsonb"),
                        lit(raw("jsonb"), "{}")});
  expect_default_group({expr(of(Kind::kBigInteger), "nextval('s'::regclass)"),
                        expr(reflected("bigint"), "nextval('s'::regclass)"),
                        expr(of(Kind::kBigInteger), "nextval('s')")});
  EXPECT_NE(norm.default_key(expr(of(Kind::kBigInteger), "nextval('s'::regclass)")),
            norm.default_key(expr(of(Kind::kBigInteger), "nextval('t'::regclass)")));
  expect_default_group({expr(of(Kind::kText), "gen_random_uuid()::text"),
                        expr(reflected("text"), "(gen_random_uuid())::text")});
}

TEST(PostgresNormalizeDefaults, NoneForIdentityAndAbsentDefaults) {
  EXPECT_EQ(norm.default_key(of(Kind::kInteger)), std::nullopt);
  model::Column identity = expr(of(Kind::kInteger), "nextval('t_id_seq'::regclass)");
  identity.identity = model::Identity{};
  EXPECT_EQ(norm.default_key(identity), std::nullopt);
  // A reflected serial: autoincrement, its nextval default not reported.
  model::Column serial = reflected("integer");
  serial.autoincrement = true;
  EXPECT_EQ(norm.default_key(serial), std::nullopt);
  EXPECT_NE(norm.default_key(lit(of(Kind::kText), "")), std::nullopt);
}

// ---------------------------------------------------------- expressions ----

void expect_expression_group(const std::vector<std::string>& group) {
  ASSERT_FALSE(group.empty());
  const std::string want = norm.expression_key(group[0]);
  for (const std::string& sql : group) {
    EXPECT_EQ(norm.expression_key(sql), want) << sql;
    EXPECT_EQ(norm.expression_key(norm.expression_key(sql)), want) << "not idempotent: " << sql;
  }
}

void expect_different(const std::string& a, const std::string& b) {
  EXPECT_NE(norm.expression_key(a), norm.expression_key(b)) << a << " vs " << b;
}

TEST(PostgresNormalizeExpressions, ParenthesesSpacingCase) {
  expect_expression_group({"a > 0", "(a > 0)", "((a > 0))", "a>0", "A > 0", "a  >\n0"});
  expect_expression_group({"a > 0 AND b < 10", "((a > 0) AND (b < 10))", "a > 0 and (b < 10)"});
  expect_expression_group({"a AND b AND c", "(a AND (b AND c))", "((a AND b) AND c)"});
  expect_expression_group({"a + b * c", "a + (b * c)", "(a + (b * c))"});
  expect_expression_group({"NOT a", "(NOT a)", "not (a)"});
  expect_expression_group({"email IS NOT NULL", "(email IS NOT NULL)", "email notnull"});
  expect_expression_group({"x != 1", "x <> 1", "(x <> 1)"});
  expect_different("a > 0", "a >= 0");
  expect_different("a > 0 AND b < 10", "a > 0 OR b < 10");
  expect_different("a + b * c", "(a + b) * c");
  expect_different("a - b - c", "a - (b - c)");
  expect_different("a", "b");
}

TEST(PostgresNormalizeExpressions, CastsPostgresAdds) {
  // CHECK (status <> 'x') on a varchar column
  expect_expression_group({"status <> 'x'", "((status)::text <> 'x'::text)",
                           "status::text <> 'x'::character varying"});
  // lower(email) on a varchar column (index expression)
  expect_expression_group({"lower(email)", "lower((email)::text)", "lower(email::text)",
                           "LOWER(email)"});
  // CHECK (price > 0) on a numeric column
  expect_expression_group({"price > 0", "(price > (0)::numeric)", "price > 0::numeric"});
  expect_expression_group({"n > -1", "(n > '-1'::integer)", "n > - 1"});
  // A partial index predicate on an enum column
  expect_expression_group({"tier <> 'free'", "(tier <> 'free'::core.plan_tier)"});
  expect_expression_group({"d > date '2020-01-01'", "(d > '2020-01-01'::date)",
                           "d > CAST('2020-01-01' AS date)"});
  expect_different("status <> 'x'", "status <> 'y'");
  expect_different("created_at::date = d", "created_at = d");
}

TEST(PostgresNormalizeExpressions, InListsAndOtherRewrites) {
  expect_expression_group(
      {"x IN ('a','b')", "x in ('a', 'b')",
       "((x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
       "(x = ANY (ARRAY['a'::text, 'b'::text]))"});
  expect_expression_group(
      {"x NOT IN ('a','b')",
       "((x)::text <> ALL ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"});
  expect_expression_group({"x IN ('a')", "((x)::text = 'a'::text)"});
  expect_expression_group({"n IN (1, 2)", "(n = ANY (ARRAY[1, 2]))"});
  expect_different("x IN ('a','b')", "x IN ('a','c')");
  expect_different("x IN ('a','b')", "x NOT IN ('a','b')");
  expect_expression_group({"n BETWEEN 1 AND 10", "((n >= 1) AND (n <= 10))"});
  expect_expression_group({"name LIKE 'a%'", "((name)::text ~~ 'a%'::text)"});
  expect_expression_group({"name NOT ILIKE 'a%'", "((name)::text !~~* 'a%'::text)"});
  expect_expression_group({"CASE WHEN a > 0 THEN 'p' ELSE 'n' END = 'p'",
                           "(CASE WHEN (a > 0) THEN 'p'::text ELSE 'n'::text END = 'p'::text)"});
  expect_expression_group({"coalesce(a, 0) > 1", "(COALESCE(a, 0) > 1)"});
  expect_expression_group({"\"Weird Col\" > 0", "(\"Weird Col\" > 0)"});
  expect_expression_group({"\"plain\" > 0", "plain > 0"});
  expect_different("\"Weird\" > 0", "weird > 0");
}

TEST(PostgresNormalizeExpressions, IndexElementOptions) {
  expect_expression_group({"created_at DESC", "created_at desc", "(created_at) DESC",
                           "created_at DESC NULLS FIRST"});
  expect_expression_group({"created_at", "created_at ASC", "created_at ASC NULLS LAST"});
  expect_expression_group({"created_at NULLS FIRST", "created_at ASC NULLS FIRST"});
  expect_expression_group({"created_at DESC NULLS LAST"});
  expect_expression_group({"name text_pattern_ops", "name TEXT_PATTERN_OPS"});
  expect_expression_group({"name COLLATE \"C\"", "(name COLLATE \"C\")"});
  expect_different("created_at DESC", "created_at");
  expect_different("created_at DESC", "created_at DESC NULLS LAST");
  expect_different("name COLLATE \"C\"", "name");
}

TEST(PostgresNormalizeExpressions, UnparsedTextFallsBackToTokens) {
  // EXTRACT's FROM and subqueries are beyond the parser: tokens, folded.
  expect_expression_group({"EXTRACT(year FROM d) > 2000", "extract(YEAR   from d) > 2000"});
  expect_expression_group({"a IN (SELECT b FROM t)", "A in (select B from T)"});
  expect_different("EXTRACT(year FROM d) > 2000", "EXTRACT(month FROM d) > 2000");
}

// -------------------------------------------------------- autoincrement ----

// Whether PostgresDialect renders the table's column `name` as SERIAL.
bool renders_serial(const model::Table& table) {
  auto sql = make_dialect("postgresql")->render(ops::CreateTable{table});
  return sql.at(0).find("SERIAL") != std::string::npos;
}

TEST(PostgresNormalizeAutoincrement, MatchesWhatTheDialectRenders) {
  struct Case {
    std::string what;
    model::Column column;
    bool sole_pk;
  };
  model::Column id = of(Kind::kInteger);
  id.name = "id";
  model::Column big = of(Kind::kBigInteger);
  big.name = "id";
  model::Column off = id;
  off.autoincrement = false;
  model::Column on = id;
  on.autoincrement = true;
  model::Column defaulted = expr(id, "42");
  model::Column text = of(Kind::kText);
  text.name = "id";
  std::vector<Case> cases = {{"integer sole key", id, true},
                             {"bigint sole key", big, true},
                             {"integer in a composite key", id, false},
                             {"autoincrement false", off, true},
                             {"autoincrement true in a composite key", on, false},
                             {"with a server default", defaulted, true},
                             {"text key", text, true}};
  for (const Case& c : cases) {
    model::Table table;
    table.name = "t";
    table.columns = {c.column};
    table.primary_key = model::PrimaryKey{std::nullopt, {"id"}};
    if (!c.sole_pk) {
      model::Column other = of(Kind::kInteger);
      other.name = "other";
      table.columns.push_back(other);
      table.primary_key->columns.push_back("other");
    }
    EXPECT_EQ(norm.is_autoincrement(c.column, c.sole_pk), renders_serial(table)) << c.what;
  }
}

TEST(PostgresNormalizeAutoincrement, ReflectedAndIdentityColumns) {
  model::Column plain = reflected("integer");
  plain.type = of(Kind::kInteger).type;
  plain.autoincrement = false;  // the inspector always sets it
  EXPECT_FALSE(norm.is_autoincrement(plain, true));
  model::Column serial = plain;
  serial.autoincrement = true;
  EXPECT_TRUE(norm.is_autoincrement(serial, true));
  EXPECT_TRUE(norm.is_autoincrement(serial, false));
  model::Column identity = of(Kind::kBigInteger);
  identity.identity = model::Identity{true};
  identity.autoincrement = false;
  EXPECT_TRUE(norm.is_autoincrement(identity, false));
  EXPECT_TRUE(norm.is_autoincrement(raw("bigserial"), false));
  EXPECT_FALSE(norm.is_autoincrement(raw("int"), false));
}

TEST(PostgresNormalize, MadeByName) {
  auto n = dialect::make_normalizer("postgresql");
  EXPECT_EQ(n->type_key(raw("int4")), "integer");
}

}  // namespace
}  // namespace strata::dialect::postgres
