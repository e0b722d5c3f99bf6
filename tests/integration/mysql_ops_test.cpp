// The MySQL dialect's ops on a live MariaDB and in --sql mode (fixtures:
// mysql_ops_fixture.h; alter_column: mysql_alter_column_test.cpp). Results
// are checked in information_schema and by the constraints' behaviour.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "integration/mysql_ops_fixture.h"

namespace strata {
namespace {

using namespace mysql_test;  // NOLINT: the fixtures

// Runs a --sql script (SqlEmitter's "statement;\n\n" form) statement by
// statement, as the mysql client would.
void run_script(driver::Connection& conn, const std::string& script) {
  size_t begin = 0;
  for (size_t end; (end = script.find(";\n\n", begin)) != std::string::npos; begin = end + 3) {
    conn.execute(script.substr(begin, end - begin));
  }
}

// ---- drop_constraint without type_ --------------------------------------

TEST_F(MysqlOps, DropConstraintWithoutTypeLooksItUp) {
  conn_->execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
      "CREATE TABLE `odd ``t`` ä` (id INTEGER NOT NULL, pid INTEGER, code INTEGER, qty INTEGER,"
      " CONSTRAINT `pk` PRIMARY KEY (id),"
      " CONSTRAINT `fk \"p\" ``x``` FOREIGN KEY (pid) REFERENCES parent (id),"
      " CONSTRAINT `uq code` UNIQUE (code),"
      " CONSTRAINT `select` CHECK (qty > 0))");
  const std::string t = "odd `t` ä";
  EXPECT_EQ(constraints(main_, t),
            "fk \"p\" `x`:FOREIGN KEY,PRIMARY:PRIMARY KEY,select:CHECK,uq code:UNIQUE");

  auto drop = [&](const std::string& name) {
    return ops::DropConstraint{.table = t, .name = name};
  };
  // InnoDB indexed pid for the key, under the key's name; the index goes
  // with the key.
  const std::string fk_index_count =
      "SELECT count(*) FROM information_schema.statistics WHERE table_schema = " + lit(main_) +
      " AND table_name = " + lit(t) + " AND index_name = 'fk \"p\" `x`'";
  EXPECT_EQ(scalar(fk_index_count), "1");
  std::vector<std::string> fk_drop = emit(drop("fk \"p\" `x`"));
  ASSERT_EQ(fk_drop.size(), 5u);
  EXPECT_EQ(fk_drop[1], "ALTER TABLE `odd ``t`` ä` DROP FOREIGN KEY `fk \"p\" ``x```");
  EXPECT_EQ(scalar(fk_index_count), "0");
  EXPECT_EQ(emit(drop("uq code")),
            std::vector<std::string>{"ALTER TABLE `odd ``t`` ä` DROP INDEX `uq code`"});
  EXPECT_EQ(emit(drop("select")),
            std::vector<std::string>{"ALTER TABLE `odd ``t`` ä` DROP CONSTRAINT `select`"});
  EXPECT_EQ(emit(drop("PRIMARY")),
            std::vector<std::string>{"ALTER TABLE `odd ``t`` ä` DROP PRIMARY KEY"});
  EXPECT_EQ(constraints(main_, t), "");
  // The dropped foreign key and check no longer hold.
  EXPECT_FALSE(refused("INSERT INTO `odd ``t`` ä` VALUES (1, 99, 1, 0), (1, 98, 1, -1)"));

