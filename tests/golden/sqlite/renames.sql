-- Rendered by tests/unit/dialect_test.cpp, case 'renames', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL, 
    name VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_table people
CREATE TABLE people (
    id INTEGER NOT NULL, 
    email VARCHAR(100), 
    PRIMARY KEY (id)
);

-- create_index ix_accounts_name on crm.accounts
CREATE INDEX crm.ix_accounts_name ON accounts (name);

-- create_index ix_people_email on people
CREATE INDEX ix_people_email ON people (email);

-- rename_column crm.accounts.name to title
ALTER TABLE crm.accounts RENAME COLUMN name TO title;

-- rename_column people.email to mail
ALTER TABLE people RENAME COLUMN email TO mail;

-- rename_index crm.ix_accounts_name to ix_crm_accounts_title
-- error: rename_index crm.ix_accounts_name to ix_crm_accounts_title: on sqlite this needs a live database (the index definition is read back); run it online

-- rename_index ix_people_email to ix_people_mail
-- error: rename_index ix_people_email to ix_people_mail: on sqlite this needs a live database (the index definition is read back); run it online
