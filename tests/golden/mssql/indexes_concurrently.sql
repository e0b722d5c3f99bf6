-- Rendered by tests/unit/dialect_test.cpp, case 'indexes_concurrently', dialect mssql.

-- create_table events
CREATE TABLE events (
    id INTEGER NOT NULL IDENTITY, 
    kind NVARCHAR(20) NULL, 
    created_at DATETIME2 NULL, 
    deleted INTEGER NULL, 
    PRIMARY KEY (id)
);

-- autocommit_block begin

-- create_index ix_events_kind on events
CREATE INDEX ix_events_kind ON events (kind);

-- create_index uq_events_kind_lower on events
-- error: create_index uq_events_kind_lower on events: index expression 'lower(kind)' is not supported on SQL Server; index a computed column instead

-- drop_index ix_events_kind
DROP INDEX ix_events_kind ON events;

-- drop_index uq_events_kind_lower
IF EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'uq_events_kind_lower' AND object_id = OBJECT_ID(N'events')) DROP INDEX uq_events_kind_lower ON events;

-- drop_index ix_events_missing
IF EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_events_missing' AND object_id = OBJECT_ID(N'events')) DROP INDEX ix_events_missing ON events;

-- autocommit_block end

-- drop_table events
DROP TABLE events;
