-- Rendered by tests/unit/dialect_test.cpp, case 'autoincrement', dialect mysql.

-- create_table int_pk
CREATE TABLE int_pk (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table bigint_pk
CREATE TABLE bigint_pk (
    id BIGINT NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table smallint_pk
CREATE TABLE smallint_pk (
    id SMALLINT NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table no_autoincrement
CREATE TABLE no_autoincrement (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table pk_with_default
CREATE TABLE pk_with_default (
    id INTEGER NOT NULL DEFAULT '1', 
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
    b INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (a, b), 
    KEY idx_autoinc_b (b)
);

-- create_table table_level_pk
CREATE TABLE table_level_pk (
    id BIGINT NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);
