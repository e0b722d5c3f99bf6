-- Rendered by tests/unit/dialect_test.cpp, case 'foreign_keys', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_schema ledger
CREATE DATABASE ledger;

-- create_table crm.parent
CREATE TABLE crm.parent (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table ledger.parent
CREATE TABLE ledger.parent (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table parent
CREATE TABLE parent (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    PRIMARY KEY (id)
);

-- create_table crm.child
CREATE TABLE crm.child (
    id INTEGER NOT NULL AUTO_INCREMENT, 
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
    id INTEGER NOT NULL AUTO_INCREMENT, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE NO ACTION ON UPDATE CASCADE
);

-- create_table deferred_child
-- error: create_table deferred_child: a DEFERRABLE foreign key is not supported on MySQL/MariaDB (MySQL checks foreign keys immediately)

-- create_table restrict_child
CREATE TABLE restrict_child (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    parent_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE RESTRICT
);
