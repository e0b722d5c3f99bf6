-- Rendered by tests/unit/dialect_test.cpp, case 'quoting', dialect sqlite.

-- create_schema my "odd" schema
ATTACH DATABASE ':memory:' AS "my ""odd"" schema";

-- create_table my "odd" schema.order
CREATE TABLE "my ""odd"" schema"."order" (
    "größe" INTEGER NOT NULL, 
    "a""b" TEXT, 
    "select" INTEGER, 
    "x]y it's" INTEGER, 
    PRIMARY KEY ("größe"), 
    UNIQUE ("select"), 
    CONSTRAINT "check" CHECK ("select" > 0)
);

-- create_index ix "odd" on my "odd" schema.order
CREATE INDEX "my ""odd"" schema"."ix ""odd""" ON "order" ("a""b", "x]y it's");

-- drop_index my "odd" schema.ix "odd"
DROP INDEX "my ""odd"" schema"."ix ""odd""";

-- add_column my "odd" schema.order.user
ALTER TABLE "my ""odd"" schema"."order" ADD COLUMN "user" INTEGER;

-- drop_column my "odd" schema.order.x]y it's
ALTER TABLE "my ""odd"" schema"."order" DROP COLUMN "x]y it's";

-- rename_table my "odd" schema.order to group
ALTER TABLE "my ""odd"" schema"."order" RENAME TO "group";

-- drop_table my "odd" schema.group
DROP TABLE "my ""odd"" schema"."group";
