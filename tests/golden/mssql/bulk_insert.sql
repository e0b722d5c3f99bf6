-- Rendered by tests/unit/dialect_test.cpp, case 'bulk_insert', dialect mssql.

-- create_table measurements
CREATE TABLE measurements (
    id INTEGER NOT NULL, 
    name NVARCHAR(50) NULL, 
    active BIT NULL, 
    reading FLOAT(53) NULL, 
    note NVARCHAR(max) NULL, 
    flagged BIT NULL, 
    PRIMARY KEY (id)
);

-- bulk_insert measurements (4 rows)
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'measurements') AND name IN (N'id', N'name', N'active', N'reading', N'note', N'flagged')) SET IDENTITY_INSERT measurements ON;
INSERT INTO measurements (id, name, active, reading, note, flagged) VALUES (1, N'plain', 1, 0.1, NULL, 1), (2, N'it''s "quoted"', 0, 3, N'x', 0), (3, NULL, NULL, -2.5e-10, N'', NULL), (4, N'größe – ü', 1, 1e+300, N'two
lines', 1);
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'measurements') AND name IN (N'id', N'name', N'active', N'reading', N'note', N'flagged')) SET IDENTITY_INSERT measurements OFF;

-- bulk_insert measurements (1 rows)
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'measurements') AND name IN (N'id', N'active', N'reading')) SET IDENTITY_INSERT measurements ON;
INSERT INTO measurements (id, active, reading) VALUES (5, 0, -7);
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'measurements') AND name IN (N'id', N'active', N'reading')) SET IDENTITY_INSERT measurements OFF;

-- bulk_insert measurements (0 rows)

-- bulk_delete measurements (2 rows)
DELETE TOP (1) FROM measurements WHERE id = 2 AND name = N'it''s "quoted"' AND active = 0 AND reading = 3 AND note = N'x' AND flagged = 0;
DELETE TOP (1) FROM measurements WHERE id = 3 AND name IS NULL AND active IS NULL AND reading = -2.5e-10 AND note = N'' AND flagged IS NULL;

-- bulk_delete measurements (1 rows)
DELETE TOP (1) FROM measurements WHERE id = 5;

-- bulk_delete measurements (1 rows)
DELETE TOP (1) FROM measurements WHERE id = 1 AND name = N'plain';

-- drop_table measurements
DROP TABLE measurements;
