// The `op` table revision scripts use. Every op.* call that is an operation
// builds an ops::Op and hands it to OpSink::emit immediately, so order is
// preserved (a later op.query sees earlier DDL). Argument errors are Lua
// errors positioned at the calling line of the script:
//   versions/x.lua:14: op.column 'email': unknown type 'Strng'
// Exceptions thrown by the sink (e.g. strata::Error(kDatabase)) propagate
// unchanged through Sandbox::call.
//
// Lua API (options tables are optional; unknown option keys are errors):
//   op.dialect                         -- "postgresql", "sqlite", ...
//   op.execute(sql | op.text(sql))
//   op.execute{sql = "..." | [1] = "...", postgresql = "...", sqlite = "...",
//              mssql = "...", mysql = "...", mariadb = "..."}
//   op.create_schema(name, {if_not_exists = bool})
//   op.drop_schema(name, {if_exists = bool, cascade = bool})
//   op.create_table(name, <column | constraint>..., {schema =, comment =,
//                   if_not_exists =})
//   op.drop_table(name, {schema =, if_exists =})
//   op.add_column(table, column, {schema =, if_not_exists =})
//   op.drop_column(table, column_name, {schema =, if_exists =})
//   op.create_index(name, table, {"col" | op.text("expr"), ...} | "col",
//                   {schema =, unique =, where = str|op.text, include = {...},
//                    if_not_exists =})
//   op.drop_index(name, {table =, schema =, if_exists =})
//   op.rename_table(old, new, {schema =})
//   op.query(sql) -> { {col = "text" | nil, ...}, ... }   (values are strings;
//                    numbers stay strings; NULL is nil; online only)
//   op.x(key [, default]) -> the `-x key=value` value, else default or nil
//   op.f(name) -> name (marks a final constraint/index name)
// Values:
//   op.column(name, type, {primary_key =, nullable =, unique =,
//             server_default = str|number|bool|op.text(...), autoincrement =,
//             comment =, foreign_key = "schema.table.col" | "table.col" |
//             {"[schema.]table.col", name =, ondelete =, onupdate =,
//              deferrable =, initially =, match =}})
//     nullable defaults to `not primary_key` (as SQLAlchemy).
//   op.foreign_key_constraint(cols, "[schema.]table", ref_cols, {name =,
//             ondelete =, onupdate =, deferrable =, initially =, match =,
//             referent_schema =})
//   op.check_constraint(name, sqltext) | op.check_constraint(sqltext [, {name =}])
//   op.unique_constraint(cols, {name =})
//   op.primary_key_constraint(cols, {name =})       cols: "a" or {"a", "b"}
//   op.text(sql)                                     an SQL expression
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

}  // namespace strata::lua
