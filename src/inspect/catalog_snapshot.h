// catalog_snapshot(): a live database's schema as sorted, normalized text
// lines — the base for comparing a database with what migrations should have
// made (`check` / verify) and for asserting that an operation and its reverse
// leave the catalog as it was.
//
// Contract:
//  - Covers exactly the given schemas: PostgreSQL schemas, SQLite attached
//    databases ("main" is the main file), MySQL/MariaDB databases. A schema
//    in the list that does not exist contributes nothing; one that exists
//    contributes the line `"<schema>": schema` even when empty.
//  - Per schema: every base table (not views) except `alembic_version` and
//    SQLite's internal `sqlite_*` tables; per table its columns, constraints
//    (primary key, unique, check, foreign key), indexes and comment; and the
//    schema's sequences (PostgreSQL, MariaDB; sequences owned by identity
//    columns are part of the column, not listed).
//  - One line per fact, prefixed by the owner so that sorting groups them:
//      "<s>"."<t>": table comment=<text>
//      "<s>"."<t>": column "<c>" type=<type> null=<yes|no> default=<text>
//                   comment=<text> [identity=<always|by_default>]
//                   [generated=<text|yes>] [extra=<text>] [collate="<collation>"]
//      "<s>"."<t>": primary_key <name> (<cols>) [deferrable=...]
//      "<s>"."<t>": unique <name> (<cols>) [deferrable=...]
//      "<s>"."<t>": check <name> <expression>
//      "<s>"."<t>": foreign_key <name> (<cols>) -> "<rs>"."<rt>" (<cols>)
//                   on_delete=<a> on_update=<a> match=<simple|full|partial>
//                   deferrable=<yes|no|initially_deferred>
//      "<s>"."<t>": constraint <name> <definition> deferrable=...  (PostgreSQL
//                   exclusion constraints)
//      "<s>"."<t>": index <name> unique=<yes|no> (<elements>) [include=(<cols>)]
//                   [method=<m>] where=<text>
//      "<s>": sequence <name> type=<t> start=<n> increment=<n> min=<n> max=<n>
//             cache=<n> cycle=<yes|no> [owned_by="<s>"."<t>"."<c>"]
//      "<s>": enum <name> ('<value>', ...)   (PostgreSQL; values in sort order)
//    Actions are lower-case with underscores (no_action, set_null, ...); a
//    collation is shown only where it differs from the type's (PostgreSQL)
//    or the table's (MySQL) default; `method` only when not btree. Index
//    elements are the database's own SQL text for the column or expression
//    (PostgreSQL), or quoted column names (SQLite columns; MySQL, with a
//    prefix length and DESC when set).
//    (shown wrapped here; each is one line). Identifiers are double-quoted
//    with embedded quotes doubled; free text (comments, defaults) is
//    single-quoted with quotes doubled, or `none`; newlines and other control
//    characters in any of them are escaped as \n, \t, \xNN, so a line never
//    contains a line break. An unnamed constraint's name is `none`.
//  - Values are as the database reports them after its own normalization
//    (type names, default and check expression text; a default of NULL is
//    `none` where the database reports it apart), so two snapshots are
//    comparable on the same dialect and server version only. Column order is
//    not part of the snapshot (a dropped and re-added column compares equal);
//    element order inside a key or index is.
//  - Dialect specifics: PostgreSQL reads pg_catalog; an index that
//    implements a primary key, unique or exclusion constraint is listed as
//    the constraint only. SQLite reads sqlite_master and PRAGMAs (constraint
//    names and CHECK text come from the stored CREATE TABLE); it has no
//    comments (always `none`) and no sequences. MySQL/MariaDB read
//    information_schema; MySQL does not tell a unique index from a unique
//    constraint, so both are listed as `unique` constraints, and the index
//    InnoDB creates for a foreign key is listed as an index.
//  - Reads only (no transaction of its own; works inside the caller's).
//    Throws strata::Error(kConfig) for a dialect without a live catalog
//    (mssql) or an unknown name, Error(kDatabase) when a query fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "driver/connection.h"

namespace strata::inspect {

// `dialect`: "postgresql", "sqlite" or "mysql" (Dialect::name()).
std::vector<std::string> catalog_snapshot(driver::Connection& conn, std::string_view dialect,
                                          const std::vector<std::string>& schemas);

}  // namespace strata::inspect
