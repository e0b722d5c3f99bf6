-- Rendered by tests/unit/dialect_test.cpp, case 'alter_identity', dialect mysql.

-- create_table idt
CREATE TABLE idt (
    id INTEGER NOT NULL, 
    n INTEGER, 
    PRIMARY KEY (id)
);

-- create_table idt_k
CREATE TABLE idt_k (
    k INTEGER NOT NULL DEFAULT '0', 
    PRIMARY KEY (k)
);

-- alter_column idt.id
ALTER TABLE idt MODIFY id INTEGER NOT NULL AUTO_INCREMENT;

-- alter_column idt.n
-- error: alter_column idt.n: identity always (column n) is not supported on MySQL/MariaDB (AUTO_INCREMENT accepts explicit values: use identity = "by_default")

-- alter_column idt.n
-- error: alter_column idt.n: identity options on alter_column (column n) is not supported on MySQL/MariaDB (AUTO_INCREMENT = n is a table option: set it with op.execute)

-- alter_column idt.n
-- error: alter_column idt.n: identity always (column n) is not supported on MySQL/MariaDB (AUTO_INCREMENT accepts explicit values: use identity = "by_default")

-- alter_column idt.n
ALTER TABLE idt MODIFY n INTEGER NULL;

-- alter_column idt_k.k
ALTER TABLE idt_k MODIFY k INTEGER NOT NULL AUTO_INCREMENT;

-- alter_column idt.id
ALTER TABLE idt MODIFY id INTEGER NOT NULL;

-- drop_table idt_k
DROP TABLE idt_k;

-- drop_table idt
DROP TABLE idt;
