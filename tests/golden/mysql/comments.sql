-- Rendered by tests/unit/dialect_test.cpp, case 'comments', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_table crm.notes
CREATE TABLE crm.notes (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table plain_notes
CREATE TABLE plain_notes (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table_comment crm.notes
ALTER TABLE crm.notes COMMENT = 'Notes, e.g. "it''s" – ü';

-- create_table_comment plain_notes
ALTER TABLE plain_notes COMMENT = 'plain';

-- drop_table_comment crm.notes
ALTER TABLE crm.notes COMMENT = '';

-- drop_table_comment plain_notes
ALTER TABLE plain_notes COMMENT = '';
