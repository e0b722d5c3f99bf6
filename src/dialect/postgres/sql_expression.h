// Canonical keys for PostgreSQL SQL expressions (CHECK conditions, index
// expressions and predicates, column defaults), so that what a user writes
// and what PostgreSQL reflects after applying it compare equal. Private to
// dialect/postgres (the normalizer).
//
// Contract (expression_key):
//  - The text is parsed with PostgreSQL's operator precedence and printed
//    back fully parenthesised, lower-case, one space between parts: extra or
//    missing parentheses, whitespace and the case of keywords and unquoted
//    names do not matter; AND / OR chains are flattened.
//  - Rewrites PostgreSQL makes are undone: a cast of a string literal is
//    dropped whatever the type ('a'::text, 'free'::core.plan_tier,
//    's'::regclass: PostgreSQL labels every literal with the type it
//    resolved), a numeric one becoming the number ('-1'::integer -> -1);
//    casts to text / character varying / bpchar / name of names and of
//    ARRAY[...] (to their array types) are dropped, and casts of numbers to
//    numeric types ((0)::numeric -> 0); `x IN (a, b)` -> `x = ANY (ARRAY[a,
//    b])` (one element:
//    `x = a`), NOT IN -> `<> ALL`; BETWEEN -> >= AND <=; LIKE / ILIKE -> ~~ /
//    ~~*; != -> <>; CAST(x AS t) -> x::t; typed literals (date '...') ->
//    casts; type names canonical (types.h).
//  - An index element's trailing opclass, ASC / DESC and NULLS FIRST / LAST
//    are kept, with the defaults (ASC, NULLS LAST after ASC, NULLS FIRST
//    after DESC) dropped.
//  - Text the parser does not understand (subqueries, special-syntax
//    functions such as EXTRACT) falls back to its tokens, lower-cased and
//    joined by single spaces.
//  - Idempotent: the key of a key is the key.
//
// default_expression_key: the same for a column default's SQL, where a
// literal is further reduced to its value: casts around a lone literal are
// dropped and numbers / true / false become quoted ('0', 'true'); with
// `boolean` set, PostgreSQL's boolean spellings ('t', 'yes', 'on', '1', ...)
// become 'true' / 'false'.
#pragma once

#include <string>
#include <string_view>

namespace strata::dialect::postgres {

std::string expression_key(std::string_view sql);
std::string default_expression_key(std::string_view sql, bool boolean);

}  // namespace strata::dialect::postgres
