-- Rendered by tests/unit/dialect_test.cpp, case 'comments', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.notes
CREATE TABLE crm.notes (
    id SERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table plain_notes
CREATE TABLE plain_notes (
    id SERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table_comment crm.notes
COMMENT ON TABLE crm.notes IS 'Notes, e.g. "it''s" – ü';

-- create_table_comment plain_notes
COMMENT ON TABLE plain_notes IS 'plain';

-- drop_table_comment crm.notes
COMMENT ON TABLE crm.notes IS NULL;

-- drop_table_comment plain_notes
COMMENT ON TABLE plain_notes IS NULL;
