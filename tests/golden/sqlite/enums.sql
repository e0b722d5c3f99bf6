-- Rendered by tests/unit/dialect_test.cpp, case 'enums', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_enum crm.mood
-- error: create_enum crm.mood: SQLite has no enum types

-- create_enum crm.mood
-- error: create_enum crm.mood: SQLite has no enum types

-- create_enum tier
-- error: create_enum tier: SQLite has no enum types

-- create_table accounts
CREATE TABLE accounts (
    id INTEGER NOT NULL, 
    tier tier DEFAULT 'free' NOT NULL, 
    PRIMARY KEY (id)
);

-- alter_enum tier
-- error: alter_enum tier: SQLite has no enum types

-- alter_enum tier
-- error: alter_enum tier: SQLite has no enum types

-- alter_enum crm.mood
-- error: alter_enum crm.mood: SQLite has no enum types

-- alter_enum tier
-- error: alter_enum tier: SQLite has no enum types

-- drop_enum crm.mood
-- error: drop_enum crm.mood: SQLite has no enum types

-- drop_table accounts
DROP TABLE accounts;

-- drop_enum tier
-- error: drop_enum tier: SQLite has no enum types

-- drop_enum tier
-- error: drop_enum tier: SQLite has no enum types
