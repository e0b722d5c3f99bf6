-- Rendered by tests/unit/dialect_test.cpp, case 'constraints', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_schema ledger
CREATE SCHEMA ledger;

-- create_table ledger.accounts
CREATE TABLE ledger.accounts (
    id INTEGER NOT NULL IDENTITY, 
    code NVARCHAR(10) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table crm.tags
CREATE TABLE crm.tags (
    name NVARCHAR(20) NOT NULL
);

-- create_table crm.orders
CREATE TABLE crm.orders (
    id INTEGER NOT NULL IDENTITY, 
    account_id INTEGER NULL, 
    code NVARCHAR(20) NULL, 
    qty INTEGER NULL, 
    a INTEGER NULL, 
    b INTEGER NULL, 
    ledger_id INTEGER NULL, 
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
-- error: create_foreign_key fk_orders_account on crm.orders: a deferrable foreign key is not supported on SQL Server; SQL Server checks constraints at once

-- create_foreign_key fk_orders_ledger on crm.orders
-- error: create_foreign_key fk_orders_ledger on crm.orders: INITIALLY on a foreign key is not supported on SQL Server

-- create_foreign_key fk_orders_tag on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT fk_orders_tag FOREIGN KEY(code) REFERENCES crm.tags (name);

-- rename_constraint pk_tags on crm.tags to pk_crm_tags
EXEC sp_rename N'crm.pk_tags', N'pk_crm_tags', N'OBJECT';

-- rename_constraint uq_orders_code on crm.orders to uq_crm_orders_code
EXEC sp_rename N'crm.uq_orders_code', N'uq_crm_orders_code', N'OBJECT';

-- rename_constraint ck_orders_qty on crm.orders to ck_crm_orders_qty
EXEC sp_rename N'crm.ck_orders_qty', N'ck_crm_orders_qty', N'OBJECT';

-- rename_constraint fk_orders_tag on crm.orders to fk_crm_orders_tag
EXEC sp_rename N'crm.fk_orders_tag', N'fk_crm_orders_tag', N'OBJECT';

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
IF EXISTS (SELECT 1 FROM sys.objects WHERE name = N'uq_orders_missing' AND parent_object_id = OBJECT_ID(N'crm.orders')) ALTER TABLE crm.orders DROP CONSTRAINT uq_orders_missing;
