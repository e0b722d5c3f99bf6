// Tests for models/sql_script.h (splitting) and models/sql_ddl.h (what
// strata reads from SQL model statements itself). No database.
#include <gtest/gtest.h>

#include "models/sql_ddl.h"
#include "models/sql_script.h"
#include "strata/error.h"

namespace strata::models::sql {
namespace {

std::vector<std::string> texts(const std::vector<Statement>& sts) {
  std::vector<std::string> out;
  for (const Statement& st : sts) out.push_back(st.text);
  return out;
}

TEST(SqlSplit, SemicolonsInLiteralsIdentifiersAndCommentsDoNotSplit) {
  std::string script =
      "-- header; comment\n"
      "CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; here'); /* c; d */\n"
      "\n"
      "COMMENT ON TABLE \"a;b\" IS 'x;y';\n";
  std::vector<Statement> sts = split(script, "postgresql", "f.sql");
  ASSERT_EQ(sts.size(), 2u);
  EXPECT_EQ(sts[0].text, "CREATE TABLE \"a;b\" (x text DEFAULT 'it''s; here')");
  EXPECT_EQ(sts[0].line, 2);
  EXPECT_EQ(sts[1].text, "COMMENT ON TABLE \"a;b\" IS 'x;y'");
  EXPECT_EQ(sts[1].line, 4);
}

TEST(SqlSplit, PostgresDollarQuotesNestedCommentsAndEscapeStrings) {
  std::string script =
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\n"
      "BEGIN RETURN 1; END;\n"
      "$body$;\n"
      "/* outer /* inner; */ still; */ SELECT $$a;b$$, E'\\';', $1;\n"
      "SELECT 2";
  std::vector<Statement> sts = split(script, "postgresql", "f.sql");
  ASSERT_EQ(sts.size(), 3u) << ::testing::PrintToString(texts(sts));
  EXPECT_EQ(sts[0].line, 1);
  EXPECT_EQ(sts[1].text, "SELECT $$a;b$$, E'\\';', $1");
  EXPECT_EQ(sts[1].line, 4);
  EXPECT_EQ(sts[2].text, "SELECT 2");
  EXPECT_EQ(sts[2].line, 5);
}

TEST(SqlSplit, MysqlHashCommentsBackslashesAndDoubleQuotedStrings) {
  std::string script =
      "# a; comment\n"
      "INSERT INTO t VALUES ('a\\';b', \"c;d\"); -- x; y\n"
      "SELECT `x;y` FROM t;";
  std::vector<Statement> sts = split(script, "mysql", "f.sql");
  ASSERT_EQ(sts.size(), 2u) << ::testing::PrintToString(texts(sts));
  EXPECT_EQ(sts[0].text, "INSERT INTO t VALUES ('a\\';b', \"c;d\")");
  EXPECT_EQ(sts[0].line, 2);
  EXPECT_EQ(sts[1].text, "SELECT `x;y` FROM t");
}

TEST(SqlSplit, TriggerBodiesKeepTheirSemicolons) {
  std::string script =
      "CREATE TABLE t (a int);\n"
      "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
      "  UPDATE t SET a = CASE WHEN a > 0 THEN 1 ELSE 0 END;\n"
      "  DELETE FROM t WHERE a IS NULL;\n"
      "END;\n"
      "CREATE INDEX ix ON t (a);";
  std::vector<Statement> sts = split(script, "sqlite", "f.sql");
  ASSERT_EQ(sts.size(), 3u) << ::testing::PrintToString(texts(sts));
  EXPECT_EQ(sts[1].line, 2);
  EXPECT_EQ(sts[1].text.substr(sts[1].text.size() - 3), "END");
  EXPECT_EQ(sts[2].line, 6);
}

TEST(SqlSplit, UnterminatedQuoteIsAScriptErrorWithItsLine) {
  try {
    split("SELECT 1;\nSELECT 'oops;\n", "postgresql", "models/a.sql");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_EQ(e.message().rfind("models/a.sql:2: unterminated", 0), 0u) << e.message();
  }
}

ScriptFacts scan_all(const std::string& script, const std::string& dialect) {
  ScriptFacts facts;
  for (const Statement& st : split(script, dialect, "m.sql")) scan(st, dialect, "m.sql", facts);
  return facts;
}

TEST(SqlDdl, DeclaredObjectsSchemasAndFolding) {
  ScriptFacts f = scan_all(
      "CREATE SCHEMA IF NOT EXISTS Core;\n"
      "CREATE TYPE core.Mood AS ENUM ('a');\n"
      "CREATE TYPE core.pair AS (a int, b int);\n"
      "CREATE UNLOGGED TABLE IF NOT EXISTS core.\"Users\" (id int);\n"
      "CREATE SEQUENCE rag.seq;\n"
      "CREATE OR REPLACE VIEW v AS SELECT 1;\n"
      "CREATE UNIQUE INDEX CONCURRENTLY ix ON ONLY audit.t (a);\n"
      "CREATE FUNCTION x.f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n",
      "postgresql");
  std::set<std::string> want_schemas{"audit", "core", "rag"};
  EXPECT_EQ(f.schemas, want_schemas);
  ASSERT_EQ(f.objects.size(), 5u);
  EXPECT_EQ(f.objects[0].kind, DeclaredObject::Kind::kSchema);
  EXPECT_EQ(f.objects[0].name, "core");
  EXPECT_EQ(f.objects[1].kind, DeclaredObject::Kind::kEnum);
  EXPECT_EQ(f.objects[1].name, "mood");
  EXPECT_EQ(f.objects[2].kind, DeclaredObject::Kind::kTable);
  EXPECT_EQ(f.objects[2].schema, std::optional<std::string>("core"));
  EXPECT_EQ(f.objects[2].name, "Users");
  EXPECT_EQ(f.objects[2].line, 4);
  EXPECT_EQ(f.objects[3].kind, DeclaredObject::Kind::kSequence);
  EXPECT_EQ(f.objects[4].kind, DeclaredObject::Kind::kView);
  EXPECT_FALSE(f.objects[4].schema);
}

TEST(SqlDdl, RenameHintsOnTheTableLineAndColumnLines) {
  ScriptFacts f = scan_all(
      "CREATE TABLE core.users ( -- renamed from public.app_users\n"
      "  id integer PRIMARY KEY,\n"
      "  request_count integer, -- Renamed from requests\n"
      "  email text -- renamed from \"mail\"\n"
      "    NOT NULL,\n"
      "  CONSTRAINT c CHECK (id > 0) -- a comment that is no hint\n"
      ");\n"
      "CREATE TABLE t2 (a int); -- renamed from t1\n",
      "postgresql");
  ASSERT_EQ(f.hints.size(), 4u);
  EXPECT_EQ(f.hints[0].schema, std::optional<std::string>("core"));
  EXPECT_EQ(f.hints[0].table, "users");
  EXPECT_FALSE(f.hints[0].column);
  EXPECT_EQ(f.hints[0].old_name, "public.app_users");
  EXPECT_EQ(f.hints[1].column, std::optional<std::string>("request_count"));
  EXPECT_EQ(f.hints[1].old_name, "requests");
  EXPECT_EQ(f.hints[2].column, std::optional<std::string>("email"));
  EXPECT_EQ(f.hints[2].old_name, "mail");
  EXPECT_EQ(f.hints[3].table, "t2");
  EXPECT_FALSE(f.hints[3].column);
  EXPECT_EQ(f.hints[3].old_name, "t1");
}

TEST(SqlDdl, MisplacedRenameHintIsAnErrorWithItsLine) {
  for (const char* script : {"CREATE TABLE t (\n  a int,\n  -- renamed from b\n  c int\n);",
                             "CREATE TABLE t (\n  a int,\n  PRIMARY KEY (a) -- renamed from b\n);"}) {
    try {
      scan_all(script, "sqlite");
      FAIL() << script;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript);
      EXPECT_EQ(e.message().rfind("m.sql:3: ", 0), 0u) << e.message();
    }
  }
}

TEST(SqlDdl, DevTextRenamesMysqlSchemasAndSkipsCreateSchema) {
  std::string script =
      "CREATE SCHEMA core;\n"
      "CREATE TABLE core.users (id int, r int REFERENCES `core`.t (id), note text DEFAULT 'core.x');\n"
      "CREATE VIEW v AS SELECT u.id FROM core.users u;\n";
  std::map<std::string, std::string> scratch{{"core", "s__core"}};
  std::vector<Statement> sts = split(script, "mysql", "m.sql");
  ASSERT_EQ(sts.size(), 3u);
  EXPECT_EQ(dev_text(sts[0], script, "mysql", scratch), "");
  EXPECT_EQ(dev_text(sts[1], script, "mysql", scratch),
            "CREATE TABLE `s__core`.users (id int, r int REFERENCES `s__core`.t (id), note text "
            "DEFAULT 'core.x')");
  EXPECT_EQ(dev_text(sts[2], script, "mysql", scratch),
            "CREATE VIEW v AS SELECT u.id FROM `s__core`.users u");
  EXPECT_EQ(dev_text(sts[0], script, "sqlite", {}), "");
  std::vector<Statement> pg = split(script, "postgresql", "m.sql");
  EXPECT_EQ(dev_text(pg[0], script, "postgresql", {}), "CREATE SCHEMA core");
}

}  // namespace
}  // namespace strata::models::sql
