// inspect(): a live database's schema, read into the neutral model
// (model::Catalog). One inspector per dialect (dialect/<name>/inspect.h),
// each reading its catalog in a fixed, small number of bulk queries per call
// — never one query per table — so the cost does not grow with round trips.
//
// Contract (every inspector):
//  - Reads exactly the schemas asked for (PostgreSQL schemas, SQLite attached
//    databases, MySQL/MariaDB databases); an empty list means the
//    connection's default schema only. A listed schema that does not exist
//    contributes nothing; one that exists is listed in Catalog::schemas.
//  - Every object has its schema set to the schema's real name;
//    Catalog::default_schema is the connection's default schema.
//  - Tables (not views; views are in Catalog::views), with columns in
//    ordinal order: neutral type where the server's type maps exactly to one
//    (integer -> Integer, character varying(n) -> String(n), ...), else
//    Kind::kRaw with the server's text; Column::reflected_type always holds
//    the server's own text. Nullability; defaults as the server reports them
//    (as expressions: is_expression = true, except a plain string literal,
//    which is a literal without its quotes and casts); comments; identity
//    (with its sequence options) and serial / AUTO_INCREMENT / AUTOINCREMENT
//    as Column::autoincrement = true (a serial's nextval default and owned
//    sequence are not reported).
//  - Primary keys, unique constraints, foreign keys (referent schema always
//    set; actions as upper-case SQL words, NO ACTION / MATCH SIMPLE left
//    unset), checks (the server's expression text, without the outer CHECK
//    (...)), indexes not backing a constraint (columns, expressions, sort
//    order as part of an expression element, predicate, INCLUDE), sequences,
//    enum types, views. All constraint names are set (SQLite: unnamed
//    constraints stay unnamed; MySQL: the primary key is unnamed, as MySQL
//    names every one PRIMARY and ignores a given name).
//  - Objects owned by an extension are left out. Nothing is excluded by
//    name: the version table is the comparator's to skip.
//  - Reads only; works inside the caller's transaction.
//  - Throws Error(kConfig) for a dialect without a live catalog (mssql),
//    Error(kDatabase) when a query fails.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "driver/connection.h"
#include "model/catalog.h"

namespace strata::inspect {

// What an inspection lists beyond the default (the comparator's view).
struct Options {
  // Generated (computed) columns, with Column::reflected_generated and
  // reflected_generated_expression set; left out by default on SQLite and
  // MySQL/MariaDB (the catalog snapshot asks for them). PostgreSQL lists
  // them always.
  bool generated_columns = false;
  // Opens a second connection to the same database. When set, and `conn`
  // is not inside a transaction, the PostgreSQL inspector runs half its
  // queries on it at the same time, both in read-only transactions sharing
  // one snapshot (as pg_dump -j does); without it (or when opening fails)
  // everything runs on `conn`. Other dialects ignore it.
  std::function<std::unique_ptr<driver::Connection>()> open_connection;
};

// `dialect`: "postgresql", "sqlite" or "mysql" (Dialect::name()).
model::Catalog inspect(driver::Connection& conn, std::string_view dialect,
                       const std::vector<std::string>& schemas, const Options& options = {});

// Every schema of the database (system ones included), sorted: PostgreSQL
// pg_namespace, SQLite's attached databases (main first), MySQL databases.
std::vector<std::string> list_schemas(driver::Connection& conn, std::string_view dialect);

// The connection's default schema: PostgreSQL's current_schema(), SQLite
// "main", MySQL the current database.
std::string default_schema(driver::Connection& conn, std::string_view dialect);

}  // namespace strata::inspect
