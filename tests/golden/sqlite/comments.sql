-- Rendered by tests/unit/dialect_test.cpp, case 'comments', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_table crm.notes
CREATE TABLE crm.notes (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table plain_notes
CREATE TABLE plain_notes (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table_comment crm.notes

-- create_table_comment plain_notes

-- drop_table_comment crm.notes

-- drop_table_comment plain_notes
