-- Rendered by tests/unit/mssql_golden_test.cpp, case 'awkward_names'.

-- create_schema my "odd" schema
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'my "odd" schema') EXEC(N'CREATE SCHEMA [my "odd" schema]');

-- create_schema Straße ]x[ 'q'
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'Straße ]x[ ''q''') EXEC(N'CREATE SCHEMA [Straße ]]x[ ''q'']');

-- rename_table my "odd" schema.order to group ]x's
EXEC sp_rename N'[my "odd" schema].[order]', N'group ]x''s';

-- rename_table select to from
EXEC sp_rename N'dbo.[select]', N'from';

-- rename_column my "odd" schema.order.x]y it's to größe neu
EXEC sp_rename N'[my "odd" schema].[order].[x]]y it''s]', N'größe neu', N'COLUMN';

-- rename_column Users.user to login name
EXEC sp_rename N'dbo.[Users].[user]', N'login name', N'COLUMN';

-- rename_index my "odd" schema.ix "odd" to ix_order's ]x
EXEC sp_rename N'[my "odd" schema].[order].[ix "odd"]', N'ix_order''s ]x', N'INDEX';

-- rename_constraint check on my "odd" schema.order to ck ]it's
EXEC sp_rename N'[my "odd" schema].[check]', N'ck ]it''s', N'OBJECT';

-- move_table my "odd" schema.order to Ünïcode.order
ALTER SCHEMA [Ünïcode] TRANSFER [my "odd" schema].[order];

-- move_table order to my "odd" schema.order ]2
ALTER SCHEMA [my "odd" schema] TRANSFER dbo.[order];
EXEC sp_rename N'[my "odd" schema].[order]', N'order ]2';

-- move_table my "odd" schema.order ]2 to order
ALTER SCHEMA dbo TRANSFER [my "odd" schema].[order ]]2];
EXEC sp_rename N'dbo.[order ]]2]', N'order';

-- move_table crm.same to crm.moved
EXEC sp_rename N'crm.same', N'moved';

-- alter_column my "odd" schema.order.x]y it's
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order', 'COLUMN', N'x]y it''s'))
    EXEC sp_updateextendedproperty 'MS_Description', N'Größe '']'' "quoted"', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order', 'COLUMN', N'x]y it''s'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'Größe '']'' "quoted"', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order', 'COLUMN', N'x]y it''s';

-- alter_column my "odd" schema.order.x]y it's
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order', 'COLUMN', N'x]y it''s'))
    EXEC sp_dropextendedproperty 'MS_Description', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order', 'COLUMN', N'x]y it''s';

-- create_table_comment my "odd" schema.order
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order', NULL, NULL))
    EXEC sp_updateextendedproperty 'MS_Description', N'it''s "the" ]table[', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'it''s "the" ]table[', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order';

-- drop_table_comment plain
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'dbo', 'TABLE', N'plain', NULL, NULL))
    EXEC sp_dropextendedproperty 'MS_Description', 'SCHEMA', N'dbo', 'TABLE', N'plain';

-- drop_column my "odd" schema.order.x]y it's
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE [my "odd" schema].[order] DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'[my "odd" schema].[order]') AND c.name = N'x]y it''s'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE [my "odd" schema].[order] DROP COLUMN [x]]y it's];

-- drop_constraint ck ]it's on my "odd" schema.order
IF EXISTS (SELECT 1 FROM sys.objects WHERE name = N'ck ]it''s' AND parent_object_id = OBJECT_ID(N'[my "odd" schema].[order]')) ALTER TABLE [my "odd" schema].[order] DROP CONSTRAINT [ck ]]it's];
