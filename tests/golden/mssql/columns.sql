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
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'flag'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts DROP COLUMN flag;

-- drop_column crm.accounts.note
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'note'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts DROP COLUMN note;

-- drop_column crm.accounts.note
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'note'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
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
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE loose DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'loose') AND c.name = N'extra'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE loose DROP COLUMN extra;
