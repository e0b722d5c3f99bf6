-- Rendered by tests/unit/dialect_test.cpp, case 'alter_identity', dialect sqlite.

-- create_table idt
CREATE TABLE idt (
    id INTEGER NOT NULL, 
    n INTEGER, 
    PRIMARY KEY (id)
);

-- create_table idt_k
CREATE TABLE idt_k (
    k INTEGER DEFAULT '0' NOT NULL, 
    PRIMARY KEY (k)
);

-- alter_column idt.id
-- error: alter_column idt.id: changing a column's identity is not supported on SQLite (an identity is the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table with it)

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity is not supported on SQLite (an identity is the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table with it)

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity is not supported on SQLite (an identity is the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table with it)

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity is not supported on SQLite (an identity is the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table with it)

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity is not supported on SQLite (an identity is the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table with it)

-- alter_column idt_k.k
-- error: alter_column idt_k.k: changing a column's identity is not supported on SQLite (an identity is the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table with it)

-- alter_column idt.id
-- error: alter_column idt.id: changing a column's identity is not supported on SQLite (an identity is the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table with it)

-- drop_table idt_k
DROP TABLE idt_k;

-- drop_table idt
DROP TABLE idt;