  // A name the catalog does not have: nothing with if_exists, a database
  // error without (naming the table and the PRIMARY rule).
  ops::DropConstraint missing = drop("pk");
  missing.if_exists = true;
  EXPECT_EQ(emit(missing), std::vector<std::string>{});
  missing.if_exists = false;
  try {
    emit(missing);
    ADD_FAILURE() << "dropped a constraint that does not exist";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_NE(e.message().find("table odd `t` ä has no constraint named 'pk'"), std::string::npos)
        << e.message();
    EXPECT_NE(e.message().find("always named PRIMARY"), std::string::npos) << e.message();
  }
}

TEST_F(MysqlOps, DropConstraintWithoutTypeRefusesAnAmbiguousName) {
  // MySQL lets a unique key and a foreign key share a name.
  conn_->execute("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE t (a INTEGER, "
                 "CONSTRAINT dup UNIQUE (a), CONSTRAINT dup FOREIGN KEY (a) REFERENCES p (id))");
  try {
    emit(ops::DropConstraint{.table = "t", .name = "dup"});
    ADD_FAILURE() << "dropped one of two constraints named dup";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_NE(e.message().find("drop_constraint dup on t: table t has several constraints named "
                               "'dup' ("),
              std::string::npos)
        << e.message();
    EXPECT_NE(e.message().find("); pass type_"), std::string::npos) << e.message();
  }
  EXPECT_EQ(constraints(main_, "t"), "dup:FOREIGN KEY,dup:UNIQUE");
  // The unique index named like the key is the user's, not InnoDB's: it stays.
  EXPECT_EQ(emit(ops::DropConstraint{.table = "t", .name = "dup",
                                     .type = ConstraintType::kForeignKey})
                .at(1),
            "ALTER TABLE t DROP FOREIGN KEY dup");
  EXPECT_EQ(constraints(main_, "t"), "dup:UNIQUE");
}

TEST_F(MysqlOpsOffline, DropConstraintNeedsTheType) {
  ops::DropConstraint drop{.table = "t", .name = "fk_t_p"};
  EXPECT_NE(offline_error(drop).find("pass type_"), std::string::npos);
  drop.type = ConstraintType::kForeignKey;
  EXPECT_EQ(offline(drop),
            "SET @strata_sql = IF((SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM "
            "information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 't' "
            "AND index_name = 'fk_t_p' AND non_unique = 1) = (SELECT GROUP_CONCAT(column_name "
            "ORDER BY ordinal_position) FROM information_schema.key_column_usage WHERE "
            "table_schema = DATABASE() AND table_name = 't' AND constraint_name = 'fk_t_p' AND "
            "referenced_table_name IS NOT NULL), 'ALTER TABLE t DROP INDEX fk_t_p', 'DO 0');\n\n"
            "ALTER TABLE t DROP FOREIGN KEY fk_t_p;\n\n"
            "PREPARE strata_stmt FROM @strata_sql;\n\nEXECUTE strata_stmt;\n\n"
            "DEALLOCATE PREPARE strata_stmt;\n\n");
  // `dropped` (carried for reverse()) tells the type too.
  ops::DropConstraint with_dropped{.table = "t", .name = "uq_a",
                                   .dropped = model::UniqueConstraint{"uq_a", {"a"}}};
  EXPECT_EQ(offline(with_dropped), "ALTER TABLE t DROP INDEX uq_a;\n\n");
  drop.type = ConstraintType::kCheck;
  drop.if_exists = true;
  EXPECT_EQ(offline(drop), "ALTER TABLE t DROP CONSTRAINT IF EXISTS fk_t_p;\n\n");
  // MySQL has no DROP PRIMARY KEY IF EXISTS: online it looks, offline it
  // cannot.
  ops::DropConstraint pk{.table = "t", .name = "pk_t", .type = ConstraintType::kPrimaryKey,
                         .if_exists = true};
  EXPECT_NE(offline_error(pk).find("no DROP PRIMARY KEY IF EXISTS"), std::string::npos);
  pk.if_exists = false;
  EXPECT_EQ(offline(pk), "ALTER TABLE t DROP PRIMARY KEY;\n\n");
}

TEST_F(MysqlOpsOffline, ForeignKeyTiming) {
  model::ForeignKey fk{.name = "fk", .columns = {"p"}, .ref_table = "parent",
                       .ref_columns = {"id"}, .deferrable = false, .initially = "immediate"};
  ops::AddConstraint add{.table = "t", .constraint = fk};
  // What MySQL always does is left unsaid.
  EXPECT_EQ(offline(add),
            "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY(p) REFERENCES parent (id);\n\n");
  for (auto [deferrable, initially, fragment] :
       {std::tuple<std::optional<bool>, std::optional<std::string>, std::string>{
            true, std::nullopt, "a DEFERRABLE foreign key is not supported"},
        {std::nullopt, "DEFERRED", "INITIALLY DEFERRED on a foreign key is not supported"}}) {
    fk.deferrable = deferrable;
    fk.initially = initially;
    add.constraint = fk;
    try {
      offline(add);
      ADD_FAILURE() << fragment;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript);
      EXPECT_NE(e.message().find("create_foreign_key fk on t: " + fragment), std::string::npos)
          << e.message();
    }
  }
}

TEST_F(MysqlOpsOffline, ForeignKeyMatch) {
  // MySQL ignores ON DELETE / ON UPDATE of a key with a MATCH clause: MATCH
  // SIMPLE (what InnoDB does anyway) is left out, so the rules hold.
  model::ForeignKey fk{.name = "fk", .columns = {"p"}, .ref_table = "parent",
                       .ref_columns = {"id"}, .ondelete = "CASCADE", .onupdate = "SET NULL",
                       .match = "simple"};
  const std::string clause =
      "CONSTRAINT fk FOREIGN KEY(p) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL";
  EXPECT_EQ(offline(ops::AddConstraint{.table = "t", .constraint = fk}),
            "ALTER TABLE t ADD " + clause + ";\n\n");
  ops::CreateTable create{.table = {.name = "t"}};
  create.table.columns = {model::Column{.name = "p", .type = type(Kind::kInteger)}};
  create.table.foreign_keys = {fk};
  EXPECT_EQ(offline(create), "CREATE TABLE t (\n    p INTEGER, \n    " + clause + "\n);\n\n");
  // FULL and PARTIAL cannot be had.
  for (auto [match, shown] : {std::pair<std::string, std::string>{"FULL", "FULL"},
                               {"partial", "PARTIAL"}}) {
    fk.match = match;
    try {
      offline(ops::AddConstraint{.table = "t", .constraint = fk});
      ADD_FAILURE() << "rendered MATCH " << match;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript);
      EXPECT_NE(e.message().find("create_foreign_key fk on t: MATCH " + shown +
                                 " on a foreign key is not supported on MySQL/MariaDB (InnoDB "
                                 "enforces MATCH SIMPLE only"),
                std::string::npos)
          << e.message();
    }
  }
}

