-- Rendered by tests/unit/dialect_test.cpp, case 'identity', dialect mysql.

-- create_table ident_default
CREATE TABLE ident_default (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    label VARCHAR(20), 
    PRIMARY KEY (id)
);

-- create_table ident_always
-- error: create_table ident_always: identity always (column id) is not supported on MySQL/MariaDB (AUTO_INCREMENT accepts explicit values: use identity = "by_default")

-- create_table ident_options
-- error: create_table ident_options: identity options other than start (column id) is not supported on MySQL/MariaDB (AUTO_INCREMENT has none)

-- create_table ident_start
CREATE TABLE ident_start (
    id BIGINT NOT NULL AUTO_INCREMENT, 
    label VARCHAR(20), 
    PRIMARY KEY (id)
) AUTO_INCREMENT = 1000;

-- create_table ident_not_key
CREATE TABLE ident_not_key (
    id INTEGER NOT NULL, 
    seq_no BIGINT NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id), 
    KEY idx_autoinc_seq_no (seq_no)
);

-- create_table ident_plain
CREATE TABLE ident_plain (
    id INTEGER NOT NULL, 
    label VARCHAR(20), 
    PRIMARY KEY (id)
);

-- add_column ident_plain.number
ALTER TABLE ident_plain ADD COLUMN number INTEGER NOT NULL AUTO_INCREMENT UNIQUE;

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
