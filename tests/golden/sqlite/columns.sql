-- Rendered by tests/unit/dialect_test.cpp, case 'columns', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- add_column crm.accounts.note
ALTER TABLE crm.accounts ADD COLUMN note TEXT;

-- add_column crm.accounts.flag
ALTER TABLE crm.accounts ADD COLUMN flag BOOLEAN DEFAULT '0' NOT NULL;

-- add_column crm.accounts.code
-- error: add_column of a unique column (add it, then create a unique index) is not supported on SQLite

-- add_column crm.accounts.note
-- error: add_column with if_not_exists (offline) is not supported on SQLite

-- drop_column crm.accounts.flag
ALTER TABLE crm.accounts DROP COLUMN flag;

-- drop_column crm.accounts.note
ALTER TABLE crm.accounts DROP COLUMN note;

-- drop_column crm.accounts.note
-- error: drop_column with if_exists (offline) is not supported on SQLite

-- create_table loose
CREATE TABLE loose (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- add_column loose.extra
ALTER TABLE loose ADD COLUMN extra INTEGER;

-- drop_column loose.extra
ALTER TABLE loose DROP COLUMN extra;
