// SQLite table rebuilds of AUTOINCREMENT tables and of tables with ON
// CONFLICT clauses (dialect/sqlite/rebuild/rebuild.h), through the runtime's online
// path, in main and in an attached schema: the keyword stays, the
// sqlite_sequence position is carried (also past deleted rows and for an
// emptied table), a second rebuild reads the first one's table text back; a
// change that removes the key is refused; ON CONFLICT clauses are refused by
// name, nothing changed.
#include <gtest/gtest.h>

#include "unit/sqlite_ops_fixture.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata {
namespace {

using namespace sqlite_ops_testing;  // NOLINT: the fixture's vocabulary

class SqliteRebuildAutoincrement : public SqliteOps,
                                   public ::testing::WithParamInterface<std::optional<std::string>> {
 protected:
  void SetUp() override {
    SqliteOps::SetUp();
    if (schema_) migrate({ops::CreateSchema{.name = *schema_}});
  }
  std::string t(const std::string& name) const { return q(schema_, name); }
  std::string sequence() const {
    return dialect_->quote(schema_.value_or("main")) + ".sqlite_sequence";
  }
  std::string positions() {
    return scalar("SELECT group_concat(name || '=' || seq) FROM (SELECT * FROM " + sequence() +
                  " ORDER BY name)");
  }
  ops::AlterColumn not_null(const std::string& table, const std::string& column) const {
    return ops::AlterColumn{.schema = schema_, .table = table, .column = column,
                            .nullable = false};
  }

  std::optional<std::string> schema_ = GetParam();
};

INSTANTIATE_TEST_SUITE_P(Schemas, SqliteRebuildAutoincrement,
                         ::testing::Values(std::nullopt, std::optional<std::string>("s")),
                         [](const auto& info) { return info.param.value_or("main"); });

TEST_P(SqliteRebuildAutoincrement, KeepsTheKeywordAndThePosition) {
  exec("CREATE TABLE " + t("counter") + " (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
  exec("INSERT INTO " + t("counter") + " (v) VALUES ('a'), ('b'), ('c')");
  exec("DELETE FROM " + t("counter") + " WHERE id = 3");  // the position stays 3
  const Rows before = rows(schema_, "counter");
  migrate({not_null("counter", "v")});
  EXPECT_EQ(rows(schema_, "counter"), before);
  EXPECT_NE(stored_sql(schema_, "counter").find("PRIMARY KEY (id AUTOINCREMENT)"),
            std::string::npos) << stored_sql(schema_, "counter");
  EXPECT_EQ(positions(), "counter=3");
  exec("INSERT INTO " + t("counter") + " (v) VALUES ('d')");
  EXPECT_EQ(scalar("SELECT max(id) FROM " + t("counter")), "4");

  // A second rebuild reads the table-level AUTOINCREMENT back.
  exec("DELETE FROM " + t("counter") + " WHERE id = 4");
  migrate({ops::AddConstraint{.schema = schema_, .table = "counter",
                              .constraint = model::UniqueConstraint{"uq_v", {"v"}}}});
  EXPECT_NE(stored_sql(schema_, "counter").find("AUTOINCREMENT"), std::string::npos);
  EXPECT_EQ(positions(), "counter=4");
  exec("INSERT INTO " + t("counter") + " (v) VALUES ('e')");
  EXPECT_EQ(scalar("SELECT max(id) FROM " + t("counter")), "5");

  // Emptied: no rows to copy, the position still carries.
  exec("DELETE FROM " + t("counter"));
  migrate({ops::DropConstraint{.schema = schema_, .table = "counter", .name = "uq_v",
                               .type = ops::ConstraintType::kUnique}});
  EXPECT_EQ(positions(), "counter=5");
  exec("INSERT INTO " + t("counter") + " (v) VALUES ('f')");
  EXPECT_EQ(scalar("SELECT id FROM " + t("counter")), "6");
}

TEST_P(SqliteRebuildAutoincrement, RenamedKeyKeepsItAndLosingTheKeyIsRefused) {
  exec("CREATE TABLE " + t("counter") + " (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
  exec("INSERT INTO " + t("counter") + " (v) VALUES ('a'), ('b')");
  migrate({ops::BatchAlterTable{
      .schema = schema_,
      .table = "counter",
      .ops = {ops::RenameColumn{.schema = schema_, .table = "counter", .old_name = "id",
                                .new_name = "counter_id"},
              not_null("counter", "v")}}});
  exec("INSERT INTO " + t("counter") + " (v) VALUES ('c')");
  EXPECT_EQ(scalar("SELECT max(counter_id) FROM " + t("counter")), "3");
  EXPECT_EQ(positions(), "counter=3");

  const std::string stored = stored_sql(schema_, "counter");
  conn_->begin();
  try {
    emit(ops::DropConstraint{.schema = schema_, .table = "counter", .name = "pk",
                             .type = ops::ConstraintType::kPrimaryKey});
    ADD_FAILURE() << "the key AUTOINCREMENT needs was dropped";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_NE(e.message().find("AUTOINCREMENT, which needs an INTEGER PRIMARY KEY column"),
              std::string::npos) << e.message();
  }
  conn_->commit();
  EXPECT_EQ(stored_sql(schema_, "counter"), stored);
}

TEST_P(SqliteRebuildAutoincrement, OnConflictClausesAreRefusedByName) {
  exec("CREATE TABLE " + t("kv") + " (k TEXT PRIMARY KEY ON CONFLICT REPLACE, v TEXT)");
  exec("INSERT INTO " + t("kv") + " VALUES ('a', '1')");
  const std::string stored = stored_sql(schema_, "kv");
  conn_->begin();
  try {
    emit(not_null("kv", "v"));
    ADD_FAILURE() << "rebuilt";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_NE(e.message().find("PRIMARY KEY with ON CONFLICT REPLACE (a rebuild would lose the "
                               "clause) is not supported"),
              std::string::npos) << e.message();
  }
  conn_->commit();
  EXPECT_EQ(stored_sql(schema_, "kv"), stored);
  exec("INSERT INTO " + t("kv") + " VALUES ('a', '2')");  // still REPLACE
  EXPECT_EQ(scalar("SELECT group_concat(v) FROM " + t("kv")), "2");
}

}  // namespace
}  // namespace strata
