// The MySQL dialect's alter_column (fixtures: mysql_ops_fixture.h). A change
// of type, nullability or comment restates the whole column (MODIFY /
// CHANGE): online the facts the op does not give come from the catalog, so
// nothing is dropped; in --sql mode a missing fact is an error naming it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dialect/mysql/types.h"
#include "dialect/mysql/render_parts.h"
#include "integration/mysql_ops_fixture.h"

namespace strata {
namespace {

using namespace mysql_test;  // NOLINT: the fixtures

ops::AlterColumn alter(std::string column) {
  return ops::AlterColumn{.table = "t", .column = std::move(column)};
}

class MysqlAlterColumn : public MysqlOps {
 protected:
  // "column_type|is_nullable|column_default or none|comment|extra" of t.<name>.
  std::string column(const std::string& name) {
    return scalar("SELECT CONCAT_WS('|', column_type, is_nullable, COALESCE(column_default, "
                  "'none'), column_comment, extra) FROM information_schema.columns WHERE "
                  "table_schema = DATABASE() AND table_name = 't' AND column_name = " +
                  lit(name));
  }
};

// ---- --sql ------------------------------------------------------------------

TEST_F(MysqlOpsOffline, AlterColumnNamesTheFactsItWouldDrop) {
  // The reviewer's case: only the new type. MODIFY id BIGINT NULL would
  // drop NOT NULL and AUTO_INCREMENT (and any default and comment).
  ops::AlterColumn widen = alter("id");
  widen.type = type(Kind::kBigInteger);
  EXPECT_TRUE(live_.needs_live_catalog(widen));
  std::string message = offline_error(widen);
  EXPECT_NE(message.find("to change its type, so strata reads what the op does not say from "
                         "the catalog rather than drop it; for --sql pass existing_nullable, "
                         "existing_server_default, existing_comment and existing_autoincrement "
                         "(false for a default, comment or AUTO_INCREMENT the column does not "
                         "have)"),
            std::string::npos)
      << message;
  // Each fact given: restated as said; false = none.
  widen.existing_nullable = false;
  widen.existing_server_default = std::optional<model::ServerDefault>();
  widen.existing_comment = std::optional<std::string>();
  widen.existing_autoincrement = true;
  EXPECT_EQ(offline(widen), "ALTER TABLE t MODIFY id BIGINT NOT NULL AUTO_INCREMENT;\n\n");
  widen.existing_autoincrement = false;
  widen.existing_server_default = model::ServerDefault{"CURRENT_TIMESTAMP", true};
  widen.existing_comment = "it's the id";
  EXPECT_EQ(offline(widen), "ALTER TABLE t MODIFY id BIGINT NOT NULL DEFAULT CURRENT_TIMESTAMP "
                            "COMMENT 'it''s the id';\n\n");

  // A type that cannot be AUTO_INCREMENT is not asked about it (and does
  // not get it); without existing_type the type is missing too.
  ops::AlterColumn note = alter("note");
  note.nullable = false;
  EXPECT_NE(offline_error(note).find("to change its nullability, so strata reads what the op "
                                     "does not say from the catalog rather than drop it; for "
                                     "--sql pass existing_type, existing_server_default, "
                                     "existing_comment and existing_autoincrement ("),
            std::string::npos);
  note.existing_type = type(Kind::kText);
  note.existing_autoincrement = true;
  EXPECT_NE(offline_error(note).find("pass existing_server_default and existing_comment ("),
            std::string::npos);
  note.existing_server_default = std::optional<model::ServerDefault>();
  note.existing_comment = "free text";
  EXPECT_EQ(offline(note), "ALTER TABLE t MODIFY note TEXT NOT NULL COMMENT 'free text';\n\n");
  // A new comment replaces the existing one; removing it needs no other
  // comment fact. A rename with a change is CHANGE.
  note.comment = std::optional<std::string>();
  note.nullable.reset();
  note.existing_nullable = true;
  note.new_column_name = "remarks";
  EXPECT_EQ(offline(note), "ALTER TABLE t CHANGE note remarks TEXT NULL;\n\n");
}

TEST_F(MysqlOpsOffline, AlterColumnDefaultOrRenameAloneRestatesNothing) {
  EXPECT_EQ(offline(alter("c")), "");
  // A default and a rename: two statements (MariaDB refuses both in one),
  // no facts needed, nothing live; using_expr is PostgreSQL's.
  ops::AlterColumn both = alter("c");
  both.server_default = std::optional<model::ServerDefault>(model::ServerDefault{"it's", false});
  both.new_column_name = "d";
  both.using_expr = "c::text";
  EXPECT_FALSE(live_.needs_live_catalog(both));
  EXPECT_EQ(offline(both),
            "ALTER TABLE t ALTER COLUMN c SET DEFAULT 'it''s';\n\n"
            "ALTER TABLE t RENAME COLUMN c TO d;\n\n");
  ops::AlterColumn drop = alter("c");
  drop.server_default = std::optional<model::ServerDefault>();
  EXPECT_EQ(offline(drop), "ALTER TABLE t ALTER COLUMN c DROP DEFAULT;\n\n");
  ops::AlterColumn expression = alter("c");
  expression.server_default =
      std::optional<model::ServerDefault>(model::ServerDefault{"now()", true});
  EXPECT_EQ(offline(expression), "ALTER TABLE t ALTER COLUMN c SET DEFAULT (now());\n\n");
}

// The inspector's default (mysql::default_from_catalog) restated with
// MysqlDialect::default_sql: what a MODIFY writes for a default the op does
// not give.
TEST(MysqlCatalogDefault, AsMariadbAndMysqlReportIt) {
  dialect::mysql::MysqlDialect d;
  auto restated = [&d](std::optional<std::string> v, std::string extra,
                       bool mariadb) -> std::optional<std::string> {
    auto def = dialect::mysql::default_from_catalog(v, extra, mariadb);
    if (!def) return std::nullopt;
    return d.default_sql(*def);
  };
  auto mariadb = [&](std::optional<std::string> v) { return restated(v, "", true); };
  auto mysql = [&](std::optional<std::string> v, std::string extra = "") {
    return restated(v, extra, false);
  };
  // No default (SQL NULL) and DEFAULT NULL (the word): nothing to restate.
  EXPECT_EQ(mariadb(std::nullopt), std::nullopt);
  EXPECT_EQ(mariadb("NULL"), std::nullopt);
  // MariaDB: literals come quoted and escaped; numbers, bit values and
  // expressions as SHOW CREATE TABLE writes them. All restated as written.
  for (const char* v : {"'it''s'", "'a\\\\b'", "'NULL'", "''", "1.50", "-1", "b'1'",
                        "current_timestamp()", "concat('a','b')", "(1 + 1)"}) {
    EXPECT_EQ(mariadb(v), v);
  }
  // MySQL 8: bare literals, expressions marked DEFAULT_GENERATED.
  EXPECT_EQ(mysql("it's"), "'it''s'");
  EXPECT_EQ(mysql("0"), "'0'");
  EXPECT_EQ(mysql("CURRENT_TIMESTAMP", "DEFAULT_GENERATED on update CURRENT_TIMESTAMP"),
            "CURRENT_TIMESTAMP");
  EXPECT_EQ(mysql("concat(_utf8mb4'a',_utf8mb4'b')", "DEFAULT_GENERATED"),
            "(concat(_utf8mb4'a',_utf8mb4'b'))");
  EXPECT_EQ(mysql(std::nullopt), std::nullopt);
}

// ---- online -------------------------------------------------------------------

TEST_F(MysqlAlterColumn, NewTypeKeepsNotNullAndAutoIncrement) {
  // The reviewer's case, made by the ops: t(id Integer primary key), then
  // only the type changes.
  ops::CreateTable create{.table = {.name = "t"}};
  create.table.columns = {model::Column{.name = "id", .type = type(Kind::kInteger),
                                        .primary_key = true}};
  emit(create);
  ASSERT_EQ(column("id"), "int(11)|NO|none||auto_increment");
  ops::AlterColumn widen = alter("id");
  widen.type = type(Kind::kBigInteger);
  EXPECT_EQ(emit(widen), std::vector<std::string>{
                             "ALTER TABLE t MODIFY id BIGINT NOT NULL AUTO_INCREMENT"});
  EXPECT_EQ(column("id"), "bigint(20)|NO|none||auto_increment");
  conn_->execute("INSERT INTO t () VALUES (), ()");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(id ORDER BY id) FROM t"), "1,2");
}

TEST_F(MysqlAlterColumn, RestatesWhatOnlyTheCatalogKnows) {
  conn_->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY,"
      " name VARCHAR(10) COLLATE utf8mb4_bin NOT NULL DEFAULT 'it''s a\\\\b' COMMENT 'the name',"
      " expr VARCHAR(10) DEFAULT (concat('a','b')),"
      " stamp DATETIME NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),"
      " qty INTEGER CHECK (qty > 0),"
      " hidden INTEGER INVISIBLE DEFAULT 7,"
      " plus INTEGER AS (qty + 1) VIRTUAL)");

