-- Rendered by tests/unit/dialect_test.cpp, case 'execute', dialect sqlite.

-- execute SELECT 1
SELECT 1;

-- execute SELECT 'generic'
SELECT 'generic';

-- execute SELECT sqlite_version()
SELECT sqlite_version();
