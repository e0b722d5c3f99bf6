// move_table on SQLite (dialect/sqlite/live.h) through the runtime's
// real path: between the main database and attached schema files, into a
// schema created earlier in the same migration, and back with a new name;
// rows (with rowids), indexes, triggers, AUTOINCREMENT positions and foreign
// keys (the re-pointing flow; keys that would cross files refused, rows or
// not) checked.
#include <gtest/gtest.h>

#include "unit/sqlite_ops_fixture.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata {
namespace {

using namespace sqlite_ops_testing;  // NOLINT: the fixture's vocabulary

TEST_F(SqliteOps, MoveTableIntoASchemaCreatedInTheSameMigrationAndBack) {
  ops::CreateTable items{.table = {.name = "items",
                                   .columns = {key(), col("name", Kind::kText),
                                               col("up", Kind::kInteger)}}};
  items.table.foreign_keys = {{.name = "fk_up", .columns = {"up"}, .ref_table = "items",
                               .ref_columns = {"id"}, .ondelete = "CASCADE"}};
  migrate({items,
           ops::CreateTable{.table = {.name = "bag", .columns = {col("x", Kind::kText)}}},
           ops::CreateIndex{index(std::nullopt, "items", "ix_name", {{"name"}})},
           ops::CreateTable{.table = {.name = "audit", .columns = {col("what", Kind::kText)}}}});
  exec("CREATE TRIGGER tr_items AFTER DELETE ON items BEGIN SELECT 1; END");
  exec("INSERT INTO items VALUES (1, 'root', NULL), (2, 'a', 1), (3, 'b', 2)");
  exec("INSERT INTO bag VALUES ('p'), ('q'), ('r')");
  exec("DELETE FROM bag WHERE x = 'q'");  // rowids 1 and 3: the copy keeps them
  Rows items_before = rows(std::nullopt, "items"), bag_before = rows(std::nullopt, "bag");
  ASSERT_EQ(bag_before.size(), 2u);

  migrate({ops::CreateSchema{.name = "arch"},
           ops::MoveTable{.name = "items", .new_schema = "arch"},
           ops::MoveTable{.name = "bag", .new_schema = "arch", .new_name = "sack"}});
  EXPECT_FALSE(table_exists(std::nullopt, "items"));
  EXPECT_FALSE(table_exists(std::nullopt, "bag"));
  EXPECT_EQ(rows("arch", "items"), items_before);
  EXPECT_EQ(rows("arch", "sack"), bag_before);
  EXPECT_EQ(names("arch", "index", "items"), std::vector<std::string>{"ix_name"});
  EXPECT_EQ(names("arch", "trigger", "items"), std::vector<std::string>{"tr_items"});
  EXPECT_TRUE(refused("INSERT INTO arch.items VALUES (9, 'x', 42)"));  // self FK works
  EXPECT_TRUE(fk_check_clean("arch"));

  // ... and back with a new name: the self-reference follows it.
  migrate({ops::MoveTable{.schema = "arch", .name = "items", .new_name = "things"}});
  EXPECT_FALSE(table_exists("arch", "items"));
  EXPECT_EQ(rows(std::nullopt, "things"), items_before);
  EXPECT_NE(stored_sql(std::nullopt, "things").find("REFERENCES things (id) ON DELETE CASCADE"),
            std::string::npos) << stored_sql(std::nullopt, "things");
  EXPECT_EQ(names(std::nullopt, "index", "things"), std::vector<std::string>{"ix_name"});
  EXPECT_EQ(names(std::nullopt, "trigger", "things"), std::vector<std::string>{"tr_items"});
  exec("DELETE FROM things WHERE id = 2");  // the cascade reaches 3
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), "1");

  // A schema that does not exist is an error; so is moving onto a name taken.
  conn_->begin();
  EXPECT_THROW(emit(ops::MoveTable{.name = "things", .new_schema = "nowhere"}), Error);
  EXPECT_THROW(emit(ops::MoveTable{.schema = "arch", .name = "sack", .new_name = "audit"}), Error);
  conn_->rollback();
  // Same database: a rename.
  emitter_->clear_step_log();
  migrate({ops::MoveTable{.schema = "arch", .name = "sack", .new_schema = "arch", .new_name = "bag"}});
  EXPECT_EQ(emitter_->step_log().at(1), "ALTER TABLE arch.sack RENAME TO bag");
  EXPECT_EQ(rows("arch", "bag"), bag_before);
}

