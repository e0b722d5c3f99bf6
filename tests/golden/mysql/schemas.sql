-- Rendered by tests/unit/dialect_test.cpp, case 'schemas', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_schema ledger
CREATE DATABASE IF NOT EXISTS ledger;

-- drop_schema crm
DROP DATABASE crm;

-- drop_schema ledger
DROP DATABASE IF EXISTS ledger;

-- create_schema archive
CREATE DATABASE archive;

-- drop_schema archive
DROP DATABASE archive;
