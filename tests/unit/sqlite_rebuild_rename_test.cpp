// SQLite table rebuilds that rename columns (dialect/sqlite/rebuild/rebuild.h,
// dialect/sqlite/rebuild/names.h), through the runtime's online path: the
// views and triggers that name a renamed column keep working, as they do
// after a plain ALTER TABLE ... RENAME COLUMN; other tables' foreign keys to
// it follow; swaps, case changes and re-used names; a rebuild that would
// break a working view is refused with nothing changed.
#include <gtest/gtest.h>

#include "unit/sqlite_ops_fixture.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata {
namespace {

using namespace sqlite_ops_testing;  // NOLINT: the fixture's vocabulary

class SqliteRebuildRename : public SqliteOps {
 protected:
  void SetUp() override {
    SqliteOps::SetUp();
    migrate({ops::CreateTable{.table = {.name = "t",
                                        .columns = {key(), col("qty", Kind::kInteger),
                                                    col("code", Kind::kText)}}},
             ops::CreateTable{.table = {.name = "log", .columns = {col("v", Kind::kInteger)}}}});
    exec("CREATE UNIQUE INDEX ix_code ON t (code)");
    exec("INSERT INTO t VALUES (1, 10, 'x'), (2, 20, 'y')");
    exec("CREATE VIEW v_t AS SELECT id, qty FROM t");
    exec("CREATE TRIGGER tr_qty AFTER UPDATE OF qty ON t BEGIN "
         "INSERT INTO log VALUES (new.qty); END");
  }

  // The view's rows as "id:value,..." (its second column by position).
  std::string view_rows() {
    driver::QueryResult r = conn_->query("SELECT * FROM v_t ORDER BY 1");
    std::string out;
    for (const driver::Row& row : r.rows) {
      out += (out.empty() ? "" : ",") + row[0].value_or("NULL") + ":" + row[1].value_or("NULL");
    }
    return out;
  }

  ops::AlterColumn rename_qty(std::string to) const {
    return ops::AlterColumn{.table = "t",
                            .column = "qty",
                            .nullable = false,
                            .new_column_name = std::move(to),
                            .existing_type = type(Kind::kInteger)};
  }
};

TEST_F(SqliteRebuildRename, AlterColumnRenameWithRebuildKeepsViewsAndTriggers) {
  emitter_->clear_step_log();
  migrate({rename_qty("quantity")});
  EXPECT_EQ(creates(), 1);  // a rebuild (nullable), not a plain rename
  EXPECT_EQ(view_rows(), "1:10,2:20");
  EXPECT_NE(stored_sql(std::nullopt, "v_t").find("quantity"), std::string::npos);
  EXPECT_NE(stored_sql(std::nullopt, "tr_qty").find("new.\"quantity\""), std::string::npos)
      << stored_sql(std::nullopt, "tr_qty");
  exec("UPDATE t SET quantity = 11 WHERE id = 1");  // the trigger fires
  EXPECT_EQ(scalar("SELECT group_concat(v) FROM log"), "11");
  EXPECT_TRUE(refused("INSERT INTO t (id) VALUES (3)"));  // NOT NULL now
  EXPECT_TRUE(refused("INSERT INTO t (id, quantity, code) VALUES (3, 1, 'x')"));  // ix_code
}

TEST_F(SqliteRebuildRename, BatchRenamesFollowedByViewsTriggersAndForeignKeys) {
  exec("CREATE TABLE child (id INTEGER PRIMARY KEY, c TEXT REFERENCES t (code))");
  exec("INSERT INTO child VALUES (1, 'x')");
  migrate({ops::BatchAlterTable{
      .table = "t",
      .ops = {ops::AlterColumn{.table = "t", .column = "qty", .type = type(Kind::kBigInteger),
                               .new_column_name = "quantity"},
              ops::RenameColumn{.table = "t", .old_name = "code", .new_name = "sku"},
              ops::AddColumn{.table = "t", .column = col("note", Kind::kText)}}}});
  EXPECT_EQ(view_rows(), "1:10,2:20");
  exec("UPDATE t SET quantity = 21 WHERE id = 2");
  EXPECT_EQ(scalar("SELECT group_concat(v) FROM log"), "21");
  EXPECT_NE(stored_sql(std::nullopt, "child").find("REFERENCES t (\"sku\")"), std::string::npos)
      << stored_sql(std::nullopt, "child");
  EXPECT_FALSE(refused("INSERT INTO child VALUES (2, 'y')"));
  EXPECT_TRUE(refused("INSERT INTO child VALUES (3, 'nope')"));
  EXPECT_TRUE(fk_check_clean(std::nullopt));
}

TEST_F(SqliteRebuildRename, SwapsCaseChangesAndReusedNames) {
  // qty and code swap names; the view follows the column, not the name.
  migrate({ops::BatchAlterTable{
      .table = "t",
      .ops = {ops::RenameColumn{.table = "t", .old_name = "qty", .new_name = "tmp"},
              ops::RenameColumn{.table = "t", .old_name = "code", .new_name = "qty"},
              ops::RenameColumn{.table = "t", .old_name = "tmp", .new_name = "code"},
              ops::AlterColumn{.table = "t", .column = "code", .nullable = false}}}});
  EXPECT_EQ(view_rows(), "1:10,2:20");
  EXPECT_EQ(scalar("SELECT code || '/' || qty FROM t WHERE id = 1"), "10/x");
  // A change of case only.
  migrate({ops::AlterColumn{.table = "t", .column = "code", .nullable = true,
                            .new_column_name = "CODE"}});
  EXPECT_EQ(view_rows(), "1:10,2:20");
  EXPECT_NE(stored_sql(std::nullopt, "t").find("\"CODE\""), std::string::npos);
  // The old name re-used by a new column: the view keeps the renamed one.
  migrate({ops::BatchAlterTable{
      .table = "t",
      .ops = {ops::RenameColumn{.table = "t", .old_name = "CODE", .new_name = "amount"},
              ops::AddColumn{.table = "t", .column = [] {
                               model::Column c = col("code", Kind::kInteger, false);
                               c.server_default = model::ServerDefault{"0", true};
                               return c;
                             }()}}}});
  EXPECT_EQ(view_rows(), "1:10,2:20");
  EXPECT_EQ(scalar("SELECT group_concat(amount || '/' || code) FROM t"), "10/0,20/0");
  exec("UPDATE t SET amount = 12 WHERE id = 1");
  EXPECT_EQ(scalar("SELECT group_concat(v) FROM log"), "12");
}

TEST_F(SqliteRebuildRename, RebuildThatWouldBreakAViewIsRefused) {
  const Rows before = rows(std::nullopt, "t");
  const std::string table_sql = stored_sql(std::nullopt, "t");
  conn_->begin();
  try {
    emit(ops::BatchAlterTable{
        .table = "t",
        .ops = {ops::DropColumn{.table = "t", .column = "qty"},
                ops::AlterColumn{.table = "t", .column = "code", .nullable = false}}});
    ADD_FAILURE() << "the rebuild broke v_t";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_NE(e.message().find("v_t"), std::string::npos) << e.message();
  }
  conn_->commit();
  EXPECT_EQ(rows(std::nullopt, "t"), before);
  EXPECT_EQ(stored_sql(std::nullopt, "t"), table_sql);
  EXPECT_EQ(view_rows(), "1:10,2:20");
}

}  // namespace
}  // namespace strata