  // A literal default with a quote and a backslash, the comment, NOT NULL
  // and the column's own collation survive a new type.
  ops::AlterColumn name = alter("name");
  name.type = type(Kind::kString, 20);
  EXPECT_EQ(emit(name), std::vector<std::string>{
                            "ALTER TABLE t MODIFY name VARCHAR(20) COLLATE utf8mb4_bin NOT NULL "
                            "DEFAULT 'it''s a\\\\b' COMMENT 'the name'"});
  EXPECT_EQ(column("name"), "varchar(20)|NO|'it''s a\\\\b'|the name|");
  EXPECT_EQ(scalar("SELECT collation_name FROM information_schema.columns WHERE table_schema = "
                   "DATABASE() AND table_name = 't' AND column_name = 'name'"),
            "utf8mb4_bin");
  conn_->execute("INSERT INTO t (id, qty) VALUES (1, 1)");
  EXPECT_EQ(scalar("SELECT name FROM t WHERE id = 1"), "it's a\\b");

  // An expression default stays an expression.
  ops::AlterColumn expr = alter("expr");
  expr.nullable = false;
  EXPECT_EQ(emit(expr), std::vector<std::string>{
                            "ALTER TABLE t MODIFY expr varchar(10) NOT NULL DEFAULT "
                            "concat('a','b')"});
  EXPECT_EQ(column("expr"), "varchar(10)|NO|concat('a','b')||");

