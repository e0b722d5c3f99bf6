-- Rendered by tests/unit/dialect_test.cpp, case 'renames', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id SERIAL NOT NULL, 
    name VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_table people
CREATE TABLE people (
    id SERIAL NOT NULL, 
    email VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_index ix_accounts_name on crm.accounts
CREATE INDEX ix_accounts_name ON crm.accounts (name);

-- create_index ix_people_email on people
CREATE INDEX ix_people_email ON people (email);

-- rename_column crm.accounts.name to title
ALTER TABLE crm.accounts RENAME COLUMN name TO title;

-- rename_column people.email to mail
ALTER TABLE people RENAME COLUMN email TO mail;

-- rename_index crm.ix_accounts_name to ix_crm_accounts_title
ALTER INDEX crm.ix_accounts_name RENAME TO ix_crm_accounts_title;

-- rename_index ix_people_email to ix_people_mail
ALTER INDEX ix_people_email RENAME TO ix_people_mail;
