-- Rendered by tests/unit/dialect_test.cpp, case 'schemas', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_schema ledger
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'ledger') THEN
    CREATE SCHEMA ledger;
  END IF;
END
$$;

-- drop_schema crm
DROP SCHEMA crm;

-- drop_schema ledger
DROP SCHEMA IF EXISTS ledger;

-- create_schema archive
CREATE SCHEMA archive;

-- drop_schema archive
DROP SCHEMA archive CASCADE;
