-- Rendered by tests/unit/dialect_test.cpp, case 'autoincrement', dialect postgresql.

-- create_table int_pk
CREATE TABLE int_pk (
    id SERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table bigint_pk
CREATE TABLE bigint_pk (
    id BIGSERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table smallint_pk
CREATE TABLE smallint_pk (
    id SMALLSERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table no_autoincrement
CREATE TABLE no_autoincrement (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table pk_with_default
CREATE TABLE pk_with_default (
    id INTEGER DEFAULT '1' NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table string_pk
CREATE TABLE string_pk (
    code VARCHAR(10) NOT NULL, 
    PRIMARY KEY (code)
);

-- create_table composite_pk
CREATE TABLE composite_pk (
    a INTEGER NOT NULL, 
    b INTEGER NOT NULL, 
    PRIMARY KEY (a, b)
);

-- create_table composite_explicit
CREATE TABLE composite_explicit (
    a INTEGER NOT NULL, 
    b SERIAL NOT NULL, 
    PRIMARY KEY (a, b)
);

-- create_table table_level_pk
CREATE TABLE table_level_pk (
    id BIGSERIAL NOT NULL, 
    PRIMARY KEY (id)
);
