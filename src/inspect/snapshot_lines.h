// Internal to catalog_snapshot (inspect/catalog_snapshot.h): the text forms
// of its lines (used by the printer, snapshot_printer.h), and the PostgreSQL
// reader that the printer has not replaced yet.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "driver/connection.h"

namespace strata::inspect::detail {

// Control characters escaped (\n, \t, \r, \xNN); everything else verbatim.
std::string escape(std::string_view text);
// "name" with embedded double quotes doubled, escaped.
std::string ident(std::string_view name);
// `none` for nullopt, else 'text' with embedded single quotes doubled, escaped.
std::string text(const std::optional<std::string>& value);
// "schema"."name"
std::string qualified(std::string_view schema, std::string_view name);
// (a, b) — each element through ident(); verbatim when `raw`.
std::string list(const std::vector<std::string>& items, bool raw = false);
// "yes" / "no"
std::string yes_no(bool value);
// A SQL string literal ('it''s') for building catalog queries.
std::string sql_string(std::string_view value);
// The non-null value of a result cell; "" for NULL.
std::string cell(const driver::Row& row, size_t i);
// `('a', 'b')` of sql_string()s, for IN lists (REQUIRES: non-empty).
std::string in_list(const std::vector<std::string>& values);

void read_postgres(driver::Connection& conn, const std::vector<std::string>& schemas,
                   std::vector<std::string>& out);

}  // namespace strata::inspect::detail
