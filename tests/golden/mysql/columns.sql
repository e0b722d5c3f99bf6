-- Rendered by tests/unit/dialect_test.cpp, case 'columns', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- add_column crm.accounts.note
ALTER TABLE crm.accounts ADD COLUMN note TEXT;

-- add_column crm.accounts.flag
ALTER TABLE crm.accounts ADD COLUMN flag BOOL NOT NULL DEFAULT '0' COMMENT 'on/off';

-- add_column crm.accounts.code
ALTER TABLE crm.accounts ADD COLUMN code VARCHAR(20) UNIQUE;

-- add_column crm.accounts.note
ALTER TABLE crm.accounts ADD COLUMN IF NOT EXISTS note TEXT;

-- drop_column crm.accounts.flag
ALTER TABLE crm.accounts DROP COLUMN flag;

-- drop_column crm.accounts.note
ALTER TABLE crm.accounts DROP COLUMN note;

-- drop_column crm.accounts.note
ALTER TABLE crm.accounts DROP COLUMN IF EXISTS note;

-- create_table loose
CREATE TABLE loose (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- add_column loose.extra
ALTER TABLE loose ADD COLUMN extra INTEGER;

-- drop_column loose.extra
ALTER TABLE loose DROP COLUMN extra;
