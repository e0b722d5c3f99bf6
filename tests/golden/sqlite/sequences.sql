-- Rendered by tests/unit/dialect_test.cpp, case 'sequences', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_sequence crm.order_seq
-- error: create_sequence crm.order_seq: SQLite has no sequences

-- create_sequence crm.order_seq
-- error: create_sequence crm.order_seq: SQLite has no sequences

-- create_sequence ticket_seq
-- error: create_sequence ticket_seq: SQLite has no sequences

-- create_sequence countdown_seq
-- error: create_sequence countdown_seq: SQLite has no sequences

-- drop_sequence crm.order_seq
-- error: drop_sequence crm.order_seq: SQLite has no sequences

-- drop_sequence crm.order_seq
-- error: drop_sequence crm.order_seq: SQLite has no sequences

-- drop_sequence ticket_seq
-- error: drop_sequence ticket_seq: SQLite has no sequences

-- drop_sequence countdown_seq
-- error: drop_sequence countdown_seq: SQLite has no sequences
