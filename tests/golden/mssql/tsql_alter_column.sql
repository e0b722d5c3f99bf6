-- Rendered by tests/unit/mssql_golden_test.cpp, case 'alter_column'.

-- alter_column crm.accounts.name
DECLARE @name SYSNAME, @definition NVARCHAR(max);
SELECT @name = df.name, @definition = df.definition
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'name';
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(@name));
ALTER TABLE crm.accounts ALTER COLUMN name NVARCHAR(200) NOT NULL;
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.accounts ADD CONSTRAINT ' + QUOTENAME(@name) + N' DEFAULT ' + @definition + N' FOR name');

-- alter_column crm.accounts.name
DECLARE @name SYSNAME, @definition NVARCHAR(max);
SELECT @name = df.name, @definition = df.definition
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'name';
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(@name));
ALTER TABLE crm.accounts ALTER COLUMN name NVARCHAR(max) NULL;
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.accounts ADD CONSTRAINT ' + QUOTENAME(@name) + N' DEFAULT ' + @definition + N' FOR name');

-- alter_column crm.accounts.name
ALTER TABLE crm.accounts ALTER COLUMN name NVARCHAR(100) NOT NULL;

-- alter_column crm.accounts.name
DECLARE @name SYSNAME, @definition NVARCHAR(max);
SELECT @name = df.name, @definition = df.definition
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'name';
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(@name));
ALTER TABLE crm.accounts ALTER COLUMN name BIGINT NULL;
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.accounts ADD CONSTRAINT ' + QUOTENAME(@name) + N' DEFAULT ' + @definition + N' FOR name');

-- alter_column crm.accounts.name
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'name';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts ADD DEFAULT '0' FOR name;

-- alter_column crm.accounts.name
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'name';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts ADD DEFAULT SYSUTCDATETIME() FOR name;

-- alter_column crm.accounts.name
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'name';
IF @sql IS NOT NULL EXEC sp_executesql @sql;

-- alter_column crm.accounts.name
EXEC sp_rename N'crm.accounts.name', N'full name', N'COLUMN';

-- alter_column crm.accounts.name
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'name';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts ALTER COLUMN name DATETIME2 NOT NULL;
ALTER TABLE crm.accounts ADD DEFAULT SYSUTCDATETIME() FOR name;
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'crm', 'TABLE', N'accounts', 'COLUMN', N'name'))
    EXEC sp_updateextendedproperty 'MS_Description', N'when', 'SCHEMA', N'crm', 'TABLE', N'accounts', 'COLUMN', N'name'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'when', 'SCHEMA', N'crm', 'TABLE', N'accounts', 'COLUMN', N'name';
EXEC sp_rename N'crm.accounts.name', N'created_at', N'COLUMN';

-- alter_column crm.accounts.name
-- error: alter_column crm.accounts.name: SQL Server restates the type with the nullability (ALTER COLUMN name <type> NULL|NOT NULL); pass existing_type

-- alter_column crm.accounts.name
-- error: alter_column crm.accounts.name: SQL Server restates the nullability with the type (ALTER COLUMN name INTEGER NULL|NOT NULL); pass nullable or existing_nullable