TEST_F(MysqlOpsOffline, BulkInsertChunksAndChecksRows) {
  ops::BulkInsert insert{.table = "t", .columns = {"n"}};
  EXPECT_EQ(offline(insert), "");
  for (long long i = 0; i < 2001; ++i) insert.rows.push_back({ops::Value(i)});
  std::vector<std::string> statements = dialect_.render(insert);
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].rfind("INSERT INTO t (n) VALUES\n    (0),\n    (1),\n", 0), 0u);
  EXPECT_NE(statements[0].find(",\n    (999)"), std::string::npos);
  EXPECT_EQ(statements[1].rfind("INSERT INTO t (n) VALUES\n    (1000),\n", 0), 0u);
  EXPECT_EQ(statements[2], "INSERT INTO t (n) VALUES\n    (2000)");
  auto error = [&](const ops::BulkInsert& op) {
    try {
      dialect_.render(op);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kScript);
      return e.message();
    }
    return std::string("<no error>");
  };
  for (bool reverse : {false, true}) {
    const std::string verb = reverse ? "bulk_delete" : "bulk_insert";
    ops::BulkInsert bad{.table = "t", .columns = {"a", "b"},
                        .rows = {{ops::Value(1LL), ops::Value(2LL)}, {ops::Value(1LL)}},
                        .delete_rows = reverse};
    EXPECT_EQ(error(bad), verb + " t (2 rows): row 2 has 1 values for 2 columns");
    bad.rows = {{ops::Value(1LL), ops::Value(std::nan(""))}};
    EXPECT_NE(error(bad).find("NaN"), std::string::npos);
    bad.types = {type(Kind::kInteger)};
    EXPECT_EQ(error(bad), verb + " t (1 rows): 1 types for 2 columns");
  }
}

TEST_F(MysqlOps, DropPrimaryKeyIfExists) {
  conn_->execute("CREATE TABLE t (id INTEGER PRIMARY KEY); CREATE TABLE u (id INTEGER)");
  ops::DropConstraint pk{.table = "t", .name = "pk_t", .type = ConstraintType::kPrimaryKey,
                         .if_exists = true};
  EXPECT_EQ(emit(pk), std::vector<std::string>{"ALTER TABLE t DROP PRIMARY KEY"});
  EXPECT_EQ(emit(pk), std::vector<std::string>{});
  pk.table = "u";
  EXPECT_EQ(emit(pk), std::vector<std::string>{});
  EXPECT_EQ(constraints(main_, "t"), "");
}

// ---- drop_schema --------------------------------------------------------------