TEST_F(SqliteOps, MoveTableKeepsAutoincrementPosition) {
  exec("CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
  exec("INSERT INTO counter (v) VALUES ('a'), ('b'), ('c')");
  exec("DELETE FROM counter WHERE id = 3");
  migrate({ops::CreateSchema{.name = "s"}, ops::MoveTable{.name = "counter", .new_schema = "s"}});
  EXPECT_NE(stored_sql("s", "counter").find("AUTOINCREMENT"), std::string::npos);
  exec("INSERT INTO s.counter (v) VALUES ('d')");
  EXPECT_EQ(scalar("SELECT max(id) FROM s.counter"), "4");
}

TEST_F(SqliteOps, MoveTableForeignKeysAreRePointed) {
  // The weatherai flow: the key between the tables is dropped, both tables
  // move (renamed), and the key is created again between them.
  ops::CreateTable docs{.table = {.name = "docs", .columns = {key(), col("title", Kind::kText)}}};
  ops::CreateTable chunks{.table = {.name = "chunks",
                                    .columns = {key(), col("doc_id", Kind::kInteger, false),
                                                col("body", Kind::kText)}}};
  chunks.table.foreign_keys = {{.name = "fk_chunks_doc", .columns = {"doc_id"},
                                .ref_table = "docs", .ref_columns = {"id"}, .ondelete = "CASCADE"}};
  docs.table.primary_key = model::PrimaryKey{"docs_pkey", {"id"}};
  migrate({docs, chunks,
           ops::CreateIndex{index(std::nullopt, "chunks", "ix_chunks_doc", {{"doc_id"}})}});
  exec("INSERT INTO docs VALUES (1, 'a'), (2, 'b')");
  exec("INSERT INTO chunks VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z')");
  Rows docs_before = rows(std::nullopt, "docs"), chunks_before = rows(std::nullopt, "chunks");

  // Moving either table while the key joins them is refused, changing nothing.
  conn_->begin();
  emit(ops::CreateSchema{.name = "rag"});
  for (const char* table : {"docs", "chunks"}) {
    try {
      emit(ops::MoveTable{.name = table, .new_schema = "rag"});
      ADD_FAILURE() << table;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript);
      EXPECT_NE(e.message().find("SQLite foreign keys cannot cross database files"),
                std::string::npos) << e.message();
    }
  }
  EXPECT_TRUE(table_exists(std::nullopt, "docs"));
  EXPECT_FALSE(table_exists("rag", "docs"));
  conn_->rollback();

  emitter_->clear_step_log();
  migrate({ops::CreateSchema{.name = "rag"},
           ops::DropConstraint{.table = "chunks", .name = "fk_chunks_doc",
                               .type = ops::ConstraintType::kForeignKey},
           ops::MoveTable{.name = "docs", .new_schema = "rag", .new_name = "documents"},
           ops::MoveTable{.name = "chunks", .new_schema = "rag", .new_name = "document_chunks"},
           ops::AddConstraint{.schema = "rag", .table = "document_chunks",
                              .constraint = model::ForeignKey{.name = "fk_dc_documents",
                                                              .columns = {"doc_id"},
                                                              .ref_schema = "rag",
                                                              .ref_table = "documents",
                                                              .ref_columns = {"id"},
                                                              .ondelete = "CASCADE"}},
           ops::RenameConstraint{.schema = "rag", .table = "documents", .old_name = "docs_pkey",
                                 .new_name = "pk_documents", .type = ops::ConstraintType::kPrimaryKey},
           ops::RenameIndex{.schema = "rag", .table = "document_chunks",
                            .old_name = "ix_chunks_doc", .new_name = "ix_dc_doc"}});
  EXPECT_EQ(rows("rag", "documents"), docs_before);
  EXPECT_EQ(rows("rag", "document_chunks"), chunks_before);
  EXPECT_FALSE(table_exists(std::nullopt, "docs"));
  EXPECT_FALSE(table_exists(std::nullopt, "chunks"));
  EXPECT_EQ(names("rag", "index", "document_chunks"), std::vector<std::string>{"ix_dc_doc"});
  EXPECT_NE(stored_sql("rag", "documents").find("CONSTRAINT pk_documents PRIMARY KEY"),
            std::string::npos);
  EXPECT_TRUE(refused("INSERT INTO rag.document_chunks VALUES (9, 42, 'orphan')"));
  EXPECT_TRUE(fk_check_clean("rag"));
  exec("DELETE FROM rag.documents WHERE id = 1");  // the cascade works in rag
  EXPECT_EQ(scalar("SELECT count(*) FROM rag.document_chunks"), "1");
}

