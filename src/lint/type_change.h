// What a column type change costs, and which defaults are volatile — the
// facts the type and default rules judge by (PostgreSQL's behaviour; the
// narrowing verdict holds on every dialect).
#pragma once

#include <optional>
#include <string>

#include "model/schema.h"

namespace strata::lint {

struct TypeChange {
  bool known = true;     // false: the old type is not known (no existing_type)
  bool rewrites = true;  // PostgreSQL rewrites the table (and its indexes)
  bool narrows = false;  // values of the old type may not fit the new one
  std::string why;       // e.g. "varchar(255) -> varchar(100)"
};

// `from` unset: unknown, assumed to rewrite (never to narrow).
// No rewrite: the same type, varchar widening or unbounding, varchar ->
// text, numeric precision increase with the same scale, unconstraining a
// numeric. Narrowing: a shorter varchar (text -> varchar(n) too), smaller
// numeric precision or scale, a smaller integer, numeric/float -> integer,
// timestamp -> date.
TypeChange classify_type_change(const std::optional<model::Type>& from, const model::Type& to);

// "varchar(255)", "numeric(9, 6)", "bigint", or the raw type.
std::string type_text(const model::Type& type);

// A default PostgreSQL evaluates per row when the column is added, so
// adding the column rewrites the table: random(), gen_random_uuid(),
// uuid_generate_v*(), clock_timestamp(), timeofday(), nextval(...).
// (now() / CURRENT_TIMESTAMP are stable, not volatile: evaluated once,
// no rewrite on PostgreSQL 11+.) Returns the function found, or "".
std::string volatile_function(const model::ServerDefault& server_default);

// serial / bigserial / smallserial (a nextval default in disguise).
bool is_serial(const model::Type& type);

}  // namespace strata::lint
