-- Rendered by tests/unit/dialect_test.cpp, case 'schemas', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_schema ledger
CREATE SCHEMA IF NOT EXISTS ledger;

-- drop_schema crm
DROP SCHEMA crm;

-- drop_schema ledger
DROP SCHEMA IF EXISTS ledger;

-- create_schema archive
CREATE SCHEMA archive;

-- drop_schema archive
DROP SCHEMA archive CASCADE;
