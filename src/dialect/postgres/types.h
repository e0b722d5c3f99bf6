// PostgreSQL type names as text: the neutral model::Type for a format_type()
// spelling, and one canonical spelling for any way of writing a type.
// Private to dialect/postgres (the inspector and the normalizer).
//
// Contract:
//  - from_format_type(): the neutral type when PostgreSQL's format_type()
//    text maps to exactly one that PostgresDialect::render_type() renders
//    back to the same type (integer, bigint, smallint, character varying[(n)],
//    text, boolean, numeric[(p,s)], double precision, date, timestamp / time
//    with[out] time zone, bytea, json, uuid); anything else Kind::kRaw with
//    the text unchanged.
//  - canonical_type(): format_type()'s spelling for a type written any way
//    PostgreSQL accepts it: case and spacing folded, aliases resolved (int,
//    int4, serial -> integer; varchar(n) -> character varying(n);
//    timestamptz -> timestamp with time zone; float(p) -> real / double
//    precision; decimal(p) -> numeric(p,0); bool -> boolean; ...), every
//    array spelling as "<element>[]", simple quoted names unquoted, and a
//    "pg_catalog." or "public." qualification dropped. Idempotent.
//  - canonical_name(): a quoted identifier's content as a name key: bare
//    when it is a plain lower-case identifier, else double-quoted.
#pragma once

#include <string>
#include <string_view>

#include "model/schema.h"

namespace strata::dialect::postgres {

model::Type from_format_type(const std::string& text);
std::string canonical_type(std::string_view text);
std::string canonical_name(std::string_view inner);

}  // namespace strata::dialect::postgres
