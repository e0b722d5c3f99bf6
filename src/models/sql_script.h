// A SQL script as the dev database will run it: tokens with line numbers,
// and the script split into statements. For SQL model files
// (models/sql_models.h); not a parser.
//
// Contract:
//  - lex() knows each live dialect's quoting: string literals ('...' with
//    '' doubling; E'...' backslash escapes and $tag$...$tag$ bodies on
//    PostgreSQL; backslash escapes and "..." strings on MySQL), quoted
//    identifiers ("..." / `...` / [...] as the dialect has them), line
//    comments (--, and # on MySQL) and block comments (nested on
//    PostgreSQL). Identifier tokens carry their unquoted text. Every token
//    carries its 1-based starting line. An unterminated quote or comment is
//    Error(kScript) "<file>:<line>: unterminated ...".
//  - split() cuts the tokens at top-level semicolons. Inside CREATE
//    TRIGGER / FUNCTION / PROCEDURE / EVENT statements, semicolons between
//    BEGIN (or CASE) and its END do not split (SQLite and MySQL trigger
//    bodies). A statement's line is the line of its first non-comment token;
//    comment-only stretches are not statements. Each statement's tokens
//    keep their comments (rename hints live there); a line comment after the
//    ';' on the statement's last line belongs to that statement.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::models::sql {

struct Token {
  enum class Kind { kWord, kIdentifier, kString, kNumber, kPunct, kComment };
  Kind kind = Kind::kWord;
  std::string text;  // words as written; identifiers unquoted; comments without -- / # / delimiters
  size_t begin = 0;  // byte offsets into the script
  size_t end = 0;
  int line = 1;
  bool line_comment = false;  // kComment: a -- or # comment
};

struct Statement {
  std::string text;           // the statement's SQL, verbatim, without the ';'
  int line = 1;               // line of its first non-comment token
  std::vector<Token> tokens;  // offsets relative to the script, comments included
};

// `dialect`: "postgresql", "sqlite" or "mysql". `file` names the script in errors.
std::vector<Token> lex(std::string_view script, std::string_view dialect, std::string_view file);

std::vector<Statement> split(std::string_view script, std::string_view dialect,
                             std::string_view file);

// Case-insensitive keyword test for a kWord token.
bool is_word(const Token& t, std::string_view word);

}  // namespace strata::models::sql
