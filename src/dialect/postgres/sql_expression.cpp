// Canonical keys for PostgreSQL expressions (see sql_expression.h): a
// precedence parser over sql_lex.h's tokens building sql_tree.h's tree,
// which is simplified and printed; text it cannot parse keys by its tokens.
#include "dialect/postgres/sql_expression.h"

#include <cctype>
#include <set>
#include <utility>
#include <vector>

#include "dialect/postgres/sql_lex.h"
#include "dialect/postgres/sql_tree.h"
#include "dialect/postgres/types.h"

namespace strata::dialect::postgres {
namespace {

using sql::K;
using sql::Node;
using sql::ParseError;
using sql::Tk;
using sql::Token;
using sql::bool_node;
using sql::keywords;
using sql::leaf;
using sql::lex;
using sql::lower;
using sql::make;
using sql::print;
using sql::simplify;

// -------------------------------------------------------------- parser ----

// PostgreSQL's precedence levels, lowest first.
enum Prec {
  kNone = 0, kOr = 1, kAnd = 2, kNotPrec = 3, kIs = 4, kCompare = 5, kInLike = 6, kOther = 7,
  kAdd = 8, kMul = 9, kExp = 10, kCollatePrec = 11, kUnaryPrec = 12, kPostfix = 14,
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Node parse(int min_prec) {
    Node left = prefix();
    for (;;) {
      int p = infix_prec();
      if (p == kNone || p <= min_prec) return left;
      left = infix(std::move(left), p);
    }
  }

  // An index element's trailing opclass, ASC / DESC, NULLS FIRST / LAST, as
  // a key suffix without the defaults.
  std::string index_suffix() {
    std::string out;
    if (peek().kind == Tk::kWord && !is_word("asc") && !is_word("desc") && !is_word("nulls")) {
      out += " " + qualified_name();
    }
    bool desc = false;
    if (is_word("asc")) {
      next();
    } else if (is_word("desc")) {
      next();
      desc = true;
      out += " desc";
    }
    if (is_word("nulls")) {
      next();
      bool first = is_word("first");
      if (!first && !is_word("last")) throw ParseError{};
      next();
      if (first != desc) out += first ? " nulls first" : " nulls last";
    }
    return out;
  }

  bool at_end() const { return t_[i_].kind == Tk::kEnd; }

 private:
  const Token& peek(size_t ahead = 0) const {
    size_t j = std::min(i_ + ahead, t_.size() - 1);
    return t_[j];
  }
  Token next() {
    Token t = t_[i_];
    if (i_ + 1 < t_.size()) ++i_;
    return t;
  }
  bool is_word(std::string_view w, size_t ahead = 0) const {
    return peek(ahead).kind == Tk::kWord && peek(ahead).text == w;
  }
  bool is_punct(std::string_view p, size_t ahead = 0) const {
    return peek(ahead).kind == Tk::kPunct && peek(ahead).text == p;
  }
  void expect_punct(std::string_view p) {
    if (!is_punct(p)) throw ParseError{};
    next();
  }
  void expect_word(std::string_view w) {
    if (!is_word(w)) throw ParseError{};
    next();
  }
  bool name_token(size_t ahead = 0) const {
    return peek(ahead).kind == Tk::kWord || peek(ahead).kind == Tk::kQuoted;
  }

  std::string qualified_name() {
    if (!name_token()) throw ParseError{};
    std::string out = next().text;
    while (is_punct(".") && name_token(1)) {
      next();
      out += "." + next().text;
    }
    return out;
  }

  // A type after :: or CAST(... AS, in canonical spelling.
  std::string type_name() {
    std::string text = qualified_name();
    static const std::set<std::string, std::less<>> multi = {
        "double", "character", "char", "national", "bit", "timestamp", "time"};
    static const std::set<std::string, std::less<>> continuation = {
        "precision", "varying", "character", "with", "without", "time", "zone"};
    const bool multiword = multi.count(text) != 0;
    auto words = [&] {
      while (multiword && peek().kind == Tk::kWord && continuation.count(peek().text) != 0) {
        text += " " + next().text;
      }
    };
    words();
    if (is_punct("(")) {
      next();
      text += "(";
      while (!is_punct(")")) {
        if (at_end()) throw ParseError{};
        text += next().text;
      }
      next();
      text += ")";
      words();
    }
    while (is_punct("[")) {
      next();
      if (peek().kind == Tk::kNumber) next();
      expect_punct("]");
      text += "[]";
    }
    return canonical_type(text);
  }

