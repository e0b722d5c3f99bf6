-- Rendered by tests/unit/dialect_test.cpp, case 'execute', dialect mysql.

-- execute SELECT 1
SELECT 1;

-- execute SELECT 'generic'
SELECT 'generic';

-- execute SELECT sqlite_version()
-- error: op.execute has no SQL for dialect 'mysql'
