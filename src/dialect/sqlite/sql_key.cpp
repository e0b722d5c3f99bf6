// sql_key(): canonical expression text (see sql_key.h).
#include "dialect/sqlite/sql_key.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

#include "common/text.h"
#include "dialect/sqlite/tokens.h"
#include "strata/error.h"

namespace strata::dialect::sqltok {
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

// Flat key tokens: "(" and ")" stay single-character texts.
std::vector<Node> key_tokens(std::string_view sql) {
  std::vector<Token> t = tokenize(sql);
  std::vector<Node> out;
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& k = t[i];
    Node n;
    auto adjacent = [&](size_t a) { return a + 1 < t.size() && t[a].end == t[a + 1].begin; };
    switch (k.kind) {
      case Token::Kind::kWord:
        n.text = lower(k.text);
        n.word = !all_digits(k.text);
        // 1.50: one number token.
        if (!n.word && adjacent(i) && is_punct(t[i + 1], '.') && adjacent(i + 1) &&
            t[i + 2].kind == Token::Kind::kWord && all_digits(t[i + 2].text)) {
          n.text += "." + t[i + 2].text;
          i += 2;
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
        n.text = text::single_quoted(k.text);
        break;
      }
      default: {
        n.text = k.text;
        if (adjacent(i) && t[i + 1].kind == Token::Kind::kPunct) {
          std::string two = k.text + t[i + 1].text;
          if (two == "<=" || two == ">=" || two == "<>" || two == "!=" || two == "==" ||
              two == "||") {
            n.text = two;
            ++i;
          }
        }
        if (n.text == "!=") n.text = "<>";
        if (n.text == "==") n.text = "=";
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

bool is_logic(const Node& n) {
  return n.word && (n.text == "and" || n.text == "or" || n.text == "xor" || n.text == "not");
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
  std::vector<Node> flat = key_tokens(sql);
  size_t i = 0;
  std::vector<Node> tree = nest(flat, &i, false);
  simplify(tree, options);
  std::string out;
  flatten(tree, &out);
  return out;
}

}  // namespace strata::dialect::sqltok