  int infix_prec() const {
    const Token& t = peek();
    if (t.kind == Tk::kWord) {
      if (t.text == "or") return kOr;
      if (t.text == "and") return kAnd;
      if (t.text == "is" || t.text == "isnull" || t.text == "notnull") return kIs;
      if (t.text == "in" || t.text == "like" || t.text == "ilike" || t.text == "between") {
        return kInLike;
      }
      if (t.text == "not" && (is_word("in", 1) || is_word("like", 1) || is_word("ilike", 1) ||
                              is_word("between", 1))) {
        return kInLike;
      }
      if (t.text == "collate") return kCollatePrec;
      return kNone;
    }
    if (t.kind == Tk::kOp) {
      static const std::set<std::string, std::less<>> compare = {"=", "<", ">", "<=", ">=", "<>"};
      if (compare.count(t.text) != 0) return kCompare;
      if (t.text == "+" || t.text == "-") return kAdd;
      if (t.text == "*" || t.text == "/" || t.text == "%") return kMul;
      if (t.text == "^") return kExp;
      return kOther;
    }
    if (t.kind == Tk::kPunct && (t.text == "::" || t.text == "[")) return kPostfix;
    return kNone;
  }

  std::vector<Node> list_until(std::string_view close) {
    std::vector<Node> items;
    if (is_punct(close)) {
      next();
      return items;
    }
    for (;;) {
      if (is_word("select") || is_word("with")) throw ParseError{};  // subquery
      items.push_back(parse(kNone));
      if (is_punct(",")) {
        next();
        continue;
      }
      expect_punct(close);
      return items;
    }
  }

  // ARRAY[...] after the keyword; nested brackets are sub-arrays.
  Node array_items() {
    expect_punct("[");
    std::vector<Node> items;
    if (is_punct("]")) {
      next();
      return make(K::kArray, "", {});
    }
    for (;;) {
      items.push_back(is_punct("[") ? array_items() : parse(kNone));
      if (is_punct(",")) {
        next();
        continue;
      }
      expect_punct("]");
      return make(K::kArray, "", std::move(items));
    }
  }

