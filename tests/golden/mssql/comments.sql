-- Rendered by tests/unit/dialect_test.cpp, case 'comments', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.notes
CREATE TABLE crm.notes (
    id INTEGER NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- create_table plain_notes
CREATE TABLE plain_notes (
    id INTEGER NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- create_table_comment crm.notes
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'crm', 'TABLE', N'notes', NULL, NULL))
    EXEC sp_updateextendedproperty 'MS_Description', N'Notes, e.g. "it''s" – ü', 'SCHEMA', N'crm', 'TABLE', N'notes'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'Notes, e.g. "it''s" – ü', 'SCHEMA', N'crm', 'TABLE', N'notes';

-- create_table_comment plain_notes
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'dbo', 'TABLE', N'plain_notes', NULL, NULL))
    EXEC sp_updateextendedproperty 'MS_Description', N'plain', 'SCHEMA', N'dbo', 'TABLE', N'plain_notes'
ELSE
    EXEC sp_addextendedproperty 'MS_Description', N'plain', 'SCHEMA', N'dbo', 'TABLE', N'plain_notes';

-- drop_table_comment crm.notes
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'crm', 'TABLE', N'notes', NULL, NULL))
    EXEC sp_dropextendedproperty 'MS_Description', 'SCHEMA', N'crm', 'TABLE', N'notes';

-- drop_table_comment plain_notes
IF EXISTS (SELECT 1 FROM sys.fn_listextendedproperty('MS_Description', 'SCHEMA', N'dbo', 'TABLE', N'plain_notes', NULL, NULL))
    EXEC sp_dropextendedproperty 'MS_Description', 'SCHEMA', N'dbo', 'TABLE', N'plain_notes';
