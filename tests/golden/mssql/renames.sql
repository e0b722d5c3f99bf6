-- Rendered by tests/unit/dialect_test.cpp, case 'renames', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.accounts
CREATE TABLE crm.accounts (
    id INTEGER NOT NULL IDENTITY, 
    name NVARCHAR(100) NULL, 
    PRIMARY KEY (id)
);

-- create_table people
CREATE TABLE people (
    id INTEGER NOT NULL IDENTITY, 
    email NVARCHAR(100) NULL, 
    PRIMARY KEY (id)
);

-- create_index ix_accounts_name on crm.accounts
CREATE INDEX ix_accounts_name ON crm.accounts (name);

-- create_index ix_people_email on people
CREATE INDEX ix_people_email ON people (email);

-- rename_column crm.accounts.name to title
EXEC sp_rename N'crm.accounts.name', N'title', N'COLUMN';

-- rename_column people.email to mail
EXEC sp_rename N'dbo.people.email', N'mail', N'COLUMN';

-- rename_index crm.ix_accounts_name to ix_crm_accounts_title
EXEC sp_rename N'crm.accounts.ix_accounts_name', N'ix_crm_accounts_title', N'INDEX';

-- rename_index ix_people_email to ix_people_mail
EXEC sp_rename N'dbo.people.ix_people_email', N'ix_people_mail', N'INDEX';
