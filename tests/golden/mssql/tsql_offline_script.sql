IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'ops') EXEC(N'CREATE SCHEMA ops');

GO

CREATE TABLE ops.alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

GO

BEGIN TRANSACTION;

GO

-- Running upgrade  -> a1

IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'crm') EXEC(N'CREATE SCHEMA crm');

GO

CREATE TABLE crm.accounts (
    id INTEGER NOT NULL IDENTITY, 
    flag BIT NULL, 
    PRIMARY KEY (id)
);

GO

DECLARE @sql NVARCHAR(max);
SELECT @sql = N'ALTER TABLE crm.accounts DROP CONSTRAINT ' + QUOTENAME(df.name)
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.accounts') AND c.name = N'flag';
IF @sql IS NOT NULL EXEC sp_executesql @sql;

GO

ALTER TABLE crm.accounts ADD DEFAULT '0' FOR flag;

GO

IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'crm.accounts') AND name IN (N'id', N'flag')) SET IDENTITY_INSERT crm.accounts ON;

GO

INSERT INTO crm.accounts (id, flag) VALUES (1, 1);

GO

IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'crm.accounts') AND name IN (N'id', N'flag')) SET IDENTITY_INSERT crm.accounts OFF;

GO

COMMIT;

GO

CREATE INDEX ix_flag ON crm.accounts (flag);

GO

BEGIN TRANSACTION;

GO

DROP INDEX ix_flag ON crm.accounts;

GO

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

GO

ALTER TABLE crm.accounts DROP COLUMN flag;

GO

INSERT INTO ops.alembic_version (version_num) OUTPUT inserted.version_num VALUES ('a1');

GO

COMMIT;

GO

