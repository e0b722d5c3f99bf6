-- Rendered by tests/unit/dialect_test.cpp, case 'foreign_keys', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_schema ledger
CREATE SCHEMA ledger;

-- create_table crm.parent
CREATE TABLE crm.parent (
    id SERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table ledger.parent
CREATE TABLE ledger.parent (
    id SERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table parent
CREATE TABLE parent (
    id SERIAL NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table crm.child
CREATE TABLE crm.child (
    id SERIAL NOT NULL, 
    parent_id INTEGER, 
    ledger_parent_id INTEGER, 
    root_id INTEGER, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES crm.parent (id) ON DELETE CASCADE ON UPDATE SET NULL, 
    FOREIGN KEY(ledger_parent_id) REFERENCES ledger.parent (id) ON DELETE SET NULL, 
    FOREIGN KEY(root_id) REFERENCES parent (id)
);

-- create_table local_child
CREATE TABLE local_child (
    id SERIAL NOT NULL, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE NO ACTION ON UPDATE CASCADE
);

-- create_table deferred_child
CREATE TABLE deferred_child (
    id SERIAL NOT NULL, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) MATCH FULL DEFERRABLE INITIALLY DEFERRED
);

-- create_table restrict_child
CREATE TABLE restrict_child (
    id SERIAL NOT NULL, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE RESTRICT NOT DEFERRABLE
);
