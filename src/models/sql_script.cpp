// SQL script lexing and statement splitting (see sql_script.h).
#include "models/sql_script.h"

#include <cctype>
#include <optional>

#include "strata/error.h"

namespace strata::models::sql {
namespace {

bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool ident_char(char c) {
  return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

class Lexer {
 public:
  Lexer(std::string_view s, std::string_view dialect, std::string_view file)
      : s_(s), pg_(dialect == "postgresql"), mysql_(dialect == "mysql"),
        sqlite_(dialect == "sqlite"), file_(file) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (true) {
      skip_space();
      if (i_ >= s_.size()) break;
      out.push_back(next());
    }
    return out;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw Error(ErrorCode::kScript, std::string(file_) + ":" + std::to_string(line) + ": " + what);
  }

  void advance(size_t n) {
    for (size_t k = 0; k < n && i_ < s_.size(); ++k) {
      if (s_[i_] == '\n') ++line_;
      ++i_;
    }
  }

  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) advance(1);
  }

  bool at(std::string_view w) const { return s_.compare(i_, w.size(), w) == 0; }

  Token make(Token::Kind kind, size_t begin, int line, std::string text) const {
    Token t;
    t.kind = kind;
    t.text = std::move(text);
    t.begin = begin;
    t.end = i_;
    t.line = line;
    return t;
  }

  bool line_comment_start() const {
    if (at("--")) {
      // MySQL wants whitespace (or the end) after "--".
      if (!mysql_) return true;
      return i_ + 2 >= s_.size() || std::isspace(static_cast<unsigned char>(s_[i_ + 2]));
    }
    return mysql_ && at("#");
  }

  Token next() {
    size_t begin = i_;
    int line = line_;
    char c = s_[i_];
    if (line_comment_start()) {
      advance(c == '#' ? 1 : 2);
      size_t from = i_;
      while (i_ < s_.size() && s_[i_] != '\n') advance(1);
      Token t = make(Token::Kind::kComment, begin, line, std::string(s_.substr(from, i_ - from)));
      t.line_comment = true;
      return t;
    }
    if (at("/*")) return block_comment(begin, line);
    if (c == '\'') return quoted(begin, line, '\'', '\'', Token::Kind::kString, mysql_);
    if (c == '"') {
      return mysql_ ? quoted(begin, line, '"', '"', Token::Kind::kString, true)
                    : quoted(begin, line, '"', '"', Token::Kind::kIdentifier, false);
    }
    if (c == '`' && !pg_) return quoted(begin, line, '`', '`', Token::Kind::kIdentifier, false);
    if (c == '[' && sqlite_) return quoted(begin, line, '[', ']', Token::Kind::kIdentifier, false);
    if (c == '$' && pg_) {
      if (auto t = dollar(begin, line)) return *t;
    }
    if ((c == 'E' || c == 'e') && pg_ && i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {
      advance(1);
      return quoted(begin, line, '\'', '\'', Token::Kind::kString, true);
    }
    if (ident_start(c)) {
      while (i_ < s_.size() && ident_char(s_[i_])) advance(1);
      return make(Token::Kind::kWord, begin, line, std::string(s_.substr(begin, i_ - begin)));
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.' ||
                                s_[i_] == '_')) {
        advance(1);
      }
      return make(Token::Kind::kNumber, begin, line, std::string(s_.substr(begin, i_ - begin)));
    }
    advance(1);
    return make(Token::Kind::kPunct, begin, line, std::string(1, c));
  }

  Token block_comment(size_t begin, int line) {
    advance(2);
    int depth = 1;
    size_t from = i_;
    while (i_ < s_.size()) {
      if (at("*/")) {
        if (--depth == 0) {
          size_t to = i_;
          advance(2);
          return make(Token::Kind::kComment, begin, line, std::string(s_.substr(from, to - from)));
        }
        advance(2);
      } else if (pg_ && at("/*")) {
        ++depth;
        advance(2);
      } else {
        advance(1);
      }
    }
    fail(line, "unterminated /* comment");
  }

  Token quoted(size_t begin, int line, char open, char close, Token::Kind kind, bool backslash) {
    advance(1);  // the opening quote
    std::string text;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (backslash && c == '\\' && i_ + 1 < s_.size()) {
        text += s_[i_ + 1];
        advance(2);
        continue;
      }
      if (c == close) {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == close && close != ']') {
          text += close;
          advance(2);
          continue;
        }
        advance(1);
        return make(kind, begin, line, std::move(text));
      }
      text += c;
      advance(1);
    }
    fail(line, std::string("unterminated ") + (kind == Token::Kind::kString ? "string literal"
                                                                           : "quoted identifier") +
                   " starting with " + open);
  }

  // $tag$...$tag$ (tag empty or an identifier not starting with a digit).
  std::optional<Token> dollar(size_t begin, int line) {
    size_t j = i_ + 1;
    while (j < s_.size() && s_[j] != '$') {
      if (!(ident_char(s_[j]) && s_[j] != '$') || (j == i_ + 1 && !ident_start(s_[j]))) {
        return std::nullopt;
      }
      ++j;
    }
    if (j >= s_.size()) return std::nullopt;
    std::string tag(s_.substr(i_, j - i_ + 1));
    size_t body = j + 1;
    size_t close = s_.find(tag, body);
    if (close == std::string_view::npos) fail(line, "unterminated " + tag + " quoted string");
    advance(close + tag.size() - i_);
    return make(Token::Kind::kString, begin, line, std::string(s_.substr(body, close - body)));
  }

  std::string_view s_;
  bool pg_, mysql_, sqlite_;
  std::string_view file_;
  size_t i_ = 0;
  int line_ = 1;
};

