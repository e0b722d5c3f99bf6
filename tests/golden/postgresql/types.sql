-- Rendered by tests/unit/dialect_test.cpp, case 'types', dialect postgresql.

-- create_table all_types
CREATE TABLE all_types (
    id SERIAL NOT NULL, 
    integer INTEGER, 
    big BIGINT, 
    small SMALLINT, 
    string VARCHAR, 
    string_50 VARCHAR(50), 
    text TEXT, 
    boolean BOOLEAN, 
    numeric NUMERIC, 
    numeric_12 NUMERIC(12), 
    numeric_10_2 NUMERIC(10, 2), 
    float FLOAT, 
    float_53 FLOAT(53), 
    date DATE, 
    datetime TIMESTAMP WITHOUT TIME ZONE, 
    datetime_tz TIMESTAMP WITH TIME ZONE, 
    time TIME WITHOUT TIME ZONE, 
    time_tz TIME WITH TIME ZONE, 
    "binary" BYTEA, 
    json JSON, 
    uuid UUID, 
    raw CHAR(3), 
    PRIMARY KEY (id)
);

-- drop_table all_types
DROP TABLE all_types;
