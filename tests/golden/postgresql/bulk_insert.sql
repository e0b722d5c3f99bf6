-- Rendered by tests/unit/dialect_test.cpp, case 'bulk_insert', dialect postgresql.

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
    (1, 'plain', true, 0.1, NULL, true),
    (2, 'it''s "quoted"', false, 3.0, 'x', false),
    (3, NULL, NULL, -2.5e-10, '', NULL),
    (4, 'größe – ü', true, 1e+300, 'two
lines', true);

-- bulk_insert measurements (1 rows)
INSERT INTO measurements (id, active, reading) VALUES
    (5, false, -7.0);

-- bulk_insert measurements (0 rows)

-- bulk_delete measurements (2 rows)
DELETE FROM measurements WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM measurements WHERE id = 2 AND name = 'it''s "quoted"' AND active = false AND reading = 3.0 AND note = 'x' AND flagged = false ORDER BY age(xmin), ctid DESC LIMIT 1);
DELETE FROM measurements WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM measurements WHERE id = 3 AND name IS NULL AND active IS NULL AND reading = -2.5e-10 AND note = '' AND flagged IS NULL ORDER BY age(xmin), ctid DESC LIMIT 1);

-- bulk_delete measurements (1 rows)
DELETE FROM measurements WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM measurements WHERE id = 5 ORDER BY age(xmin), ctid DESC LIMIT 1);

-- bulk_delete measurements (1 rows)
DELETE FROM measurements WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM measurements WHERE id = 1 AND name = 'plain' ORDER BY age(xmin), ctid DESC LIMIT 1);

-- drop_table measurements
DROP TABLE measurements;