TEST_F(MysqlOps, DropSchemaRefusesANonEmptyDatabaseWithoutCascade) {
  conn_->execute("CREATE TABLE " + q(other_) + ".t (a INTEGER); CREATE VIEW " + q(other_) +
                 ".v AS SELECT 1 AS x; CREATE SEQUENCE " + q(other_) + ".s");
  const std::string exists = "SELECT count(*) FROM information_schema.schemata WHERE "
                             "schema_name = " + lit(other_);
  ops::DropSchema drop{.name = other_};
  EXPECT_TRUE(live_.needs_live_catalog(drop));
  try {
    emit(drop);
    ADD_FAILURE() << "dropped a database that holds a table, a view and a sequence";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_EQ(e.message(), "drop_schema " + other_ + ": schema " + other_ +
                               " is not empty (1 table, 1 view, 1 sequence); use cascade = true");
  }
  EXPECT_EQ(scalar(exists), "1");
  // --sql: the server decides when the script runs (a prepared DROP or
  // SIGNAL), with the same advice.
  const std::string script = offline(drop);
  try {
    run_script(*conn_, script);
    ADD_FAILURE() << "the --sql script dropped a non-empty database:\n" << script;
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("mysql error 1644: schema " + other_ +
                               " is not empty (3 objects); use cascade = true"),
              std::string::npos)
        << e.message();
  }
  EXPECT_EQ(scalar(exists), "1");
  // cascade = true drops it all.
  ops::DropSchema cascade{.name = other_, .cascade = true};
  EXPECT_FALSE(live_.needs_live_catalog(cascade));
  EXPECT_EQ(emit(cascade), std::vector<std::string>{"DROP DATABASE " + q(other_)});
  EXPECT_EQ(scalar(exists), "0");

  // An empty database is dropped without cascade, online and by the script;
  // if_exists of one that is gone is nothing.
  emit(ops::CreateSchema{.name = other_});
  EXPECT_EQ(emit(drop), std::vector<std::string>{"DROP DATABASE " + q(other_)});
  EXPECT_EQ(scalar(exists), "0");
  emit(ops::CreateSchema{.name = other_});
  run_script(*conn_, script);
  EXPECT_EQ(scalar(exists), "0");
  drop.if_exists = true;
  EXPECT_EQ(emit(drop), std::vector<std::string>{"DROP DATABASE IF EXISTS " + q(other_)});
  run_script(*conn_, offline(drop));

  // A stored routine counts too: DROP DATABASE would take it along.
  drop.if_exists = false;
  emit(ops::CreateSchema{.name = other_});
  conn_->execute("CREATE PROCEDURE " + q(other_) + ".p() SELECT 1");
  try {
    emit(drop);
    ADD_FAILURE() << "dropped a database that holds a stored procedure";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "drop_schema " + other_ + ": schema " + other_ +
                               " is not empty (1 routine); use cascade = true");
  }
  EXPECT_THROW(run_script(*conn_, script), Error);
  EXPECT_EQ(scalar(exists), "1");
}

// ---- rename_constraint ----------------------------------------------------

TEST_F(MysqlOps, RenameForeignKeyRestatesItAndItStillEnforces) {
  // A composite key into the other database, with both rules.
  conn_->execute("CREATE TABLE " + q(other_) + ".parent (a INTEGER, b VARCHAR(5), "
                 "PRIMARY KEY (a, b))");
  conn_->execute(
      "CREATE TABLE child (id INTEGER PRIMARY KEY, pa INTEGER, pb VARCHAR(5), "
      "CONSTRAINT `fk old` FOREIGN KEY (pa, pb) REFERENCES " + q(other_) +
      ".parent (a, b) ON DELETE CASCADE ON UPDATE SET NULL)");
  conn_->execute("INSERT INTO " + q(other_) + ".parent VALUES (1, 'x'), (2, 'y');"
                 "INSERT INTO child VALUES (10, 1, 'x'), (20, 2, 'y')");

  ops::RenameConstraint rename{.table = "child", .old_name = "fk old", .new_name = "fk_child_ä",
                               .type = ConstraintType::kForeignKey};
  std::vector<std::string> applied = emit(rename);
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0], "ALTER TABLE child DROP FOREIGN KEY `fk old`, ADD CONSTRAINT `fk_child_ä` "
                        "FOREIGN KEY(pa, pb) REFERENCES " + q(other_) +
                            ".parent (a, b) ON DELETE CASCADE ON UPDATE SET NULL");
  EXPECT_EQ(constraints(main_, "child"), "fk_child_ä:FOREIGN KEY,PRIMARY:PRIMARY KEY");
  EXPECT_EQ(scalar("SELECT CONCAT(delete_rule, '/', update_rule, '/', referenced_table_name) "
                   "FROM information_schema.referential_constraints WHERE constraint_schema = "
                   "DATABASE() AND constraint_name = 'fk_child_ä'"),
            "CASCADE/SET NULL/parent");
  // Still enforced, still cascading.
  EXPECT_TRUE(refused("INSERT INTO child VALUES (30, 3, 'z')"));
  conn_->execute("DELETE FROM " + q(other_) + ".parent WHERE a = 1");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(id) FROM child"), "20");
  conn_->execute("UPDATE " + q(other_) + ".parent SET b = 'w' WHERE a = 2");
  EXPECT_EQ(scalar("SELECT COALESCE(pb, 'NULL') FROM child WHERE id = 20"), "NULL");

  // Type unknown: looked up, then the same restatement. And back.
  ops::RenameConstraint back{.table = "child", .old_name = "fk_child_ä", .new_name = "fk old"};
  ASSERT_EQ(emit(back).size(), 1u);
  EXPECT_EQ(constraints(main_, "child"), "fk old:FOREIGN KEY,PRIMARY:PRIMARY KEY");
  EXPECT_TRUE(refused("INSERT INTO child VALUES (40, 7, 'q')"));

  // --sql: a foreign key cannot be renamed without reading it back.
  EXPECT_NE(offline_error(rename).find("cannot rename a foreign key"), std::string::npos);
  EXPECT_NE(offline_error(back).find("looks up the constraint's type"), std::string::npos);
}

