-- Rendered by tests/unit/dialect_test.cpp, case 'alter_sequence', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_sequence crm.invoice_seq
-- error: create_sequence crm.invoice_seq: SQLite has no sequences

-- create_sequence ticket_seq
-- error: create_sequence ticket_seq: SQLite has no sequences

-- alter_sequence crm.invoice_seq
-- error: alter_sequence crm.invoice_seq: SQLite has no sequences

-- alter_sequence crm.invoice_seq
-- error: alter_sequence crm.invoice_seq: SQLite has no sequences

-- alter_sequence ticket_seq
-- error: alter_sequence ticket_seq: SQLite has no sequences

-- alter_sequence ticket_seq
-- error: alter_sequence ticket_seq: SQLite has no sequences

-- drop_sequence crm.invoice_seq
-- error: drop_sequence crm.invoice_seq: SQLite has no sequences

-- drop_sequence ticket_seq
-- error: drop_sequence ticket_seq: SQLite has no sequences
