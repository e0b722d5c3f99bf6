// Small string helpers shared by every layer: the SQL way of putting text
// between delimiters by writing each closing delimiter inside it twice.
//
// Contract:
// - double_char(text, c): `text` with every occurrence of `c` written twice
//   ("it's", '\'' -> "it''s"); nothing else changes (no backslash escapes,
//   embedded NULs and newlines are copied as they are).
// - quote_with(text, open, close): open + double_char(text, close) + close.
//   Covers '...' (SQL strings), "..." (ANSI identifiers), `...` (MySQL) and
//   [...] (T-SQL: only `]` is doubled inside).
// - single_quoted / double_quoted: quote_with with '\'' / '"' on both sides.
// - replace_all(text, from, to): `text` with every occurrence of `from`
//   (non-empty) replaced by `to`, left to right, without re-scanning `to`.
// - None of them decide *whether* text needs quoting; callers do (see
//   dialect::common::needs_quoting).
#pragma once

#include <string>
#include <string_view>

namespace strata::text {

std::string double_char(std::string_view text, char c);
std::string quote_with(std::string_view text, char open, char close);
inline std::string single_quoted(std::string_view text) { return quote_with(text, '\'', '\''); }
inline std::string double_quoted(std::string_view text) { return quote_with(text, '"', '"'); }
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

}  // namespace strata::text
