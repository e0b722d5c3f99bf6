// The expression tree of the PostgreSQL normalizer (sql_expression.h),
// private to dialect/postgres: what the parser builds, the rewrites that
// undo PostgreSQL's own (simplify), and the canonical printer.
//
// Contract:
//  - simplify(): bottom-up; drops a cast of a string literal (a numeric type
//    with a numeric literal gives the number), casts to text-like types of
//    names, casts to text-like array types of ARRAY[...], casts of numbers
//    to numeric types; flattens AND / OR chains.
//  - print(): fully parenthesised, lower-case keywords, one space between
//    parts; its output parses back to an equal tree.
#pragma once

#include <string>
#include <vector>

namespace strata::dialect::postgres::sql {

struct Node {
  enum class K {
    kString, kNumber, kConst, kName, kStar, kFunc, kCast, kUnary, kBinary, kBool, kNot, kTest,
    kQuant, kArray, kCase, kSubscript, kCollate,
  };
  K kind;
  std::string text;   // literal, name, operator, type, "and"/"or", "is not null", ...
  std::string extra;  // kFunc: "distinct"; kQuant: "any"/"all"; kCase: "arg"/"else" flags
  std::vector<Node> kids;
};

using K = Node::K;

Node leaf(K kind, std::string text);
Node make(K kind, std::string text, std::vector<Node> kids, std::string extra = "");
// AND / OR chains as one n-ary node.
Node bool_node(const std::string& op, Node left, Node right);

Node simplify(Node n);
std::string print(const Node& n);

}  // namespace strata::dialect::postgres::sql
