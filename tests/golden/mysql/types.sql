-- Rendered by tests/unit/dialect_test.cpp, case 'types', dialect mysql.

-- create_table all_types
-- error: VARCHAR requires a length on MySQL/MariaDB: use op.String(n)

-- drop_table all_types
DROP TABLE all_types;
