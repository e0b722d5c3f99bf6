// The SQL expression lexer of the PostgreSQL normalizer (sql_expression.h),
// private to dialect/postgres.
//
// Contract: lex() splits SQL text into tokens: unquoted words lower-cased;
// quoted names in canonical_name() form (kept quoted when spelled like one
// of keywords()); '...' and E'...' strings verbatim; numbers; operators as
// PostgreSQL's lexer cuts them (!= becomes <>); :: and single punctuation;
// comments dropped; a final kEnd. Unterminated strings or names throw
// ParseError.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace strata::dialect::postgres::sql {

enum class Tk { kWord, kQuoted, kString, kNumber, kOp, kPunct, kEnd };

struct Token {
  Tk kind;
  std::string text;
};

struct ParseError {};


// Words the parser treats as syntax.
const std::set<std::string, std::less<>>& keywords();
std::string lower(std::string_view text);
std::vector<Token> lex(std::string_view sql);

}  // namespace strata::dialect::postgres::sql
