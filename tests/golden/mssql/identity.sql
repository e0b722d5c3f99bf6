-- Rendered by tests/unit/dialect_test.cpp, case 'identity', dialect mssql.

-- create_table ident_default
CREATE TABLE ident_default (
    id INTEGER NOT NULL IDENTITY, 
    label NVARCHAR(20) NULL, 
    PRIMARY KEY (id)
);

-- create_table ident_always
CREATE TABLE ident_always (
    id BIGINT NOT NULL IDENTITY(100, 10), 
    PRIMARY KEY (id)
);

-- create_table ident_options
-- error: create_table ident_options: identity minvalue, maxvalue, cache or cycle (column id) is not supported on SQL Server; IDENTITY takes a start and an increment only

-- create_table ident_start
CREATE TABLE ident_start (
    id BIGINT NOT NULL IDENTITY(1000, 1), 
    label NVARCHAR(20) NULL, 
    PRIMARY KEY (id)
);

-- create_table ident_not_key
CREATE TABLE ident_not_key (
    id INTEGER NOT NULL, 
    seq_no BIGINT NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- create_table ident_plain
CREATE TABLE ident_plain (
    id INTEGER NOT NULL, 
    label NVARCHAR(20) NULL, 
    PRIMARY KEY (id)
);

-- add_column ident_plain.number
ALTER TABLE ident_plain ADD number INTEGER NOT NULL IDENTITY UNIQUE;

-- drop_table ident_plain
IF OBJECT_ID(N'ident_plain', N'U') IS NOT NULL DROP TABLE ident_plain;

-- drop_table ident_not_key
IF OBJECT_ID(N'ident_not_key', N'U') IS NOT NULL DROP TABLE ident_not_key;

-- drop_table ident_start
IF OBJECT_ID(N'ident_start', N'U') IS NOT NULL DROP TABLE ident_start;

-- drop_table ident_options
IF OBJECT_ID(N'ident_options', N'U') IS NOT NULL DROP TABLE ident_options;

-- drop_table ident_always
IF OBJECT_ID(N'ident_always', N'U') IS NOT NULL DROP TABLE ident_always;

-- drop_table ident_default
DROP TABLE ident_default;