// Whether a statement's head (its first tokens) makes it a compound one
// whose body may hold semicolons.
bool compound_head(const std::vector<Token>& head) {
  if (head.empty() || !is_word(head[0], "CREATE")) return false;
  for (size_t k = 1; k < head.size() && k < 12; ++k) {
    const Token& t = head[k];
    if (t.kind == Token::Kind::kPunct && t.text == "(") return false;
    if (is_word(t, "TRIGGER") || is_word(t, "FUNCTION") || is_word(t, "PROCEDURE") ||
        is_word(t, "EVENT")) {
      return true;
    }
    if (is_word(t, "TABLE") || is_word(t, "VIEW") || is_word(t, "INDEX")) return false;
  }
  return false;
}

}  // namespace

bool is_word(const Token& t, std::string_view word) {
  if (t.kind != Token::Kind::kWord || t.text.size() != word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(t.text[i])) !=
        std::toupper(static_cast<unsigned char>(word[i]))) {
      return false;
    }
  }
  return true;
}

std::vector<Token> lex(std::string_view script, std::string_view dialect, std::string_view file) {
  return Lexer(script, dialect, file).run();
}

std::vector<Statement> split(std::string_view script, std::string_view dialect,
                             std::string_view file) {
  std::vector<Token> tokens = lex(script, dialect, file);
  std::vector<Statement> out;
  std::vector<Token> current;   // comments and code of the statement being read
  std::vector<Token> code;      // its non-comment tokens
  int depth = 0;                // BEGIN/CASE ... END nesting inside a compound statement
  bool compound = false;
  auto finish = [&](size_t end_offset) {
    if (!code.empty()) {
      Statement st;
      st.line = code.front().line;
      st.text = std::string(script.substr(code.front().begin, end_offset - code.front().begin));
      while (!st.text.empty() && std::isspace(static_cast<unsigned char>(st.text.back()))) {
        st.text.pop_back();
      }
      st.tokens = std::move(current);
      out.push_back(std::move(st));
    }
    current.clear();
    code.clear();
    depth = 0;
    compound = false;
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.kind == Token::Kind::kPunct && t.text == ";" && depth == 0) {
      finish(t.begin);
      // A line comment after the ';' on the same line ends that statement's
      // line: it belongs to it (a rename hint on a one-line CREATE TABLE).
      if (k + 1 < tokens.size() && tokens[k + 1].line_comment && tokens[k + 1].line == t.line &&
          !out.empty() && out.back().tokens.back().line == t.line) {
        out.back().tokens.push_back(tokens[++k]);
      }
      continue;
    }
    current.push_back(t);
    if (t.kind == Token::Kind::kComment) continue;
    code.push_back(t);
    if (code.size() <= 12) compound = compound_head(code);
    if (!compound) continue;
    if (is_word(t, "BEGIN") || is_word(t, "CASE")) {
      ++depth;
    } else if (is_word(t, "END") && depth > 0) {
      // END IF / END LOOP / END WHILE / END REPEAT close blocks not counted.
      size_t n = k + 1;
      while (n < tokens.size() && tokens[n].kind == Token::Kind::kComment) ++n;
      bool other = n < tokens.size() && (is_word(tokens[n], "IF") || is_word(tokens[n], "LOOP") ||
                                         is_word(tokens[n], "WHILE") || is_word(tokens[n], "REPEAT"));
      if (!other) --depth;
    }
  }
  finish(script.size());
  return out;
}

}  // namespace strata::models::sql