  Node infix(Node left, int prec) {
    if (is_word("or") || is_word("and")) {
      std::string op = next().text;
      return bool_node(op, std::move(left), parse(prec));
    }
    if (is_word("isnull") || is_word("notnull")) {
      bool is_null = next().text == "isnull";
      return make(K::kTest, is_null ? "is null" : "is not null", {std::move(left)});
    }
    if (is_word("is")) {
      next();
      std::string test = "is";
      if (is_word("not")) test += " " + next().text;
      if (is_word("null") || is_word("true") || is_word("false") || is_word("unknown")) {
        return make(K::kTest, test + " " + next().text, {std::move(left)});
      }
      expect_word("distinct");
      expect_word("from");
      return make(K::kBinary, test + " distinct from", {std::move(left), parse(prec)});
    }
    bool negate = false;
    if (is_word("not")) {
      next();
      negate = true;
    }
    if (is_word("in")) {
      next();
      expect_punct("(");
      std::vector<Node> items = list_until(")");
      if (items.empty()) throw ParseError{};
      const std::string op = negate ? "<>" : "=";
      if (items.size() == 1) return make(K::kBinary, op, {std::move(left), std::move(items[0])});
      return make(K::kQuant, op, {std::move(left), make(K::kArray, "", std::move(items))},
                  negate ? "all" : "any");
    }
    if (is_word("like") || is_word("ilike")) {
      std::string op = next().text == "like" ? "~~" : "~~*";
      Node right = parse(prec);
      if (is_word("escape")) throw ParseError{};
      return make(K::kBinary, (negate ? "!" : "") + op, {std::move(left), std::move(right)});
    }
    if (is_word("between")) {
      next();
      if (is_word("symmetric")) throw ParseError{};
      if (is_word("asymmetric")) next();
      Node low = parse(prec);
      expect_word("and");
      Node high = parse(prec);
      Node copy = left;
      if (negate) {
        return bool_node("or", make(K::kBinary, "<", {std::move(left), std::move(low)}),
                         make(K::kBinary, ">", {std::move(copy), std::move(high)}));
      }
      return bool_node("and", make(K::kBinary, ">=", {std::move(left), std::move(low)}),
                       make(K::kBinary, "<=", {std::move(copy), std::move(high)}));
    }
    if (negate) throw ParseError{};
    if (is_word("collate")) {
      next();
      return make(K::kCollate, qualified_name(), {std::move(left)});
    }
    if (is_punct("::")) {
      next();
      return make(K::kCast, type_name(), {std::move(left)});
    }
    if (is_punct("[")) {
      next();
      std::vector<Node> kids{std::move(left), parse(kNone)};
      if (is_punct(":")) {
        next();
        kids.push_back(parse(kNone));
      }
      expect_punct("]");
      return make(K::kSubscript, "", std::move(kids));
    }
    if (peek().kind != Tk::kOp) throw ParseError{};
    std::string op = next().text;
    if ((is_word("any") || is_word("some") || is_word("all")) && is_punct("(", 1)) {
      std::string quant = next().text == "all" ? "all" : "any";
      next();
      if (is_word("select") || is_word("with")) throw ParseError{};
      Node inner = parse(kNone);
      expect_punct(")");
      return make(K::kQuant, op, {std::move(left), std::move(inner)}, quant);
    }
    return make(K::kBinary, op, {std::move(left), parse(prec)});
  }

  Node prefix() {
    const Token t = peek();
    switch (t.kind) {
      case Tk::kString: next(); return leaf(K::kString, t.text);
      case Tk::kNumber: next(); return leaf(K::kNumber, t.text);
      case Tk::kOp: {
        next();
        Node operand = parse(kUnaryPrec);
        if ((t.text == "-" || t.text == "+") && operand.kind == K::kNumber) {
          if (t.text == "+") return operand;
          const std::string& n = operand.text;
          return leaf(K::kNumber, n[0] == '-' ? n.substr(1) : "-" + n);
        }
        return make(K::kUnary, t.text, {std::move(operand)});
      }
      case Tk::kPunct: {
        if (t.text != "(") throw ParseError{};
        next();
        if (is_word("select") || is_word("with")) throw ParseError{};
        Node inner = parse(kNone);
        if (is_punct(",")) {  // a row constructor
          next();
          std::vector<Node> items{std::move(inner)};
          for (Node& n : list_until(")")) items.push_back(std::move(n));
          return make(K::kFunc, "row", std::move(items));
        }
        expect_punct(")");
        return inner;
      }
      case Tk::kWord: return word_prefix();
      case Tk::kQuoted: return name_or_call();
      case Tk::kEnd: break;
    }
    throw ParseError{};
  }

  Node word_prefix() {
    const std::string w = peek().text;
    if (w == "not") {
      next();
      return make(K::kNot, "", {parse(kNotPrec)});
    }
    if (w == "true" || w == "false" || w == "null") {
      next();
      return leaf(K::kConst, w);
    }
    if (w == "array" && is_punct("[", 1)) {
      next();
      return array_items();
    }
    if (w == "cast" && is_punct("(", 1)) {
      next();
      next();
      Node inner = parse(kNone);
      expect_word("as");
      std::string type = type_name();
      expect_punct(")");
      return make(K::kCast, type, {std::move(inner)});
    }
    if (w == "case") return case_expr();
    if (keywords().count(w) != 0 && w != "first" && w != "last") throw ParseError{};
    if (peek(1).kind == Tk::kString) {  // a typed literal: date '2020-01-01'
      next();
      Node literal = leaf(K::kString, next().text);
      return make(K::kCast, canonical_type(w), {std::move(literal)});
    }
    return name_or_call();
  }

