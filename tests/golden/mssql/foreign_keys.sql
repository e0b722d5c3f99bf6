-- Rendered by tests/unit/dialect_test.cpp, case 'foreign_keys', dialect mssql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_schema ledger
CREATE SCHEMA ledger;

-- create_table crm.parent
CREATE TABLE crm.parent (
    id INTEGER NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- create_table ledger.parent
CREATE TABLE ledger.parent (
    id INTEGER NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- create_table parent
CREATE TABLE parent (
    id INTEGER NOT NULL IDENTITY, 
    PRIMARY KEY (id)
);

-- create_table crm.child
CREATE TABLE crm.child (
    id INTEGER NOT NULL IDENTITY, 
    parent_id INTEGER NULL, 
    ledger_parent_id INTEGER NULL, 
    root_id INTEGER NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES crm.parent (id) ON DELETE CASCADE ON UPDATE SET NULL, 
    FOREIGN KEY(ledger_parent_id) REFERENCES ledger.parent (id) ON DELETE SET NULL, 
    FOREIGN KEY(root_id) REFERENCES parent (id)
);

-- create_table local_child
CREATE TABLE local_child (
    id INTEGER NOT NULL IDENTITY, 
    parent_id INTEGER NULL, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE NO ACTION ON UPDATE CASCADE
);

-- create_table deferred_child
-- error: create_table deferred_child: a deferrable foreign key is not supported on SQL Server; SQL Server checks constraints at once

-- create_table restrict_child
-- error: create_table restrict_child: foreign key action RESTRICT is not supported on SQL Server; use NO ACTION (SQL Server checks it at once, like RESTRICT)
