-- Rendered by tests/unit/dialect_test.cpp, case 'constraints', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_schema ledger
CREATE DATABASE ledger;

-- create_table ledger.accounts
CREATE TABLE ledger.accounts (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    code VARCHAR(10) NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table crm.tags
CREATE TABLE crm.tags (
    name VARCHAR(20) NOT NULL
);

-- create_table crm.orders
CREATE TABLE crm.orders (
    id INTEGER NOT NULL AUTO_INCREMENT, 
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
-- error: create_foreign_key fk_orders_account on crm.orders: a DEFERRABLE foreign key is not supported on MySQL/MariaDB (MySQL checks foreign keys immediately)

-- create_foreign_key fk_orders_ledger on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT fk_orders_ledger FOREIGN KEY(ledger_id) REFERENCES ledger.accounts (id) ON UPDATE SET NULL;

-- create_foreign_key fk_orders_tag on crm.orders
ALTER TABLE crm.orders ADD CONSTRAINT fk_orders_tag FOREIGN KEY(code) REFERENCES crm.tags (name);

-- rename_constraint pk_tags on crm.tags to pk_crm_tags

-- rename_constraint uq_orders_code on crm.orders to uq_crm_orders_code
ALTER TABLE crm.orders RENAME INDEX uq_orders_code TO uq_crm_orders_code;

-- rename_constraint ck_orders_qty on crm.orders to ck_crm_orders_qty
-- error: rename_constraint ck_orders_qty on crm.orders to ck_crm_orders_qty: on MySQL/MariaDB this needs a live database (MySQL cannot rename a check constraint, so strata reads its definition from the catalog and drops and re-adds it under the new name; there is no offline form)

-- rename_constraint fk_orders_tag on crm.orders to fk_crm_orders_tag
-- error: rename_constraint fk_orders_tag on crm.orders to fk_crm_orders_tag: on MySQL/MariaDB this needs a live database (MySQL cannot rename a foreign key, so strata reads its definition from the catalog and drops and re-adds it under the new name; there is no offline form)

-- drop_constraint fk_crm_orders_tag on crm.orders
SET @strata_sql = IF((SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM information_schema.statistics WHERE table_schema = 'crm' AND table_name = 'orders' AND index_name = 'fk_crm_orders_tag' AND non_unique = 1) = (SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.key_column_usage WHERE table_schema = 'crm' AND table_name = 'orders' AND constraint_name = 'fk_crm_orders_tag' AND referenced_table_name IS NOT NULL), 'ALTER TABLE crm.orders DROP INDEX fk_crm_orders_tag', 'DO 0');
ALTER TABLE crm.orders DROP FOREIGN KEY fk_crm_orders_tag;
PREPARE strata_stmt FROM @strata_sql;
EXECUTE strata_stmt;
DEALLOCATE PREPARE strata_stmt;

-- drop_constraint ck_crm_orders_qty on crm.orders
ALTER TABLE crm.orders DROP CONSTRAINT ck_crm_orders_qty;

-- drop_constraint uq_crm_orders_code on crm.orders
ALTER TABLE crm.orders DROP INDEX uq_crm_orders_code;

-- drop_constraint uq_orders_a_b on crm.orders
-- error: drop_constraint uq_orders_a_b on crm.orders: on MySQL/MariaDB this needs a live database (MySQL drops each kind of constraint with its own clause, so strata looks up its type in the catalog; for --sql pass type_ = "foreignkey", "unique", "check" or "primary")

-- drop_constraint pk_crm_tags on crm.tags
ALTER TABLE crm.tags DROP PRIMARY KEY;

-- drop_constraint uq_orders_missing on crm.orders
ALTER TABLE crm.orders DROP INDEX IF EXISTS uq_orders_missing;
