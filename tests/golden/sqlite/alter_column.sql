-- Rendered by tests/unit/dialect_test.cpp, case 'alter_column', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_table crm.items
CREATE TABLE crm.items (
    id INTEGER NOT NULL, 
    name VARCHAR(50) NOT NULL, 
    qty VARCHAR(10), 
    price NUMERIC(10, 2), 
    status VARCHAR(20) DEFAULT 'new', 
    created_at DATETIME, 
    note TEXT, 
    PRIMARY KEY (id)
);

-- alter_column crm.items.name
-- error: alter_column crm.items.name: on sqlite this needs a live database (table rebuild); run it online

-- alter_column crm.items.qty
-- error: alter_column crm.items.qty: on sqlite this needs a live database (table rebuild); run it online

-- alter_column crm.items.price
-- error: alter_column crm.items.price: on sqlite this needs a live database (table rebuild); run it online

-- alter_column crm.items.name
-- error: alter_column crm.items.name: on sqlite this needs a live database (table rebuild); run it online

-- alter_column crm.items.status
-- error: alter_column crm.items.status: on sqlite this needs a live database (table rebuild); run it online

-- alter_column crm.items.created_at
-- error: alter_column crm.items.created_at: on sqlite this needs a live database (table rebuild); run it online

-- alter_column crm.items.status
-- error: alter_column crm.items.status: on sqlite this needs a live database (table rebuild); run it online

-- alter_column crm.items.note

-- alter_column crm.items.note

-- alter_column crm.items.note
ALTER TABLE crm.items RENAME COLUMN note TO remarks;

-- alter_column crm.items.qty
-- error: alter_column crm.items.qty: on sqlite this needs a live database (table rebuild); run it online

-- create_table loose
CREATE TABLE loose (
    id INTEGER NOT NULL, 
    n INTEGER, 
    PRIMARY KEY (id)
);

-- alter_column loose.n
-- error: alter_column loose.n: on sqlite this needs a live database (table rebuild); run it online

-- drop_table loose
DROP TABLE loose;

-- drop_table crm.items
DROP TABLE crm.items;
