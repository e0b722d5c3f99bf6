-- Rendered by tests/unit/dialect_test.cpp, case 'move_table', dialect postgresql.

-- create_schema library
CREATE SCHEMA library;

-- create_schema archive
CREATE SCHEMA archive;

-- create_table rag_documents
CREATE TABLE rag_documents (
    id SERIAL NOT NULL, 
    title VARCHAR(200) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table rag_chunks
CREATE TABLE rag_chunks (
    id SERIAL NOT NULL, 
    document_id INTEGER NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_rag_chunks_document FOREIGN KEY(document_id) REFERENCES rag_documents (id) ON DELETE CASCADE
);

-- create_index ix_rag_documents_title on rag_documents
CREATE INDEX ix_rag_documents_title ON rag_documents (title);

-- drop_constraint fk_rag_chunks_document on rag_chunks
ALTER TABLE rag_chunks DROP CONSTRAINT fk_rag_chunks_document;

-- move_table rag_documents to library.documents
ALTER TABLE rag_documents SET SCHEMA library;
ALTER TABLE library.rag_documents RENAME TO documents;
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
      AND d.refobjid = 'library.documents'::regclass AND d.deptype IN ('a', 'i')
  LOOP
    -- PostgreSQL's name for the sequence under the old and the new table
    -- name: <table>_<column>_seq, the longer part shortened first to fit,
    -- each cut at a character boundary
    names := '{}';
    FOREACH tname IN ARRAY ARRAY['rag_documents', 'documents'] LOOP
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
  WHERE c.oid = 'library.documents'::regclass;
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
    WHERE con.conrelid = 'library.documents'::regclass AND con.contype IN ('p', 'u', 'f', 'c', 'x')
    UNION ALL
    SELECT ic.relname::text, 'i', true,
      (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
       WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0),
      ARRAY[]::text[]
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = 'library.documents'::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                      AND con.conrelid = i.indrelid)
  LOOP
    CONTINUE WHEN left(item.name, length('rag_documents') + 1) <> 'rag_documents' || '_';
    rest := substr(item.name, length('rag_documents') + 2);
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
    target := 'documents' || '_' || rest;
    CONTINUE WHEN octet_length(target) > current_setting('max_identifier_length')::integer;
    IF item.is_index THEN
      CONTINUE WHEN to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', tschema, item.name, target);
    ELSE
      CONTINUE WHEN item.kind IN ('p', 'u', 'x')
                    AND to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      CONTINUE WHEN EXISTS (SELECT 1 FROM pg_constraint con
                            WHERE con.conrelid = 'library.documents'::regclass AND con.conname = target);
      EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', 'library.documents'::regclass, item.name,
                     target);
    END IF;
  END LOOP;
END
$$;

-- move_table library.documents to archive.documents
ALTER TABLE library.documents SET SCHEMA archive;

-- move_table archive.documents to archive.old_documents
ALTER TABLE archive.documents RENAME TO old_documents;
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
      AND d.refobjid = 'archive.old_documents'::regclass AND d.deptype IN ('a', 'i')
  LOOP
    -- PostgreSQL's name for the sequence under the old and the new table
    -- name: <table>_<column>_seq, the longer part shortened first to fit,
    -- each cut at a character boundary
    names := '{}';
    FOREACH tname IN ARRAY ARRAY['documents', 'old_documents'] LOOP
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
  WHERE c.oid = 'archive.old_documents'::regclass;
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
    WHERE con.conrelid = 'archive.old_documents'::regclass AND con.contype IN ('p', 'u', 'f', 'c', 'x')
    UNION ALL
    SELECT ic.relname::text, 'i', true,
      (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
       WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0),
      ARRAY[]::text[]
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = 'archive.old_documents'::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                      AND con.conrelid = i.indrelid)
  LOOP
    CONTINUE WHEN left(item.name, length('documents') + 1) <> 'documents' || '_';
    rest := substr(item.name, length('documents') + 2);
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
    target := 'old_documents' || '_' || rest;
    CONTINUE WHEN octet_length(target) > current_setting('max_identifier_length')::integer;
    IF item.is_index THEN
      CONTINUE WHEN to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', tschema, item.name, target);
    ELSE
      CONTINUE WHEN item.kind IN ('p', 'u', 'x')
                    AND to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      CONTINUE WHEN EXISTS (SELECT 1 FROM pg_constraint con
                            WHERE con.conrelid = 'archive.old_documents'::regclass AND con.conname = target);
      EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', 'archive.old_documents'::regclass, item.name,
                     target);
    END IF;
  END LOOP;
END
$$;

-- move_table archive.old_documents to rag_documents
DO $$
BEGIN
  EXECUTE format('ALTER TABLE %I.%I SET SCHEMA %I', 'archive', 'old_documents', current_schema());
END
$$;
ALTER TABLE old_documents RENAME TO rag_documents;
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
      AND d.refobjid = 'rag_documents'::regclass AND d.deptype IN ('a', 'i')
  LOOP
    -- PostgreSQL's name for the sequence under the old and the new table
    -- name: <table>_<column>_seq, the longer part shortened first to fit,
    -- each cut at a character boundary
    names := '{}';
    FOREACH tname IN ARRAY ARRAY['old_documents', 'rag_documents'] LOOP
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
  WHERE c.oid = 'rag_documents'::regclass;
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
    WHERE con.conrelid = 'rag_documents'::regclass AND con.contype IN ('p', 'u', 'f', 'c', 'x')
    UNION ALL
    SELECT ic.relname::text, 'i', true,
      (SELECT string_agg(ia.attname::text, '_' ORDER BY ia.attnum) FROM pg_attribute ia
       WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0),
      ARRAY[]::text[]
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = 'rag_documents'::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                      AND con.conrelid = i.indrelid)
  LOOP
    CONTINUE WHEN left(item.name, length('old_documents') + 1) <> 'old_documents' || '_';
    rest := substr(item.name, length('old_documents') + 2);
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
    target := 'rag_documents' || '_' || rest;
    CONTINUE WHEN octet_length(target) > current_setting('max_identifier_length')::integer;
    IF item.is_index THEN
      CONTINUE WHEN to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', tschema, item.name, target);
    ELSE
      CONTINUE WHEN item.kind IN ('p', 'u', 'x')
                    AND to_regclass(format('%I.%I', tschema, target)) IS NOT NULL;
      CONTINUE WHEN EXISTS (SELECT 1 FROM pg_constraint con
                            WHERE con.conrelid = 'rag_documents'::regclass AND con.conname = target);
      EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %I', 'rag_documents'::regclass, item.name,
                     target);
    END IF;
  END LOOP;
END
$$;

-- create_foreign_key fk_rag_chunks_document on rag_chunks
ALTER TABLE rag_chunks ADD CONSTRAINT fk_rag_chunks_document FOREIGN KEY(document_id) REFERENCES rag_documents (id) ON DELETE CASCADE;

-- drop_table rag_chunks
DROP TABLE rag_chunks;

-- drop_table rag_documents
DROP TABLE rag_documents;
