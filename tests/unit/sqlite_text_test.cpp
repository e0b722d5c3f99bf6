// Edits of SQLite's stored SQL text (dialect/sqlite/text.h): names are
// matched as tokens, never inside strings, blobs, comments or function names.
#include "dialect/sqlite/text.h"

#include <gtest/gtest.h>

#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

TEST(SqliteText, MentionsNamesOnly) {
  EXPECT_TRUE(sqlite_sql_mentions("\"has space\" > 0", "HAS SPACE"));
  EXPECT_TRUE(sqlite_sql_mentions("t.x + 1", "x"));
  EXPECT_TRUE(sqlite_sql_mentions("[größe] IS NOT NULL", "größe"));
  EXPECT_FALSE(sqlite_sql_mentions("'x' = y", "x"));             // a string
  EXPECT_FALSE(sqlite_sql_mentions("lower(y)", "lower"));        // a function
  EXPECT_FALSE(sqlite_sql_mentions("y = X'00'", "x"));           // a blob literal
  EXPECT_FALSE(sqlite_sql_mentions("y /* x */ = 1 -- x", "x"));  // comments
  EXPECT_FALSE(sqlite_sql_mentions("xy > 0", "x"));
}

TEST(SqliteText, RenameIdentifiers) {
  EXPECT_EQ(sqlite_rename_identifiers("length(a) < 5 AND a <> 'a' AND b = X'0a'",
                                      {{"A", "new name"}, {"b", "x"}}),
            "length(\"new name\") < 5 AND \"new name\" <> 'a' AND x = X'0a'");
  // One pass: a swap stays a swap.
  EXPECT_EQ(sqlite_rename_identifiers("a - b", {{"a", "b"}, {"b", "a"}}), "b - a");
  EXPECT_EQ(sqlite_rename_identifiers("\"we\"\"ird\" + 1", {{"we\"ird", "select"}}),
            "\"select\" + 1");
}

TEST(SqliteText, RetargetCreateTable) {
  std::string sql =
      "CREATE TABLE \"old t\" (id INTEGER PRIMARY KEY AUTOINCREMENT, up INT REFERENCES \"old t\" "
      "(id), other INT REFERENCES old_other, note TEXT DEFAULT 'old t') STRICT";
  EXPECT_EQ(sqlite_retarget_create_table(sql, std::string("s x"), "old t", "new"),
            "CREATE TABLE \"s x\".new (id INTEGER PRIMARY KEY AUTOINCREMENT, up INT REFERENCES "
            "new (id), other INT REFERENCES old_other, note TEXT DEFAULT 'old t') STRICT");
  EXPECT_EQ(sqlite_retarget_create_table("CREATE TABLE t(a)", std::nullopt, "t", "t"),
            "CREATE TABLE main.t(a)");
  EXPECT_THROW(sqlite_retarget_create_table("CREATE TABLE t AS SELECT 1", std::nullopt, "t", "u"),
               Error);
}

TEST(SqliteText, RetargetTrigger) {
  EXPECT_EQ(sqlite_retarget_trigger("CREATE TRIGGER \"tr x\" AFTER UPDATE OF a, \"on\" ON t "
                                    "BEGIN UPDATE t SET a = 1; END",
                                    std::string("arch"), "new t"),
            "CREATE TRIGGER arch.\"tr x\" AFTER UPDATE OF a, \"on\" ON \"new t\" "
            "BEGIN UPDATE t SET a = 1; END");
  EXPECT_EQ(sqlite_retarget_trigger("CREATE TRIGGER IF NOT EXISTS s.tr BEFORE DELETE ON s.t "
                                    "BEGIN SELECT 1; END",
                                    std::nullopt, "t"),
            "CREATE TRIGGER IF NOT EXISTS main.tr BEFORE DELETE ON t BEGIN SELECT 1; END");
  EXPECT_THROW(sqlite_retarget_trigger("CREATE TRIGGER", std::nullopt, "t"), Error);
}

TEST(SqliteText, RenameConstraint) {
  using Kind = SqliteConstraintText::Kind;
  const std::string sql =
      "CREATE TABLE t (a INT CONSTRAINT nn NOT NULL CONSTRAINT \"fk a\" REFERENCES p, "
      "b INT, CONSTRAINT pk PRIMARY KEY (a), CONSTRAINT ck CHECK (b > 0))";
  EXPECT_EQ(sqlite_rename_constraint_text(sql, "FK A", "fk new", std::nullopt),
            "CREATE TABLE t (a INT CONSTRAINT nn NOT NULL CONSTRAINT \"fk new\" REFERENCES p, "
            "b INT, CONSTRAINT pk PRIMARY KEY (a), CONSTRAINT ck CHECK (b > 0))");
  EXPECT_EQ(sqlite_rename_constraint_text(sql, "pk", "pk_t", Kind::kPrimaryKey),
            "CREATE TABLE t (a INT CONSTRAINT nn NOT NULL CONSTRAINT \"fk a\" REFERENCES p, "
            "b INT, CONSTRAINT pk_t PRIMARY KEY (a), CONSTRAINT ck CHECK (b > 0))");
  EXPECT_FALSE(sqlite_rename_constraint_text(sql, "ck", "x", Kind::kUnique));  // wrong kind
  EXPECT_FALSE(sqlite_rename_constraint_text(sql, "nn", "x", std::nullopt));   // NOT NULL
  EXPECT_FALSE(sqlite_rename_constraint_text(sql, "missing", "x", std::nullopt));
}

}  // namespace
}  // namespace strata::dialect::sqlite
