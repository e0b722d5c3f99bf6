-- Rendered by tests/unit/dialect_test.cpp, case 'quoting', dialect mssql.

-- create_schema my "odd" schema
CREATE SCHEMA [my "odd" schema];

-- create_table my "odd" schema.order
CREATE TABLE [my "odd" schema].[order] (
    [größe] INTEGER NOT NULL IDENTITY, 
    [a"b] NVARCHAR(max) NULL, 
    [select] INTEGER NULL, 
    [x]]y it's] INTEGER NULL, 
    PRIMARY KEY ([größe]), 
    UNIQUE ([select]), 
    CONSTRAINT [check] CHECK ("select" > 0)
);
EXEC sp_addextendedproperty 'MS_Description', N'Bestellungen – größer', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order';
EXEC sp_addextendedproperty 'MS_Description', N'quote '' and " and ]', 'SCHEMA', N'my "odd" schema', 'TABLE', N'order', 'COLUMN', N'a"b';

-- create_index ix "odd" on my "odd" schema.order
CREATE INDEX [ix "odd"] ON [my "odd" schema].[order] ([a"b], [x]]y it's]);

-- drop_index my "odd" schema.ix "odd"
DROP INDEX [ix "odd"] ON [my "odd" schema].[order];

-- add_column my "odd" schema.order.user
ALTER TABLE [my "odd" schema].[order] ADD [user] INTEGER NULL;

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

-- rename_table my "odd" schema.order to group
EXEC sp_rename N'[my "odd" schema].[order]', N'group';

-- drop_table my "odd" schema.group
DROP TABLE [my "odd" schema].[group];
