-- Rendered by tests/unit/dialect_test.cpp, case 'batch_alter_table', dialect postgresql.

-- create_schema crm
CREATE SCHEMA crm;

-- create_table crm.contacts
CREATE TABLE crm.contacts (
    id SERIAL NOT NULL, 
    email VARCHAR(100), 
    phone VARCHAR(20), 
    legacy TEXT, 
    PRIMARY KEY (id)
);

-- batch_alter_table crm.contacts (8 changes)
ALTER TABLE crm.contacts ADD COLUMN nickname VARCHAR(50);
ALTER TABLE crm.contacts ALTER COLUMN email TYPE VARCHAR(200);
ALTER TABLE crm.contacts ALTER COLUMN email SET NOT NULL;
ALTER TABLE crm.contacts RENAME COLUMN phone TO phone_number;
ALTER TABLE crm.contacts ADD CONSTRAINT uq_contacts_email UNIQUE (email);
CREATE INDEX ix_contacts_nickname ON crm.contacts (nickname);
DROP INDEX crm.ix_contacts_nickname;
ALTER TABLE crm.contacts DROP CONSTRAINT uq_contacts_email;
ALTER TABLE crm.contacts DROP COLUMN legacy;

-- batch_alter_table crm.contacts (0 changes)
