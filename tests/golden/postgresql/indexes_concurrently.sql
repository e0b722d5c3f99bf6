-- Rendered by tests/unit/dialect_test.cpp, case 'indexes_concurrently', dialect postgresql.

-- create_table events
CREATE TABLE events (
    id SERIAL NOT NULL, 
    kind VARCHAR(20), 
    created_at TIMESTAMP WITHOUT TIME ZONE, 
    deleted INTEGER, 
    PRIMARY KEY (id)
);

-- autocommit_block begin

-- create_index ix_events_kind on events
CREATE INDEX CONCURRENTLY ix_events_kind ON events (kind);

-- create_index uq_events_kind_lower on events
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_events_kind_lower ON events (lower(kind), id) INCLUDE (created_at) WHERE deleted = 0;

-- drop_index ix_events_kind
DROP INDEX CONCURRENTLY ix_events_kind;

-- drop_index uq_events_kind_lower
DROP INDEX CONCURRENTLY IF EXISTS uq_events_kind_lower;

-- drop_index ix_events_missing
DROP INDEX CONCURRENTLY IF EXISTS ix_events_missing;

-- autocommit_block end

-- drop_table events
DROP TABLE events;
