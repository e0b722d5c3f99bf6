-- Rendered by tests/unit/dialect_test.cpp, case 'tables', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.users
CREATE TABLE crm.users (
    id SERIAL NOT NULL, 
    email VARCHAR(50) NOT NULL, 
    name VARCHAR(50) DEFAULT 'it''s me' NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    score INTEGER DEFAULT '0', 
    age SMALLINT, 
    CONSTRAINT pk_users PRIMARY KEY (id), 
    CONSTRAINT uq_users_name_age UNIQUE (name, age), 
    UNIQUE (age, score), 
    UNIQUE (email), 
    CONSTRAINT ck_users_age CHECK (age >= 0), 
    CHECK (score < 1000)
);
COMMENT ON TABLE crm.users IS 'people who log in';
COMMENT ON COLUMN crm.users.id IS 'surrogate key';
COMMENT ON COLUMN crm.users.name IS 'the user''s name';

-- create_table crm.users
CREATE TABLE IF NOT EXISTS crm.users (
    id SERIAL NOT NULL, 
    email VARCHAR(50) NOT NULL, 
    name VARCHAR(50) DEFAULT 'it''s me' NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    score INTEGER DEFAULT '0', 
    age SMALLINT, 
    CONSTRAINT pk_users PRIMARY KEY (id), 
    CONSTRAINT uq_users_name_age UNIQUE (name, age), 
    UNIQUE (age, score), 
    UNIQUE (email), 
    CONSTRAINT ck_users_age CHECK (age >= 0), 
    CHECK (score < 1000)
);
COMMENT ON TABLE crm.users IS 'people who log in';
COMMENT ON COLUMN crm.users.id IS 'surrogate key';
COMMENT ON COLUMN crm.users.name IS 'the user''s name';

-- rename_table crm.users to members
ALTER TABLE crm.users RENAME TO members;

-- create_table plain
CREATE TABLE plain (
    note TEXT
);

-- rename_table plain to plain2
ALTER TABLE plain RENAME TO plain2;

-- drop_table plain2
DROP TABLE plain2;

-- drop_table crm.members
DROP TABLE crm.members;

-- drop_table crm.members
DROP TABLE IF EXISTS crm.members;
