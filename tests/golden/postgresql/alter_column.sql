-- Rendered by tests/unit/dialect_test.cpp, case 'alter_column', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.items
CREATE TABLE crm.items (
    id SERIAL NOT NULL, 
    name VARCHAR(50) NOT NULL, 
    qty VARCHAR(10), 
    price NUMERIC(10, 2), 
    status VARCHAR(20) DEFAULT 'new', 
    created_at TIMESTAMP WITHOUT TIME ZONE, 
    note TEXT, 
    PRIMARY KEY (id)
);

-- alter_column crm.items.name
ALTER TABLE crm.items ALTER COLUMN name TYPE VARCHAR(100);

-- alter_column crm.items.qty
ALTER TABLE crm.items ALTER COLUMN qty TYPE INTEGER USING qty::integer;

-- alter_column crm.items.price
ALTER TABLE crm.items ALTER COLUMN price SET NOT NULL;

-- alter_column crm.items.name
ALTER TABLE crm.items ALTER COLUMN name DROP NOT NULL;

-- alter_column crm.items.status
ALTER TABLE crm.items ALTER COLUMN status SET DEFAULT 'open';

-- alter_column crm.items.created_at
ALTER TABLE crm.items ALTER COLUMN created_at SET DEFAULT now();

-- alter_column crm.items.status
ALTER TABLE crm.items ALTER COLUMN status DROP DEFAULT;

-- alter_column crm.items.note
COMMENT ON COLUMN crm.items.note IS 'free text, it''s optional';

-- alter_column crm.items.note
COMMENT ON COLUMN crm.items.note IS NULL;

-- alter_column crm.items.note
ALTER TABLE crm.items RENAME COLUMN note TO remarks;

-- alter_column crm.items.qty
ALTER TABLE crm.items ALTER COLUMN qty TYPE BIGINT USING qty::bigint;
ALTER TABLE crm.items ALTER COLUMN qty SET NOT NULL;
ALTER TABLE crm.items ALTER COLUMN qty SET DEFAULT '0';
COMMENT ON COLUMN crm.items.qty IS 'how many';
ALTER TABLE crm.items RENAME COLUMN qty TO quantity;

-- create_table loose
CREATE TABLE loose (
    id SERIAL NOT NULL, 
    n INTEGER, 
    PRIMARY KEY (id)
);

-- alter_column loose.n
ALTER TABLE loose ALTER COLUMN n TYPE BIGINT;
ALTER TABLE loose ALTER COLUMN n SET NOT NULL;

-- drop_table loose
DROP TABLE loose;

-- drop_table crm.items
DROP TABLE crm.items;
