-- Rendered by tests/unit/dialect_test.cpp, case 'sequences', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_sequence crm.order_seq
CREATE SEQUENCE crm.order_seq AS BIGINT START WITH 10 INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 CACHE 20 CYCLE;

-- create_sequence crm.order_seq
IF OBJECT_ID(N'crm.order_seq', N'SO') IS NULL CREATE SEQUENCE crm.order_seq AS BIGINT START WITH 10 INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 CACHE 20 CYCLE;

-- create_sequence ticket_seq
CREATE SEQUENCE ticket_seq AS BIGINT START WITH 1;

-- create_sequence countdown_seq
CREATE SEQUENCE countdown_seq AS BIGINT START WITH -1 INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1;

-- drop_sequence crm.order_seq
DROP SEQUENCE crm.order_seq;

-- drop_sequence crm.order_seq
IF OBJECT_ID(N'crm.order_seq', N'SO') IS NOT NULL DROP SEQUENCE crm.order_seq;

-- drop_sequence ticket_seq
DROP SEQUENCE ticket_seq;

-- drop_sequence countdown_seq
DROP SEQUENCE countdown_seq;