TEST_F(MysqlOps, RenameCheckRestatesItAndItStillEnforces) {
  conn_->execute("CREATE TABLE stock (id INTEGER PRIMARY KEY, qty INTEGER, "
                 "CONSTRAINT ck_old CHECK (qty > 0 AND qty <> 13))");
  ops::RenameConstraint rename{.table = "stock", .old_name = "ck_old", .new_name = "ck new",
                               .type = ConstraintType::kCheck};
  EXPECT_EQ(emit(rename), std::vector<std::string>{
                              "ALTER TABLE stock DROP CONSTRAINT ck_old, ADD CONSTRAINT `ck new` "
                              "CHECK (`qty` > 0 and `qty` <> 13)"});
  EXPECT_EQ(constraints(main_, "stock"), "ck new:CHECK,PRIMARY:PRIMARY KEY");
  EXPECT_EQ(scalar("SELECT count(*) FROM information_schema.check_constraints WHERE "
                   "constraint_schema = DATABASE() AND constraint_name = 'ck_old'"),
            "0");
  EXPECT_TRUE(refused("INSERT INTO stock VALUES (1, 0)"));
  EXPECT_TRUE(refused("INSERT INTO stock VALUES (1, 13)"));
  EXPECT_FALSE(refused("INSERT INTO stock VALUES (1, 5)"));
  EXPECT_NE(offline_error(rename).find("cannot rename a check constraint"), std::string::npos);

  // The same check name on another table is not this table's.
  conn_->execute("CREATE TABLE other_stock (qty INTEGER, CONSTRAINT ck_old CHECK (qty < 0))");
  try {
    emit(rename);
    ADD_FAILURE() << "renamed a check the table does not have";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase) << e.message();
    EXPECT_NE(e.message().find("table stock has no constraint named 'ck_old'"), std::string::npos)
        << e.message();
  }
  // A check written in a column definition cannot be renamed by name.
  conn_->execute("CREATE TABLE colcheck (qty INTEGER CHECK (qty > 0))");
  try {
    emit(ops::RenameConstraint{.table = "colcheck", .old_name = "qty", .new_name = "ck_qty"});
    ADD_FAILURE() << "renamed a column-level check";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript) << e.message();
    EXPECT_NE(e.message().find("definition of column 'qty'"), std::string::npos) << e.message();
  }
}

TEST_F(MysqlOps, RenameUniqueAndPrimaryKey) {
  conn_->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code INTEGER, "
                 "CONSTRAINT uq_old UNIQUE (code))");
  ops::RenameConstraint unique{.table = "t", .old_name = "uq_old", .new_name = "uq new",
                               .type = ConstraintType::kUnique};
  // Rendered the same online and offline: RENAME INDEX.
  EXPECT_EQ(offline(unique), "ALTER TABLE t RENAME INDEX uq_old TO `uq new`;\n\n");
  EXPECT_EQ(emit(unique),
            std::vector<std::string>{"ALTER TABLE t RENAME INDEX uq_old TO `uq new`"});
  // Type unknown: looked up.
  EXPECT_EQ(emit(ops::RenameConstraint{.table = "t", .old_name = "uq new", .new_name = "uq_t"}),
            std::vector<std::string>{"ALTER TABLE t RENAME INDEX `uq new` TO uq_t"});
  EXPECT_EQ(constraints(main_, "t"), "PRIMARY:PRIMARY KEY,uq_t:UNIQUE");
  EXPECT_TRUE(refused("INSERT INTO t VALUES (1, 1), (2, 1)"));
  // A primary key is always PRIMARY: renaming it changes nothing.
  ops::RenameConstraint pk{.table = "t", .old_name = "t_pkey", .new_name = "pk_t",
                           .type = ConstraintType::kPrimaryKey};
  EXPECT_EQ(emit(pk), std::vector<std::string>{});
  EXPECT_EQ(offline(pk), "");
  EXPECT_EQ(constraints(main_, "t"), "PRIMARY:PRIMARY KEY,uq_t:UNIQUE");
}

// ---- move_table, rename_index ----------------------------------------------

