-- Rendered by tests/unit/mssql_golden_test.cpp, case 'drop_column'.

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
IF COL_LENGTH(N'loose', N'extra') IS NOT NULL ALTER TABLE loose DROP COLUMN extra;

-- batch_alter_table crm.accounts (2 changes)
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'a'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts DROP COLUMN a;
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'b'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.accounts DROP COLUMN b;
