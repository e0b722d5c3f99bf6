-- Rendered by tests/unit/dialect_test.cpp, case 'alter_identity', dialect mssql.

-- create_table idt
CREATE TABLE idt (
    id INTEGER NOT NULL, 
    n INTEGER NULL, 
    PRIMARY KEY (id)
);

-- create_table idt_k
CREATE TABLE idt_k (
    k INTEGER NOT NULL DEFAULT '0', 
    PRIMARY KEY (k)
);

-- alter_column idt.id
-- error: alter_column idt.id: changing a column's identity (id) is not supported on SQL Server; IDENTITY cannot be added to or removed from an existing column: add a new column (or create a new table) and copy the data

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity (n) is not supported on SQL Server; IDENTITY cannot be added to or removed from an existing column: add a new column (or create a new table) and copy the data

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity (n) is not supported on SQL Server; IDENTITY cannot be added to or removed from an existing column: add a new column (or create a new table) and copy the data

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity (n) is not supported on SQL Server; IDENTITY cannot be added to or removed from an existing column: add a new column (or create a new table) and copy the data

-- alter_column idt.n
-- error: alter_column idt.n: changing a column's identity (n) is not supported on SQL Server; IDENTITY cannot be added to or removed from an existing column: add a new column (or create a new table) and copy the data

-- alter_column idt_k.k
-- error: alter_column idt_k.k: changing a column's identity (k) is not supported on SQL Server; IDENTITY cannot be added to or removed from an existing column: add a new column (or create a new table) and copy the data

-- alter_column idt.id
-- error: alter_column idt.id: changing a column's identity (id) is not supported on SQL Server; IDENTITY cannot be added to or removed from an existing column: add a new column (or create a new table) and copy the data

-- drop_table idt_k
DROP TABLE idt_k;

-- drop_table idt
DROP TABLE idt;