TEST_F(MysqlOps, MoveTableBetweenDatabasesKeepsForeignKeysBothWays) {
  conn_->execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
      "CREATE TABLE docs (id INTEGER PRIMARY KEY, pid INTEGER, "
      " CONSTRAINT fk_docs_parent FOREIGN KEY (pid) REFERENCES parent (id));"
      "CREATE TABLE chunks (id INTEGER PRIMARY KEY, doc_id INTEGER, "
      " CONSTRAINT fk_chunks_docs FOREIGN KEY (doc_id) REFERENCES docs (id) ON DELETE CASCADE);"
      "INSERT INTO parent VALUES (1); INSERT INTO docs VALUES (1, 1), (2, 1);"
      "INSERT INTO chunks VALUES (1, 1), (2, 2)");
  ops::MoveTable move{.name = "docs", .new_schema = other_, .new_name = "documents"};
  const std::string statement = "RENAME TABLE docs TO " + q(other_) + ".documents";
  EXPECT_EQ(offline(move), statement + ";\n\n");
  EXPECT_EQ(emit(move), std::vector<std::string>{statement});
  EXPECT_EQ(scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
                   "AND table_name = 'docs'"),
            "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM " + q(other_) + ".documents"), "2");
  // Into the moved table (chunks -> documents) and out of it (documents ->
  // parent): both enforced, the cascade too.
  EXPECT_EQ(scalar("SELECT CONCAT(referenced_table_schema, '.', referenced_table_name) FROM "
                   "information_schema.key_column_usage WHERE constraint_name = 'fk_chunks_docs' "
                   "AND table_schema = DATABASE()"),
            other_ + ".documents");
  EXPECT_TRUE(refused("INSERT INTO chunks VALUES (3, 99)"));
  EXPECT_TRUE(refused("INSERT INTO " + q(other_) + ".documents VALUES (3, 99)"));
  conn_->execute("DELETE FROM " + q(other_) + ".documents WHERE id = 1");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(id) FROM chunks"), "2");

  // And back: no new_schema is the connection's database.
  ops::MoveTable back{.schema = other_, .name = "documents", .new_name = "docs"};
  EXPECT_EQ(emit(back), std::vector<std::string>{"RENAME TABLE " + q(other_) +
                                                 ".documents TO docs"});
  EXPECT_EQ(scalar("SELECT count(*) FROM docs"), "1");
  EXPECT_TRUE(refused("INSERT INTO chunks VALUES (3, 99)"));
}

TEST_F(MysqlOps, MoveTableRecreatesItsTriggersInTheOtherDatabase) {
  // Two BEFORE INSERT triggers whose order matters (the first created under
  // ANSI_QUOTES, which its body needs), one with a compound body writing to
  // the other database, one named with a space.
  conn_->execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, n INTEGER);"
                 "CREATE TABLE " + q(other_) + ".audit (id INTEGER)");
  const std::string session_mode = scalar("SELECT @@SESSION.sql_mode");
  conn_->execute("SET SESSION sql_mode = 'ANSI_QUOTES'");
  conn_->execute("CREATE TRIGGER plus_one BEFORE INSERT ON docs FOR EACH ROW "
                 "SET NEW.\"n\" = NEW.\"n\" + 1");
  conn_->execute("SET SESSION sql_mode = " + lit(session_mode));
  conn_->execute("CREATE TRIGGER `times ten` BEFORE INSERT ON docs FOR EACH ROW FOLLOWS plus_one "
                 "SET NEW.n = NEW.n * 10");
  conn_->execute("CREATE TRIGGER audit AFTER DELETE ON docs FOR EACH ROW BEGIN "
                 "INSERT INTO " + q(other_) + ".audit VALUES (OLD.id); END");
  auto triggers = [&](const std::string& schema, const std::string& table) {
    return scalar("SELECT COALESCE(GROUP_CONCAT(CONCAT(trigger_name, ':', action_timing, ' ', "
                  "event_manipulation, ' ', action_order, ':', sql_mode) ORDER BY action_timing "
                  "DESC, action_order SEPARATOR ', '), '') FROM information_schema.triggers WHERE "
                  "event_object_schema = " + lit(schema) + " AND event_object_table = " +
                  lit(table));
  };
  const std::string before = triggers(main_, "docs");
  EXPECT_EQ(before, "plus_one:BEFORE INSERT 1:ANSI_QUOTES, times ten:BEFORE INSERT 2:" +
                        session_mode + ", audit:AFTER DELETE 1:" + session_mode);

  // --sql cannot read them: the plain RENAME, which the server refuses.
  ops::MoveTable move{.name = "docs", .new_schema = other_, .new_name = "documents"};
  const std::string rename = "RENAME TABLE docs TO " + q(other_) + ".documents";
  EXPECT_EQ(offline(move), rename + ";\n\n");
  EXPECT_TRUE(refused(rename));

  // Online: dropped, moved, created again beside the table (per timing
  // and event in firing order; under its definer and its sql_mode).
  std::vector<std::string> applied = emit(move);
  ASSERT_EQ(applied.size(), 9u);
  EXPECT_EQ(applied[0], "DROP TRIGGER audit");
  EXPECT_EQ(applied[1], "DROP TRIGGER plus_one");
  EXPECT_EQ(applied[2], "DROP TRIGGER `times ten`");
  EXPECT_EQ(applied[3], rename);
  EXPECT_EQ(applied[4].rfind("CREATE DEFINER=`", 0), 0u) << applied[4];
  EXPECT_NE(applied[4].find("` TRIGGER " + q(other_) + ".audit AFTER DELETE ON " + q(other_) +
                            ".documents FOR EACH ROW BEGIN INSERT INTO " + q(other_) +
                            ".audit VALUES (OLD.id); END"),
            std::string::npos)
      << applied[4];
  EXPECT_EQ(applied[5], "SET SESSION sql_mode = 'ANSI_QUOTES'");
  EXPECT_NE(applied[6].find("` TRIGGER " + q(other_) + ".plus_one BEFORE INSERT ON " + q(other_) +
                            ".documents FOR EACH ROW SET NEW.\"n\" = NEW.\"n\" + 1"),
            std::string::npos)
      << applied[6];
  EXPECT_EQ(applied[7], "SET SESSION sql_mode = " + lit(session_mode));
  EXPECT_EQ(triggers(other_, "documents"), before);
  EXPECT_EQ(triggers(main_, "docs"), "");
  EXPECT_EQ(scalar("SELECT @@SESSION.sql_mode"), session_mode);
  // They fire, in order.
  conn_->execute("INSERT INTO " + q(other_) + ".documents VALUES (1, 1)");
  EXPECT_EQ(scalar("SELECT n FROM " + q(other_) + ".documents"), "20");
  conn_->execute("DELETE FROM " + q(other_) + ".documents");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(id) FROM " + q(other_) + ".audit"), "1");

  // And back (no new_schema: the connection's database).
  EXPECT_EQ(emit(ops::MoveTable{.schema = other_, .name = "documents", .new_name = "docs"}).size(),
            9u);
  EXPECT_EQ(triggers(main_, "docs"), before);

  // A move the server refuses leaves the triggers where they were.
  conn_->execute("CREATE TABLE " + q(other_) + ".documents (id INTEGER)");
  try {
    emit(move);
    ADD_FAILURE() << "moved onto an existing table";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase);
    EXPECT_NE(e.message().find("already exists"), std::string::npos) << e.message();
  }
  EXPECT_EQ(triggers(main_, "docs"), before);
  EXPECT_EQ(scalar("SELECT @@SESSION.sql_mode"), session_mode);
}

