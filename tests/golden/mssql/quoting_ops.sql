-- Rendered by tests/unit/dialect_test.cpp, case 'quoting_ops', dialect mssql.

-- create_schema Ünïcode sch
CREATE SCHEMA [Ünïcode sch];

-- create_schema Zïel "x" sch
CREATE SCHEMA [Zïel "x" sch];

-- create_table Ünïcode sch.order
CREATE TABLE [Ünïcode sch].[order] (
    [Ïd] INTEGER NOT NULL IDENTITY, 
    [we"ird col] NVARCHAR(20) NULL, 
    [user] INTEGER NULL, 
    [select] INTEGER NULL, 
    n INTEGER NULL, 
    PRIMARY KEY ([Ïd])
);

-- alter_column Ünïcode sch.order.we"ird col
DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE [Ünïcode sch].[order] DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'[Ünïcode sch].[order]') AND c.name = N'we"ird col';
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE [Ünïcode sch].[order] ALTER COLUMN [we"ird col] NVARCHAR(40) NOT NULL;
ALTER TABLE [Ünïcode sch].[order] ADD DEFAULT 'it''s' FOR [we"ird col];
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'Ünïcode sch', 'TABLE', N'order', 'COLUMN', N'we"ird col'))
    EXEC sp_updateextendedproperty 'MS_Description', N'Kommentar "ü" it''s', 'SCHEMA', N'Ünïcode sch', 'TABLE', N'order', 'COLUMN', N'we"ird col'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'Kommentar "ü" it''s', 'SCHEMA', N'Ünïcode sch', 'TABLE', N'order', 'COLUMN', N'we"ird col';
EXEC sp_rename N'[Ünïcode sch].[order].[we"ird col]', N'new "name"', N'COLUMN';

-- create_unique_constraint uq "order" we"ird on Ünïcode sch.order
ALTER TABLE [Ünïcode sch].[order] ADD CONSTRAINT [uq "order" we"ird] UNIQUE ([new "name"]);

-- create_check_constraint check on Ünïcode sch.order
ALTER TABLE [Ünïcode sch].[order] ADD CONSTRAINT [check] CHECK (n >= 0);

-- create_foreign_key fk "self" on Ünïcode sch.order
ALTER TABLE [Ünïcode sch].[order] ADD CONSTRAINT [fk "self"] FOREIGN KEY([user]) REFERENCES [Ünïcode sch].[order] ([Ïd]);

-- rename_constraint check on Ünïcode sch.order to ck ünï
EXEC sp_rename N'[Ünïcode sch].[check]', N'ck ünï', N'OBJECT';

-- create_index ix größe on Ünïcode sch.order
CREATE INDEX [ix größe] ON [Ünïcode sch].[order] ([select]);

-- rename_index Ünïcode sch.ix größe to ix "sel"
EXEC sp_rename N'[Ünïcode sch].[order].[ix größe]', N'ix "sel"', N'INDEX';

-- create_table_comment Ünïcode sch.order
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'Ünïcode sch', 'TABLE', N'order', NULL, NULL))
    EXEC sp_updateextendedproperty 'MS_Description', N'Bestellung ''x''', 'SCHEMA', N'Ünïcode sch', 'TABLE', N'order'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'Bestellung ''x''', 'SCHEMA', N'Ünïcode sch', 'TABLE', N'order';

-- create_sequence Ünïcode sch.seq "q"
CREATE SEQUENCE [Ünïcode sch].[seq "q"] AS BIGINT START WITH 1;

-- bulk_insert Ünïcode sch.order (1 rows)
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'[Ünïcode sch].[order]') AND name IN (N'Ïd', N'new "name"', N'user', N'select')) SET IDENTITY_INSERT [Ünïcode sch].[order] ON;
INSERT INTO [Ünïcode sch].[order] ([Ïd], [new "name"], [user], [select]) VALUES (1, N'a''b "c"', NULL, 2);
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'[Ünïcode sch].[order]') AND name IN (N'Ïd', N'new "name"', N'user', N'select')) SET IDENTITY_INSERT [Ünïcode sch].[order] OFF;

-- move_table Ünïcode sch.order to Zïel "x" sch.bestellung "x"
ALTER SCHEMA [Zïel "x" sch] TRANSFER [Ünïcode sch].[order];
EXEC sp_rename N'[Zïel "x" sch].[order]', N'bestellung "x"';

-- bulk_delete Zïel "x" sch.bestellung "x" (1 rows)
DELETE TOP (1) FROM [Zïel "x" sch].[bestellung "x"] WHERE [Ïd] = 1 AND [new "name"] = N'a''b "c"' AND [user] IS NULL AND [select] = 2;

-- move_table Zïel "x" sch.bestellung "x" to Ünïcode sch.order
ALTER SCHEMA [Ünïcode sch] TRANSFER [Zïel "x" sch].[bestellung "x"];
EXEC sp_rename N'[Ünïcode sch].[bestellung "x"]', N'order';

-- drop_constraint ck ünï on Ünïcode sch.order
ALTER TABLE [Ünïcode sch].[order] DROP CONSTRAINT [ck ünï];

-- drop_index Ünïcode sch.ix "sel"
DROP INDEX [ix "sel"] ON [Ünïcode sch].[order];

-- drop_sequence Ünïcode sch.seq "q"
DROP SEQUENCE [Ünïcode sch].[seq "q"];

-- drop_table Ünïcode sch.order
DROP TABLE [Ünïcode sch].[order];

-- drop_schema Zïel "x" sch
DROP SCHEMA [Zïel "x" sch];

-- drop_schema Ünïcode sch
DROP SCHEMA [Ünïcode sch];
