-- Rendered by tests/unit/dialect_test.cpp, case 'schemas', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_schema ledger
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'ledger') EXEC(N'CREATE SCHEMA ledger');

-- drop_schema crm
DROP SCHEMA crm;

-- drop_schema ledger
IF EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'ledger') EXEC(N'DROP SCHEMA ledger');

-- create_schema archive
CREATE SCHEMA archive;

-- drop_schema archive
-- error: drop_schema archive: drop_schema with cascade is not supported on SQL Server; drop or transfer the schema's objects first
