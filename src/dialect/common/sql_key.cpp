// sql_key(): canonical expression text (see sql_key.h).
#include "dialect/common/sql_key.h"

#include <algorithm>
#include <map>
#include <optional>
#include <cctype>
#include <regex>
#include <vector>

#include "common/text.h"
#include "dialect/common/sql_tokens.h"
#include "strata/error.h"

namespace strata::dialect::common::sqltok {
namespace {

// A token, or a parenthesised group of nodes.
struct Node {
  std::string text;  // empty for a group
  bool group = false;
  bool word = false;  // a word or identifier (not a string, number-like op, ...)
  std::vector<Node> children;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool is_logic(const Node& n) {
  return n.word && (n.text == "and" || n.text == "or" || n.text == "xor" || n.text == "not");
}

// MySQL string literals ('...' or "...", doubled quotes and backslash
// escapes) rewritten as standard '...' literals; backquoted names and
// comments are copied as written ("#" comments dropped).
std::string standard_strings(std::string_view s) {
  std::string out;
  size_t i = 0;
  auto copy_until = [&](std::string_view end) {
    size_t e = s.find(end, i + 1);
    e = e == std::string_view::npos ? s.size() : e + end.size();
    out.append(s.substr(i, e - i));
    i = e;
  };
  while (i < s.size()) {
    const char c = s[i];
    if (c == '`') {
      size_t j = i + 1;
      while (j < s.size() && !(s[j] == '`' && !(j + 1 < s.size() && s[j + 1] == '`'))) {
        j += s[j] == '`' ? 2 : 1;
      }
      const size_t end = std::min(j + 1, s.size());
      out.append(s.substr(i, end - i));
      i = end;
    } else if (s.compare(i, 2, "--") == 0) {
      copy_until("\n");
    } else if (s.compare(i, 2, "/*") == 0) {
      copy_until("*/");
    } else if (c == '#') {
      size_t nl = s.find('\n', i);
      i = nl == std::string_view::npos ? s.size() : nl;
    } else if (c == '\'' || c == '"') {
      std::string content;
      size_t j = i + 1;
      bool closed = false;
      while (j < s.size()) {
        const char d = s[j];
        if (d == '\\' && j + 1 < s.size()) {
          const char e = s[j + 1];
          switch (e) {
            case '0': content += '\0'; break;
            case 'b': content += '\b'; break;
            case 'n': content += '\n'; break;
            case 'r': content += '\r'; break;
            case 't': content += '\t'; break;
            case 'Z': content += '\x1a'; break;
            case '%': case '_': content += '\\'; content += e; break;
            default: content += e; break;
          }
          j += 2;
          continue;
        }
        if (d == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            content += c;
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        content += d;
        ++j;
      }
      if (!closed) throw Error(ErrorCode::kDatabase, "cannot parse SQL: " + std::string(s));
      out += text::single_quoted(content);
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// A decimal literal without leading zeros or a bare trailing point; the
// fraction as written.
std::string canonical_literal(const std::string& number) {
  const size_t dot = number.find('.');
  std::string whole = number.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : number.substr(dot + 1);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  if (whole.empty()) whole = "0";
  return fraction.empty() ? whole : whole + "." + fraction;
}

bool is_number(const Node& n) {
  return !n.group && !n.word && !n.text.empty() &&
         (std::isdigit(static_cast<unsigned char>(n.text[0])) != 0);
}

// Whether a +/- at this point is a sign (nothing, or an operator, before it).
bool unary_position(const std::vector<Node>& out) {
  if (out.empty()) return true;
  const Node& prev = out.back();
  if (prev.word) return is_logic(prev);
  return !is_number(prev) && prev.text != ")" && prev.text.front() != '\'';
}

// Flat key tokens: "(" and ")" stay single-character texts.
std::vector<Node> key_tokens(std::string_view sql_in, const KeyOptions& options) {
  const std::string standard = options.mysql_strings ? standard_strings(sql_in) : std::string();
  const std::string_view sql = options.mysql_strings ? std::string_view(standard) : sql_in;
  std::vector<Token> t = tokenize(sql);
  std::vector<Node> out;
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& k = t[i];
    Node n;
    auto adjacent = [&](size_t a) { return a + 1 < t.size() && t[a].end == t[a + 1].begin; };
    auto digits_at = [&](size_t a) {
      return a < t.size() && t[a].kind == Token::Kind::kWord && all_digits(t[a].text);
    };
    switch (k.kind) {
      case Token::Kind::kWord:
        n.text = lower(k.text);
        n.word = !all_digits(k.text);
        if (options.drop_introducers && i + 1 < t.size() &&
            t[i + 1].kind == Token::Kind::kString &&
            (n.text.front() == '_' || (n.text == "n" && adjacent(i)))) {
          continue;  // _utf8mb4'x', N'x'
        }
        if (n.word) {
          auto literal = options.literals.find(n.text);
          const bool after_is =
              !out.empty() && (out.back().text == "is" ||
                               (out.back().text == "not" && out.size() > 1 &&
                                out[out.size() - 2].text == "is"));
          if (literal != options.literals.end() && !after_is) {
            n.text = literal->second;
            n.word = false;
          }
        }
        // 1.50: one number token; 1.: a number.
        if (!n.word && adjacent(i) && is_punct(t[i + 1], '.')) {
          if (adjacent(i + 1) && digits_at(i + 2)) {
            n.text += "." + t[i + 2].text;
            i += 2;
          } else if (options.canonical_numbers) {
            ++i;
          }
        }
        if (!n.word && options.canonical_numbers && all_digits(n.text.substr(0, 1))) {
          n.text = canonical_literal(n.text);
        }
        break;
      case Token::Kind::kIdentifier: {
        // Bare when it reads back as one word; else "quoted" (idempotence).
        n.text = lower(k.text);
        n.word = true;
        bool plain = !n.text.empty();
        for (unsigned char c : n.text) {
          if (!(std::isalnum(c) || c == '_' || c == '$' || c >= 0x80)) plain = false;
        }
        if (!plain) n.text = text::double_quoted(n.text);
        break;
      }
      case Token::Kind::kString: {
        // MySQL: a backslash is written escaped, so the key reads back alike.
        n.text = text::single_quoted(options.mysql_strings ? text::double_char(k.text, '\\')
                                                           : k.text);
        break;
      }
      default: {
        n.text = k.text;
        // .5: a number (not t.c).
        if (options.canonical_numbers && is_punct(k, '.') && adjacent(i) && digits_at(i + 1) &&
            !(i > 0 && t[i - 1].end == k.begin && t[i - 1].kind != Token::Kind::kPunct)) {
          n.text = canonical_literal("." + t[++i].text);
          break;
        }
        if (adjacent(i) && t[i + 1].kind == Token::Kind::kPunct) {
          std::string two = k.text + t[i + 1].text;
          if (two == "<=" || two == ">=" || two == "<>" || two == "!=" || two == "==" ||
              two == "||" || two == "&&") {
            n.text = two;
            ++i;
          }
        }
        if (n.text == "!=") n.text = "<>";
        if (n.text == "==") n.text = "=";
        auto op = options.operators.find(n.text);
        if (op != options.operators.end()) {
          n.text = op->second;
          n.word = std::isalpha(static_cast<unsigned char>(n.text[0])) != 0;
        }
        if (options.canonical_numbers && (n.text == "+" || n.text == "-") && unary_position(out) &&
            i + 1 < t.size() && digits_at(i + 1)) {
          if (n.text == "+") continue;  // +5 is 5
          if (std::all_of(t[i + 1].text.begin(), t[i + 1].text.end(),
                          [](char c) { return c == '0'; }) &&
              !(adjacent(i + 1) && is_punct(t[i + 2], '.'))) {
            continue;  // -0 is 0
          }
        }
        break;
      }
    }
    out.push_back(std::move(n));
  }
  return out;
}

// Nests the flat tokens at "(" / ")" into groups.
std::vector<Node> nest(const std::vector<Node>& flat, size_t* i, bool inner) {
  std::vector<Node> out;
  while (*i < flat.size()) {
    const Node& n = flat[*i];
    ++*i;
    if (!n.word && n.text == "(") {
      Node g;
      g.group = true;
      g.children = nest(flat, i, true);
      out.push_back(std::move(g));
    } else if (!n.word && n.text == ")") {
      if (!inner) throw Error(ErrorCode::kDatabase, "cannot parse SQL: unbalanced parentheses");
      return out;
    } else {
      out.push_back(n);
    }
  }
  if (inner) throw Error(ErrorCode::kDatabase, "cannot parse SQL: unbalanced parentheses");
  return out;
}

// Whether a group's own top level has AND / OR / XOR or a comma.
bool has_loose_operator(const std::vector<Node>& children) {
  for (const Node& c : children) {
    if (c.group) continue;
    if (c.word && (c.text == "and" || c.text == "or" || c.text == "xor")) return true;
    if (!c.word && c.text == ",") return true;
  }
  return false;
}

// IN / LIKE / BETWEEN / REGEXP / RLIKE / IS: the words a NOT folds into.
bool pattern_word(const Node& n) {
  return n.word && (n.text == "in" || n.text == "like" || n.text == "between" ||
                    n.text == "regexp" || n.text == "rlike" || n.text == "is");
}

// The single predicate `children` negated (see fold_negations), or nullopt
// when it is not one predicate this can negate.
std::optional<std::vector<Node>> negated(std::vector<Node> children) {
  static const std::map<std::string, std::string, std::less<>> flip{
      {"=", "<>"}, {"<>", "="}, {"<", ">="}, {">", "<="}, {"<=", ">"}, {">=", "<"}};
  std::optional<size_t> comparison, keyword;
  int comparisons = 0, keywords = 0;
  for (size_t i = 0; i < children.size(); ++i) {
    const Node& c = children[i];
    if (c.group) continue;
    if (!c.word && flip.count(c.text) > 0) {
      if (i + 1 < children.size() && children[i + 1].text == ">") return std::nullopt;  // <=>
      comparison = i;
      ++comparisons;
    } else if (!c.word && c.text == ",") {
      return std::nullopt;
    } else if (pattern_word(c)) {
      keyword = i;
      ++keywords;
    } else if (c.word && (c.text == "or" || c.text == "xor")) {
      return std::nullopt;
    } else if (c.word && c.text == "and") {
      if (!keyword || children[*keyword].text != "between") return std::nullopt;
    } else if (c.word && c.text == "not") {
      const bool before_keyword = i + 1 < children.size() && children[i + 1].word &&
                                  children[i + 1].text != "is" && pattern_word(children[i + 1]);
      const bool after_is = i > 0 && children[i - 1].word && children[i - 1].text == "is";
      if (!before_keyword && !after_is) return std::nullopt;
    }
  }
  Node negation;
  negation.text = "not";
  negation.word = true;
  if (comparisons == 1 && keywords == 0) {
    children[*comparison].text = flip.find(children[*comparison].text)->second;
    return children;
  }
  if (comparisons != 0 || keywords != 1 || *keyword == 0) return std::nullopt;
  const size_t k = *keyword;
  if (children[k].text == "is") {
    if (k + 1 < children.size() && children[k + 1].word && children[k + 1].text == "not") {
      children.erase(children.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    } else {
      children.insert(children.begin() + static_cast<std::ptrdiff_t>(k) + 1, negation);
    }
    return children;
  }
  if (children[k - 1].word && children[k - 1].text == "not") {
    children.erase(children.begin() + static_cast<std::ptrdiff_t>(k) - 1);
  } else {
    children.insert(children.begin() + static_cast<std::ptrdiff_t>(k), negation);
  }
  return children;
}

void simplify(std::vector<Node>& list, const KeyOptions& options) {
  for (Node& n : list) {
    if (n.group) simplify(n.children, options);
  }
  // Function names: aliases, and niladic "()" dropped.
  for (size_t i = 0; i + 1 < list.size(); ++i) {
    if (!list[i].word || !list[i + 1].group) continue;
    auto alias = options.aliases.find(list[i].text);
    if (alias != options.aliases.end()) list[i].text = alias->second;
    if (list[i + 1].children.empty() && options.niladic.count(list[i].text) > 0) {
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
  // NOT (predicate): folded into the predicate.
  for (size_t i = 0; options.fold_negations && i + 1 < list.size(); ++i) {
    if (!(list[i].word && list[i].text == "not" && list[i + 1].group)) continue;
    if (i > 0 && list[i - 1].word && list[i - 1].text == "is") continue;
    if (std::optional<std::vector<Node>> folded = negated(list[i + 1].children)) {
      list[i + 1].children = std::move(*folded);
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].group) continue;
      const bool after_word = i > 0 && list[i - 1].word && !is_logic(list[i - 1]);
      if (after_word) continue;  // a call, IN (...), a keyword's argument
      const bool before_ok = i == 0 || is_logic(list[i - 1]);
      const bool after_ok =
          i + 1 == list.size() || (is_logic(list[i + 1]) && list[i + 1].text != "not");
      const std::vector<Node>& inner = list[i].children;
      auto comma = [](const Node& n) { return !n.group && !n.word && n.text == ","; };
      const bool slot = (i == 0 || comma(list[i - 1])) && (i + 1 == list.size() || comma(list[i + 1]));
      const bool single = inner.size() == 1 || slot;
      const bool operand = before_ok && after_ok && !inner.empty() && !has_loose_operator(inner);
      if (!single && !operand) continue;
      std::vector<Node> content = inner;
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
      list.insert(list.begin() + static_cast<std::ptrdiff_t>(i), content.begin(), content.end());
      changed = true;
      break;
    }
  }
}

void flatten(const std::vector<Node>& list, std::string* out) {
  for (const Node& n : list) {
    if (!out->empty()) *out += ' ';
    if (n.group) {
      *out += '(';
      std::string inner;
      flatten(n.children, &inner);
      if (!inner.empty()) *out += ' ' + inner + ' ';
      *out += ')';
    } else {
      *out += n.text;
    }
  }
}

std::string quoted(std::string_view content) { return text::single_quoted(content); }

// Canonical decimal number text, or nullopt when `text` is not one.
std::optional<std::string> canonical_number(std::string_view text) {
  static const std::regex number(R"(([+-]?)(\d*)(\.(\d*))?)");
  std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, number) || (m[2].length() == 0 && m[4].length() == 0)) {
    return std::nullopt;
  }
  std::string whole = m[2].str();
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  if (whole.empty()) whole = "0";
  std::string fraction = m[4].str();
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = whole + (fraction.empty() ? "" : "." + fraction);
  if (m[1].str() == "-" && out != "0") out = "-" + out;
  return out;
}

// The content of a key that is one string literal.
std::optional<std::string> string_content(const std::string& key) {
  if (key.size() < 2 || key.front() != '\'' || key.back() != '\'') return std::nullopt;
  std::string out;
  for (size_t i = 1; i + 1 < key.size(); ++i) {
    if (key[i] == '\'') {
      if (key[i + 1] != '\'' || i + 2 >= key.size()) return std::nullopt;  // two literals
      ++i;
    }
    out += key[i];
  }
  return out;
}

}  // namespace

std::string type_text(std::string_view type) {
  std::string out;
  bool space = false;
  for (char ch : type) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    const bool tight = ch == '(' || ch == ')' || ch == ',';
    if (space && !tight && out.back() != '(' && out.back() != ',') out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::optional<std::string> default_value_key(const model::ServerDefault& value, DefaultClass cls,
                                             const KeyOptions& options) {
  std::optional<std::string> content;  // a string value
  std::optional<std::string> number;   // an unquoted number
  std::string key;
  if (value.is_expression) {
    key = sql_key(value.value, options);
    if (key == "null") return std::nullopt;
    content = string_content(key);
    if (!content) {
      const bool negative = key.rfind("- ", 0) == 0;
      number = canonical_number(negative ? "-" + key.substr(2) : key);
      if (number) number = negative ? "-" + key.substr(2) : key;
    }
  } else {
    content = value.value;
  }
  if (cls == DefaultClass::kBoolean) {
    std::string v = lower(content ? *content : number ? *number : key);
    if (v == "true" || v == "1") return "1";
    if (v == "false" || v == "0") return "0";
  }
  if (cls == DefaultClass::kNumber) {
    if (auto n = canonical_number(content ? *content : number ? *number : "")) return *n;
  }
  if (content) return quoted(*content);
  if (number) return quoted(*number);
  return "expr:" + key;
}

std::string sql_key(std::string_view sql, const KeyOptions& options) {
  std::vector<Node> flat = key_tokens(sql, options);
  size_t i = 0;
  std::vector<Node> tree = nest(flat, &i, false);
  simplify(tree, options);
  std::string out;
  flatten(tree, &out);
  return out;
}

}  // namespace strata::dialect::common::sqltok
