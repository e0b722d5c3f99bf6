-- Rendered by tests/unit/dialect_test.cpp, case 'batch_alter_table', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_table crm.contacts
CREATE TABLE crm.contacts (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    email VARCHAR(100), 
    phone VARCHAR(20), 
    legacy TEXT, 
    PRIMARY KEY (id)
);

-- batch_alter_table crm.contacts (8 changes)
-- error: alter_column crm.contacts.email: on MySQL/MariaDB this needs a live database (MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its type and nullability, so strata reads what the op does not say from the catalog rather than drop it; for --sql pass existing_server_default and existing_comment (false for a default, comment or AUTO_INCREMENT the column does not have))

-- batch_alter_table crm.contacts (0 changes)
