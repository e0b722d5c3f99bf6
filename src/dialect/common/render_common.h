// Rendering helpers shared by the PostgreSQL, SQLite and SQL Server dialects:
// the pieces of DDL whose text is the same everywhere (constraint clauses, the
// CREATE TABLE layout, index element lists), SQLAlchemy's autoincrement rule,
// and validation of the few keywords that ops carry as free text (foreign-key
// actions). Everything takes the Dialect for quoting; nothing here decides a
// dialect-specific spelling.
//
// Layout convention (SQLAlchemy's, which Alembic users see in --sql output):
//   CREATE TABLE <name> (\n    <elem>, \n    <elem>\n)
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/dialect.h"
#include "model/schema.h"
#include "ops/ops.h"

namespace strata::dialect::common {

// Integer, BigInteger or SmallInteger.
bool is_integer(const model::Type& type);

// The table's primary key columns: the table-level key's columns, then every
// column flagged primary_key that is not already listed.
std::vector<std::string> primary_key_columns(const model::Table& table);

// SQLAlchemy's rule: an integer primary-key column is autoincrement when it is
// the only key column and autoincrement is not false, or when autoincrement is
// explicitly true. A column with a server default never is (IDENTITY/SERIAL
// and DEFAULT exclude each other), and neither is any column of a table
// where a column has an explicit `identity` (that column is the table's one
// auto-numbered column; dialects render it themselves).
bool is_autoincrement(const model::Table& table, const model::Column& column);

// Is `name` one of the table's primary key columns?
bool is_primary_key(const model::Table& table, std::string_view name);

// True when `identifier` must be quoted to survive as written: anything but
// a lower-case legal name ([a-z_][a-z0-9_$]*) that is no reserved word of
// PostgreSQL, SQLite, SQL Server or MySQL. Like SQLAlchemy, strata quotes
// only what needs it, so offline SQL reads like Alembic's.
bool needs_quoting(std::string_view identifier);

// "<identifier>" with embedded double quotes doubled (ANSI quoting).
std::string double_quote(std::string_view identifier);
// ANSI quoting only when needed: needs_quoting() ? double_quote() : as is.
std::string ansi_quote(std::string_view identifier);

// Statements PostgreSQL and SQLite spell the same way.
std::string drop_index_sql(const Dialect& dialect, const ops::DropIndex& op);
std::string rename_table_sql(const Dialect& dialect, const ops::RenameTable& op);

// NUMERIC, NUMERIC(p) or NUMERIC(p, s); FLOAT or FLOAT(p).
std::string numeric_type(const model::Type& type);
// The types PostgreSQL and SQLite spell alike (integers, VARCHAR, TEXT,
// BOOLEAN, NUMERIC, FLOAT, DATE, JSON, raw); nullopt for the others.
std::optional<std::string> standard_type(const model::Type& type);
std::string float_type(const model::Type& type);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// "a", "b" — each name quoted by the dialect, comma separated.
std::string quoted_list(const Dialect& dialect, const std::vector<std::string>& names);

// "CONSTRAINT <quoted name> " or "" when unnamed.
std::string constraint_prefix(const Dialect& dialect, const std::optional<std::string>& name);

// `head` followed by the parenthesised, one-per-line element list.
std::string table_body(std::string_view head, const std::vector<std::string>& elements);

// A foreign-key action (ON DELETE / ON UPDATE) validated and upper-cased:
// CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION. `clause` names the
// option in the error message. Throws Error(kScript) for anything else.
std::string fk_action(std::string_view clause, const std::string& value);

// The referent of a foreign key as rendered after REFERENCES (already quoted
// and qualified), or nullopt to leave the constraint out.
using ReferentFn = std::function<std::optional<std::string>(const model::ForeignKey&)>;

// The table-level constraints in order: primary key, unique constraints
// (table-level, then column-level `unique`), foreign keys, checks.
std::vector<std::string> table_constraints(const Dialect& dialect, const model::Table& table,
                                           const ReferentFn& referent);

// FOREIGN KEY(..) REFERENCES <referent> (..) [MATCH m] [ON DELETE a]
// [ON UPDATE a] [[NOT] DEFERRABLE] [INITIALLY i].
std::string foreign_key_clause(const Dialect& dialect, const model::ForeignKey& fk,
                               std::string_view referent);

// The parenthesised element list of an index: columns quoted, expressions
// raw, each followed by its operator class when `with_opclasses`
// (PostgreSQL; other dialects ignore opclasses, as Alembic does).
std::string index_elements(const Dialect& dialect, const model::Index& index,
                           bool with_opclasses = false);

// A batch_alter_table where no rebuild is needed: each inner op rendered by
// `dialect`, in order.
std::vector<std::string> render_batch(const Dialect& dialect, const ops::BatchAlterTable& op);

// The SQL of op.execute for `dialect_name`: per_dialect entry, else `sql`.
// Throws Error(kScript) when there is neither.
std::string execute_sql(const ops::Execute& op, std::string_view dialect_name);

// CREATE TABLE [IF NOT EXISTS] <vt> (version_num VARCHAR(32) NOT NULL,
// CONSTRAINT <table>_pkc PRIMARY KEY (version_num)) in Alembic's layout.
std::string version_table_ddl(const Dialect& dialect, const VersionTableName& vt,
                              bool if_not_exists);

// ---- ops several dialects spell alike ----------------------------------------

// A foreign key's REFERENCES target, quoted and qualified as the dialect wants.
using FkReferentFn = std::function<std::string(const model::ForeignKey&)>;

// The constraint as it follows "ALTER TABLE <t> ADD ":
//   [CONSTRAINT n ]PRIMARY KEY (..) | UNIQUE (..) | CHECK (..) | FOREIGN KEY(..) ...
// (foreign keys via foreign_key_clause with `referent`). Throws Error(kScript)
// for a key, unique or foreign-key constraint without columns.
std::string constraint_clause(const Dialect& dialect, const ops::Constraint& constraint,
                              const FkReferentFn& referent);

// How a dialect writes one op.bulk_insert value; `type` is the column's type
// when the op carries it.
using ValueLiteralFn =
    std::function<std::string(const ops::Value& value, const std::optional<model::Type>& type)>;

// The dialect-neutral literal of `value`:
//  - NULL;
//  - a boolean as `true_sql` / `false_sql`, and so is an integer 0 / 1 when
//    `type` is Boolean;
//  - an integer in decimal;
//  - a double in the shortest form that reads back as the same double,
//    always with a '.' or an exponent ("3.0", "0.1", "1e+300");
//  - a string via dialect.literal().
// Throws Error(kScript) for NaN and infinities (no portable literal; a
// dialect that has one handles them before calling this).
std::string value_literal(const Dialect& dialect, const ops::Value& value,
                          const std::optional<model::Type>& type, std::string_view true_sql,
                          std::string_view false_sql);

// The most rows one bulk statement carries (SQL Server's limit for a VALUES
// list).
inline constexpr std::size_t kBulkBatchRows = 1000;

// Checks the shape of op.bulk_insert: Error(kScript) "<describe(op)>: ..."
// when there are no columns, `types` is neither empty nor one per column, or
// a row's length differs from the column count ("row N has ...").
void check_bulk_shape(const ops::BulkInsert& op);

// op.bulk_insert (REQUIRES: !op.delete_rows, Error kInternal otherwise) as
// statements of at most `batch_rows` rows each, values written by `literal`:
//   INSERT INTO <t> (<cols>) VALUES\n    (..),\n    (..)
// No rows: no statements. Shape errors: check_bulk_shape.
std::vector<std::string> bulk_rows_sql(const Dialect& dialect, const ops::BulkInsert& op,
                                       const ValueLiteralFn& literal,
                                       std::size_t batch_rows = kBulkBatchRows);

// How a dialect compares a column (already quoted) with one non-NULL value of
// a row the reverse of bulk_insert deletes: "<column> = <value>" or whatever
// makes the comparison match exactly the value the insert stored.
using ComparisonFn = std::function<std::string(
    const std::string& column, const ops::Value& value, const std::optional<model::Type>& type)>;

// One distinct row of a delete_rows op: its predicate, the comparisons joined
// by AND (a NULL value as "<column> IS NULL"), and how often it is listed.
struct RowMatch {
  std::string predicate;
  std::size_t count = 0;
};

// The rows of op (insert or delete form alike) grouped into distinct rows, in
// first-listed order. Shape errors: check_bulk_shape.
std::vector<RowMatch> bulk_row_matches(const Dialect& dialect, const ops::BulkInsert& op,
                                       const ComparisonFn& compare);

// The reverse of bulk_insert for dialects that address a row by an identity
// (PostgreSQL's ctid, SQLite's rowid): for each distinct row, exactly as many
// rows as the insert added, never other equal rows beyond that —
//   DELETE FROM <table> WHERE <id> IN (SELECT <id> FROM <table> WHERE
//   <predicate>[ ORDER BY <newest_first>] LIMIT <count>)
// where <id> is the one identity column, or "(a, b)" / "a, b" for several.
// `newest_first` (empty: none) orders equal rows so that the most recently
// inserted go first: rows equal in the listed columns may still differ in
// others (a serial key, a default timestamp), and the rows the insert added
// are the ones to delete. `table` is already qualified and quoted;
// `id_columns` and `newest_first` are SQL as written.
std::vector<std::string> delete_rows_by_identity(const std::string& table,
                                                 const std::vector<std::string>& id_columns,
                                                 const std::string& newest_first,
                                                 const std::vector<RowMatch>& rows);

}  // namespace strata::dialect::common
