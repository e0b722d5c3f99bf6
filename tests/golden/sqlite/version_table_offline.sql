-- Rendered by tests/unit/dialect_test.cpp, case 'version_table_offline', dialect sqlite.

-- create_version_table_offline alembic_version
CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- insert_version_offline alembic_version
INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf');

-- create_version_table_offline ledger.alembic_version
ATTACH DATABASE ':memory:' AS ledger;
CREATE TABLE ledger.alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- insert_version_offline ledger.alembic_version
INSERT INTO ledger.alembic_version (version_num) VALUES ('ae1027a6acf');

-- create_version_table_offline o'brien.offline_versions
ATTACH DATABASE ':memory:' AS "o'brien";
CREATE TABLE "o'brien".offline_versions (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT offline_versions_pkc PRIMARY KEY (version_num)
);

-- insert_version_offline o'brien.offline_versions
INSERT INTO "o'brien".offline_versions (version_num) VALUES ('ae1027a6acf');
