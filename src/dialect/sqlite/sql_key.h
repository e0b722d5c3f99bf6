// sql_key(): a canonical text for an SQL expression, so that an expression
// as a user writes it and as a server stores it compare equal. Shared by the
// SQLite and MySQL normalizers (dialect/<name>/normalize.cpp); built on the
// sqltok tokenizer. Not a parser: it canonicalises tokens and parentheses.
//
// Contract (the key is for comparison only, never executed):
//  - Tokens are joined by single spaces; comments and whitespace vanish.
//  - Words and quoted identifiers ("x", `x`, [x]) become the lower-cased
//    name (SQLite and MySQL match column names case-insensitively), written
//    "double-quoted" when it is not one plain word; string
//    literals keep their content, written '...' with ' doubled.
//  - Operators: != is <>, == is =; <=, >=, <>, || are one token each; a
//    number such as 1.50 is one token (not otherwise rewritten).
//  - `aliases` renames a word followed by "(" (a function name), e.g.
//    lcase -> lower; `niladic` words followed by "()" lose the empty
//    parentheses (current_timestamp() -> current_timestamp).
//  - Redundant parentheses go: around the whole expression or a whole
//    comma-separated argument, around a single token or group, and around
//    an operand of AND / OR / XOR / NOT whose own top level has no AND / OR /
//    XOR / comma ("(a > 0) and (b < 1)" is "a > 0 and b < 1"). Parentheses
//    right after a word (function calls, IN (...)) and around arithmetic
//    are kept.
//  - Idempotent: sql_key(sql_key(x)) == sql_key(x).
//  - Throws Error(kDatabase) for an unterminated quote or unbalanced
//    parentheses (as the tokenizer does).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "model/schema.h"

namespace strata::dialect::sqltok {

struct KeyOptions {
  std::map<std::string, std::string, std::less<>> aliases;  // lower-case names
  std::set<std::string, std::less<>> niladic;               // lower-case names
};

std::string sql_key(std::string_view sql, const KeyOptions& options = {});

// A type's text for keys: lower-cased, runs of whitespace as one space, no
// space next to "(", ")" or ",".
std::string type_text(std::string_view type);

// How a column's default value compares (by the column's type).
enum class DefaultClass { kBoolean, kNumber, kOther };

// The default_key of a server default (normalizers of SQLite and MySQL):
//  - nullopt for an expression NULL;
//  - a literal, or an expression that is one string literal, is the string
//    ("'x'", quote doubled); an expression that is a number (1, -2.50) is
//    that number;
//  - kBoolean: true / 1 (quoted or not) are "1", false / 0 are "0";
//  - kNumber: a number, quoted or not, is canonical: no '+', no leading
//    zeros, no trailing fraction zeros or '.', -0 is 0;
//  - kOther: a number is the quoted string of its text;
//  - any other expression: "expr:" + sql_key(value, options) (outer
//    parentheses gone).
std::optional<std::string> default_value_key(const model::ServerDefault& value, DefaultClass cls,
                                             const KeyOptions& options);

}  // namespace strata::dialect::sqltok
