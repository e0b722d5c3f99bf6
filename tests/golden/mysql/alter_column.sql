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
ALTER TABLE crm.items MODIFY name VARCHAR(100) NULL;

-- alter_column crm.items.qty
ALTER TABLE crm.items MODIFY qty INTEGER NULL;

-- alter_column crm.items.price
-- error: alter_column crm.items.price: MySQL/MariaDB restates the whole column to change its nullability (ALTER TABLE ... MODIFY), so existing_type (the column's current type) is required

-- alter_column crm.items.name
-- error: alter_column crm.items.name: MySQL/MariaDB restates the whole column to change its nullability (ALTER TABLE ... MODIFY), so existing_type (the column's current type) is required

-- alter_column crm.items.status
ALTER TABLE crm.items ALTER COLUMN status SET DEFAULT 'open';

-- alter_column crm.items.created_at
ALTER TABLE crm.items ALTER COLUMN created_at SET DEFAULT (now());

-- alter_column crm.items.status
ALTER TABLE crm.items ALTER COLUMN status DROP DEFAULT;

-- alter_column crm.items.note
-- error: alter_column crm.items.note: MySQL/MariaDB restates the whole column to change its comment (ALTER TABLE ... MODIFY), so existing_type (the column's current type) is required

-- alter_column crm.items.note
-- error: alter_column crm.items.note: MySQL/MariaDB restates the whole column to change its comment (ALTER TABLE ... MODIFY), so existing_type (the column's current type) is required

-- alter_column crm.items.note
ALTER TABLE crm.items RENAME COLUMN note TO remarks;

-- alter_column crm.items.qty
ALTER TABLE crm.items CHANGE qty quantity BIGINT NOT NULL DEFAULT '0' COMMENT 'how many';

-- create_table loose
CREATE TABLE loose (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    n INTEGER, 
    PRIMARY KEY (id)
);

-- alter_column loose.n
ALTER TABLE loose MODIFY n BIGINT NOT NULL;

-- drop_table loose
DROP TABLE loose;

-- drop_table crm.items
DROP TABLE crm.items;
