-- Rendered by tests/unit/dialect_test.cpp, case 'tables', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_table crm.users
CREATE TABLE crm.users (
    id INTEGER NOT NULL AUTO_INCREMENT COMMENT 'surrogate key', 
    email VARCHAR(50) NOT NULL, 
    name VARCHAR(50) NOT NULL DEFAULT 'it''s me' COMMENT 'the user''s name', 
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
    score INTEGER DEFAULT '0', 
    age SMALLINT, 
    CONSTRAINT pk_users PRIMARY KEY (id), 
    CONSTRAINT uq_users_name_age UNIQUE (name, age), 
    UNIQUE (age, score), 
    UNIQUE (email), 
    CONSTRAINT ck_users_age CHECK (age >= 0), 
    CHECK (score < 1000)
) COMMENT = 'people who log in';

-- create_table crm.users
CREATE TABLE IF NOT EXISTS crm.users (
    id INTEGER NOT NULL AUTO_INCREMENT COMMENT 'surrogate key', 
    email VARCHAR(50) NOT NULL, 
    name VARCHAR(50) NOT NULL DEFAULT 'it''s me' COMMENT 'the user''s name', 
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, 
    score INTEGER DEFAULT '0', 
    age SMALLINT, 
    CONSTRAINT pk_users PRIMARY KEY (id), 
    CONSTRAINT uq_users_name_age UNIQUE (name, age), 
    UNIQUE (age, score), 
    UNIQUE (email), 
    CONSTRAINT ck_users_age CHECK (age >= 0), 
    CHECK (score < 1000)
) COMMENT = 'people who log in';

-- rename_table crm.users to members
RENAME TABLE crm.users TO crm.members;

-- create_table plain
CREATE TABLE plain (
    note TEXT
);

-- rename_table plain to plain2
RENAME TABLE plain TO plain2;

-- drop_table plain2
DROP TABLE plain2;

-- drop_table crm.members
DROP TABLE crm.members;

-- drop_table crm.members
DROP TABLE IF EXISTS crm.members;
