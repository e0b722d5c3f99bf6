-- Rendered by tests/unit/mssql_golden_test.cpp, case 'other_ops'.

-- create_primary_key pk_child on crm.child
ALTER TABLE crm.child ADD CONSTRAINT pk_child PRIMARY KEY (id);

-- create_unique_constraint (unnamed) on t
ALTER TABLE t ADD UNIQUE (a, b);

-- create_check_constraint ck on t
ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0);

-- create_foreign_key fk_child_parent on crm.child
ALTER TABLE crm.child ADD CONSTRAINT fk_child_parent FOREIGN KEY(parent_id) REFERENCES crm.parent (id) ON DELETE CASCADE;

-- drop_constraint fk_child_parent on crm.child
ALTER TABLE crm.child DROP CONSTRAINT fk_child_parent;

-- drop_constraint ck on t
IF EXISTS (SELECT 1 FROM sys.objects WHERE name = N'ck' AND parent_object_id = OBJECT_ID(N't')) ALTER TABLE t DROP CONSTRAINT ck;

-- create_sequence crm.seq
CREATE SEQUENCE crm.seq AS BIGINT START WITH 1;

-- create_sequence down
IF OBJECT_ID(N'down', N'SO') IS NULL CREATE SEQUENCE down AS BIGINT START WITH -1 INCREMENT BY -1 MINVALUE -100 CACHE 20 CYCLE;

-- create_sequence from_ten
CREATE SEQUENCE from_ten AS BIGINT START WITH 10 INCREMENT BY 5 MAXVALUE 1000;

-- drop_sequence crm.seq
DROP SEQUENCE crm.seq;

-- drop_sequence down
IF OBJECT_ID(N'down', N'SO') IS NOT NULL DROP SEQUENCE down;

-- bulk_insert crm.people (2 rows)
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'crm.people') AND name IN (N'id', N'name', N'active', N'score', N'photo')) SET IDENTITY_INSERT crm.people ON;
INSERT INTO crm.people (id, name, active, score, photo) VALUES (1, N'O''Brien', 1, 1.5, 0x01FF), (2, N'Zoë', 0, NULL, NULL);
IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N'crm.people') AND name IN (N'id', N'name', N'active', N'score', N'photo')) SET IDENTITY_INSERT crm.people OFF;

-- bulk_delete ratios (3 rows)
DELETE TOP (2) FROM ratios WHERE r = CAST(0.1 AS REAL) AND note IS NULL;
DELETE TOP (1) FROM ratios WHERE r = CAST(1e-07 AS REAL) AND note = N'x';

-- autocommit_block begin

-- create_index ix_t_a on t
CREATE INDEX ix_t_a ON t (a);

-- autocommit_block end
