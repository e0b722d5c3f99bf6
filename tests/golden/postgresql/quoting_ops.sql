-- Rendered by tests/unit/dialect_test.cpp, case 'quoting_ops', dialect postgresql.

-- create_schema Ünïcode sch
CREATE SCHEMA "Ünïcode sch";

-- create_schema Zïel "x" sch
CREATE SCHEMA "Zïel ""x"" sch";

-- create_table Ünïcode sch.order
CREATE TABLE "Ünïcode sch"."order" (
    "Ïd" SERIAL NOT NULL, 
    "we""ird col" VARCHAR(20), 
    "user" INTEGER, 
    "select" INTEGER, 
    n INTEGER, 
    PRIMARY KEY ("Ïd")
);

-- alter_column Ünïcode sch.order.we"ird col
ALTER TABLE "Ünïcode sch"."order" ALTER COLUMN "we""ird col" TYPE VARCHAR(40) USING upper("we""ird col");
ALTER TABLE "Ünïcode sch"."order" ALTER COLUMN "we""ird col" SET NOT NULL;
ALTER TABLE "Ünïcode sch"."order" ALTER COLUMN "we""ird col" SET DEFAULT 'it''s';
COMMENT ON COLUMN "Ünïcode sch"."order"."we""ird col" IS 'Kommentar "ü" it''s';
ALTER TABLE "Ünïcode sch"."order" RENAME COLUMN "we""ird col" TO "new ""name""";

-- create_unique_constraint uq "order" we"ird on Ünïcode sch.order
ALTER TABLE "Ünïcode sch"."order" ADD CONSTRAINT "uq ""order"" we""ird" UNIQUE ("new ""name""");

-- create_check_constraint check on Ünïcode sch.order
ALTER TABLE "Ünïcode sch"."order" ADD CONSTRAINT "check" CHECK (n >= 0);

-- create_foreign_key fk "self" on Ünïcode sch.order
ALTER TABLE "Ünïcode sch"."order" ADD CONSTRAINT "fk ""self""" FOREIGN KEY("user") REFERENCES "Ünïcode sch"."order" ("Ïd");

-- rename_constraint check on Ünïcode sch.order to ck ünï
ALTER TABLE "Ünïcode sch"."order" RENAME CONSTRAINT "check" TO "ck ünï";

-- create_index ix größe on Ünïcode sch.order
CREATE INDEX "ix größe" ON "Ünïcode sch"."order" ("select");

-- rename_index Ünïcode sch.ix größe to ix "sel"
ALTER INDEX "Ünïcode sch"."ix größe" RENAME TO "ix ""sel""";

-- create_table_comment Ünïcode sch.order
COMMENT ON TABLE "Ünïcode sch"."order" IS 'Bestellung ''x''';

-- create_sequence Ünïcode sch.seq "q"
CREATE SEQUENCE "Ünïcode sch"."seq ""q""" START WITH 1;

-- bulk_insert Ünïcode sch.order (1 rows)
INSERT INTO "Ünïcode sch"."order" ("Ïd", "new ""name""", "user", "select") VALUES
    (1, 'a''b "c"', NULL, 2);

-- move_table Ünïcode sch.order to Zïel "x" sch.bestellung "x"
ALTER TABLE "Ünïcode sch"."order" SET SCHEMA "Zïel ""x"" sch";
ALTER TABLE "Zïel ""x"" sch"."order" RENAME TO "bestellung ""x""";
DO $$
DECLARE
  owned record;
  tname text;
  names text[];
  n1 integer; n2 integer; c1 integer; c2 integer;
  avail integer := current_setting('max_identifier_length')::integer - length('__seq');
BEGIN
  -- the sequences owned by the table's columns (serial: 'a', identity: 'i')
  FOR owned IN
    SELECT sn.nspname::text AS seq_schema, s.relname::text AS seq_name, a.attname::text AS col
    FROM pg_depend d
    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = '"Zïel ""x"" sch"."bestellung ""x"""'::regclass AND d.deptype IN ('a', 'i')
  LOOP
    -- PostgreSQL's name for the sequence under the old and the new table
    -- name: <table>_<column>_seq, the longer part shortened first to fit,
    -- each cut at a character boundary
    names := '{}';
    FOREACH tname IN ARRAY ARRAY['order', 'bestellung "x"'] LOOP
      n1 := octet_length(tname);
      n2 := octet_length(owned.col);
      WHILE n1 + n2 > avail LOOP
        IF n1 > n2 THEN n1 := n1 - 1; ELSE n2 := n2 - 1; END IF;
      END LOOP;
      c1 := n1;
      WHILE octet_length(left(tname, c1)) > n1 LOOP c1 := c1 - 1; END LOOP;
      c2 := n2;
      WHILE octet_length(left(owned.col, c2)) > n2 LOOP c2 := c2 - 1; END LOOP;
      names := names || (left(tname, c1) || '_' || left(owned.col, c2) || '_seq');
    END LOOP;
    -- a sequence named otherwise was named on purpose: it keeps its name
    IF owned.seq_name = names[1] AND names[2] <> names[1] THEN
      EXECUTE format('ALTER SEQUENCE %I.%I RENAME TO %I', owned.seq_schema, owned.seq_name,
                     names[2]);
    END IF;
  END LOOP;
