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
//  - Options for MySQL/MariaDB text (all off by default, so SQLite's keys
//    are unchanged):
//    - mysql_strings: '...' and "..." are string literals with backslash
//      escapes (\' \n \\ ...; \% and \_ keep their backslash), as MySQL
//      reads them without ANSI_QUOTES / NO_BACKSLASH_ESCAPES;
//    - operators: punctuation operators written as another token, e.g.
//      "%" -> "mod", "||" -> "or", "&&" -> "and", "!" -> "not" (a mapped
//      word counts as a word, so "or" / "and" / "not" are logic words);
//    - literals: words written as another literal ("true" -> "1"), except
//      after IS / IS NOT (IS TRUE stays);
//    - drop_introducers: a charset introducer before a string goes
//      (_utf8mb4'x', _latin1 'x', N'x' -> 'x');
//    - canonical_numbers: decimal literals lose leading zeros and a bare
//      trailing point (00012 -> 12, 001.50 -> 1.50, .5 -> 0.5, 1. -> 1; the
//      fraction is kept as written), a unary + goes and -0 is 0;
//    - fold_negations: NOT (or "!") before a parenthesised single predicate
//      is folded into it: NOT (a = b) -> a <> b (and <> / < / > / <= / >=),
//      NOT (x IN / LIKE / BETWEEN / REGEXP ...) -> x NOT IN / ..., NOT (x IS
//      [NOT] ...) -> x IS [NOT] ... toggled, NOT (x NOT IN ...) -> x IN ...
//      (MariaDB stores the folded form).
//  - Idempotent: sql_key(sql_key(x)) == sql_key(x) (with the same options).
//  - Throws Error(kDatabase) for an unterminated quote or unbalanced
//    parentheses (as the tokenizer does).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "model/schema.h"

namespace strata::dialect::common::sqltok {

struct KeyOptions {
  std::map<std::string, std::string, std::less<>> aliases;  // lower-case names
  std::set<std::string, std::less<>> niladic;               // lower-case names
  bool mysql_strings = false;
  std::map<std::string, std::string, std::less<>> operators;  // "%" -> "mod"
  std::map<std::string, std::string, std::less<>> literals;   // lower-case words
  bool drop_introducers = false;
  bool canonical_numbers = false;
  bool fold_negations = false;
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

}  // namespace strata::dialect::common::sqltok
