-- Rendered by tests/unit/dialect_test.cpp, case 'foreign_keys', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_schema ledger
ATTACH DATABASE ':memory:' AS ledger;

-- create_table crm.parent
CREATE TABLE crm.parent (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table ledger.parent
CREATE TABLE ledger.parent (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table parent
CREATE TABLE parent (
    id INTEGER NOT NULL, 
    PRIMARY KEY (id)
);

-- create_table crm.child
CREATE TABLE crm.child (
    id INTEGER NOT NULL, 
    parent_id INTEGER, 
    ledger_parent_id INTEGER, 
    root_id INTEGER, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL
);

-- create_table local_child
CREATE TABLE local_child (
    id INTEGER NOT NULL, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE NO ACTION ON UPDATE CASCADE
);

-- create_table deferred_child
CREATE TABLE deferred_child (
    id INTEGER NOT NULL, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) MATCH FULL DEFERRABLE INITIALLY DEFERRED
);

-- create_table restrict_child
CREATE TABLE restrict_child (
    id INTEGER NOT NULL, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE RESTRICT NOT DEFERRABLE
);
