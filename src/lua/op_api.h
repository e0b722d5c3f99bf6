// The `op` table revision scripts use. Every op.* call that is an operation
// builds an ops::Op (ops/ops.h) and hands it to OpSink::emit immediately, so
// order is preserved (a later op.query sees earlier DDL). Argument errors are
// Lua errors positioned at the calling line of the script:
//   versions/x.lua:14: op.column 'email': unknown type 'Strng'
// Exceptions thrown by the sink (e.g. strata::Error(kDatabase)) propagate
// unchanged through Sandbox::call.
//
// The global `op` is a read-only view (a userdata): `op.x = v` raises
// "op is read-only (assigning op.x)"; rawset/setmetatable do not apply.
// After upgrade()/downgrade() returned, run_migration seals the state: every
// op.* function raises (see lua/script_runner.h).
//
// Lua API. Signatures follow Alembic's, with keyword arguments in a trailing
// options table (optional; the keys each function accepts are its entry in
// ops/op_spec.h, which the parser reads; unknown keys are errors). `name` arguments
// marked [name] may be nil (an unnamed constraint). "cols" is "a" or
// {"a", "b"}. "sql" is a string or op.text(...).
//
// Statements, schemas, sequences, data:
//   op.dialect                         -- "postgresql", "sqlite", "mssql", "mysql", ...
//   op.execute(stmt, {reverse = stmt}) -- stmt: sql, or {sql = ... | [1] = ...,
//                postgresql = ..., sqlite = ..., mssql = ..., mysql = ...,
//                mariadb = ...}; `sql` serves every dialect without an entry.
//                `reverse`: what undoes it (for op.reverse_upgrade).
//   op.create_schema(name, {if_not_exists})
//   op.drop_schema(name, {if_exists, cascade})
//   op.create_sequence(name, {schema, start, increment, minvalue, maxvalue, cache,
//                cycle, if_not_exists})           -- numbers are integers
//   op.drop_sequence(name, {schema, if_exists, dropped = {start, increment,
//                minvalue, maxvalue, cache, cycle}})  -- dropped: for reverse
//   op.alter_sequence(name, {schema, increment, minvalue, maxvalue, cache, cycle,
//                restart, existing = {start, increment, minvalue, maxvalue, cache,
//                cycle}})  -- minvalue/maxvalue false = NO MINVALUE/MAXVALUE;
//                existing: the options before the change, for reverse
//                (restart never reverses); at least one change is needed
//   op.create_enum(name, values, {schema, if_not_exists})   -- PostgreSQL
//   op.drop_enum(name, {schema, if_exists, dropped = values}) -- dropped: for reverse
//   op.alter_enum(name, values, {schema, existing_values, columns = {{table,
//                column, schema, server_default}, ...}})  -- existing_values is
//                required (and each column's table and column); columns: the
//                columns of the type (for the type swap)
//   op.bulk_insert(table, rows, {schema, columns = {...}, types = {col = type}})
//                rows: an array of {col = value}; values are strings, integers
//                (kept integers), floats, booleans or op.null (SQL NULL; Lua
//                tables cannot hold nil). Columns: `columns` when given (a row
//                key outside it is an error), else the sorted union of the
//                rows' keys; a row without a column inserts NULL. No rows: no
//                op. `types` lets the dialect render values for a column type.
//   op.query(sql) -> { {col = "text" | nil, ...}, ... }   (values are strings;
//                NULL is nil; online only)
//   op.x(key [, default]) -> the `-x key=value` value, else default or nil
//   op.tenant                          -- the tenant (`-x tenant=NAME`, strata fleet), or
//                nil; with a tenant every schema an op names is mapped through
//                strata.toml's schema_map and `${tenant}` (fleet/tenant.h)
// Tables and columns:
//   op.create_table(name, <column | constraint>..., {schema, comment, if_not_exists})
//   op.drop_table(name, <column | constraint>..., {schema, if_exists, comment})
//                columns/constraints/comment describe the dropped table (for
//                reverse), as Alembic's drop_table(name, *columns).
//   op.rename_table(old, new, {schema})
//   op.move_table(name, {schema, new_schema, new_name})  -- unset schema /
//                new_schema = the default schema; one of them is required
//   op.create_table_comment(table, comment, {schema, existing_comment})
//   op.drop_table_comment(table, {schema, existing_comment})
//                existing_comment: a string, or false = there was none
//   op.add_column(table, column, {schema, if_not_exists})
//   op.drop_column(table, column_name, {schema, if_exists, existing_type,
//                existing_nullable, existing_server_default, existing_comment})
//                existing_type (with the other existing_*) describes the
//                dropped column, for reverse.
//   op.alter_column(table, column_name, {schema, nullable, type_ (or type),
//                server_default, new_column_name, comment, identity,
//                postgresql_using, existing_type, existing_nullable,
//                existing_server_default, existing_comment,
//                existing_autoincrement, existing_identity, online})
//                server_default: a literal, op.text(expr), or false = DROP
//                DEFAULT (true is refused as ambiguous: write 'true');
//                comment: a string, or false = remove. identity: the forms
//                of the column value's identity ("always" | "by_default" |
//                {always, start, increment, minvalue, maxvalue, cache,
//                cycle}), or false = drop the identity; with nullable = true
//                it is an error.
//                existing_*: what the column is now (MySQL/SQL Server
//                restate the column; reverse); existing_server_default/
//                existing_comment/existing_identity false = none.
//                postgresql_using needs type_. At least one change is needed.
//                online = true (with nullable = false, only inside
//                op.autocommit_block): PostgreSQL SET NOT NULL through a NOT
//                VALID check (dialect/postgres/online.h); ignored elsewhere.
//   op.rename_column(table, old, new, {schema})
// Constraints and indexes:
//   op.create_primary_key([name], table, cols, {schema})
//   op.create_unique_constraint([name], table, cols, {schema})
//   op.create_check_constraint([name], table, sql, {schema, not_valid})
//   op.create_foreign_key([name], source_table, referent_table, local_cols,
//                remote_cols, {source_schema, referent_schema, ondelete,
//                onupdate, deferrable, initially, match, not_valid})
//                not_valid = true: PostgreSQL adds it NOT VALID (existing
//                rows unchecked); other dialects add it checked.
//   op.validate_constraint(table, name, {schema})
//                PostgreSQL ALTER TABLE ... VALIDATE CONSTRAINT; nothing
//                elsewhere. Its reverse is itself.
//   op.drop_constraint(name, table, {type_ = "foreignkey" | "unique" | "check" |
//                "primary", schema, if_exists, dropped = <constraint value>})
//                dropped (for reverse) implies type_ and takes `name`.
//   op.rename_constraint(table, old, new, {schema, type_})
//   op.create_index(name, table, "col" | op.text(expr) | {...}, {schema, unique,
//                where (postgresql_where, sqlite_where) = sql, include
//                (postgresql_include) = cols, using (postgresql_using) =
//                "gin" | "gist" | "brin" | "hash" | "spgist" | ..., ops
//                (postgresql_ops) = {col = "opclass", ...}, if_not_exists,
//                concurrently (postgresql_concurrently)})
//                using: PostgreSQL's USING <method>; ops: each named element's
//                operator class ("jsonb_path_ops"); both ignored elsewhere.
//   op.drop_index(name [, table], {table, schema, if_exists, concurrently
//                (postgresql_concurrently), columns, unique, where
//                (postgresql_where, sqlite_where), include (postgresql_include),
//                using (postgresql_using), ops (postgresql_ops)})
//                columns/unique/where/include/using/ops describe the dropped index (for
//                reverse) and need the table.
//                `concurrently = true` (PostgreSQL) is only accepted inside
//                op.autocommit_block: CONCURRENTLY cannot run in a transaction.
//   op.rename_index(old, new, {table, schema})
// Blocks:
//   op.batch_alter_table(table, [{schema}], function(batch) ... end)
//                The callback runs at once; the batch's methods (batch.m(...)
//                or batch:m(...)) collect table ops for `table`, and ONE
//                BatchAlterTable is emitted after the callback returns (none
//                when it collected nothing, or when it raises an error). op.*
//                calls inside the callback are emitted at once, before it.
//                Methods: add_column(column, {if_not_exists}),
//                drop_column(name, {<op.drop_column options but schema>}),
//                alter_column(name, {<op.alter_column options but schema>}),
//                create_primary_key([name], cols),
//                create_unique_constraint([name], cols),
//                create_check_constraint([name], sql, {not_valid}),
//                create_foreign_key([name], referent_table, local, remote,
//                  {referent_schema, ondelete, onupdate, deferrable, initially,
//                   match, not_valid}),
//                drop_constraint(name, {type_, if_exists, dropped}),
//                create_index(name, cols, {<op.create_index options but schema>}),
//                drop_index(name, {<op.drop_index options but table/schema>}).
//                Using the batch after the callback returned is an error.
//   op.autocommit_block(function() ... end)
//                Emits AutocommitBegin, runs the callback, emits AutocommitEnd
//                — on an error too, then the error propagates (so a script
//                that catches it with pcall is back in its transaction).
//                May nest.
//   op.reverse_upgrade()
//                In downgrade(): runs this script's upgrade() recording its ops
//                (nothing reaches the database; op.query there is an error),
//                then emits ops::reverse_all(recorded). An op that cannot be
//                reversed is an error at the calling line.
// Values:
//   op.column(name, type, {primary_key, nullable, unique,
//             server_default = str|number|bool|op.text(...), autoincrement,
//             comment, foreign_key = "schema.table.col" | "table.col" |
//             {"[schema.]table.col", name, ondelete, onupdate, deferrable,
//              initially, match},
//             identity = "always" | "by_default" | {always, start, increment,
//              minvalue, maxvalue, cache, cycle}})
//     nullable defaults to `not primary_key` (as SQLAlchemy); an identity
//     column is NOT NULL (nullable = true with identity is an error).
//   op.foreign_key_constraint(cols, "[schema.]table", ref_cols, {name, ondelete,
//             onupdate, deferrable, initially, match, referent_schema})
//   op.check_constraint(name, sql) | op.check_constraint(sql [, {name}])
//   op.unique_constraint(cols, {name})
//   op.primary_key_constraint(cols, {name})
//   op.text(sql)                       an SQL expression
//   op.null                            SQL NULL in op.bulk_insert rows
//   op.f(name) -> name                 strata applies no naming convention, so
//                                      every name is final; for Alembic parity
//   Types: op.Integer op.BigInteger op.SmallInteger op.String op.String(n)
//     op.Text op.Boolean op.Numeric op.Numeric(p [, s]) op.Float op.Float(p)
//     op.Date op.DateTime op.DateTime{timezone = true} op.Time
//     op.Time{timezone = true} op.LargeBinary op.JSON op.UUID
//     A type may also be a string: a type name above ("String") or a raw SQL
//     type passed through ("VARCHAR(10)", "tsvector"). A capitalised word
//     that is no known type ("Strng") is an error, as is op.Strng.
#pragma once

struct lua_State;

namespace strata::runtime {
class OpSink;
}

namespace strata::lua {

// Create the `op` table bound to `sink` and set it as global `op`.
// `sink` must outlive the state.
void install_op_api(lua_State* L, runtime::OpSink& sink);

// Bind the `op` table install_op_api made in this state to another sink
// (a state reused for the next script, lua/script_runner.cpp), with no
// autocommit block or reverse_upgrade in progress. `sink` must have the same
// dialect_name() (op.dialect is not changed) and outlive its use.
void rebind_op_api(lua_State* L, runtime::OpSink& sink);

// For use inside OpSink::emit (e.g. by a linter that records where each op
// was written): the line of the revision script that made the op being
// emitted now — the innermost Lua frame in the script's own file (the
// outermost Lua frame's file), so an op made by a helper in lib/ is placed at
// the script line that called the helper. 0 outside an emit from the op API
// (e.g. the ops op.reverse_upgrade emits) or when no line is known.
int emitting_op_line();

}  // namespace strata::lua
