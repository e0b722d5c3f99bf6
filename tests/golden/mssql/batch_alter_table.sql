-- Rendered by tests/unit/dialect_test.cpp, case 'batch_alter_table', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.contacts
CREATE TABLE crm.contacts (
    id INTEGER NOT NULL IDENTITY, 
    email NVARCHAR(100) NULL, 
    phone NVARCHAR(20) NULL, 
    legacy NVARCHAR(max) NULL, 
    PRIMARY KEY (id)
);

-- batch_alter_table crm.contacts (8 changes)
ALTER TABLE crm.contacts ADD nickname NVARCHAR(50) NULL;
DECLARE @name SYSNAME, @definition NVARCHAR(max);
SELECT @name = df.name, @definition = df.definition
FROM sys.default_constraints AS df
JOIN sys.columns AS c ON c.default_object_id = df.object_id
WHERE c.object_id = OBJECT_ID(N'crm.contacts') AND c.name = N'email';
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.contacts DROP CONSTRAINT ' + QUOTENAME(@name));
ALTER TABLE crm.contacts ALTER COLUMN email NVARCHAR(200) NOT NULL;
IF @name IS NOT NULL EXEC (N'ALTER TABLE crm.contacts ADD CONSTRAINT ' + QUOTENAME(@name) + N' DEFAULT ' + @definition + N' FOR email');
EXEC sp_rename N'crm.contacts.phone', N'phone_number', N'COLUMN';
ALTER TABLE crm.contacts ADD CONSTRAINT uq_contacts_email UNIQUE (email);
CREATE INDEX ix_contacts_nickname ON crm.contacts (nickname);
DROP INDEX ix_contacts_nickname ON crm.contacts;
ALTER TABLE crm.contacts DROP CONSTRAINT uq_contacts_email;
DECLARE @sql NVARCHAR(max) = (
    SELECT N'ALTER TABLE crm.contacts DROP CONSTRAINT ' + QUOTENAME(o.name) + N'; '
    FROM sys.objects AS o
    JOIN sys.columns AS c ON c.object_id = o.parent_object_id
    WHERE c.object_id = OBJECT_ID(N'crm.contacts') AND c.name = N'legacy'
    AND (o.object_id = c.default_object_id
        OR o.object_id IN (SELECT k.object_id FROM sys.check_constraints AS k
            WHERE k.parent_object_id = c.object_id AND k.parent_column_id = c.column_id)
        OR (o.type = 'C' AND o.object_id IN (
            SELECT x.referencing_id FROM sys.sql_expression_dependencies AS x
            WHERE x.referenced_id = c.object_id AND x.referenced_minor_id = c.column_id)))
    FOR XML PATH(''), TYPE).value(N'.', N'NVARCHAR(max)');
IF @sql IS NOT NULL EXEC sp_executesql @sql;
ALTER TABLE crm.contacts DROP COLUMN legacy;

-- batch_alter_table crm.contacts (0 changes)
