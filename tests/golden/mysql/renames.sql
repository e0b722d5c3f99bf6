-- Rendered by tests/unit/dialect_test.cpp, case 'renames', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    name VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_table people
CREATE TABLE people (
    id INTEGER NOT NULL AUTO_INCREMENT, 
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
ALTER TABLE crm.accounts RENAME INDEX ix_accounts_name TO ix_crm_accounts_title;

-- rename_index ix_people_email to ix_people_mail
ALTER TABLE people RENAME INDEX ix_people_email TO ix_people_mail;