TEST_F(MysqlOps, RenameIndex) {
  conn_->execute("CREATE TABLE " + q(other_) + ".`order` (id INTEGER, `key` INTEGER, "
                 "INDEX `ix key` (`key`))");
  ops::RenameIndex rename{.schema = other_, .table = "order", .old_name = "ix key",
                          .new_name = "ix_order_key"};
  const std::string statement = "ALTER TABLE " + q(other_) + ".`order` RENAME INDEX `ix key` TO "
                                "ix_order_key";
  EXPECT_EQ(offline(rename), statement + ";\n\n");
  EXPECT_EQ(emit(rename), std::vector<std::string>{statement});
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(DISTINCT index_name) FROM information_schema.statistics "
                   "WHERE table_schema = " + lit(other_) + " AND table_name = 'order'"),
            "ix_order_key");
  try {
    emit(ops::RenameIndex{.old_name = "a", .new_name = "b"});
    ADD_FAILURE() << "rename_index without a table";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_NE(e.message().find("rename_index 'a' needs the table name"), std::string::npos);
  }
}

// ---- batch, bulk_insert --------------------------------------------------------

TEST_F(MysqlOps, BatchWithLiveCatalogOps) {
  conn_->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, "
                 "CONSTRAINT uq_a UNIQUE (a), CONSTRAINT ck_a CHECK (a > 0))");
  ops::BatchAlterTable batch{
      .table = "t",
      .ops = {ops::AddColumn{.table = "t", .column = {.name = "b", .type = type(Kind::kInteger)}},
              ops::DropConstraint{.table = "t", .name = "uq_a"},
              ops::DropConstraint{.table = "t", .name = "ck_a", .type = ConstraintType::kCheck}}};
  EXPECT_TRUE(live_.needs_live_catalog(batch));
  offline_error(batch, ops::DropConstraint{.table = "t", .name = "uq_a"});
  EXPECT_EQ(emit(batch), (std::vector<std::string>{"ALTER TABLE t ADD COLUMN b INTEGER",
                                                   "ALTER TABLE t DROP INDEX uq_a",
                                                   "ALTER TABLE t DROP CONSTRAINT ck_a"}));
  EXPECT_EQ(constraints(main_, "t"), "PRIMARY:PRIMARY KEY");
}