END
$$;
DO $$
DECLARE
  item record;
  rest text;
  base text;
  target text;
  tschema text;
BEGIN
  SELECT n.nspname INTO tschema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = '"Zïel ""x"" sch"."bestellung ""x"""'::regclass;
  FOR item IN
    SELECT con.conname::text AS name, con.contype::text AS kind, false AS is_index,
      CASE WHEN con.contype IN ('p', 'u', 'x') THEN
        (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
         WHERE ia.attrelid = con.conindid AND ia.attnum > 0)
      ELSE
        (SELECT string_agg(a.attname::text, '_' ORDER BY k.i)
         FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
      END AS cols,
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k(attnum)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS colnames
    FROM pg_constraint con
    WHERE con.conrelid = '"Zïel ""x"" sch"."bestellung ""x"""'::regclass AND con.contype IN ('p', 'u', 'f', 'c', 'x')
    UNION ALL
    SELECT ic.relname::text, 'i', true,
      (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
       WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0),
      ARRAY[]::text[]
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = '"Zïel ""x"" sch"."bestellung ""x"""'::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                      AND con.conrelid = i.indrelid)
  LOOP
    CONTINUE WHEN left(item.name, length('order') + 1) <> 'order' || '_';
    rest := substr(item.name, length('order') + 2);
    base := regexp_replace(rest, '[0-9]+$', '');
    -- a name other than PostgreSQL's default was chosen on purpose: kept
    CONTINUE WHEN NOT CASE item.kind
      WHEN 'p' THEN base = 'pkey'
      WHEN 'u' THEN base = item.cols || '_key'
      WHEN 'x' THEN base = item.cols || '_excl'
      WHEN 'f' THEN base = item.cols || '_fkey'
      WHEN 'c' THEN base = 'check' OR base = ANY (SELECT c || '_check' FROM unnest(item.colnames) c)
      ELSE base = item.cols || '_idx'
    END IS TRUE;
    target := 'bestellung "x"' || '_' || rest;
    CONTINUE WHEN octet_length(target) > current_setting('max_identifier_length')::integer;
    IF item.is_index THEN
      CONTINUE WHEN to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', tschema, item.name, target);
    ELSE
      CONTINUE WHEN item.kind IN ('p', 'u', 'x')
                    AND to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      CONTINUE WHEN EXISTS (SELECT 1 FROM pg_constraint con
                            WHERE con.conrelid = '"Zïel ""x"" sch"."bestellung ""x"""'::regclass AND con.conname = target);
      EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', '"Zïel ""x"" sch"."bestellung ""x"""'::regclass, item.name,
                     target);
    END IF;
  END LOOP;
END
$$;

-- bulk_delete Zïel "x" sch.bestellung "x" (1 rows)
DELETE FROM "Zïel ""x"" sch"."bestellung ""x""" WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM "Zïel ""x"" sch"."bestellung ""x""" WHERE "Ïd" = 1 AND "new ""name""" = 'a''b "c"' AND "user" IS NULL AND "select" = 2 ORDER BY age(xmin), ctid DESC LIMIT 1);

-- move_table Zïel "x" sch.bestellung "x" to Ünïcode sch.order
ALTER TABLE "Zïel ""x"" sch"."bestellung ""x""" SET SCHEMA "Ünïcode sch";
ALTER TABLE "Ünïcode sch"."bestellung ""x""" RENAME TO "order";
DO $$
DECLARE
  owned record;
  tname text;
  names text[];
  n1 integer; n2 integer; c1 integer; c2 integer;
  avail integer := current_setting('max_identifier_length')::integer - length('__seq');
