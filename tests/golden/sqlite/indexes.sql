-- Rendered by tests/unit/dialect_test.cpp, case 'indexes', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_table people
CREATE TABLE people (
    id INTEGER NOT NULL, 
    name VARCHAR(100), 
    email VARCHAR(100), 
    active INTEGER, 
    PRIMARY KEY (id)
);

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL, 
    name VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_index ix_people_name on people
CREATE INDEX ix_people_name ON people (name);

-- create_index uq_people_email on people
CREATE UNIQUE INDEX uq_people_email ON people (email, name);

-- create_index ix_people_active on people
-- error: create_index ix_people_active on people: INCLUDE columns are not supported on SQLite

-- create_index ix_people_lower on people
CREATE INDEX ix_people_lower ON people (lower(email));

-- create_index ix_accounts_name on crm.accounts
CREATE UNIQUE INDEX crm.ix_accounts_name ON accounts (name);

-- create_index ix_people_name on people
CREATE INDEX IF NOT EXISTS ix_people_name ON people (name);

-- drop_index ix_people_name
DROP INDEX ix_people_name;

-- drop_index ix_people_name
DROP INDEX IF EXISTS ix_people_name;

-- drop_index crm.ix_accounts_name
DROP INDEX crm.ix_accounts_name;

-- drop_index uq_people_email
DROP INDEX uq_people_email;
