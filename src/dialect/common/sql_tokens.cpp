// SQL tokenizer for SQLite's stored statements (see sql_tokens.h).
#include "dialect/common/sql_tokens.h"

#include <algorithm>
#include <cctype>

#include "strata/error.h"

namespace strata::dialect::common::sqltok {
namespace {

bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  auto fail = [&] { throw Error(ErrorCode::kDatabase, "cannot parse SQL: " + std::string(s)); };
  while (i < s.size()) {
    unsigned char c = s[i];
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (s.compare(i, 2, "--") == 0) {
      size_t nl = s.find('\n', i);
      i = nl == std::string_view::npos ? s.size() : nl + 1;
      continue;
    }
    if (s.compare(i, 2, "/*") == 0) {
      size_t e = s.find("*/", i + 2);
      i = e == std::string_view::npos ? s.size() : e + 2;
      continue;
    }
    Token t;
    t.begin = i;
    if (c == '"' || c == '`' || c == '\'' || c == '[') {
      char close = c == '[' ? ']' : static_cast<char>(c);
      t.kind = c == '\'' ? Token::Kind::kString : Token::Kind::kIdentifier;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        if (s[i] == close) {
          if (close != ']' && i + 1 < s.size() && s[i + 1] == close) {
            t.text += close;
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        t.text += s[i++];
      }
      if (!closed) fail();
    } else if (ident_char(c)) {
      t.kind = Token::Kind::kWord;
      while (i < s.size() && ident_char(static_cast<unsigned char>(s[i]))) ++i;
      t.text = std::string(s.substr(t.begin, i - t.begin));
    } else {
      t.kind = Token::Kind::kPunct;
      t.text = std::string(1, static_cast<char>(c));
      ++i;
    }
    t.end = i;
    out.push_back(std::move(t));
  }
  return out;
}

bool is_word(const Token& t, std::string_view w) {
  return t.kind == Token::Kind::kWord && iequals(t.text, w);
}
bool is_any(const Token& t, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return is_word(t, w); });
}
bool is_punct(const Token& t, char c) {
  return t.kind == Token::Kind::kPunct && t.text.size() == 1 && t.text[0] == c;
}
bool is_name(const Token& t) {
  return t.kind == Token::Kind::kWord || t.kind == Token::Kind::kIdentifier ||
         t.kind == Token::Kind::kString;
}

// Index of the ')' matching the '(' at `open`.
size_t matching(const std::vector<Token>& t, size_t open) {
  int depth = 0;
  for (size_t i = open; i < t.size(); ++i) {
    if (is_punct(t[i], '(')) ++depth;
    if (is_punct(t[i], ')') && --depth == 0) return i;
  }
  throw Error(ErrorCode::kDatabase, "cannot parse SQL: unbalanced parentheses");
}

// Top-level comma-separated ranges [begin, end) of tokens within (lo, hi).
std::vector<std::pair<size_t, size_t>> split_commas(const std::vector<Token>& t, size_t lo,
                                                    size_t hi) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = lo;
  for (size_t i = lo; i < hi; ++i) {
    if (is_punct(t[i], '(')) {
      i = matching(t, i);
    } else if (is_punct(t[i], ',')) {
      out.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < hi) out.emplace_back(start, hi);
  return out;
}

// Names of a parenthesised column list starting at `open` ("(a COLLATE x, b DESC)").
std::vector<std::string> name_list(const std::vector<Token>& t, size_t open, size_t* close) {
  *close = matching(t, open);
  std::vector<std::string> names;
  for (auto [b, e] : split_commas(t, open + 1, *close)) {
    if (b < e) names.push_back(t[b].text);
  }
  return names;
}

std::string slice(std::string_view sql, const std::vector<Token>& t, size_t b, size_t e) {
  if (b >= e) return "";
  return std::string(sql.substr(t[b].begin, t[e - 1].end - t[b].begin));
}

}  // namespace strata::dialect::common::sqltok