  Node case_expr() {
    next();
    Node out = make(K::kCase, "", {});
    if (!is_word("when")) {
      out.kids.push_back(parse(kNone));
      out.text = "arg";
    }
    while (is_word("when")) {
      next();
      out.kids.push_back(parse(kNone));
      expect_word("then");
      out.kids.push_back(parse(kNone));
    }
    if (is_word("else")) {
      next();
      out.kids.push_back(parse(kNone));
      out.extra = "else";
    }
    expect_word("end");
    return out;
  }

  Node name_or_call() {
    std::string name = next().text;
    while (is_punct(".")) {
      next();
      if (peek().kind == Tk::kOp && peek().text == "*") {
        next();
        return leaf(K::kName, name + ".*");
      }
      if (!name_token()) throw ParseError{};
      name += "." + next().text;
    }
    if (!is_punct("(")) return leaf(K::kName, name);
    next();
    Node call = make(K::kFunc, name, {});
    if (peek().kind == Tk::kOp && peek().text == "*" && is_punct(")", 1)) {
      next();
      next();
      call.kids.push_back(leaf(K::kStar, "*"));
      return call;
    }
    if (is_word("distinct")) {
      next();
      call.extra = "distinct";
    }
    call.kids = list_until(")");
    return call;
  }

  std::vector<Token> t_;
  size_t i_ = 0;
};

// Text the parser does not understand: its tokens, joined by single spaces.
std::string token_key(std::string_view sql) {
  std::vector<Token> tokens;
  try {
    tokens = lex(sql);
  } catch (const ParseError&) {
    std::string out;
    bool space = false;
    for (char c : sql) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }
  std::string out;
  for (const Token& t : tokens) {
    if (t.kind == Tk::kEnd) break;
    out += (out.empty() ? "" : " ") + t.text;
  }
  return out;
}

// Boolean input spellings PostgreSQL accepts, as 'true' / 'false'.
std::string boolean_literal(const std::string& literal) {
  if (literal.size() < 2 || literal.front() != '\'') return literal;
  std::string inner = lower(literal.substr(1, literal.size() - 2));
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()))) inner.pop_back();
  size_t start = inner.find_first_not_of(" \t\n\r");
  inner = start == std::string::npos ? "" : inner.substr(start);
  static const std::set<std::string, std::less<>> truthy = {"t", "tr", "tru", "true", "y", "ye",
                                                           "yes", "on", "1"};
  static const std::set<std::string, std::less<>> falsy = {"f", "fa", "fal", "fals", "false", "n",
                                                          "no", "of", "off", "0"};
  if (truthy.count(inner) != 0) return "'true'";
  if (falsy.count(inner) != 0) return "'false'";
  return literal;
}

}  // namespace

std::string expression_key(std::string_view sql) {
  try {
    Parser parser(lex(sql));
    Node node = parser.parse(kNone);
    std::string suffix = parser.index_suffix();
    if (!parser.at_end()) throw ParseError{};
    return print(simplify(std::move(node))) + suffix;
  } catch (const ParseError&) {
    return token_key(sql);
  }
}

std::string default_expression_key(std::string_view sql, bool boolean) {
  try {
    Parser parser(lex(sql));
    Node node = parser.parse(kNone);
    if (!parser.at_end()) throw ParseError{};
    node = simplify(std::move(node));
    while (node.kind == K::kCast && (node.kids[0].kind == K::kString ||
                                     node.kids[0].kind == K::kNumber ||
                                     node.kids[0].kind == K::kConst)) {
      Node inner = std::move(node.kids[0]);
      node = std::move(inner);
    }
    if (node.kind == K::kNumber || (node.kind == K::kConst && node.text != "null")) {
      node = leaf(K::kString, "'" + node.text + "'");
    }
    if (boolean && node.kind == K::kString) node.text = boolean_literal(node.text);
    return print(node);
  } catch (const ParseError&) {
    return token_key(sql);
  }
}

}  // namespace strata::dialect::postgres