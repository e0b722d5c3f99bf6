-- Rendered by tests/unit/dialect_test.cpp, case 'indexes_concurrently', dialect sqlite.

-- create_table events
CREATE TABLE events (
    id INTEGER NOT NULL, 
    kind VARCHAR(20), 
    created_at DATETIME, 
    deleted INTEGER, 
    PRIMARY KEY (id)
);

-- autocommit_block begin

-- create_index ix_events_kind on events
CREATE INDEX ix_events_kind ON events (kind);

-- create_index uq_events_kind_lower on events
-- error: create_index uq_events_kind_lower on events: INCLUDE columns are not supported on SQLite

-- drop_index ix_events_kind
DROP INDEX ix_events_kind;

-- drop_index uq_events_kind_lower
DROP INDEX IF EXISTS uq_events_kind_lower;

-- drop_index ix_events_missing
DROP INDEX IF EXISTS ix_events_missing;

-- autocommit_block end

-- drop_table events
DROP TABLE events;
