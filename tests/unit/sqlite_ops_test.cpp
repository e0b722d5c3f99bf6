// SQLite's live ops (dialect/sqlite/live.h) through the runtime's real
// path: runtime::SqlEmitter online over driver::connect(sqlite URL), inside
// the migration transaction (begin()/commit()), on temp-file databases with
// an attached schema. Each rebuild keeps every row (compared in full), its
// indexes and triggers, enforces the new constraint and leaves
// PRAGMA foreign_key_check clean; batches are one rebuild; a rolled-back
// transaction restores everything; the live ops are clear errors offline.
// move_table: sqlite_move_table_test.cpp.
#include <gtest/gtest.h>

#include "unit/sqlite_ops_fixture.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata {
namespace {

using namespace sqlite_ops_testing;  // NOLINT: the fixture's vocabulary

// parent (2 rows) and "order" (awkward names, a check, a foreign key to
// parent, two indexes, a trigger writing to audit) in the main database or
// an attached schema.
class SqliteRebuildOps : public SqliteOps,
                         public ::testing::WithParamInterface<std::optional<std::string>> {
 protected:
  void SetUp() override {
    SqliteOps::SetUp();
    schema_ = GetParam();
    if (schema_) migrate({ops::CreateSchema{.name = *schema_}});
    ops::CreateTable parent{.table = {.schema = schema_,
                                      .name = "parent",
                                      .columns = {key(), col("label", Kind::kText)}}};
    ops::CreateTable order{.table = {.schema = schema_, .name = "order"}};
    model::Column size = col("größe", Kind::kString);
    size.type.length = 20;
    size.server_default = model::ServerDefault{"M", false};
    model::Column space = col("has space", Kind::kInteger, false);
    space.server_default = model::ServerDefault{"0", true};
    order.table.columns = {key(), size, space, col("a\"b", Kind::kText),
                           col("parent_id", Kind::kInteger)};
    order.table.checks = {{.name = "ck_space", .sqltext = "\"has space\" >= 0"}};
    order.table.foreign_keys = {{.name = "fk_order_parent",
                                 .columns = {"parent_id"},
                                 .ref_schema = schema_,
                                 .ref_table = "parent",
                                 .ref_columns = {"id"}}};
    ops::CreateTable audit{.table = {.schema = schema_, .name = "audit",
                                     .columns = {col("what", Kind::kText)}}};
    migrate({parent, order, audit,
             ops::CreateIndex{index(schema_, "order", "ix_size", {{"größe"}})},
             ops::CreateIndex{[&] {
               model::Index ix = index(schema_, "order", "ix two", {{"lower(\"a\"\"b\")", true}});
               ix.where = "\"a\"\"b\" IS NOT NULL";
               return ix;
             }()}});
    exec("CREATE TRIGGER " + q(schema_, "trg order") + " AFTER INSERT ON \"order\" BEGIN " +
         "INSERT INTO audit VALUES ('ins ' || new.id); END");
    exec("INSERT INTO " + q(schema_, "parent") + " VALUES (1, 'one'), (2, 'two')");
    exec("INSERT INTO " + q(schema_, "order") +
         " (id, \"größe\", \"has space\", \"a\"\"b\", parent_id) VALUES "
         "(1, 'XL', 10, 'x', 1), (2, NULL, 20, 'ü''s', 2), (3, 'S', 30, NULL, NULL)");
    emitter_->clear_step_log();
  }
  std::string o() const { return q(schema_, "order"); }
  // The indexes and trigger are back and the trigger fires.
  void expect_companions(const std::vector<std::string>& indexes = {"ix two", "ix_size"}) {
    EXPECT_EQ(names(schema_, "index", "order"), indexes);
    EXPECT_EQ(names(schema_, "trigger", "order"), std::vector<std::string>{"trg order"});
    std::string before = scalar("SELECT count(*) FROM " + q(schema_, "audit"));
    conn_->begin();
    exec("INSERT INTO " + o() + " (id) VALUES (99)");
    EXPECT_EQ(std::stoi(scalar("SELECT count(*) FROM " + q(schema_, "audit"))),
              std::stoi(before) + 1);
    conn_->rollback();
  }

  std::optional<std::string> schema_;
};

INSTANTIATE_TEST_SUITE_P(Schemas, SqliteRebuildOps,
                         ::testing::Values(std::nullopt, std::optional<std::string>("s")),
                         [](const auto& info) { return info.param ? *info.param : "main"; });

TEST_P(SqliteRebuildOps, AlterColumnTypeNullableDefault) {
  Rows before = rows(schema_, "order");
  migrate({ops::AlterColumn{.schema = schema_,
                            .table = "order",
                            .column = "a\"b",
                            .type = type(Kind::kString)},
           ops::AlterColumn{.schema = schema_,
                            .table = "order",
                            .column = "has space",
                            .nullable = true,
                            .server_default = model::ServerDefault{"7", true}}});
  EXPECT_EQ(creates(), 2);  // one rebuild each
  EXPECT_EQ(rows(schema_, "order"), before);
  std::string sql = stored_sql(schema_, "order");
  EXPECT_NE(sql.find("\"a\"\"b\" VARCHAR,"), std::string::npos) << sql;
  EXPECT_NE(sql.find("\"has space\" INTEGER DEFAULT (7),"), std::string::npos) << sql;
  expect_companions();
  EXPECT_TRUE(fk_check_clean(schema_));
  // The default applies; the check still holds.
  conn_->begin();
  exec("INSERT INTO " + o() + " (id) VALUES (50)");
  EXPECT_EQ(scalar("SELECT \"has space\" FROM " + o() + " WHERE id = 50"), "7");
  EXPECT_TRUE(refused("UPDATE " + o() + " SET \"has space\" = -1 WHERE id = 1"));
  conn_->rollback();

  // NOT NULL again: the row with a NULL größe makes it fail, and the
  // migration's transaction is rolled back to the original table.
  std::string sql_before = stored_sql(schema_, "order");
  conn_->begin();
  try {
    emit(ops::AlterColumn{.schema = schema_, .table = "order", .column = "größe", .nullable = false});
    FAIL() << "expected a NOT NULL failure";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_EQ(e.message().rfind("alter_column " + std::string(schema_ ? "s." : "") + "order.größe: ",
                                0),
              0u)
        << e.message();
    EXPECT_NE(e.message().find("NOT NULL constraint failed"), std::string::npos) << e.message();
  }
  ASSERT_TRUE(conn_->in_transaction());
  EXPECT_EQ(stored_sql(schema_, "order"), sql_before);
  conn_->rollback();
  migrate({ops::AlterColumn{.schema = schema_, .table = "order", .column = "größe",
                            .server_default = std::optional<model::ServerDefault>()}});
  EXPECT_EQ(stored_sql(schema_, "order").find("DEFAULT 'M'"), std::string::npos);
  exec("UPDATE " + o() + " SET \"größe\" = 'L' WHERE id = 2");
  migrate({ops::AlterColumn{.schema = schema_, .table = "order", .column = "größe", .nullable = false}});
  EXPECT_TRUE(refused("INSERT INTO " + o() + " (id, \"größe\", \"has space\") VALUES (60, NULL, 1)"));
  EXPECT_EQ(rows(schema_, "order").size(), 3u);
}

TEST_P(SqliteRebuildOps, AlterColumnNameOrCommentOnlyIsNoRebuild) {
  Rows before = rows(schema_, "order");
  migrate({ops::AlterColumn{.schema = schema_, .table = "order", .column = "größe",
                            .new_column_name = "size"},
           ops::AlterColumn{.schema = schema_, .table = "order", .column = "size",
                            .comment = std::optional<std::string>("ignored")}});
  EXPECT_EQ(creates(), 0);
  EXPECT_EQ(emitter_->step_log(),
            std::vector<std::string>{"ALTER TABLE " + o() + " RENAME COLUMN \"größe\" TO size"});
  EXPECT_EQ(rows(schema_, "order"), before);
  std::string ix = stored_sql(schema_, "ix_size");
  EXPECT_NE(ix.substr(ix.find(" ON ")).find("size"), std::string::npos) << ix;
}

TEST_P(SqliteRebuildOps, UniqueConstraintAddedEnforcedDropped) {
  Rows before = rows(schema_, "order");
  migrate({ops::AddConstraint{.schema = schema_, .table = "order",
                              .constraint = model::UniqueConstraint{"uq order space", {"has space"}}}});
  EXPECT_EQ(creates(), 1);
  EXPECT_EQ(rows(schema_, "order"), before);
  expect_companions();
  EXPECT_TRUE(refused("INSERT INTO " + o() + " (id, \"has space\") VALUES (70, 10)"));
  EXPECT_TRUE(fk_check_clean(schema_));
  migrate({ops::DropConstraint{.schema = schema_, .table = "order", .name = "uq order space",
                               .type = ops::ConstraintType::kUnique}});
  EXPECT_FALSE(refused("INSERT INTO " + o() + " (id, \"has space\") VALUES (70, 10)"));
  EXPECT_EQ(rows(schema_, "order"), before);
  expect_companions();
  // Unknown names are errors, unless if_exists.
  conn_->begin();
  EXPECT_THROW(emit(ops::DropConstraint{.schema = schema_, .table = "order", .name = "nope"}), Error);
  emitter_->clear_step_log();
  emit(ops::DropConstraint{.schema = schema_, .table = "order", .name = "nope", .if_exists = true});
  EXPECT_EQ(creates(), 0);
  conn_->rollback();
}

TEST_P(SqliteRebuildOps, CheckConstraintAddedAndDropped) {
  Rows before = rows(schema_, "order");
  migrate({ops::AddConstraint{.schema = schema_, .table = "order",
                              .constraint = model::CheckConstraint{"ck_small", "\"has space\" < 100"}},
           ops::DropConstraint{.schema = schema_, .table = "order", .name = "ck_space",
                               .type = ops::ConstraintType::kCheck}});
  EXPECT_EQ(rows(schema_, "order"), before);
  EXPECT_TRUE(refused("UPDATE " + o() + " SET \"has space\" = 100 WHERE id = 1"));
  EXPECT_FALSE(refused("UPDATE " + o() + " SET \"has space\" = -5 WHERE id = 1"));
  expect_companions();
  EXPECT_TRUE(fk_check_clean(schema_));
  // A check the rows violate fails and changes nothing.
  conn_->begin();
  EXPECT_THROW(emit(ops::AddConstraint{.schema = schema_, .table = "order",
                                       .constraint = model::CheckConstraint{"ck_no", "\"has space\" > 15"}}),
               Error);
  conn_->rollback();
  EXPECT_EQ(rows(schema_, "order"), before);
}

TEST_P(SqliteRebuildOps, ForeignKeyAddedEnforcedAndChecked) {
  migrate({ops::DropConstraint{.schema = schema_, .table = "order", .name = "fk_order_parent",
                               .type = ops::ConstraintType::kForeignKey}});
  EXPECT_FALSE(refused("INSERT INTO " + o() + " (id, \"has space\", parent_id) VALUES (80, 1, 42)"));
  Rows before = rows(schema_, "order");
  // ref_schema unset: the table's own database.
  migrate({ops::AddConstraint{.schema = schema_, .table = "order",
                              .constraint = model::ForeignKey{.name = "fk again",
                                                              .columns = {"parent_id"},
                                                              .ref_table = "parent",
                                                              .ref_columns = {"id"},
                                                              .ondelete = "SET NULL"}}});
  EXPECT_EQ(rows(schema_, "order"), before);
  EXPECT_TRUE(refused("INSERT INTO " + o() + " (id, \"has space\", parent_id) VALUES (80, 1, 42)"));
  EXPECT_TRUE(fk_check_clean(schema_));
  expect_companions();
  exec("DELETE FROM " + q(schema_, "parent") + " WHERE id = 2");  // SET NULL fires
  EXPECT_EQ(scalar("SELECT quote(parent_id) FROM " + o() + " WHERE id = 2"), "NULL");

  // Rows that would be orphaned: refused with the rows named, nothing changed.
  exec("PRAGMA foreign_keys = OFF");
  exec("UPDATE " + o() + " SET parent_id = 77 WHERE id = 3");
  exec("PRAGMA foreign_keys = ON");
  migrate({ops::DropConstraint{.schema = schema_, .table = "order", .name = "fk again"}});
  std::string sql_before = stored_sql(schema_, "order");
  conn_->begin();
  try {
    emit(ops::AddConstraint{.schema = schema_, .table = "order",
                            .constraint = model::ForeignKey{.name = "fk3", .columns = {"parent_id"},
                                                            .ref_table = "parent", .ref_columns = {"id"}}});
    FAIL() << "expected a violation";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("order rowid 3 (parent_id) has no parent row in parent"),
              std::string::npos) << e.message();
  }
  conn_->rollback();
  EXPECT_EQ(stored_sql(schema_, "order"), sql_before);
  // A foreign key into another database file is not expressible.
  conn_->begin();
  try {
    emit(ops::AddConstraint{.schema = schema_, .table = "order",
                            .constraint = model::ForeignKey{.columns = {"parent_id"},
                                                            .ref_schema = schema_ ? "main" : "s",
                                                            .ref_table = "parent"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_NE(e.message().find("cannot reference a table in another database"), std::string::npos);
  }
  conn_->rollback();
}

TEST_P(SqliteRebuildOps, PrimaryKeyAddedAndDropped) {
  migrate({ops::CreateTable{.table = {.schema = schema_, .name = "loose",
                                      .columns = {col("code", Kind::kText), col("n", Kind::kInteger)}}}});
  exec("INSERT INTO " + q(schema_, "loose") + " VALUES ('a', 1), ('b', 2), (NULL, 3)");
  Rows before = rows(schema_, "loose");
  conn_->begin();  // a NULL key value cannot be in a primary key
  EXPECT_THROW(emit(ops::AddConstraint{.schema = schema_, .table = "loose",
                                       .constraint = model::PrimaryKey{"pk_loose", {"code"}}}),
               Error);
  conn_->rollback();
  exec("DELETE FROM " + q(schema_, "loose") + " WHERE code IS NULL");
  before.pop_back();
  migrate({ops::AddConstraint{.schema = schema_, .table = "loose",
                              .constraint = model::PrimaryKey{"pk_loose", {"code"}}}});
  EXPECT_EQ(rows(schema_, "loose"), before);
  EXPECT_TRUE(refused("INSERT INTO " + q(schema_, "loose") + " VALUES ('a', 9)"));
  EXPECT_NE(stored_sql(schema_, "loose").find("CONSTRAINT pk_loose PRIMARY KEY (code)"),
            std::string::npos);
  conn_->begin();
  EXPECT_THROW(emit(ops::AddConstraint{.schema = schema_, .table = "loose",
                                       .constraint = model::PrimaryKey{"pk2", {"n"}}}),
               Error);  // it has one
  conn_->rollback();
  migrate({ops::DropConstraint{.schema = schema_, .table = "loose", .name = "pk_loose",
                               .type = ops::ConstraintType::kPrimaryKey}});
  EXPECT_FALSE(refused("INSERT INTO " + q(schema_, "loose") + " VALUES ('a', 9)"));
  EXPECT_EQ(rows(schema_, "loose"), before);
  EXPECT_TRUE(fk_check_clean(schema_));
}

TEST_P(SqliteRebuildOps, BatchDropAndReAddRenameChains) {
  Rows before = rows(schema_, "order");
  // größe is dropped and added again: the new column starts empty (its
  // default), and ix_size does not come back on it. a"b is renamed twice.
  model::Column size = col("größe", Kind::kText);
  size.server_default = model::ServerDefault{"fresh", false};
  migrate({ops::BatchAlterTable{
      .schema = schema_,
      .table = "order",
      .ops = {ops::DropColumn{.schema = schema_, .table = "order", .column = "größe"},
              ops::AddColumn{.schema = schema_, .table = "order", .column = size},
              ops::RenameColumn{.schema = schema_, .table = "order", .old_name = "a\"b",
                                .new_name = "b"},
              ops::RenameColumn{.schema = schema_, .table = "order", .old_name = "B",
                                .new_name = "c"},
              ops::AlterColumn{.schema = schema_, .table = "order", .column = "c",
                               .type = type(Kind::kString)}}}});
  EXPECT_EQ(creates(), 1);
  for (driver::Row& r : before) {  // rowid, id, größe, has space, a"b, parent_id
    driver::Row now = {r[0], r[1], r[3], r[4], r[5], std::string("'fresh'")};
    r = now;
  }
  EXPECT_EQ(rows(schema_, "order"), before);
  expect_companions({"ix two"});
  // SQLite's RENAME COLUMN rewrote it (keeping the quotes it had).
  EXPECT_NE(stored_sql(schema_, "ix two").find("lower(\"c\")"), std::string::npos)
      << stored_sql(schema_, "ix two");
}


TEST_P(SqliteRebuildOps, RenameConstraintEditsTheTextWithoutRebuild) {
  // order references parent; make that ON DELETE CASCADE with rows, the case
  // a rebuild of parent must refuse.
  migrate({ops::AddConstraint{.schema = schema_, .table = "parent",
                              .constraint = model::UniqueConstraint{"uq_label", {"label"}}},
           ops::DropConstraint{.schema = schema_, .table = "order", .name = "fk_order_parent"},
           ops::AddConstraint{.schema = schema_, .table = "order",
                              .constraint = model::ForeignKey{.name = "fk_order_parent",
                                                              .columns = {"parent_id"},
                                                              .ref_table = "parent",
                                                              .ref_columns = {"id"},
                                                              .ondelete = "CASCADE"}}});
  Rows parent = rows(schema_, "parent"), order = rows(schema_, "order");
  emitter_->clear_step_log();
  conn_->begin();
  emit(ops::RenameConstraint{.schema = schema_, .table = "parent", .old_name = "uq_label",
                             .new_name = "uq parent label", .type = ops::ConstraintType::kUnique});
  emit(ops::RenameConstraint{.schema = schema_, .table = "order", .old_name = "fk_order_parent",
                             .new_name = "fk_renamed"});
  EXPECT_EQ(creates(), 0);
  EXPECT_NE(stored_sql(schema_, "parent").find("CONSTRAINT \"uq parent label\" UNIQUE (label)"),
            std::string::npos) << stored_sql(schema_, "parent");
  EXPECT_NE(stored_sql(schema_, "order").find("CONSTRAINT fk_renamed FOREIGN KEY"),
            std::string::npos);
  conn_->rollback();  // the old names are back
  EXPECT_NE(stored_sql(schema_, "parent").find("CONSTRAINT uq_label UNIQUE"), std::string::npos);
  EXPECT_NE(stored_sql(schema_, "order").find("CONSTRAINT fk_order_parent FOREIGN KEY"),
            std::string::npos);
  migrate({ops::RenameConstraint{.schema = schema_, .table = "parent", .old_name = "UQ_LABEL",
                                 .new_name = "uq2"}});
  EXPECT_EQ(rows(schema_, "parent"), parent);
  EXPECT_EQ(rows(schema_, "order"), order);
  EXPECT_TRUE(refused("INSERT INTO " + q(schema_, "parent") + " VALUES (3, 'one')"));
  EXPECT_EQ(scalar("PRAGMA \"" + schema_.value_or("main") + "\".integrity_check"), "ok");
  // Errors: unknown name, a taken name, a wrong type.
  for (const ops::RenameConstraint& bad :
       {ops::RenameConstraint{.schema = schema_, .table = "parent", .old_name = "nope", .new_name = "x"},
        ops::RenameConstraint{.schema = schema_, .table = "order", .old_name = "fk_order_parent",
                              .new_name = "ck_space"},
        ops::RenameConstraint{.schema = schema_, .table = "order", .old_name = "fk_order_parent",
                              .new_name = "x", .type = ops::ConstraintType::kCheck}}) {
    conn_->begin();
    EXPECT_THROW(emit(bad), Error) << bad.old_name << " -> " << bad.new_name;
    conn_->rollback();
  }
  // An unnamed primary key gets its name by a rebuild.
  std::string sql = stored_sql(schema_, "parent");
  EXPECT_EQ(sql.find("CONSTRAINT pk"), std::string::npos);
  exec("PRAGMA foreign_keys = OFF");  // order's CASCADE rows: the rebuild needs this
  migrate({ops::RenameConstraint{.schema = schema_, .table = "parent", .old_name = "parent_pkey",
                                 .new_name = "pk_parent", .type = ops::ConstraintType::kPrimaryKey}});
  exec("PRAGMA foreign_keys = ON");
  EXPECT_NE(stored_sql(schema_, "parent").find("CONSTRAINT pk_parent PRIMARY KEY (id)"),
            std::string::npos);
  EXPECT_EQ(rows(schema_, "parent"), parent);
  EXPECT_EQ(rows(schema_, "order"), order);
}

TEST_P(SqliteRebuildOps, DropColumnNativeOrRebuilt) {
  migrate({ops::AddColumn{.schema = schema_, .table = "order", .column = col("note", Kind::kText)}});
  exec("UPDATE " + o() + " SET note = 'n' || id");
  emitter_->clear_step_log();
  Rows before = rows(schema_, "order");
  migrate({ops::DropColumn{.schema = schema_, .table = "order", .column = "note"}});
  EXPECT_EQ(creates(), 0);  // in nothing: ALTER TABLE DROP COLUMN
  const std::vector<std::string>& log = emitter_->step_log();
  EXPECT_NE(std::find(log.begin(), log.end(), "ALTER TABLE " + o() + " DROP COLUMN note"),
            log.end());
  for (driver::Row& r : before) r.pop_back();
  EXPECT_EQ(rows(schema_, "order"), before);

  // "größe" is indexed and "has space" is in a check: rebuilds, which take
  // the index and the check with them.
  migrate({ops::DropColumn{.schema = schema_, .table = "order", .column = "größe"},
           ops::DropColumn{.schema = schema_, .table = "order", .column = "HAS SPACE"}});
  EXPECT_EQ(creates(), 2);
  for (driver::Row& r : before) r.erase(r.begin() + 2, r.begin() + 4);
  EXPECT_EQ(rows(schema_, "order"), before);
  expect_companions({"ix two"});
  EXPECT_EQ(stored_sql(schema_, "order").find("CHECK"), std::string::npos);
  EXPECT_TRUE(fk_check_clean(schema_));
  // if_exists: nothing to do for a missing column; an error without it.
  emitter_->clear_step_log();
  migrate({ops::DropColumn{.schema = schema_, .table = "order", .column = "größe", .if_exists = true}});
  EXPECT_TRUE(emitter_->step_log().empty() ||
              emitter_->step_log().front().rfind("SAVEPOINT", 0) == 0);
  conn_->begin();
  EXPECT_THROW(emit(ops::DropColumn{.schema = schema_, .table = "order", .column = "größe"}), Error);
  conn_->rollback();
  // add_column if_not_exists: nothing for an existing column.
  migrate({ops::AddColumn{.schema = schema_, .table = "order", .column = col("a\"b", Kind::kText),
                          .if_not_exists = true},
           ops::AddColumn{.schema = schema_, .table = "order", .column = col("fresh", Kind::kText),
                          .if_not_exists = true}});
  EXPECT_NE(stored_sql(schema_, "order").find("fresh TEXT"), std::string::npos);
  EXPECT_EQ(rows(schema_, "order").size(), 3u);
}

TEST_P(SqliteRebuildOps, BatchIsOneRebuild) {
  Rows before = rows(schema_, "order");
  migrate({ops::BatchAlterTable{
      .schema = schema_,
      .table = "order",
      .ops = {ops::AlterColumn{.schema = schema_, .table = "order", .column = "a\"b",
                               .type = type(Kind::kString), .new_column_name = "ab"},
              ops::AddColumn{.schema = schema_, .table = "order",
                             .column = [] {
                               model::Column c = col("code", Kind::kString);
                               c.unique = true;  // needs the rebuild
                               return c;
                             }()},
              ops::DropIndex{.name = "ix_size", .schema = schema_, .table = "order"},
              ops::DropColumn{.schema = schema_, .table = "order", .column = "größe"},
              ops::RenameColumn{.schema = schema_, .table = "order", .old_name = "has space",
                                .new_name = "select"},
              ops::AddConstraint{.schema = schema_, .table = "order",
                                 .constraint = model::CheckConstraint{"ck_ab", "length(ab) < 10"}},
              ops::CreateIndex{index(schema_, "order", "ix_code", {{"code"}, {"select"}})},
              ops::CreateIndex{index(schema_, "order", "ix_gone", {{"ab"}})},
              ops::DropIndex{.name = "ix_gone", .schema = schema_, .table = "order"}}}});
  EXPECT_EQ(creates(), 1);
  // rowid, id, größe (dropped), has space → select, a"b → ab, parent_id, code.
  for (driver::Row& r : before) {
    r.erase(r.begin() + 2);
    r.push_back("NULL");
  }
  EXPECT_EQ(rows(schema_, "order"), before);
  std::string sql = stored_sql(schema_, "order");
  EXPECT_NE(sql.find("\"select\" INTEGER DEFAULT (0) NOT NULL"), std::string::npos) << sql;
  EXPECT_NE(sql.find("CONSTRAINT ck_space CHECK (\"select\" >= 0)"), std::string::npos) << sql;
  // The expression index follows the rename; the batch's index comes after.
  expect_companions({"ix two", "ix_code"});
  EXPECT_NE(stored_sql(schema_, "ix two").find("lower(\"ab\")"), std::string::npos)
      << stored_sql(schema_, "ix two");
  EXPECT_TRUE(refused("INSERT INTO " + o() + " (id, \"select\", code) VALUES (90, 1, 'x'), "
                      "(91, 1, 'x')"));
  EXPECT_TRUE(refused("UPDATE " + o() + " SET ab = '0123456789' WHERE id = 1"));
  EXPECT_TRUE(fk_check_clean(schema_));

  // A batch of changes ALTER TABLE makes runs them one by one.
  emitter_->clear_step_log();
  migrate({ops::BatchAlterTable{
      .schema = schema_,
      .table = "order",
      .ops = {ops::AddColumn{.schema = schema_, .table = "order", .column = col("extra", Kind::kText)},
              ops::RenameColumn{.schema = schema_, .table = "order", .old_name = "extra",
                                .new_name = "more"},
              ops::CreateIndex{index(schema_, "order", "ix_more", {{"more"}})}}}});
  EXPECT_EQ(creates(), 0);
  EXPECT_EQ(names(schema_, "index", "order"),
            (std::vector<std::string>{"ix two", "ix_code", "ix_more"}));
}

TEST_P(SqliteRebuildOps, RenameIndexKeepsItsDefinition) {
  std::string before = stored_sql(schema_, "ix two");
  migrate({ops::RenameIndex{.schema = schema_, .table = "order", .old_name = "ix two",
                            .new_name = "ix \"lower\" ab"}});
  EXPECT_EQ(names(schema_, "index", "order"),
            (std::vector<std::string>{"ix \"lower\" ab", "ix_size"}));
  std::string after = stored_sql(schema_, "ix \"lower\" ab");
  EXPECT_EQ(after.substr(after.find(" ON ")), before.substr(before.find(" ON ")));
  conn_->begin();
  EXPECT_THROW(emit(ops::RenameIndex{.schema = schema_, .old_name = "nope", .new_name = "x"}), Error);
  conn_->rollback();
}

TEST_P(SqliteRebuildOps, RollbackRestoresEverything) {
  Rows order = rows(schema_, "order"), parent = rows(schema_, "parent");
  std::string order_sql = stored_sql(schema_, "order");
  std::optional<std::string> other = schema_ ? std::nullopt : std::optional<std::string>("t");
  conn_->begin();
  emit(ops::CreateSchema{.name = "t"});  // only used when schema_ is main
  emit(ops::BatchAlterTable{.schema = schema_, .table = "order",
                            .ops = {ops::DropColumn{.schema = schema_, .table = "order",
                                                    .column = "größe"},
                                    ops::AlterColumn{.schema = schema_, .table = "order",
                                                     .column = "a\"b", .type = type(Kind::kBoolean),
                                                     .server_default = model::ServerDefault{"?", false}}}});
  emit(ops::RenameIndex{.schema = schema_, .old_name = "ix two", .new_name = "ix3"});
  emit(ops::MoveTable{.schema = schema_, .name = "audit", .new_schema = other, .new_name = "log"});
  EXPECT_TRUE(table_exists(other, "log"));
  conn_->rollback();
  EXPECT_EQ(stored_sql(schema_, "order"), order_sql);
  EXPECT_EQ(rows(schema_, "order"), order);
  EXPECT_EQ(rows(schema_, "parent"), parent);
  expect_companions();
  EXPECT_TRUE(table_exists(schema_, "audit"));
  if (other) {
    EXPECT_FALSE(attached(*other));  // the ATTACH of the migration is undone too
  } else {
    EXPECT_FALSE(table_exists(other, "log"));
  }
}

// ---- data ops, other ops, offline ------------------------------------------------

TEST_F(SqliteOps, BulkInsertAndItsReverse) {
  migrate({ops::CreateTable{.table = {.name = "data",
                                      .columns = {col("n", Kind::kInteger), col("flag", Kind::kBoolean),
                                                  col("x", Kind::kFloat), col("t", Kind::kText),
                                                  col("b", Kind::kLargeBinary)}}}});
  exec("INSERT INTO data (n, t) VALUES (-1, 'kept')");
  ops::BulkInsert insert{.table = "data", .columns = {"n", "flag", "x", "t", "b"}};
  insert.types = {type(Kind::kInteger), type(Kind::kBoolean), type(Kind::kFloat),
                  type(Kind::kText), type(Kind::kLargeBinary)};
  for (long long i = 0; i < 1201; ++i) {
    insert.rows.push_back({i, i % 2 == 0, i / 4.0, std::string("it's ") + std::to_string(i),
                           i % 3 == 0 ? ops::Value{} : ops::Value{std::string("\x00\xff", 2)}});
  }
  insert.rows[5][3] = ops::Value{};
  emitter_->clear_step_log();
  migrate({insert});
  EXPECT_EQ(emitter_->step_log().size(), 3u);  // 500 + 500 + 201 rows
  EXPECT_EQ(scalar("SELECT count(*) FROM data"), "1202");
  EXPECT_EQ(scalar("SELECT quote(flag) || quote(x) || quote(t) || quote(b) FROM data WHERE n = 1"),
            "00.25'it''s 1'X'00FF'");
  EXPECT_EQ(scalar("SELECT typeof(x) FROM data WHERE n = 4"), "real");
  EXPECT_EQ(scalar("SELECT quote(t) FROM data WHERE n = 5"), "NULL");
  ops::BulkInsert remove = insert;
  remove.delete_rows = true;
  migrate({remove});
  // One DELETE per distinct row, inside the live op's SAVEPOINT / RELEASE.
  EXPECT_EQ(emitter_->step_log().size(), 3u + 2u + 1201u);
  EXPECT_EQ(scalar("SELECT count(*) || ' ' || t FROM data"), "1 kept");
}

TEST_F(SqliteOps, CommentsSequencesAndAutocommitMarkers) {
  EXPECT_TRUE(dialect_->render(ops::SetTableComment{.table = "t", .comment = "c"}).empty());
  EXPECT_TRUE(dialect_->render(ops::SetTableComment{.table = "t"}).empty());
  EXPECT_TRUE(dialect_->render(ops::AutocommitBegin{}).empty());
  EXPECT_TRUE(dialect_->render(ops::AutocommitEnd{}).empty());
  for (const ops::Op& op : {ops::Op(ops::CreateSequence{.name = "seq"}),
                            ops::Op(ops::DropSequence{.name = "seq"})}) {
    try {
      dialect_->render(op);
      ADD_FAILURE();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript);
      EXPECT_NE(e.message().find("seq: SQLite has no sequences"), std::string::npos);
    }
  }
  EXPECT_THROW(dialect_->render(ops::CreateIndex{[] {
                 model::Index ix = index(std::nullopt, "t", "ix", {{"a"}});
                 ix.include = {"b"};
                 return ix;
               }()}),
               Error);
  // Live ops outside a transaction (an autocommit block) run in their own.
  migrate({ops::CreateTable{.table = {.name = "t", .columns = {col("a", Kind::kInteger)}}}});
  exec("INSERT INTO t VALUES (1)");
  emit(ops::AlterColumn{.table = "t", .column = "a", .nullable = false});
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_TRUE(refused("INSERT INTO t VALUES (NULL)"));
}

TEST_F(SqliteOps, LiveOpsAreErrorsOffline) {
  const std::vector<ops::Op> live = {
      ops::AlterColumn{.schema = "main", .table = "t", .column = "c", .nullable = false},
      ops::AddConstraint{.table = "t", .constraint = model::UniqueConstraint{"uq", {"c"}}},
      ops::DropConstraint{.table = "t", .name = "uq"},
      ops::RenameConstraint{.table = "t", .old_name = "a", .new_name = "b"},
      ops::RenameIndex{.old_name = "a", .new_name = "b"},
      ops::MoveTable{.name = "t", .new_schema = "s"},
      ops::BatchAlterTable{.table = "t",
                           .ops = {ops::AlterColumn{.table = "t", .column = "c",
                                                    .type = type(Kind::kText)}}}};
  for (const ops::Op& op : live) {
    EXPECT_TRUE(live_->needs_live_catalog(op)) << ops::describe(op);
    std::string message = offline_error(op);
    EXPECT_NE(message.find(ops::describe(op) + ": on sqlite this needs a live database"),
              std::string::npos) << message;
    EXPECT_NE(message.find("run it online"), std::string::npos) << message;
  }
  EXPECT_EQ(offline_error(live[0]),
            "alter_column main.t.c: on sqlite this needs a live database (table rebuild); run it "
            "online");
  // What ALTER TABLE does renders offline, drop_column and native batches too.
  EXPECT_EQ(dialect_->render(ops::DropColumn{.table = "t", .column = "c"}),
            std::vector<std::string>{"ALTER TABLE t DROP COLUMN c"});
  EXPECT_EQ(dialect_->render(ops::BatchAlterTable{
                .table = "t",
                .ops = {ops::RenameColumn{.table = "t", .old_name = "a", .new_name = "b"},
                        ops::AddColumn{.table = "t", .column = col("d", Kind::kText)}}}),
            (std::vector<std::string>{"ALTER TABLE t RENAME COLUMN a TO b",
                                      "ALTER TABLE t ADD COLUMN d TEXT"}));
  EXPECT_FALSE(live_->needs_live_catalog(ops::RenameColumn{.table = "t", .old_name = "a",
                                                              .new_name = "b"}));
}

TEST_F(SqliteOps, AwkwardIdentifiers) {
  const std::string schema = "my \"odd\" schema";
  for (const std::string name : {"a\"b", "has space", "select", "größe"}) {
    SCOPED_TRACE(name);
    ops::CreateTable t{.table = {.name = name,
                                 .columns = {key(), col(name + " col", Kind::kText),
                                             col("order", Kind::kInteger)}}};
    t.table.checks = {{.name = name + " ck", .sqltext = "\"order\" >= 0"}};
    migrate({t, ops::CreateIndex{index(std::nullopt, name, name + " ix", {{name + " col"}})}});
    exec("CREATE TRIGGER " + dialect_->quote(name + " tr") + " BEFORE DELETE ON " +
         dialect_->quote(name) + " BEGIN SELECT 1; END");
    exec("INSERT INTO " + dialect_->quote(name) + " VALUES (1, 'x''y', 1), (2, NULL, 2)");
    Rows before = rows(std::nullopt, name);
    emitter_->clear_step_log();
    migrate({ops::BatchAlterTable{
                 .table = name,
                 .ops = {ops::AlterColumn{.table = name, .column = name + " col",
                                          .type = type(Kind::kString), .new_column_name = name + " c2"},
                         ops::AddConstraint{.table = name,
                                            .constraint = model::UniqueConstraint{name + " uq", {"order"}}}}},
             ops::RenameConstraint{.table = name, .old_name = name + " ck", .new_name = name + " ck2"},
             ops::RenameIndex{.old_name = name + " ix", .new_name = name + " ix2"},
             ops::CreateSchema{.name = schema},
             ops::MoveTable{.name = name, .new_schema = schema, .new_name = name + " moved"}});
    EXPECT_EQ(creates(), 2);  // the batch, the move
    EXPECT_EQ(rows(schema, name + " moved"), before);
    EXPECT_EQ(names(schema, "index", name + " moved"), std::vector<std::string>{name + " ix2"});
    EXPECT_EQ(names(schema, "trigger", name + " moved"), std::vector<std::string>{name + " tr"});
    EXPECT_TRUE(refused("INSERT INTO " + q(schema, name + " moved") + " VALUES (3, 'z', 1)"));
    EXPECT_NE(stored_sql(schema, name + " moved").find(dialect_->quote(name + " ck2")),
              std::string::npos);
    migrate({ops::DropTable{.schema = schema, .name = name + " moved"}});
  }
}

}  // namespace
}  // namespace strata