  // ON UPDATE stays.
  ops::AlterColumn stamp = alter("stamp");
  stamp.comment = std::optional<std::string>("when");
  emit(stamp);
  EXPECT_EQ(column("stamp"),
            "datetime|NO|current_timestamp()|when|on update current_timestamp()");

  // The check written in the column's definition stays (MariaDB would drop
  // it), and DEFAULT NULL is left implicit.
  ops::AlterColumn qty = alter("qty");
  qty.type = type(Kind::kBigInteger);
  EXPECT_EQ(emit(qty), std::vector<std::string>{
                           "ALTER TABLE t MODIFY qty BIGINT NULL CHECK (`qty` > 0)"});
  EXPECT_EQ(column("qty"), "bigint(20)|YES|NULL||");
  EXPECT_TRUE(refused("INSERT INTO t (id, qty) VALUES (2, 0)"));

  // Renamed as well: the check names the old column, so MODIFY first, then
  // RENAME COLUMN (which rewrites the check).
  conn_->execute("CREATE TABLE t2 (id INTEGER PRIMARY KEY, qty INTEGER CHECK (qty > 0))");
  ops::AlterColumn renamed{.table = "t2", .column = "qty", .type = type(Kind::kBigInteger),
                           .new_column_name = "q2"};
  EXPECT_EQ(emit(renamed),
            (std::vector<std::string>{"ALTER TABLE t2 MODIFY qty BIGINT NULL CHECK (`qty` > 0)",
                                      "ALTER TABLE t2 RENAME COLUMN qty TO q2"}));
  EXPECT_TRUE(refused("INSERT INTO t2 (id, q2) VALUES (1, 0)"));
  EXPECT_FALSE(refused("INSERT INTO t2 (id, q2) VALUES (1, 5)"));

  // INVISIBLE stays.
  ops::AlterColumn hidden = alter("hidden");
  hidden.nullable = false;
  emit(hidden);
  EXPECT_EQ(column("hidden"), "int(11)|NO|7||INVISIBLE");

