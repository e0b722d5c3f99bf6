-- Rendered by tests/unit/dialect_test.cpp, case 'tables', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.users
CREATE TABLE crm.users (
    id INTEGER NOT NULL IDENTITY, 
    email NVARCHAR(50) NOT NULL, 
    name NVARCHAR(50) NOT NULL DEFAULT 'it''s me', 
    created_at DATETIME2 NOT NULL DEFAULT CURRENT_TIMESTAMP, 
    score INTEGER NULL DEFAULT '0', 
    age SMALLINT NULL, 
    CONSTRAINT pk_users PRIMARY KEY (id), 
    CONSTRAINT uq_users_name_age UNIQUE (name, age), 
    UNIQUE (age, score), 
    UNIQUE (email), 
    CONSTRAINT ck_users_age CHECK (age >= 0), 
    CHECK (score < 1000)
);
EXEC sp_addextendedproperty 'MS_Description', N'people who log in', 'SCHEMA', N'crm', 'TABLE', N'users';
EXEC sp_addextendedproperty 'MS_Description', N'surrogate key', 'SCHEMA', N'crm', 'TABLE', N'users', 'COLUMN', N'id';
EXEC sp_addextendedproperty 'MS_Description', N'the user''s name', 'SCHEMA', N'crm', 'TABLE', N'users', 'COLUMN', N'name';

-- create_table crm.users
IF OBJECT_ID(N'crm.users', N'U') IS NULL
BEGIN
CREATE TABLE crm.users (
    id INTEGER NOT NULL IDENTITY, 
    email NVARCHAR(50) NOT NULL, 
    name NVARCHAR(50) NOT NULL DEFAULT 'it''s me', 
    created_at DATETIME2 NOT NULL DEFAULT CURRENT_TIMESTAMP, 
    score INTEGER NULL DEFAULT '0', 
    age SMALLINT NULL, 
    CONSTRAINT pk_users PRIMARY KEY (id), 
    CONSTRAINT uq_users_name_age UNIQUE (name, age), 
    UNIQUE (age, score), 
    UNIQUE (email), 
    CONSTRAINT ck_users_age CHECK (age >= 0), 
    CHECK (score < 1000)
);
EXEC sp_addextendedproperty 'MS_Description', N'people who log in', 'SCHEMA', N'crm', 'TABLE', N'users';
EXEC sp_addextendedproperty 'MS_Description', N'surrogate key', 'SCHEMA', N'crm', 'TABLE', N'users', 'COLUMN', N'id';
EXEC sp_addextendedproperty 'MS_Description', N'the user''s name', 'SCHEMA', N'crm', 'TABLE', N'users', 'COLUMN', N'name';
END;

-- rename_table crm.users to members
EXEC sp_rename N'crm.users', N'members';

-- create_table plain
CREATE TABLE plain (
    note NVARCHAR(max) NULL
);

-- rename_table plain to plain2
EXEC sp_rename N'dbo.plain', N'plain2';

-- drop_table plain2
DROP TABLE plain2;

-- drop_table crm.members
DROP TABLE crm.members;

-- drop_table crm.members
IF OBJECT_ID(N'crm.members', N'U') IS NOT NULL DROP TABLE crm.members;