TEST_F(MysqlOps, BulkInsertAndItsReverse) {
  conn_->execute("CREATE TABLE t (id INTEGER, flag BOOL, f FLOAT, d DOUBLE, name VARCHAR(20), "
                 "bin BLOB)");
  conn_->execute("INSERT INTO t VALUES (1, 1, 0.5, 0.1, 'kept', NULL)");
  ops::BulkInsert insert{
      .table = "t",
      .columns = {"id", "flag", "f", "d", "name", "bin"},
      .rows = {{1LL, true, 0.1, 0.1, std::string("it's \\ ä"), std::string("\0\xff", 2)},
               {2LL, false, std::monostate{}, 1e300, std::monostate{}, std::monostate{}},
               {1LL, true, 0.1, 0.1, std::string("it's \\ ä"), std::string("\0\xff", 2)}},
      .types = {type(Kind::kInteger), type(Kind::kBoolean), type(Kind::kFloat),
                type(Kind::kFloat), type(Kind::kString, 20), type(Kind::kLargeBinary)}};
  insert.types[3]->precision = 53;  // DOUBLE
  emit(insert);
  EXPECT_EQ(scalar("SELECT count(*) FROM t"), "4");
  EXPECT_EQ(scalar("SELECT HEX(bin) FROM t WHERE id = 1 AND name <> 'kept' LIMIT 1"), "00FF");
  EXPECT_EQ(scalar("SELECT name FROM t WHERE id = 1 AND bin IS NOT NULL LIMIT 1"), "it's \\ ä");
  // The reverse deletes the listed rows (the duplicate twice, with NULLs
  // and a single-precision float matched) and nothing else.
  ops::BulkInsert reverse = insert;
  reverse.delete_rows = true;
  std::vector<std::string> deletes = emit(reverse);
  ASSERT_EQ(deletes.size(), 2u);
  EXPECT_NE(deletes[0].find("f <=> CAST(0.1 AS FLOAT)"), std::string::npos) << deletes[0];
  EXPECT_NE(deletes[0].find(" LIMIT 2"), std::string::npos) << deletes[0];
  EXPECT_NE(deletes[1].find("name <=> NULL"), std::string::npos) << deletes[1];
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(name) FROM t"), "kept");
}

// ---- literals ------------------------------------------------------------------

TEST_F(MysqlOps, NulBytesInTextRoundTrip) {
  EXPECT_EQ(dialect_.literal(std::string("a\0b'\\", 5)), "'a\\0b''\\\\'");
  conn_->execute("CREATE TABLE t (id INTEGER, name VARCHAR(20), body TEXT)");
  const std::string text("nul\0in\0text", 11);
  ops::BulkInsert insert{.table = "t", .columns = {"id", "name", "body"},
                         .rows = {{1LL, text, text}},
                         .types = {type(Kind::kInteger), type(Kind::kString, 20),
                                   type(Kind::kText)}};
  std::vector<std::string> statements = emit(insert);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].find('\0'), std::string::npos) << "a raw NUL in the statement";
  EXPECT_EQ(scalar("SELECT CONCAT(HEX(name), '/', HEX(body)) FROM t"),
            "6E756C00696E0074657874/6E756C00696E0074657874");
  // The reverse finds the row by the same literal.
  ops::BulkInsert reverse = insert;
  reverse.delete_rows = true;
  emit(reverse);
  EXPECT_EQ(scalar("SELECT count(*) FROM t"), "0");
}

TEST_F(MysqlOps, BackslashesSurviveAGlobalNoBackslashEscapes) {
  conn_->execute("CREATE TABLE t (id INTEGER, name VARCHAR(20))");
  const std::string insert = "INSERT INTO t VALUES (1, " + lit("a\\b") + ")";
  // The premise: under NO_BACKSLASH_ESCAPES the dialect's literal is wrong.
  auto plain = driver::connect(config::parse_url(std::getenv("STRATA_TEST_MYSQL_URL")));
  plain->execute("USE " + q(main_) + "; SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'; " + insert);
  EXPECT_EQ(scalar("SELECT name FROM t"), "a\\\\b");
  conn_->execute("DELETE FROM t");

  // A strata connection to a server whose global mode has it removes it
  // from its session, and only it.
  const std::string global = admin_->query("SELECT @@GLOBAL.sql_mode").rows.at(0).at(0).value();
  admin_->execute("SET GLOBAL sql_mode = " + lit(global + ",NO_BACKSLASH_ESCAPES"));
  std::unique_ptr<driver::Connection> conn;
  try {
    config::Url url = config::parse_url(std::getenv("STRATA_TEST_MYSQL_URL"));
    url.database = main_;
    conn = driver::connect(url);
  } catch (const Error&) {
  }
  admin_->execute("SET GLOBAL sql_mode = " + lit(global));
  ASSERT_TRUE(conn);
  EXPECT_EQ(conn->query("SELECT @@SESSION.sql_mode").rows.at(0).at(0), global);
  conn->execute(insert);
  EXPECT_EQ(scalar("SELECT name FROM t"), "a\\b");
}

}  // namespace
}  // namespace strata
