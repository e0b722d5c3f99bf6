-- Rendered by tests/unit/dialect_test.cpp, case 'constraints', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_schema ledger
CREATE SCHEMA ledger;

-- create_table ledger.accounts
CREATE TABLE ledger.accounts (
    id SERIAL NOT NULL, 
    code VARCHAR(10) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table crm.tags
CREATE TABLE crm.tags (
    name VARCHAR(20) NOT NULL
);

-- create_table crm.orders
CREATE TABLE crm.orders (
    id SERIAL NOT NULL, 
    account_id INTEGER, 
    code VARCHAR(20), 
    qty INTEGER, 
    a INTEGER, 
    b INTEGER, 
    ledger_id INTEGER, 
    PRIMARY KEY (id)
);

-- create_primary_key pk_tags on crm.tags
ALTER TABLE crm.tags ADD CONSTRAINT pk_tags PRIMARY KEY (name);

-- create_unique_constraint uq_orders_code on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT uq_orders_code UNIQUE (code);

-- create_unique_constraint uq_orders_a_b on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT uq_orders_a_b UNIQUE (a, b);

-- create_check_constraint ck_orders_qty on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT ck_orders_qty CHECK (qty > 0);

-- create_check_constraint (unnamed) on crm.orders
ALTER TABLE crm.orders ADD CHECK (a <> b);

-- create_foreign_key fk_orders_account on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT fk_orders_account FOREIGN KEY(account_id) REFERENCES ledger.accounts (id) MATCH FULL ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED;

-- create_foreign_key fk_orders_ledger on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT fk_orders_ledger FOREIGN KEY(ledger_id) REFERENCES ledger.accounts (id) MATCH SIMPLE ON UPDATE SET NULL NOT DEFERRABLE INITIALLY IMMEDIATE;

-- create_foreign_key fk_orders_tag on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT fk_orders_tag FOREIGN KEY(code) REFERENCES crm.tags (name);

-- rename_constraint pk_tags on crm.tags to pk_crm_tags
ALTER TABLE crm.tags RENAME CONSTRAINT pk_tags TO pk_crm_tags;

-- rename_constraint uq_orders_code on crm.orders to uq_crm_orders_code
ALTER TABLE crm.orders RENAME CONSTRAINT uq_orders_code TO uq_crm_orders_code;

-- rename_constraint ck_orders_qty on crm.orders to ck_crm_orders_qty
ALTER TABLE crm.orders RENAME CONSTRAINT ck_orders_qty TO ck_crm_orders_qty;

-- rename_constraint fk_orders_tag on crm.orders to fk_crm_orders_tag
ALTER TABLE crm.orders RENAME CONSTRAINT fk_orders_tag TO fk_crm_orders_tag;

-- drop_constraint fk_crm_orders_tag on crm.orders
ALTER TABLE crm.orders DROP CONSTRAINT fk_crm_orders_tag;

-- drop_constraint ck_crm_orders_qty on crm.orders
ALTER TABLE crm.orders DROP CONSTRAINT ck_crm_orders_qty;

-- drop_constraint uq_crm_orders_code on crm.orders
ALTER TABLE crm.orders DROP CONSTRAINT uq_crm_orders_code;

-- drop_constraint uq_orders_a_b on crm.orders
ALTER TABLE crm.orders DROP CONSTRAINT uq_orders_a_b;

-- drop_constraint pk_crm_tags on crm.tags
ALTER TABLE crm.tags DROP CONSTRAINT pk_crm_tags;

-- drop_constraint uq_orders_missing on crm.orders
ALTER TABLE crm.orders DROP CONSTRAINT IF EXISTS uq_orders_missing;
