-- Rendered by tests/unit/dialect_test.cpp, case 'alter_column', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_table crm.items
CREATE TABLE crm.items (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    name VARCHAR(50) NOT NULL, 
    qty VARCHAR(10), 
    price NUMERIC(10, 2), 
    status VARCHAR(20) DEFAULT 'new', 
    created_at DATETIME, 
    note TEXT, 
    PRIMARY KEY (id)
);

-- alter_column crm.items.name
-- error: alter_column crm.items.name: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its type, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_nullable, existing_server_default and existing_comment (false for a default, comment or AUTO_INCREMENT the column does not have))

-- alter_column crm.items.qty
-- error: alter_column crm.items.qty: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its type, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_nullable, existing_server_default, existing_comment and existing_autoincrement (false for a default, comment or AUTO_INCREMENT the column does not have))

-- alter_column crm.items.price
-- error: alter_column crm.items.price: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its nullability, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_type, existing_server_default, existing_comment and existing_autoincrement (false for a default, comment or AUTO_INCREMENT the column does not have))

-- alter_column crm.items.name
-- error: alter_column crm.items.name: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its nullability, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_type, existing_server_default, existing_comment and existing_autoincrement (false for a default, comment or AUTO_INCREMENT the column does not have))

-- alter_column crm.items.status
ALTER TABLE crm.items ALTER COLUMN status SET DEFAULT 'open';

-- alter_column crm.items.created_at
ALTER TABLE crm.items ALTER COLUMN created_at SET DEFAULT (now());

-- alter_column crm.items.status
ALTER TABLE crm.items ALTER COLUMN status DROP DEFAULT;

-- alter_column crm.items.note
-- error: alter_column crm.items.note: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its comment, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_type, existing_nullable, existing_server_default and existing_autoincrement (false for a default, comment or AUTO_INCREMENT the column does not have))

-- alter_column crm.items.note
-- error: alter_column crm.items.note: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its comment, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_type, existing_nullable, existing_server_default and existing_autoincrement (false for a default, comment or AUTO_INCREMENT the column does not have))

-- alter_column crm.items.note
ALTER TABLE crm.items RENAME COLUMN note TO remarks;

-- alter_column crm.items.qty
-- error: alter_column crm.items.qty: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its type, nullability and comment, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_autoincrement (false for a default, comment or AUTO_INCREMENT the column does not have))

-- create_table loose
CREATE TABLE loose (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    n INTEGER, 
    PRIMARY KEY (id)
);

-- alter_column loose.n
-- error: alter_column loose.n: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its type and nullability, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_server_default, existing_comment and existing_autoincrement (false for a default, comment or AUTO_INCREMENT the column does not have))

-- drop_table loose
DROP TABLE loose;

-- drop_table crm.items
DROP TABLE crm.items;
