// Model values as op API expressions, for render_lua (render_lua.h): what
// the op API's value constructors (op.column, op.String(320), op.text(...),
// the constraint values) read back as exactly the same model value.
//
// A value the op API cannot read back (a raw type spelled like a type name,
// a length on a type without one, a foreign key to a dotted table name
// without a schema) is an Error(kScript) naming it.
#pragma once

#include <string>
#include <vector>

#include "model/schema.h"
#include "ops/ops.h"

namespace strata::autogen::lua_text {

// A bulk_insert value: op.null, true, 42, 0.5 (always a float), "text".
std::string literal(const ops::Value& v);
// op.Integer, op.String(320), op.Numeric(10, 2), op.DateTime{timezone = true},
// or a raw type string ("tsvector").
std::string type(const model::Type& t);
// "literal" or op.text("expression").
std::string server_default(const model::ServerDefault& d);
// "col" or op.text("expr") elements as {"a", op.text("lower(b)")}.
std::string index_elements(const std::vector<model::IndexElement>& elements);
// The `ops` option of an index: {doc = "jsonb_path_ops", ...} for the
// elements with an operator class; "nil" when none has one.
std::string index_opclasses(const std::vector<model::IndexElement>& elements);
// An identity option's value: "always", "by_default", or {always = true,
// start = 1, ...} when an option is set (op.column's and op.alter_column's
// identity / existing_identity).
std::string identity(const model::Identity& id);
// op.column(name, type, {...}). The column's foreign key, if any, is the
// table's (rendered as a constraint value); model-only members
// (reflected_type, renamed_from) are not part of an op and are not written.
// An identity column is written without `nullable` (the op API makes it NOT
// NULL and refuses nullable = true).
std::string column(const model::Column& c);
// op.primary_key_constraint / op.unique_constraint / op.check_constraint /
// op.foreign_key_constraint; `with_name` false leaves the name out (the
// `dropped` of drop_constraint takes the op's name).
std::string constraint(const ops::Constraint& c, bool with_name = true);
// The options of a sequence ({start = 1, ...}) for the nested table
// `table_spec_name` ("drop_sequence.dropped", "alter_sequence.existing").
std::string sequence_options(const ops::CreateSequence& s, const char* table_spec_name);

}  // namespace strata::autogen::lua_text
