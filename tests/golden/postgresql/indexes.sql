-- Rendered by tests/unit/dialect_test.cpp, case 'indexes', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table people
CREATE TABLE people (
    id SERIAL NOT NULL, 
    name VARCHAR(100), 
    email VARCHAR(100), 
    active INTEGER, 
    PRIMARY KEY (id)
);

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id SERIAL NOT NULL, 
    name VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_index ix_people_name on people
CREATE INDEX ix_people_name ON people (name);

-- create_index uq_people_email on people
CREATE UNIQUE INDEX uq_people_email ON people (email, name);

-- create_index ix_people_active on people
CREATE INDEX ix_people_active ON people (name) INCLUDE (email) WHERE active = 1;

-- create_index ix_people_lower on people
CREATE INDEX ix_people_lower ON people (lower(email));

-- create_index ix_accounts_name on crm.accounts
CREATE UNIQUE INDEX ix_accounts_name ON crm.accounts (name);

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
