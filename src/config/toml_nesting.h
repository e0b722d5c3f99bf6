// check_toml_nesting(): refuse a TOML text nested too deeply for toml++.
//
// Contract: toml++ recurses once per dotted-key part and per nested array or
// inline table, so a key of 50,000 parts overflows the stack (SIGSEGV). This
// scan runs before toml++ sees the text. Outside strings and comments it
// counts, per key (a `key = ...` key, a `[table]` / `[[array]]` header, or a
// key inside an inline table), the dot-separated parts, and the depth of
// nested arrays and inline tables in values. When either exceeds kMaxTomlNesting
// it throws strata::Error(kConfig, "<path>:LINE: keys nested deeper than 64
// levels"), LINE 1-based. It never rejects text with shallower nesting; it
// does not validate TOML otherwise (toml++ reports syntax errors). O(n), no
// recursion.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::config {

inline constexpr std::size_t kMaxTomlNesting = 64;

void check_toml_nesting(std::string_view text, const std::string& path);

}  // namespace strata::config
