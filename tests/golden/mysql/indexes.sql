-- Rendered by tests/unit/dialect_test.cpp, case 'indexes', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_table people
CREATE TABLE people (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    name VARCHAR(100), 
    email VARCHAR(100), 
    active INTEGER, 
    PRIMARY KEY (id)
);

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    name VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_index ix_people_name on people
CREATE INDEX ix_people_name ON people (name);

-- create_index uq_people_email on people
CREATE UNIQUE INDEX uq_people_email ON people (email, name);

-- create_index ix_people_active on people
-- error: create_index ix_people_active on people: a partial index (where active = 1) is not supported on MySQL/MariaDB

-- create_index ix_people_lower on people
-- error: create_index ix_people_lower on people: an index expression (lower(email)) is not supported on MySQL/MariaDB (MariaDB has no functional indexes: index a generated column instead)

-- create_index ix_accounts_name on crm.accounts
CREATE UNIQUE INDEX ix_accounts_name ON crm.accounts (name);

-- create_index ix_people_name on people
CREATE INDEX IF NOT EXISTS ix_people_name ON people (name);

-- drop_index ix_people_name
DROP INDEX ix_people_name ON people;

-- drop_index ix_people_name
DROP INDEX IF EXISTS ix_people_name ON people;

-- drop_index crm.ix_accounts_name
DROP INDEX ix_accounts_name ON crm.accounts;

-- drop_index uq_people_email
-- error: drop_index 'uq_people_email' needs the table name on MySQL/MariaDB
