-- Rendered by tests/unit/dialect_test.cpp, case 'quoting', dialect mysql.

-- create_schema my "odd" schema
CREATE DATABASE `my "odd" schema`;

-- create_table my "odd" schema.order
CREATE TABLE `my "odd" schema`.`order` (
    `größe` INTEGER NOT NULL AUTO_INCREMENT, 
    `a"b` TEXT COMMENT 'quote '' and " and ]', 
    `select` INTEGER, 
    `x]y it's` INTEGER, 
    PRIMARY KEY (`größe`), 
    UNIQUE (`select`), 
    CONSTRAINT `check` CHECK ("select" > 0)
) COMMENT = 'Bestellungen – größer';

-- create_index ix "odd" on my "odd" schema.order
CREATE INDEX `ix "odd"` ON `my "odd" schema`.`order` (`a"b`, `x]y it's`);

-- drop_index my "odd" schema.ix "odd"
DROP INDEX `ix "odd"` ON `my "odd" schema`.`order`;

-- add_column my "odd" schema.order.user
ALTER TABLE `my "odd" schema`.`order` ADD COLUMN `user` INTEGER;

-- drop_column my "odd" schema.order.x]y it's
ALTER TABLE `my "odd" schema`.`order` DROP COLUMN `x]y it's`;

-- rename_table my "odd" schema.order to group
RENAME TABLE `my "odd" schema`.`order` TO `my "odd" schema`.`group`;

-- drop_table my "odd" schema.group
DROP TABLE `my "odd" schema`.`group`;
