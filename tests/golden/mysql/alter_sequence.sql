-- Rendered by tests/unit/dialect_test.cpp, case 'alter_sequence', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_sequence crm.invoice_seq
CREATE SEQUENCE crm.invoice_seq START WITH 10 MINVALUE 1 MAXVALUE 1000;

-- create_sequence ticket_seq
CREATE SEQUENCE ticket_seq;

-- alter_sequence crm.invoice_seq
ALTER SEQUENCE crm.invoice_seq INCREMENT BY 5 MINVALUE 2 NO MAXVALUE CACHE 50 CYCLE RESTART WITH 20;

-- alter_sequence crm.invoice_seq
ALTER SEQUENCE crm.invoice_seq NO MINVALUE MAXVALUE 1000 NOCYCLE;

-- alter_sequence ticket_seq
ALTER SEQUENCE ticket_seq INCREMENT BY -1 RESTART WITH 100;

-- alter_sequence ticket_seq

-- drop_sequence crm.invoice_seq
DROP SEQUENCE crm.invoice_seq;

-- drop_sequence ticket_seq
DROP SEQUENCE ticket_seq;
