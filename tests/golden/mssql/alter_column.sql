-- Rendered by tests/unit/dialect_test.cpp, case 'alter_column', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.items
CREATE TABLE crm.items (
    id INTEGER NOT NULL IDENTITY, 
    name NVARCHAR(50) NOT NULL, 
    qty NVARCHAR(10) NULL, 
    price NUMERIC(10, 2) NULL, 
    status NVARCHAR(20) NULL DEFAULT 'new', 
    created_at DATETIME2 NULL, 
    note NVARCHAR(max) NULL, 
    PRIMARY KEY (id)
);

-- alter_column crm.items.name
-- error: alter_column crm.items.name: SQL Server restates the nullability with the type (ALTER COLUMN name NVARCHAR(100) NULL|NOT NULL); pass nullable or existing_nullable

-- alter_column crm.items.qty
-- error: alter_column crm.items.qty: SQL Server restates the nullability with the type (ALTER COLUMN qty INTEGER NULL|NOT NULL); pass nullable or existing_nullable

-- alter_column crm.items.price
-- error: alter_column crm.items.price: SQL Server restates the type with the nullability (ALTER COLUMN price <type> NULL|NOT NULL); pass existing_type

-- alter_column crm.items.name
-- error: alter_column crm.items.name: SQL Server restates the type with the nullability (ALTER COLUMN name <type> NULL|NOT NULL); pass existing_type

-- alter_column crm.items.status
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.items DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.items') AND c.name = N'status';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.items ADD DEFAULT 'open' FOR status;

-- alter_column crm.items.created_at
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.items DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.items') AND c.name = N'created_at';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.items ADD DEFAULT now() FOR created_at;

-- alter_column crm.items.status
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.items DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.items') AND c.name = N'status';
IF @sql IS NOT NULL EXEC sp_executesql @sql;

-- alter_column crm.items.note
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'note'))
    EXEC sp_updateextendedproperty 'MS_Description', N'free text, it''s optional', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'note'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'free text, it''s optional', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'note';

-- alter_column crm.items.note
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'note'))
    EXEC sp_dropextendedproperty 'MS_Description', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'note';

-- alter_column crm.items.note
EXEC sp_rename N'crm.items.note', N'remarks', N'COLUMN';

-- alter_column crm.items.qty
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.items DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.items') AND c.name = N'qty';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.items ALTER COLUMN qty BIGINT NOT NULL;
ALTER TABLE crm.items ADD DEFAULT '0' FOR qty;
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'qty'))
    EXEC sp_updateextendedproperty 'MS_Description', N'how many', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'qty'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'how many', 'SCHEMA', N'crm', 'TABLE', N'items', 'COLUMN', N'qty';
EXEC sp_rename N'crm.items.qty', N'quantity', N'COLUMN';

-- create_table loose
CREATE TABLE loose (
    id INTEGER NOT NULL IDENTITY, 
    n INTEGER NULL, 
    PRIMARY KEY (id)
);

-- alter_column loose.n
DECLARE @name SYSNAME, @definition NVARCHAR(max);
SELECT @name = df.name, @definition = df.definition
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'loose') AND c.name = N'n';
IF @name IS NOT NULL EXEC (N'ALTER TABLE loose DROP CONSTRAINT ' + QUOTENAME(@name));
ALTER TABLE loose ALTER COLUMN n BIGINT NOT NULL;
IF @name IS NOT NULL EXEC (N'ALTER TABLE loose ADD CONSTRAINT ' + QUOTENAME(@name) + N' DEFAULT ' + @definition + N' FOR n');

-- drop_table loose
DROP TABLE loose;

-- drop_table crm.items
DROP TABLE crm.items;
