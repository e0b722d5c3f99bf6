-- Rendered by tests/unit/dialect_test.cpp, case 'quoting_ops', dialect mysql.

-- create_schema Ünïcode sch
CREATE DATABASE `Ünïcode sch`;

-- create_schema Zïel "x" sch
CREATE DATABASE `Zïel "x" sch`;

-- create_table Ünïcode sch.order
CREATE TABLE `Ünïcode sch`.`order` (
    `Ïd` INTEGER NOT NULL AUTO_INCREMENT, 
    `we"ird col` VARCHAR(20), 
    `user` INTEGER, 
    `select` INTEGER, 
    n INTEGER, 
    PRIMARY KEY (`Ïd`)
);

-- alter_column Ünïcode sch.order.we"ird col
ALTER TABLE `Ünïcode sch`.`order` CHANGE `we"ird col` `new "name"` VARCHAR(40) NOT NULL DEFAULT 'it''s' COMMENT 'Kommentar "ü" it''s';

-- create_unique_constraint uq "order" we"ird on Ünïcode sch.order
ALTER TABLE `Ünïcode sch`.`order` ADD CONSTRAINT `uq "order" we"ird` UNIQUE (`new "name"`);

-- create_check_constraint check on Ünïcode sch.order
ALTER TABLE `Ünïcode sch`.`order` ADD CONSTRAINT `check` CHECK (n >= 0);

-- create_foreign_key fk "self" on Ünïcode sch.order
ALTER TABLE `Ünïcode sch`.`order` ADD CONSTRAINT `fk "self"` FOREIGN KEY(`user`) REFERENCES `Ünïcode sch`.`order` (`Ïd`);

-- rename_constraint check on Ünïcode sch.order to ck ünï
-- error: rename_constraint check on Ünïcode sch.order to ck ünï: on MySQL/MariaDB this needs a live database (strata looks up the constraint's type in the catalog; in --sql mode only a unique constraint (type_ = "unique": RENAME INDEX) or a primary key can be renamed)

-- create_index ix größe on Ünïcode sch.order
CREATE INDEX `ix größe` ON `Ünïcode sch`.`order` (`select`);

-- rename_index Ünïcode sch.ix größe to ix "sel"
ALTER TABLE `Ünïcode sch`.`order` RENAME INDEX `ix größe` TO `ix "sel"`;

-- create_table_comment Ünïcode sch.order
ALTER TABLE `Ünïcode sch`.`order` COMMENT = 'Bestellung ''x''';

-- create_sequence Ünïcode sch.seq "q"
CREATE SEQUENCE `Ünïcode sch`.`seq "q"` START WITH 1;

-- bulk_insert Ünïcode sch.order (1 rows)
INSERT INTO `Ünïcode sch`.`order` (`Ïd`, `new "name"`, `user`, `select`) VALUES
    (1, 'a''b "c"', NULL, 2);

-- move_table Ünïcode sch.order to Zïel "x" sch.bestellung "x"
RENAME TABLE `Ünïcode sch`.`order` TO `Zïel "x" sch`.`bestellung "x"`;

-- bulk_delete Zïel "x" sch.bestellung "x" (1 rows)
DELETE FROM `Zïel "x" sch`.`bestellung "x"` WHERE `Ïd` <=> 1 AND `new "name"` <=> 'a''b "c"' AND `user` <=> NULL AND `select` <=> 2 LIMIT 1;

-- move_table Zïel "x" sch.bestellung "x" to Ünïcode sch.order
RENAME TABLE `Zïel "x" sch`.`bestellung "x"` TO `Ünïcode sch`.`order`;

-- drop_constraint ck ünï on Ünïcode sch.order
-- error: drop_constraint ck ünï on Ünïcode sch.order: on MySQL/MariaDB this needs a live database (MySQL drops each kind of constraint with its own clause, so strata looks up its type in the catalog; for --sql pass type_ = "foreignkey", "unique", "check" or "primary")

-- drop_index Ünïcode sch.ix "sel"
DROP INDEX `ix "sel"` ON `Ünïcode sch`.`order`;

-- drop_sequence Ünïcode sch.seq "q"
DROP SEQUENCE `Ünïcode sch`.`seq "q"`;

-- drop_table Ünïcode sch.order
DROP TABLE `Ünïcode sch`.`order`;

-- drop_schema Zïel "x" sch
SET @strata_held = (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'Zïel "x" sch') + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = 'Zïel "x" sch') + (SELECT COUNT(*) FROM information_schema.events WHERE event_schema = 'Zïel "x" sch');
SET @strata_sql = IF(@strata_held = 0, 'DROP DATABASE `Zïel "x" sch`', CONCAT('SIGNAL SQLSTATE ''45000'' SET MESSAGE_TEXT = ''schema Zïel "x" sch is not empty (', @strata_held, IF(@strata_held = 1, ' object', ' objects'), '); use cascade = true'''));
PREPARE strata_stmt FROM @strata_sql;
EXECUTE strata_stmt;
DEALLOCATE PREPARE strata_stmt;

-- drop_schema Ünïcode sch
SET @strata_held = (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'Ünïcode sch') + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = 'Ünïcode sch') + (SELECT COUNT(*) FROM information_schema.events WHERE event_schema = 'Ünïcode sch');
SET @strata_sql = IF(@strata_held = 0, 'DROP DATABASE `Ünïcode sch`', CONCAT('SIGNAL SQLSTATE ''45000'' SET MESSAGE_TEXT = ''schema Ünïcode sch is not empty (', @strata_held, IF(@strata_held = 1, ' object', ' objects'), '); use cascade = true'''));
PREPARE strata_stmt FROM @strata_sql;
EXECUTE strata_stmt;
DEALLOCATE PREPARE strata_stmt;
