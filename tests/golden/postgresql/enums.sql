-- Rendered by tests/unit/dialect_test.cpp, case 'enums', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_enum crm.mood
CREATE TYPE crm.mood AS ENUM ('sad', 'ok', 'it''s');

-- create_enum crm.mood
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'crm' AND t.typname = 'mood') THEN
    CREATE TYPE crm.mood AS ENUM ('sad', 'ok', 'it''s');
  END IF;
END
$$;

-- create_enum tier
CREATE TYPE tier AS ENUM ('free', 'pro');

-- create_table accounts
CREATE TABLE accounts (
    id SERIAL NOT NULL, 
    tier tier DEFAULT 'free' NOT NULL, 
    PRIMARY KEY (id)
);

-- alter_enum tier
ALTER TYPE tier ADD VALUE 'trial' BEFORE 'free';
ALTER TYPE tier ADD VALUE 'basic' AFTER 'free';
ALTER TYPE tier ADD VALUE 'enterprise';
ALTER TYPE tier ADD VALUE 'max';

-- alter_enum tier
ALTER TYPE tier RENAME TO tier_old;
CREATE TYPE tier AS ENUM ('free', 'basic', 'pro', 'enterprise', 'max');
ALTER TABLE accounts ALTER COLUMN tier DROP DEFAULT;
ALTER TABLE accounts ALTER COLUMN tier TYPE tier USING tier::text::tier;
ALTER TABLE accounts ALTER COLUMN tier SET DEFAULT 'free';
DROP TYPE tier_old;

-- alter_enum crm.mood
ALTER TYPE crm.mood RENAME TO mood_old;
CREATE TYPE crm.mood AS ENUM ('it''s', 'ok', 'sad');
DROP TYPE crm.mood_old;

-- alter_enum tier

-- drop_enum crm.mood
DROP TYPE crm.mood;

-- drop_table accounts
DROP TABLE accounts;

-- drop_enum tier
DROP TYPE IF EXISTS tier;

-- drop_enum tier
DROP TYPE IF EXISTS tier;
