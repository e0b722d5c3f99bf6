// A small SQL tokenizer (namespace common::sqltok), written for SQLite's
// stored CREATE statements: used by the SQLite dialect (reflection, the text
// edits, rebuilds, the inspector) and by sql_key.h, which the SQLite and
// MySQL normalizers share. Internal to dialect/; not a parser. Understands quoted identifiers
// ("", [], ``), string literals, comments and nested parentheses.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::dialect::common::sqltok {

struct Token {
  enum class Kind { kWord, kIdentifier, kString, kPunct, kOther };
  Kind kind = Kind::kOther;
  std::string text;  // words as written; identifiers unquoted; punctuation char
  size_t begin = 0;  // offsets into the SQL
  size_t end = 0;
};

bool iequals(std::string_view a, std::string_view b);

// Throws Error(kDatabase) "cannot parse SQL: ..." for an unterminated quote.
std::vector<Token> tokenize(std::string_view s);

bool is_word(const Token& t, std::string_view w);
bool is_any(const Token& t, std::initializer_list<std::string_view> words);
bool is_punct(const Token& t, char c);
// A word, quoted identifier or string (SQLite accepts 'name' as a name).
bool is_name(const Token& t);

// Index of the ')' matching the '(' at `open`; throws Error(kDatabase) when
// unbalanced.
size_t matching(const std::vector<Token>& t, size_t open);

// Top-level comma-separated ranges [begin, end) of tokens within (lo, hi).
std::vector<std::pair<size_t, size_t>> split_commas(const std::vector<Token>& t, size_t lo,
                                                    size_t hi);

// Names of a parenthesised column list starting at `open` ("(a COLLATE x, b DESC)").
std::vector<std::string> name_list(const std::vector<Token>& t, size_t open, size_t* close);

// The SQL text of tokens [b, e), verbatim.
std::string slice(std::string_view sql, const std::vector<Token>& t, size_t b, size_t e);

}  // namespace strata::dialect::common::sqltok
