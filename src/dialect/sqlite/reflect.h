// SQLite reflection for table rebuilds (dialect/sqlite/rebuild/rebuild.h)
// and the dialect's live ops: a table and its indexes as the SQLite
// inspector reads them (sqlite::inspect_tables, dialect/sqlite/inspect.h —
// the one reading of the SQLite catalog; its contract decides types,
// defaults, keys, constraints and indexes), plus the text parsers both use
// and what a rebuild needs beyond the model: the stored CREATE TABLE text
// (sqlite_table_sql) and what only that text says (SqliteTableText: WITHOUT
// ROWID, STRICT, the AUTOINCREMENT keyword, generated columns, collations,
// constraint names), and the triggers.
//
// Contract of reflect_sqlite_table / reflect_sqlite_indexes:
//  - `schema` nullopt means the main database ("main"); otherwise the name of
//    an attached database. The reflected objects carry `schema` as given
//    (table, index and foreign-key referent schemas: nullopt for main).
//    Lookups of table names follow SQLite's case-insensitive matching; the
//    reflected name is the stored spelling.
//  - A missing table throws Error(kDatabase) "no such table: ...".
//  - Types: a declared type spelled exactly as SqliteDialect renders it maps
//    back to its neutral kind: INTEGER, BIGINT, SMALLINT, VARCHAR, VARCHAR(n),
//    TEXT, BOOLEAN, NUMERIC, NUMERIC(p), NUMERIC(p, s), FLOAT, FLOAT(p), DATE,
//    DATETIME, TIME, BLOB, JSON (sqlite_type_from_declared). Anything else
//    (other spellings or case, "INT", "NUMERIC(10,2)", an empty type) is
//    Kind::kRaw with the declared text, which SqliteDialect renders back
//    unchanged. CHAR(32) stays kRaw: it is what Uuid renders to, but also an
//    ordinary user type, and as raw it renders identically. DATETIME comes
//    back with timezone=false. A column COLLATE clause is kept by making the
//    type kRaw "<declared type> COLLATE <name>".
//  - Primary key: table.primary_key carries the key columns in key order and
//    the constraint name; Column::primary_key flags are left false. A
//    single-column integer key whose declared type is not exactly INTEGER
//    gets autoincrement=false, so re-rendering does not turn it into a rowid
//    alias; an INTEGER key keeps autoincrement unset (the rowid alias it
//    was), or true when the table has the AUTOINCREMENT keyword (rendered
//    the same; the rebuild re-adds the keyword from SqliteTableText).
//  - nullable is !notnull. Defaults: one complete string literal becomes a
//    literal ServerDefault (unquoted); DEFAULT NULL is no default; anything
//    else (numbers, CURRENT_TIMESTAMP, expressions) an expression default,
//    which the dialect renders parenthesised — equivalent in SQLite.
//  - Every UNIQUE (column-level too) is a UniqueConstraint in the order of
//    the CREATE text (Column::unique stays false: strata renders it as an
//    unnamed table-level UNIQUE anyway). CHECKs are CheckConstraints (text
//    between the parentheses, verbatim), in text order, with their names.
//  - Foreign keys come from foreign_key_list (columns, referent, actions,
//    MATCH); name, DEFERRABLE and INITIALLY from the CREATE text. NO ACTION
//    and MATCH NONE (the defaults) reflect as unset.
//  - Generated (hidden) columns are not reflected (a rebuild refuses such
//    tables; see SqliteTableText).
//  - Reflecting a table strata created, then rendering it with SqliteDialect,
//    reproduces the same CREATE TABLE text (tested).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/connection.h"
#include "model/schema.h"

namespace strata::dialect::sqlite {

// What the CREATE TABLE text says that PRAGMAs do not.
struct SqliteConstraintText {
  enum class Kind { kPrimaryKey, kUnique, kCheck, kForeignKey };
  Kind kind = Kind::kCheck;
  std::optional<std::string> name;
  std::string column;                // owning column for a column-level constraint, else ""
  std::vector<std::string> columns;  // key / unique / FK columns (unquoted)
  std::string check;                 // kCheck: the expression text, verbatim
  std::string ref_table;             // kForeignKey
  std::vector<std::string> ref_columns;
  std::optional<bool> deferrable;
  std::optional<std::string> initially;  // "DEFERRED" / "IMMEDIATE"
};

struct SqliteColumnText {
  std::string name;
  std::string declared_type;  // verbatim, may be empty
  std::optional<std::string> collation;
  bool generated = false;
  std::string generated_expression;  // the text between AS's parentheses, verbatim
};

struct SqliteTableText {
  std::string name;
  std::vector<SqliteColumnText> columns;
  std::vector<SqliteConstraintText> constraints;  // in text order
  bool without_rowid = false;
  bool strict = false;
  // The AUTOINCREMENT keyword appears (after a column's PRIMARY KEY, or in
  // the table-level PRIMARY KEY ("id" AUTOINCREMENT) a rebuild writes).
  bool autoincrement = false;
};

// Parses a CREATE TABLE statement (as stored in sqlite_master). Understands
// quoted identifiers ("", [], ``), string literals, comments and nested
// parentheses. Throws Error(kDatabase) for text that is not a CREATE TABLE
// with a column list (e.g. CREATE TABLE ... AS SELECT, virtual tables).
SqliteTableText parse_sqlite_create_table(std::string_view sql);

// Maps a declared type to the neutral model (see the contract above).
model::Type sqlite_type_from_declared(std::string_view declared);

model::Table reflect_sqlite_table(driver::Connection& conn,
                                  const std::optional<std::string>& schema,
                                  const std::string& table);

// The table's indexes created by CREATE INDEX, by name; the automatic
// sqlite_autoindex_* of UNIQUE / PRIMARY KEY constraints are not included.
// Each index has schema = `schema` and table = the table's name. A key part
// that is a bare column name is a column element; anything else (an
// expression, a COLLATE or ASC/DESC suffix) is an expression element with its
// text verbatim. `where` is the partial-index predicate verbatim.
std::vector<model::Index> reflect_sqlite_indexes(driver::Connection& conn,
                                                 const std::optional<std::string>& schema,
                                                 const std::string& table);

// Parses a stored CREATE [UNIQUE] INDEX statement (sqlite_master.sql) of
// index `name` by the element and predicate rules of reflect_sqlite_indexes;
// table = the name after ON, schema unset. Throws Error(kDatabase) for text
// without a parenthesised element list.
model::Index parse_sqlite_create_index(const std::string& name, std::string_view sql);

// The CREATE TRIGGER statements of the table's triggers in `schema`, in
// sqlite_master order, ready to re-execute: verbatim as stored, except that
// with a schema set an unqualified trigger name is qualified with it
// ("<schema>".name), since an unqualified trigger is created in main.
std::vector<std::string> reflect_sqlite_triggers(driver::Connection& conn,
                                                 const std::optional<std::string>& schema,
                                                 const std::string& table);

// The stored CREATE TABLE statement; throws Error(kDatabase) when missing.
std::string sqlite_table_sql(driver::Connection& conn, const std::optional<std::string>& schema,
                             const std::string& table);

}  // namespace strata::dialect::sqlite
