-- Rendered by tests/unit/dialect_test.cpp, case 'schemas', dialect mysql.

-- create_schema crm
CREATE DATABASE crm;

-- create_schema ledger
CREATE DATABASE IF NOT EXISTS ledger;

-- drop_schema crm
SET @strata_held = (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'crm') + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = 'crm') + (SELECT COUNT(*) FROM information_schema.events WHERE event_schema = 'crm');
SET @strata_sql = IF(@strata_held = 0, 'DROP DATABASE crm', CONCAT('SIGNAL SQLSTATE ''45000'' SET MESSAGE_TEXT = ''schema crm is not empty (', @strata_held, IF(@strata_held = 1, ' object', ' objects'), '); use cascade = true'''));
PREPARE strata_stmt FROM @strata_sql;
EXECUTE strata_stmt;
DEALLOCATE PREPARE strata_stmt;

-- drop_schema ledger
SET @strata_held = (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'ledger') + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = 'ledger') + (SELECT COUNT(*) FROM information_schema.events WHERE event_schema = 'ledger');
SET @strata_sql = IF(@strata_held = 0, 'DROP DATABASE IF EXISTS ledger', CONCAT('SIGNAL SQLSTATE ''45000'' SET MESSAGE_TEXT = ''schema ledger is not empty (', @strata_held, IF(@strata_held = 1, ' object', ' objects'), '); use cascade = true'''));
PREPARE strata_stmt FROM @strata_sql;
EXECUTE strata_stmt;
DEALLOCATE PREPARE strata_stmt;

-- create_schema archive
CREATE DATABASE archive;

-- drop_schema archive
DROP DATABASE archive;