BEGIN
  -- the sequences owned by the table's columns (serial: 'a', identity: 'i')
  FOR owned IN
    SELECT sn.nspname::text AS seq_schema, s.relname::text AS seq_name, a.attname::text AS col
    FROM pg_depend d
    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.refobjid = '"Ünïcode sch"."order"'::regclass AND d.deptype IN ('a', 'i')
  LOOP
    -- PostgreSQL's name for the sequence under the old and the new table
    -- name: <table>_<column>_seq, the longer part shortened first to fit,
    -- each cut at a character boundary
    names := '{}';
    FOREACH tname IN ARRAY ARRAY['bestellung "x"', 'order'] LOOP
      n1 := octet_length(tname);
      n2 := octet_length(owned.col);
      WHILE n1 + n2 > avail LOOP
        IF n1 > n2 THEN n1 := n1 - 1; ELSE n2 := n2 - 1; END IF;
      END LOOP;
      c1 := n1;
      WHILE octet_length(left(tname, c1)) > n1 LOOP c1 := c1 - 1; END LOOP;
      c2 := n2;
      WHILE octet_length(left(owned.col, c2)) > n2 LOOP c2 := c2 - 1; END LOOP;
      names := names || (left(tname, c1) || '_' || left(owned.col, c2) || '_seq');
    END LOOP;
    -- a sequence named otherwise was named on purpose: it keeps its name
    IF owned.seq_name = names[1] AND names[2] <> names[1] THEN
      EXECUTE format('ALTER SEQUENCE %I.%I RENAME TO %I', owned.seq_schema, owned.seq_name,
                     names[2]);
    END IF;
  END LOOP;
END
$$;
DO $$
DECLARE
  item record;
  rest text;
  base text;
  target text;
  tschema text;
BEGIN
  SELECT n.nspname INTO tschema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = '"Ünïcode sch"."order"'::regclass;
  FOR item IN
    SELECT con.conname::text AS name, con.contype::text AS kind, false AS is_index,
      CASE WHEN con.contype IN ('p', 'u', 'x') THEN
        (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
         WHERE ia.attrelid = con.conindid AND ia.attnum > 0)
      ELSE
        (SELECT string_agg(a.attname::text, '_' ORDER BY k.i)
         FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
      END AS cols,
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k(attnum)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS colnames
    FROM pg_constraint con
    WHERE con.conrelid = '"Ünïcode sch"."order"'::regclass AND con.contype IN ('p', 'u', 'f', 'c', 'x')
    UNION ALL
    SELECT ic.relname::text, 'i', true,
      (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
       WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0),
      ARRAY[]::text[]
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = '"Ünïcode sch"."order"'::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                      AND con.conrelid = i.indrelid)
  LOOP
    CONTINUE WHEN left(item.name, length('bestellung "x"') + 1) <> 'bestellung "x"' || '_';
    rest := substr(item.name, length('bestellung "x"') + 2);
    base := regexp_replace(rest, '[0-9]+$', '');
    -- a name other than PostgreSQL's default was chosen on purpose: kept
    CONTINUE WHEN NOT CASE item.kind
      WHEN 'p' THEN base = 'pkey'
      WHEN 'u' THEN base = item.cols || '_key'
      WHEN 'x' THEN base = item.cols || '_excl'
      WHEN 'f' THEN base = item.cols || '_fkey'
      WHEN 'c' THEN base = 'check' OR base = ANY (SELECT c || '_check' FROM unnest(item.colnames) c)
      ELSE base = item.cols || '_idx'
    END IS TRUE;
    target := 'order' || '_' || rest;
    CONTINUE WHEN octet_length(target) > current_setting('max_identifier_length')::integer;
    IF item.is_index THEN
      CONTINUE WHEN to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', tschema, item.name, target);
    ELSE
      CONTINUE WHEN item.kind IN ('p', 'u', 'x')
                    AND to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      CONTINUE WHEN EXISTS (SELECT 1 FROM pg_constraint con
                            WHERE con.conrelid = '"Ünïcode sch"."order"'::regclass AND con.conname = target);
      EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', '"Ünïcode sch"."order"'::regclass, item.name,
                     target);
    END IF;
  END LOOP;
END
$$;

-- drop_constraint ck ünï on Ünïcode sch.order
ALTER TABLE "Ünïcode sch"."order" DROP CONSTRAINT "ck ünï";

-- drop_index Ünïcode sch.ix "sel"
DROP INDEX "Ünïcode sch"."ix ""sel""";

-- drop_sequence Ünïcode sch.seq "q"
DROP SEQUENCE "Ünïcode sch"."seq ""q""";

-- drop_table Ünïcode sch.order
DROP TABLE "Ünïcode sch"."order";

-- drop_schema Zïel "x" sch
DROP SCHEMA "Zïel ""x"" sch";

-- drop_schema Ünïcode sch
DROP SCHEMA "Ünïcode sch";
