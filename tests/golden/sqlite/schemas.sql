-- Rendered by tests/unit/dialect_test.cpp, case 'schemas', dialect sqlite.

-- create_schema crm
ATTACH DATABASE ':memory:' AS crm;

-- create_schema ledger
ATTACH DATABASE ':memory:' AS ledger;

-- drop_schema crm
DETACH DATABASE crm;

-- drop_schema ledger
DETACH DATABASE ledger;

-- create_schema archive
ATTACH DATABASE ':memory:' AS archive;

-- drop_schema archive
DETACH DATABASE archive;
