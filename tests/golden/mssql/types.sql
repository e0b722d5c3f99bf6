-- Rendered by tests/unit/dialect_test.cpp, case 'types', dialect mssql.

-- create_table all_types
CREATE TABLE all_types (
    id INTEGER NOT NULL IDENTITY, 
    integer INTEGER NULL, 
    big BIGINT NULL, 
    small SMALLINT NULL, 
    string NVARCHAR(max) NULL, 
    string_50 NVARCHAR(50) NULL, 
    text NVARCHAR(max) NULL, 
    boolean BIT NULL, 
    numeric NUMERIC NULL, 
    numeric_12 NUMERIC(12) NULL, 
    numeric_10_2 NUMERIC(10, 2) NULL, 
    float FLOAT NULL, 
    float_53 FLOAT(53) NULL, 
    date DATE NULL, 
    datetime DATETIME2 NULL, 
    datetime_tz DATETIMEOFFSET NULL, 
    time TIME NULL, 
    time_tz TIME NULL, 
    [binary] VARBINARY(max) NULL, 
    json NVARCHAR(max) NULL, 
    uuid UNIQUEIDENTIFIER NULL, 
    raw CHAR(3) NULL, 
    PRIMARY KEY (id)
);

-- drop_table all_types
DROP TABLE all_types;
