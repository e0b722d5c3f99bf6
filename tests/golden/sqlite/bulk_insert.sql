-- Rendered by tests/unit/dialect_test.cpp, case 'bulk_insert', dialect sqlite.

-- create_table measurements
CREATE TABLE measurements (
    id INTEGER NOT NULL, 
    name VARCHAR(50), 
    active BOOLEAN, 
    reading FLOAT(53), 
    note TEXT, 
    flagged BOOLEAN, 
    PRIMARY KEY (id)
);

-- bulk_insert measurements (4 rows)
INSERT INTO measurements (id, name, active, reading, note, flagged) VALUES
    (1, 'plain', 1, 0.1, NULL, 1),
    (2, 'it''s "quoted"', 0, 3.0, 'x', 0),
    (3, NULL, NULL, -2.5e-10, '', NULL),
    (4, 'größe – ü', 1, 1e+300, 'two
lines', 1);

-- bulk_insert measurements (1 rows)
INSERT INTO measurements (id, active, reading) VALUES
    (5, 0, -7.0);

-- bulk_insert measurements (0 rows)

-- bulk_delete measurements (2 rows)
DELETE FROM measurements WHERE rowid IN (SELECT rowid FROM measurements WHERE id = 2 AND name = 'it''s "quoted"' AND active = 0 AND reading = 3.0 AND note = 'x' AND flagged = 0 ORDER BY rowid DESC LIMIT 1);
DELETE FROM measurements WHERE rowid IN (SELECT rowid FROM measurements WHERE id = 3 AND name IS NULL AND active IS NULL AND reading = -2.5e-10 AND note = '' AND flagged IS NULL ORDER BY rowid DESC LIMIT 1);

-- bulk_delete measurements (1 rows)
DELETE FROM measurements WHERE rowid IN (SELECT rowid FROM measurements WHERE id = 5 ORDER BY rowid DESC LIMIT 1);

-- bulk_delete measurements (1 rows)
DELETE FROM measurements WHERE rowid IN (SELECT rowid FROM measurements WHERE id = 1 AND name = 'plain' ORDER BY rowid DESC LIMIT 1);

-- drop_table measurements
DROP TABLE measurements;
