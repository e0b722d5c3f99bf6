-- Rendered by tests/unit/dialect_test.cpp, case 'enums', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_enum crm.mood
-- error: create_enum crm.mood: an enum type is not supported on SQL Server; use a CHECK constraint

-- create_enum crm.mood
-- error: create_enum crm.mood: an enum type is not supported on SQL Server; use a CHECK constraint

-- create_enum tier
-- error: create_enum tier: an enum type is not supported on SQL Server; use a CHECK constraint

-- create_table accounts
CREATE TABLE accounts (
    id INTEGER NOT NULL IDENTITY, 
    tier tier NOT NULL DEFAULT 'free', 
    PRIMARY KEY (id)
);

-- alter_enum tier
-- error: alter_enum tier: an enum type is not supported on SQL Server; use a CHECK constraint

-- alter_enum tier
-- error: alter_enum tier: an enum type is not supported on SQL Server; use a CHECK constraint

-- alter_enum crm.mood
-- error: alter_enum crm.mood: an enum type is not supported on SQL Server; use a CHECK constraint

-- alter_enum tier
-- error: alter_enum tier: an enum type is not supported on SQL Server; use a CHECK constraint

-- drop_enum crm.mood
-- error: drop_enum crm.mood: an enum type is not supported on SQL Server; use a CHECK constraint

-- drop_table accounts
DROP TABLE accounts;

-- drop_enum tier
-- error: drop_enum tier: an enum type is not supported on SQL Server; use a CHECK constraint

-- drop_enum tier
-- error: drop_enum tier: an enum type is not supported on SQL Server; use a CHECK constraint