  // A generated column is not restated; a missing column is the database's
  // error.
  ops::AlterColumn plus = alter("plus");
  plus.nullable = false;
  try {
    emit(plus);
    ADD_FAILURE() << "restated a generated column";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_NE(e.message().find("alter_column t.plus: restating a generated column (VIRTUAL "
                               "GENERATED) is not supported"),
              std::string::npos)
        << e.message();
  }
  ops::AlterColumn missing = alter("nope");
  missing.nullable = false;
  try {
    emit(missing);
    ADD_FAILURE() << "altered a missing column";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_NE(e.message().find("alter_column t.nope: table t has no column 'nope'"),
              std::string::npos)
        << e.message();
  }
}

TEST_F(MysqlAlterColumn, GivenFactsWinAndDefaultOrRenameAloneNeedNone) {
  conn_->execute("CREATE TABLE t (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                 "`name` VARCHAR(10) NOT NULL DEFAULT 'x' COMMENT 'it''s the name')");
  // Every fact given: the same statement online as in --sql.
  ops::AlterColumn widen = alter("name");
  widen.type = type(Kind::kString, 20);
  widen.existing_nullable = false;
  widen.existing_server_default = model::ServerDefault{"x", false};
  widen.existing_comment = "it's the name";
  const std::string modify =
      "ALTER TABLE t MODIFY name VARCHAR(20) NOT NULL DEFAULT 'x' COMMENT 'it''s the name'";
  EXPECT_EQ(offline(widen), modify + ";\n\n");
  EXPECT_EQ(emit(widen), std::vector<std::string>{modify});
  EXPECT_EQ(column("name"), "varchar(20)|NO|'x'|it's the name|");
  // A given fact wins over the catalog: the script says there is no comment.
  ops::AlterColumn nullable = alter("name");
  nullable.nullable = true;
  nullable.existing_comment = std::optional<std::string>();
  EXPECT_EQ(emit(nullable), std::vector<std::string>{
                                "ALTER TABLE t MODIFY name varchar(20) NULL DEFAULT 'x'"});
  EXPECT_EQ(column("name"), "varchar(20)|YES|'x'||");

  // The default alone: ALTER COLUMN; an expression too.
  ops::AlterColumn def = alter("name");
  def.server_default = std::optional<model::ServerDefault>(
      model::ServerDefault{"concat('a', 'b')", true});
  EXPECT_EQ(emit(def), std::vector<std::string>{
                           "ALTER TABLE t ALTER COLUMN name SET DEFAULT (concat('a', 'b'))"});
  EXPECT_EQ(column("name"), "varchar(20)|YES|concat('a','b')||");

  // A rename with a change is CHANGE, keeping what the op does not say
  // (here the expression default); a rename alone is RENAME COLUMN.
  ops::AlterColumn change = alter("name");
  change.nullable = false;
  change.comment = std::optional<std::string>("the name");
  change.new_column_name = "full name";
  EXPECT_EQ(emit(change), std::vector<std::string>{
                              "ALTER TABLE t CHANGE name `full name` varchar(20) NOT NULL "
                              "DEFAULT concat('a','b') COMMENT 'the name'"});
  EXPECT_EQ(column("full name"), "varchar(20)|NO|concat('a','b')|the name|");
  ops::AlterColumn rename = alter("full name");
  rename.new_column_name = "name";
  EXPECT_EQ(emit(rename),
            std::vector<std::string>{"ALTER TABLE t RENAME COLUMN `full name` TO name"});
  EXPECT_EQ(column("name"), "varchar(20)|NO|concat('a','b')|the name|");

  // Inside a batch the same: read from the catalog.
  ops::AlterColumn id = alter("id");
  id.type = type(Kind::kBigInteger);
  ops::BatchAlterTable batch{.table = "t", .ops = {id}};
  EXPECT_TRUE(live_.needs_live_catalog(batch));
  EXPECT_EQ(emit(batch), std::vector<std::string>{
                             "ALTER TABLE t MODIFY id BIGINT NOT NULL AUTO_INCREMENT"});
  EXPECT_EQ(column("id"), "bigint(20)|NO|none||auto_increment");
}

}  // namespace
}  // namespace strata
