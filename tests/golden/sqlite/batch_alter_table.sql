-- Rendered by tests/unit/dialect_test.cpp, case 'batch_alter_table', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_table crm.contacts
CREATE TABLE crm.contacts (
    id INTEGER NOT NULL, 
    email VARCHAR(100), 
    phone VARCHAR(20), 
    legacy TEXT, 
    PRIMARY KEY (id)
);

-- batch_alter_table crm.contacts (8 changes)
-- error: batch_alter_table crm.contacts (8 changes): on sqlite this needs a live database (table rebuild); run it online

-- batch_alter_table crm.contacts (0 changes)
