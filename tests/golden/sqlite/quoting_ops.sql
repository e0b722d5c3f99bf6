-- Rendered by tests/unit/dialect_test.cpp, case 'quoting_ops', dialect sqlite.

-- create_schema Ünïcode sch
ATTACH DATABASE ':memory:' AS "Ünïcode sch";

-- create_schema Zïel "x" sch
ATTACH DATABASE ':memory:' AS "Zïel ""x"" sch";

-- create_table Ünïcode sch.order
CREATE TABLE "Ünïcode sch"."order" (
    "Ïd" INTEGER NOT NULL, 
    "we""ird col" VARCHAR(20), 
    "user" INTEGER, 
    "select" INTEGER, 
    n INTEGER, 
    PRIMARY KEY ("Ïd")
);

-- alter_column Ünïcode sch.order.we"ird col
-- error: alter_column Ünïcode sch.order.we"ird col: on sqlite this needs a live database (table rebuild); run it online

-- create_unique_constraint uq "order" we"ird on Ünïcode sch.order
-- error: create_unique_constraint uq "order" we"ird on Ünïcode sch.order: on sqlite this needs a live database (table rebuild); run it online

-- create_check_constraint check on Ünïcode sch.order
-- error: create_check_constraint check on Ünïcode sch.order: on sqlite this needs a live database (table rebuild); run it online

-- create_foreign_key fk "self" on Ünïcode sch.order
-- error: create_foreign_key fk "self" on Ünïcode sch.order: on sqlite this needs a live database (table rebuild); run it online

-- rename_constraint check on Ünïcode sch.order to ck ünï
-- error: rename_constraint check on Ünïcode sch.order to ck ünï: on sqlite this needs a live database (the table definition is read back); run it online

-- create_index ix größe on Ünïcode sch.order
CREATE INDEX "Ünïcode sch"."ix größe" ON "order" ("select");

-- rename_index Ünïcode sch.ix größe to ix "sel"
-- error: rename_index Ünïcode sch.ix größe to ix "sel": on sqlite this needs a live database (the index definition is read back); run it online

-- create_table_comment Ünïcode sch.order

-- create_sequence Ünïcode sch.seq "q"
-- error: create_sequence Ünïcode sch.seq "q": SQLite has no sequences

-- bulk_insert Ünïcode sch.order (1 rows)
INSERT INTO "Ünïcode sch"."order" ("Ïd", "new ""name""", "user", "select") VALUES
    (1, 'a''b "c"', NULL, 2);

-- move_table Ünïcode sch.order to Zïel "x" sch.bestellung "x"
-- error: move_table Ünïcode sch.order to Zïel "x" sch.bestellung "x": on sqlite this needs a live database (the table is copied into the other database); run it online

-- bulk_delete Zïel "x" sch.bestellung "x" (1 rows)
DELETE FROM "Zïel ""x"" sch"."bestellung ""x""" WHERE rowid IN (SELECT rowid FROM "Zïel ""x"" sch"."bestellung ""x""" WHERE "Ïd" = 1 AND "new ""name""" = 'a''b "c"' AND "user" IS NULL AND "select" = 2 ORDER BY rowid DESC LIMIT 1);

-- move_table Zïel "x" sch.bestellung "x" to Ünïcode sch.order
-- error: move_table Zïel "x" sch.bestellung "x" to Ünïcode sch.order: on sqlite this needs a live database (the table is copied into the other database); run it online

-- drop_constraint ck ünï on Ünïcode sch.order
-- error: drop_constraint ck ünï on Ünïcode sch.order: on sqlite this needs a live database (table rebuild); run it online

-- drop_index Ünïcode sch.ix "sel"
DROP INDEX "Ünïcode sch"."ix ""sel""";

-- drop_sequence Ünïcode sch.seq "q"
-- error: drop_sequence Ünïcode sch.seq "q": SQLite has no sequences

-- drop_table Ünïcode sch.order
DROP TABLE "Ünïcode sch"."order";

-- drop_schema Zïel "x" sch
DETACH DATABASE "Zïel ""x"" sch";

-- drop_schema Ünïcode sch
DETACH DATABASE "Ünïcode sch";
