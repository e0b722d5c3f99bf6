-- Rendered by tests/unit/dialect_test.cpp, case 'sequences', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_sequence crm.order_seq
CREATE SEQUENCE crm.order_seq INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 START WITH 10 CACHE 20 CYCLE;

-- create_sequence crm.order_seq
CREATE SEQUENCE IF NOT EXISTS crm.order_seq INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 START WITH 10 CACHE 20 CYCLE;

-- create_sequence ticket_seq
CREATE SEQUENCE ticket_seq;

-- create_sequence countdown_seq
CREATE SEQUENCE countdown_seq INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1 START WITH -1;

-- drop_sequence crm.order_seq
DROP SEQUENCE crm.order_seq;

-- drop_sequence crm.order_seq
DROP SEQUENCE IF EXISTS crm.order_seq;

-- drop_sequence ticket_seq
DROP SEQUENCE ticket_seq;

-- drop_sequence countdown_seq
DROP SEQUENCE countdown_seq;
