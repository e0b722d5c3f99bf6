-- Rendered by tests/unit/dialect_test.cpp, case 'constraints', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_schema ledger
ATTACH DATABASE ':memory:' AS ledger;

-- create_table ledger.accounts
CREATE TABLE ledger.accounts (
    id INTEGER NOT NULL, 
    code VARCHAR(10) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table crm.tags
CREATE TABLE crm.tags (
    name VARCHAR(20) NOT NULL
);

-- create_table crm.orders
CREATE TABLE crm.orders (
    id INTEGER NOT NULL, 
    account_id INTEGER, 
    code VARCHAR(20), 
    qty INTEGER, 
    a INTEGER, 
    b INTEGER, 
    ledger_id INTEGER, 
    PRIMARY KEY (id)
);

-- create_primary_key pk_tags on crm.tags
-- error: create_primary_key pk_tags on crm.tags: on sqlite this needs a live database (table rebuild); run it online

-- create_unique_constraint uq_orders_code on crm.orders
-- error: create_unique_constraint uq_orders_code on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- create_unique_constraint uq_orders_a_b on crm.orders
-- error: create_unique_constraint uq_orders_a_b on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- create_check_constraint ck_orders_qty on crm.orders
-- error: create_check_constraint ck_orders_qty on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- create_check_constraint (unnamed) on crm.orders
-- error: create_check_constraint (unnamed) on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- create_foreign_key fk_orders_account on crm.orders
-- error: create_foreign_key fk_orders_account on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- create_foreign_key fk_orders_ledger on crm.orders
-- error: create_foreign_key fk_orders_ledger on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- create_foreign_key fk_orders_tag on crm.orders
-- error: create_foreign_key fk_orders_tag on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- rename_constraint pk_tags on crm.tags to pk_crm_tags
-- error: rename_constraint pk_tags on crm.tags to pk_crm_tags: on sqlite this needs a live database (the table definition is read back); run it online

-- rename_constraint uq_orders_code on crm.orders to uq_crm_orders_code
-- error: rename_constraint uq_orders_code on crm.orders to uq_crm_orders_code: on sqlite this needs a live database (the table definition is read back); run it online

-- rename_constraint ck_orders_qty on crm.orders to ck_crm_orders_qty
-- error: rename_constraint ck_orders_qty on crm.orders to ck_crm_orders_qty: on sqlite this needs a live database (the table definition is read back); run it online

-- rename_constraint fk_orders_tag on crm.orders to fk_crm_orders_tag
-- error: rename_constraint fk_orders_tag on crm.orders to fk_crm_orders_tag: on sqlite this needs a live database (the table definition is read back); run it online

-- drop_constraint fk_crm_orders_tag on crm.orders
-- error: drop_constraint fk_crm_orders_tag on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- drop_constraint ck_crm_orders_qty on crm.orders
-- error: drop_constraint ck_crm_orders_qty on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- drop_constraint uq_crm_orders_code on crm.orders
-- error: drop_constraint uq_crm_orders_code on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- drop_constraint uq_orders_a_b on crm.orders
-- error: drop_constraint uq_orders_a_b on crm.orders: on sqlite this needs a live database (table rebuild); run it online

-- drop_constraint pk_crm_tags on crm.tags
-- error: drop_constraint pk_crm_tags on crm.tags: on sqlite this needs a live database (table rebuild); run it online

-- drop_constraint uq_orders_missing on crm.orders
-- error: drop_constraint uq_orders_missing on crm.orders: on sqlite this needs a live database (table rebuild); run it online
