-- Rendered by tests/unit/dialect_test.cpp, case 'identity', dialect sqlite.

-- create_table ident_default
CREATE TABLE ident_default (
    id INTEGER NOT NULL, 
    label VARCHAR(20), 
    PRIMARY KEY (id)
);

-- create_table ident_always
-- error: create_table ident_always: identity column id: SQLite cannot refuse explicit values (identity always); use by_default

-- create_table ident_options
-- error: create_table ident_options: identity column id: SQLite's rowid takes no sequence options

-- create_table ident_start
-- error: create_table ident_start: identity column id: SQLite's rowid takes no sequence options

-- create_table ident_not_key
-- error: create_table ident_not_key: identity column seq_no: on SQLite an identity must be the table's INTEGER PRIMARY KEY (the rowid)

-- create_table ident_plain
CREATE TABLE ident_plain (
    id INTEGER NOT NULL, 
    label VARCHAR(20), 
    PRIMARY KEY (id)
);

-- add_column ident_plain.number
-- error: add_column of an identity column (an identity is the rowid: the table's INTEGER PRIMARY KEY) is not supported on SQLite

-- drop_table ident_plain
DROP TABLE IF EXISTS ident_plain;

-- drop_table ident_not_key
DROP TABLE IF EXISTS ident_not_key;

-- drop_table ident_start
DROP TABLE IF EXISTS ident_start;

-- drop_table ident_options
DROP TABLE IF EXISTS ident_options;

-- drop_table ident_always
DROP TABLE IF EXISTS ident_always;

-- drop_table ident_default
DROP TABLE ident_default;
