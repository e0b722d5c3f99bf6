-- Rendered by tests/unit/dialect_test.cpp, case 'execute', dialect postgresql.

-- execute SELECT 1
SELECT 1;

-- execute SELECT 'generic'
SELECT 'postgres only';

-- execute SELECT sqlite_version()
-- error: op.execute has no SQL for dialect 'postgresql'
