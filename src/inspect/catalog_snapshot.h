// catalog_snapshot(): a live database's schema as sorted, normalized text
// lines — the base for comparing a database with what migrations should have
// made (`check` / verify) and for asserting that an operation and its reverse
// leave the catalog as it was.
//
// How: print_snapshot (snapshot_printer.h) of the dialect's inspector
// (inspect::inspect with generated columns, inspect.h), so the snapshot
// shows exactly what the inspector reads — there is no second reader. The
// snapshot's own policy is only the version table left out and the lines
// sorted.
//
// Contract:
//  - Covers exactly the given schemas: PostgreSQL schemas, SQLite attached
//    databases ("main" is the main file), MySQL/MariaDB databases. A schema
//    in the list that does not exist contributes nothing; one that exists
//    contributes the line `"<schema>": schema` even when empty. An empty list
//    gives no lines.
//  - Per schema: every base table (not views) except `alembic_version` and
//    SQLite's internal `sqlite_*` tables; per table its columns, constraints
//    (primary key, unique, check, foreign key), indexes and comment; and the
//    schema's sequences (PostgreSQL, MariaDB; sequences owned by identity
//    columns are part of the column, not listed) and enums (PostgreSQL).
//  - One line per fact, prefixed by the owner so that sorting groups them:
//      "<s>"."<t>": table comment=<text>
//      "<s>"."<t>": column "<c>" type=<type> null=<yes|no> default=<text>
//                   comment=<text> [identity=<always|by_default>]
//                   [autoincrement=yes]
//                   [generated=<virtual|stored> expression=<text>]
//                   [on_update=<text>] [invisible=yes] [check=<text>]
//                   [collate="<collation>"]
//      "<s>"."<t>": primary_key <name> (<cols>) [deferrable=...]
//      "<s>"."<t>": unique <name> (<cols>) [deferrable=...]
//      "<s>"."<t>": check <name> <expression>
//      "<s>"."<t>": foreign_key <name> (<cols>) -> "<rs>"."<rt>" (<cols>)
//                   on_delete=<a> on_update=<a> match=<simple|full|partial>
//                   deferrable=<yes|no|initially_deferred>
//      "<s>"."<t>": constraint <name> <definition> deferrable=...  (PostgreSQL
//                   exclusion constraints)
//      "<s>"."<t>": index <name> unique=<yes|no> (<elements>) [include=(<cols>)]
//                   [method=<m>] where=<text>   (an element is followed by
//                   its operator class when not the default, PostgreSQL)
//      "<s>": sequence <name> type=<t> start=<n> increment=<n> min=<n> max=<n>
//             cache=<n> cycle=<yes|no>
//      "<s>": enum <name> ('<value>', ...)   (PostgreSQL; values in sort order)
//    (shown wrapped here; each is one line). `type` is the server's own
//    spelling (Column::reflected_type). `default` is the default's SQL: an
//    expression as the server reports it, a plain string literal quoted
//    ('x', also for PostgreSQL's 'x'::text); DEFAULT NULL is `none`. A check
//    is its expression without the outer CHECK (...). A sequence option
//    equal to the server's default for the sequence shows as `default`. Actions are lower-case with underscores
//    (no_action, set_null, ...); an unset one is no_action. A collation is
//    shown only where it differs from the type's (PostgreSQL) or the table's
//    (MySQL) default; `method` only when not btree; `deferrable` on keys
//    only where the dialect has it (PostgreSQL). Index elements: a column is
//    its quoted name, anything else the database's own SQL text for the
//    expression (PostgreSQL), the CREATE INDEX text of the part (SQLite:
//    `lower(a)`, `a DESC`), or MySQL's quoting of a part with a prefix
//    length or DESC (`` `a`(10) ``, `` `a` DESC ``). Identifiers are
//    double-quoted with embedded quotes doubled; free text (comments,
//    defaults) is single-quoted with quotes doubled, or `none`; newlines and
//    other control characters in any of them are escaped as \n, \t, \xNN,
//    so a line never contains a line break. An unnamed constraint's name is
//    `none`.
//  - Values are as the database reports them after its own normalization
//    (type names, default and check expression text), so two snapshots are
//    comparable on the same dialect and server version only. Column order is
//    not part of the snapshot (a dropped and re-added column compares equal);
//    element order inside a key or index is.
//  - Dialect specifics, as the inspectors read them (see their headers):
//    PostgreSQL reads pg_catalog; an index that implements a primary key,
//    unique or exclusion constraint is listed as the constraint only; a
//    serial column shows autoincrement=yes, its nextval() default and owned
//    sequence are not listed; identity columns' sequences neither (their
//    options are not shown); generated columns are always STORED. SQLite: constraint
//    names and CHECK text come from the stored CREATE TABLE; a column COLLATE
//    clause is part of the type (`type=TEXT COLLATE NOCASE`); an INTEGER
//    PRIMARY KEY with the AUTOINCREMENT keyword shows autoincrement=yes;
//    every UNIQUE (column-level too) is a `unique` line; no comments (always
//    `none`), no sequences. MySQL/MariaDB read information_schema: the
//    primary key is unnamed (`none`: MySQL names them all PRIMARY); a unique
//    index on plain columns is a `unique` constraint (MySQL does not tell
//    them apart), one with a prefix or DESC part an `index ... unique=yes`;
//    the index InnoDB creates for a foreign key, and MysqlDialect's
//    idx_autoinc_<col>, are implied and not listed; RESTRICT shows as
//    no_action (InnoDB treats them alike); AUTO_INCREMENT is
//    autoincrement=yes; MariaDB's JSON is `type=longtext` with
//    check='json_valid(`c`)' on the column line (not a check line).
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