TEST_F(SqliteOps, MoveTableRefusesKeysThatWouldCrossFilesEvenWithoutRows) {
  // Empty tables, foreign keys on or off: a key between the moved table and
  // one that stays behind would dangle (writes to the child would fail with
  // "no such table"), so either move is refused and nothing changes.
  migrate({ops::CreateSchema{.name = "crm"},
           ops::CreateTable{.table = {.name = "parent", .columns = {key()}}},
           [] {
             ops::CreateTable c{.table = {.name = "child",
                                          .columns = {key(), col("pid", Kind::kInteger)}}};
             c.table.foreign_keys = {{.columns = {"pid"}, .ref_table = "parent",
                                      .ref_columns = {"id"}}};
             return c;
           }()});
  auto refusal = [&](const ops::MoveTable& move) -> std::string {
    conn_->begin();
    std::string message;
    try {
      emit(move);
      ADD_FAILURE() << ops::describe(move) << " was not refused";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript);
      message = e.message();
    }
    conn_->rollback();
    EXPECT_TRUE(table_exists(std::nullopt, move.name));
    EXPECT_FALSE(table_exists("crm", move.name));
    return message;
  };
  for (const char* fks : {"ON", "OFF"}) {
    SCOPED_TRACE(fks);
    exec(std::string("PRAGMA foreign_keys = ") + fks);
    const std::string parent = refusal(ops::MoveTable{.name = "parent", .new_schema = "crm"});
    EXPECT_NE(parent.find("table child references it (pid) and stays in database main; SQLite "
                          "foreign keys cannot cross database files: drop the foreign key first "
                          "(op.drop_constraint), move the tables, and create it again"),
              std::string::npos) << parent;
    EXPECT_NE(parent.find("examples/weatherai revision 0004"), std::string::npos) << parent;
    const std::string child = refusal(ops::MoveTable{.name = "child", .new_schema = "crm"});
    EXPECT_NE(child.find("its foreign key (pid) references table parent, which database crm "
                         "does not have; SQLite foreign keys cannot cross database files"),
              std::string::npos) << child;
  }
  exec("PRAGMA foreign_keys = ON");
  exec("INSERT INTO child VALUES (1, NULL)");  // still writable: nothing dangles

  // A key naming a table the target has works there.
  exec("CREATE TABLE crm.parent (id INTEGER PRIMARY KEY)");
  exec("INSERT INTO crm.parent VALUES (1)");
  migrate({ops::MoveTable{.name = "child", .new_schema = "crm"}});
  EXPECT_FALSE(refused("INSERT INTO crm.child VALUES (2, 1)"));
  EXPECT_TRUE(refused("INSERT INTO crm.child VALUES (3, 5)"));
  EXPECT_FALSE(refused("DELETE FROM crm.child"));
}

TEST_F(SqliteOps, MoveTableChecksKeysThatReachItInTheTarget) {
  // arch.child names a table "parent" arch does not have yet, and has a row
  // whose parent the moved table lacks: the move is refused, nothing changes.
  migrate({ops::CreateSchema{.name = "arch"},
           ops::CreateTable{.table = {.name = "parent", .columns = {key()}}}});
  exec("INSERT INTO parent VALUES (1)");
  exec("PRAGMA foreign_keys = OFF");
  exec("CREATE TABLE arch.child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id))");
  exec("INSERT INTO arch.child VALUES (1, 1), (2, 7)");
  exec("PRAGMA foreign_keys = ON");
  conn_->begin();
  try {
    emit(ops::MoveTable{.name = "parent", .new_schema = "arch"});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("child rowid 2 (pid) has no parent row in parent"),
              std::string::npos) << e.message();
  }
  conn_->rollback();
  EXPECT_TRUE(table_exists(std::nullopt, "parent"));
  EXPECT_FALSE(table_exists("arch", "parent"));
  exec("PRAGMA foreign_keys = OFF");  // SQLite refuses DML on a child of a missing table
  exec("DELETE FROM arch.child WHERE id = 2");
  exec("PRAGMA foreign_keys = ON");
  migrate({ops::MoveTable{.name = "parent", .new_schema = "arch"}});
  EXPECT_TRUE(refused("INSERT INTO arch.child VALUES (3, 7)"));
  EXPECT_TRUE(fk_check_clean("arch"));
}

}  // namespace
}  // namespace strata
