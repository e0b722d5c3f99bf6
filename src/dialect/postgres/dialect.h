// PostgresDialect: PostgreSQL, the primary target.
//
// Contract:
//  - Identifiers are double-quoted only when they need it
//    (common::needs_quoting), embedded quotes doubled ("a""b"); string
//    literals use standard_conforming_strings ('it''s', backslashes literal).
//  - Types follow SQLAlchemy's PostgreSQL names (VARCHAR(n), TIMESTAMP WITH[OUT]
//    TIME ZONE, BYTEA, JSON, UUID, ...). An autoincrement integer key column
//    (see common::is_autoincrement) becomes SERIAL / BIGSERIAL / SMALLSERIAL.
//  - CREATE TABLE uses SQLAlchemy's layout; table and column comments follow
//    as COMMENT ON statements.
//  - Every op in ops.h is expressible; IF [NOT] EXISTS maps to PostgreSQL's
//    own clauses. An index lives in its table's schema, so CREATE INDEX names
//    it unqualified and DROP INDEX / ALTER INDEX qualify it.
//  - alter_column emits one statement per change, in Alembic's order: TYPE
//    [USING], SET/DROP NOT NULL, SET/DROP DEFAULT, COMMENT ON COLUMN, and the
//    rename last. An identity change (alter_identity.h): DROP IDENTITY
//    first, ADD GENERATED / SET GENERATED / SET <option> after the default. Constraints are added, dropped and renamed with ALTER
//    TABLE ... ADD / DROP / RENAME CONSTRAINT whatever their type.
//  - move_table: SET SCHEMA, RENAME TO, and owned sequences renamed after
//    the table (see move_table.h).
//  - bulk_insert: multi-row INSERTs of at most 1000 rows; booleans
//    true/false, floats round-trip ('NaN', 'Infinity' too), the text of a
//    LargeBinary (or raw bytea) column as bytea hex ('\x00FF'). Any other
//    string holding a NUL byte is Error(kScript) "bulk_insert t: row N
//    column c: PostgreSQL text cannot contain NUL bytes". Its reverse
//    (delete_rows) deletes exactly as many rows as the insert added, never
//    other equal rows: per distinct row (first-listed order, listed n times)
//      DELETE FROM t WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM t
//      WHERE <row> ORDER BY age(xmin), ctid DESC LIMIT n)
//    (tableoid: ctids repeat across partitions; the order takes the rows
//    inserted last first — equal rows may differ in columns the insert did
//    not list, such as a serial key)
//    with each value compared as it was stored: NULL by IS NULL; by the
//    column's type when bulk_insert's `types` gives it — a JSON column as
//    c::jsonb = 'v'::jsonb, a REAL column (Float(p <= 24), raw real/float4)
//    as c = CAST(v AS REAL); otherwise c = v. (Without `types`, a JSON
//    column cannot be compared, and a REAL one never equals a fractional
//    double: pass the types.)
//  - Enum types: see enum_type.h; alter_sequence: common/alter_sequence.h.
//  - Online forms (online.h): AddConstraint not_valid appends NOT VALID;
//    ValidateConstraint is ALTER TABLE ... VALIDATE CONSTRAINT; AlterColumn
//    online with nullable = false replaces SET NOT NULL by the four
//    statements of online_set_not_null.
//  - autocommit_block markers render nothing (the runtime commits around
//    them); CONCURRENTLY index ops belong inside one.
//  - DDL is transactional.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"

namespace strata::dialect::postgres {

class PostgresDialect : public Dialect {
 public:
  std::string_view name() const override { return "postgresql"; }
  std::string quote(std::string_view identifier) const override;
  std::string render_type(const model::Type& type) const override;
  std::vector<std::string> render(const ops::Op& op) const override;
  bool transactional_ddl() const override { return true; }
  std::vector<std::string> create_version_table(const VersionTableName& vt) const override;
  // Version/history table statements (version_table.cpp; see Dialect).
  std::vector<std::string> table_exists_queries(const std::optional<std::string>& schema,
                                                std::string_view table) const override;
  std::vector<std::string> create_history_table(const VersionTableName& vt,
                                                std::string_view table) const override;
  std::string applied_by_sql(std::string_view fallback) const override;
  std::string insert_version_offline(const VersionTableName& vt,
                                     std::string_view rev) const override;

  // "<name> <type> [DEFAULT d] [NOT NULL]". A key column is always NOT NULL;
  // `autoincrement` selects SERIAL. A column with an identity is
  // identity_column_spec() instead (never SERIAL).
  std::string column_spec(const model::Column& column, bool in_primary_key,
                          bool autoincrement) const;
  // "<name> <type> GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(START WITH n
  // INCREMENT BY n MINVALUE n MAXVALUE n CACHE n CYCLE)] NOT NULL" (only the
  // options set; identity columns are always NOT NULL). REQUIRES:
  // column.identity. A server_default as well is Error(kScript).
  std::string identity_column_spec(const model::Column& column) const;
  // COMMENT ON TABLE / COLUMN statements for a table's comments.
  std::vector<std::string> comments(const model::Table& table) const;
};

}  // namespace strata::dialect::postgres
