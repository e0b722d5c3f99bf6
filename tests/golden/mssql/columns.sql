-- Rendered by tests/unit/dialect_test.cpp, case 'columns', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- add_column crm.accounts.note
ALTER TABLE crm.accounts ADD note NVARCHAR(max) NULL;

-- add_column crm.accounts.flag
ALTER TABLE crm.accounts ADD flag BIT NOT NULL DEFAULT '0';
EXEC sp_addextendedproperty 'MS_Description', N'on/off', 'SCHEMA', N'crm', 'TABLE', N'accounts', 'COLUMN', N'flag';

-- add_column crm.accounts.code
ALTER TABLE crm.accounts ADD code NVARCHAR(20) NULL UNIQUE;

-- add_column crm.accounts.note
IF COL_LENGTH(N'crm.accounts', N'note') IS NULL ALTER TABLE crm.accounts ADD note NVARCHAR(max) NULL;

-- drop_column crm.accounts.flag
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(name)
FROM sys.default_constraints
WHERE parent_object_id = OBJECT_ID(N'crm.accounts')
AND COL_NAME(parent_object_id, parent_column_id) = N'flag';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts DROP COLUMN flag;

-- drop_column crm.accounts.note
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(name)
FROM sys.default_constraints
WHERE parent_object_id = OBJECT_ID(N'crm.accounts')
AND COL_NAME(parent_object_id, parent_column_id) = N'note';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts DROP COLUMN note;

-- drop_column crm.accounts.note
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(name)
FROM sys.default_constraints
WHERE parent_object_id = OBJECT_ID(N'crm.accounts')
AND COL_NAME(parent_object_id, parent_column_id) = N'note';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
IF COL_LENGTH(N'crm.accounts', N'note') IS NOT NULL ALTER TABLE crm.accounts DROP COLUMN note;

-- create_table loose
CREATE TABLE loose (
    id INTEGER NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- add_column loose.extra
ALTER TABLE loose ADD extra INTEGER NULL;

-- drop_column loose.extra
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE loose DROP CONSTRAINT ' + QUOTENAME(name)
FROM sys.default_constraints
WHERE parent_object_id = OBJECT_ID(N'loose')
AND COL_NAME(parent_object_id, parent_column_id) = N'extra';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE loose DROP COLUMN extra;
