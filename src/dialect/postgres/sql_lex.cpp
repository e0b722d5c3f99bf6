// The SQL expression lexer (see sql_lex.h).
#include "dialect/postgres/sql_lex.h"

#include <cctype>

#include "dialect/postgres/types.h"

namespace strata::dialect::postgres::sql {

// Words the parser treats as syntax: a quoted name spelled like one stays
// quoted in keys.
const std::set<std::string, std::less<>>& keywords() {
  static const std::set<std::string, std::less<>> words = {
      "all", "and", "any", "array", "as", "asc", "asymmetric", "between", "case", "cast",
      "collate", "desc", "distinct", "else", "end", "escape", "exists", "false", "first", "from",
      "ilike", "in", "is", "isnull", "last", "like", "not", "notnull", "null", "nulls", "or",
      "select", "similar", "some", "symmetric", "then", "true", "unknown", "when", "with"};
  return words;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

bool op_char(char c) { return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos; }

// A '...' string starting at `i` (the quote), with '' inside; `backslash`:
// E'...' escapes. Returns the literal's text including its quotes.
std::string read_string(std::string_view s, size_t& i, bool backslash) {
  size_t start = i++;
  while (i < s.size()) {
    if (backslash && s[i] == '\\' && i + 1 < s.size()) {
      i += 2;
    } else if (s[i] == '\'') {
      if (i + 1 < s.size() && s[i + 1] == '\'') {
        i += 2;
      } else {
        ++i;
        return std::string(s.substr(start, i - start));
      }
    } else {
      ++i;
    }
  }
  throw ParseError{};
}

}  // namespace

std::vector<Token> lex(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.substr(i, 2) == "/*") {
      size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
    } else if (c == '\'') {
      out.push_back({Tk::kString, read_string(s, i, false)});
    } else if ((c == 'e' || c == 'E') && i + 1 < s.size() && s[i + 1] == '\'') {
      ++i;
      out.push_back({Tk::kString, "E" + read_string(s, i, true)});
    } else if (c == '"') {
      std::string inner;
      ++i;
      for (;;) {
        if (i >= s.size()) throw ParseError{};
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            inner += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        inner += s[i++];
      }
      std::string name = canonical_name(inner);
      if (keywords().count(name) != 0) name = "\"" + name + "\"";
      out.push_back({Tk::kQuoted, name});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t start = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i < s.size() && s[i] == '.' && s.substr(i, 2) != "..") {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      }
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
          i = j;
          while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        }
      }
      out.push_back({Tk::kNumber, lower(s.substr(start, i - start))});
    } else if (word_char(c)) {
      size_t start = i;
      while (i < s.size() && word_char(s[i])) ++i;
      out.push_back({Tk::kWord, lower(s.substr(start, i - start))});
    } else if (s.substr(i, 2) == "::") {
      out.push_back({Tk::kPunct, "::"});
      i += 2;
    } else if (op_char(c)) {
      size_t start = i;
      while (i < s.size() && op_char(s[i]) && s.substr(i, 2) != "--" && s.substr(i, 2) != "/*") ++i;
      if (i == start) ++i;  // a lone '-' or '/' that starts nothing else
      std::string op(s.substr(start, i - start));
      // PostgreSQL: a multi-character operator ends in + or - only when it
      // contains one of ~ ! @ # % ^ & | ` ?
      if (op.find_first_of("~!@#%^&|`?") == std::string::npos) {
        while (op.size() > 1 && (op.back() == '+' || op.back() == '-')) {
          op.pop_back();
          --i;
        }
      }
      out.push_back({Tk::kOp, op == "!=" ? "<>" : op});
    } else {
      out.push_back({Tk::kPunct, std::string(1, c)});
      ++i;
    }
  }
  out.push_back({Tk::kEnd, ""});
  return out;
}

}  // namespace strata::dialect::postgres::sql
