-- Rendered by tests/unit/dialect_test.cpp, case 'version_table', dialect postgresql.

-- create_version_table alembic_version
CREATE TABLE IF NOT EXISTS alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- insert_version alembic_version
INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf');

-- update_version alembic_version
UPDATE alembic_version SET version_num='27c6a30d7c24' WHERE alembic_version.version_num = 'ae1027a6acf';

-- select_versions alembic_version
SELECT version_num FROM alembic_version;

-- delete_version alembic_version
DELETE FROM alembic_version WHERE alembic_version.version_num = '27c6a30d7c24';

-- create_version_table ledger.alembic_version
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'ledger') THEN
    CREATE SCHEMA ledger;
  END IF;
END
$$;
CREATE TABLE IF NOT EXISTS ledger.alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- insert_version ledger.alembic_version
INSERT INTO ledger.alembic_version (version_num) VALUES ('ae1027a6acf');

-- update_version ledger.alembic_version
UPDATE ledger.alembic_version SET version_num='27c6a30d7c24' WHERE ledger.alembic_version.version_num = 'ae1027a6acf';

-- select_versions ledger.alembic_version
SELECT version_num FROM ledger.alembic_version;

-- delete_version ledger.alembic_version
DELETE FROM ledger.alembic_version WHERE ledger.alembic_version.version_num = '27c6a30d7c24';

-- create_version_table o'brien.my_versions
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'o''brien') THEN
    CREATE SCHEMA "o'brien";
  END IF;
END
$$;
CREATE TABLE IF NOT EXISTS "o'brien".my_versions (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT my_versions_pkc PRIMARY KEY (version_num)
);

-- insert_version o'brien.my_versions
INSERT INTO "o'brien".my_versions (version_num) VALUES ('ae1027a6acf');

-- update_version o'brien.my_versions
UPDATE "o'brien".my_versions SET version_num='27c6a30d7c24' WHERE "o'brien".my_versions.version_num = 'ae1027a6acf';

-- select_versions o'brien.my_versions
SELECT version_num FROM "o'brien".my_versions;

-- delete_version o'brien.my_versions
DELETE FROM "o'brien".my_versions WHERE "o'brien".my_versions.version_num = '27c6a30d7c24';
