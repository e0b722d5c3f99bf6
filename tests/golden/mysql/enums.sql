-- Rendered by tests/unit/dialect_test.cpp, case 'enums', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_enum crm.mood
-- error: create_enum crm.mood: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- create_enum crm.mood
-- error: create_enum crm.mood: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- create_enum tier
-- error: create_enum tier: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- create_table accounts
CREATE TABLE accounts (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    tier tier NOT NULL DEFAULT 'free', 
    PRIMARY KEY (id)
);

-- alter_enum tier
-- error: alter_enum tier: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- alter_enum tier
-- error: alter_enum tier: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- alter_enum crm.mood
-- error: alter_enum crm.mood: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- alter_enum tier
-- error: alter_enum tier: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- drop_enum crm.mood
-- error: drop_enum crm.mood: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- drop_table accounts
DROP TABLE accounts;

-- drop_enum tier
-- error: drop_enum tier: mysql has no enum types; use a CHECK or an ENUM(...) column type

-- drop_enum tier
-- error: drop_enum tier: mysql has no enum types; use a CHECK or an ENUM(...) column type
