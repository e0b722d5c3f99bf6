-- Rendered by tests/unit/dialect_test.cpp, case 'indexes', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table people
CREATE TABLE people (
    id INTEGER NOT NULL IDENTITY, 
    name NVARCHAR(100) NULL, 
    email NVARCHAR(100) NULL, 
    active INTEGER NULL, 
    PRIMARY KEY (id)
);

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL IDENTITY, 
    name NVARCHAR(100) NULL, 
    PRIMARY KEY (id)
);

-- create_index ix_people_name on people
CREATE INDEX ix_people_name ON people (name);

-- create_index uq_people_email on people
CREATE UNIQUE INDEX uq_people_email ON people (email, name);

-- create_index ix_people_active on people
CREATE INDEX ix_people_active ON people (name) INCLUDE (email) WHERE active = 1;

-- create_index ix_people_lower on people
-- error: create_index ix_people_lower on people: index expression 'lower(email)' is not supported on SQL Server; index a computed column instead

-- create_index ix_accounts_name on crm.accounts
CREATE UNIQUE INDEX ix_accounts_name ON crm.accounts (name);

-- create_index ix_people_name on people
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_people_name' AND object_id = OBJECT_ID(N'people')) CREATE INDEX ix_people_name ON people (name);

-- drop_index ix_people_name
DROP INDEX ix_people_name ON people;

-- drop_index ix_people_name
IF EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_people_name' AND object_id = OBJECT_ID(N'people')) DROP INDEX ix_people_name ON people;

-- drop_index crm.ix_accounts_name
DROP INDEX ix_accounts_name ON crm.accounts;

-- drop_index uq_people_email
-- error: drop_index 'uq_people_email' needs the table name on SQL Server (DROP INDEX uq_people_email ON <table>)
