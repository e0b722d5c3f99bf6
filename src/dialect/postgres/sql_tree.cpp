// The expression tree: simplify and print (see sql_tree.h).
#include "dialect/postgres/sql_tree.h"

#include <cctype>
#include <optional>
#include <utility>

namespace strata::dialect::postgres::sql {

Node leaf(K kind, std::string text) { return Node{kind, std::move(text), "", {}}; }

Node make(K kind, std::string text, std::vector<Node> kids, std::string extra) {
  return Node{kind, std::move(text), std::move(extra), std::move(kids)};
}

Node bool_node(const std::string& op, Node left, Node right) {
  std::vector<Node> kids;
  for (Node* n : {&left, &right}) {
    if (n->kind == K::kBool && n->text == op) {
      for (Node& k : n->kids) kids.push_back(std::move(k));
    } else {
      kids.push_back(std::move(*n));
    }
  }
  return make(K::kBool, op, std::move(kids));
}

namespace {

// ---------------------------------------------------------- simplify ----

bool texty(const std::string& type) {
  return type == "text" || type == "bpchar" || type == "name" || type == "unknown" ||
         type == "regclass" || type.rfind("character varying", 0) == 0 ||
         type.rfind("character(", 0) == 0;
}

bool numeric_type(const std::string& type) {
  return type == "integer" || type == "bigint" || type == "smallint" || type == "real" ||
         type == "double precision" || type.rfind("numeric", 0) == 0;
}

// '123', '-1.5' -> the number's text; nullopt otherwise.
std::optional<std::string> number_in(const std::string& literal) {
  if (literal.size() < 3 || literal.front() != '\'') return std::nullopt;
  std::string inner = literal.substr(1, literal.size() - 2);
  size_t i = inner[0] == '-' ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < inner.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(inner[i]))) {
      digits = true;
    } else if (inner[i] == '.' && !dot) {
      dot = true;
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  return inner;
}

}  // namespace

Node simplify(Node n) {
  for (Node& k : n.kids) k = simplify(std::move(k));
  if (n.kind == K::kCast) {
    const std::string& type = n.text;
    Node& x = n.kids[0];
    const bool array = type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0;
    const std::string element = array ? type.substr(0, type.size() - 2) : type;
    if (x.kind == K::kString) {
      if (!array && numeric_type(type)) {
        if (std::optional<std::string> number = number_in(x.text)) return leaf(K::kNumber, *number);
      }
      return std::move(x);
    }
    if (!array && texty(type) && x.kind == K::kName) return std::move(x);
    if (array && texty(element) && x.kind == K::kArray) return std::move(x);
    if (!array && numeric_type(type) && x.kind == K::kNumber) return std::move(x);
  }
  if (n.kind == K::kBool) {
    std::vector<Node> flat;
    for (Node& k : n.kids) {
      if (k.kind == K::kBool && k.text == n.text) {
        for (Node& kk : k.kids) flat.push_back(std::move(kk));
      } else {
        flat.push_back(std::move(k));
      }
    }
    n.kids = std::move(flat);
  }
  return n;
}


// ------------------------------------------------------------- printer ----

namespace {

std::string print_list(const std::vector<Node>& kids, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < kids.size(); ++i) out += (i > from ? ", " : "") + print(kids[i]);
  return out;
}

}  // namespace

std::string print(const Node& n) {
  switch (n.kind) {
    case K::kString:
    case K::kNumber:
    case K::kConst:
    case K::kName:
    case K::kStar: return n.text;
    case K::kFunc:
      return n.text + "(" + (n.extra.empty() ? "" : n.extra + " ") + print_list(n.kids) + ")";
    case K::kCast: return "(" + print(n.kids[0]) + ")::" + n.text;
    case K::kUnary: return "(" + n.text + " " + print(n.kids[0]) + ")";
    case K::kBinary:
      return "(" + print(n.kids[0]) + " " + n.text + " " + print(n.kids[1]) + ")";
    case K::kBool: {
      std::string out = "(";
      for (size_t i = 0; i < n.kids.size(); ++i) {
        out += (i ? " " + n.text + " " : "") + print(n.kids[i]);
      }
      return out + ")";
    }
    case K::kNot: return "(not " + print(n.kids[0]) + ")";
    case K::kTest: return "(" + print(n.kids[0]) + " " + n.text + ")";
    case K::kQuant:
      return "(" + print(n.kids[0]) + " " + n.text + " " + n.extra + " (" + print(n.kids[1]) + "))";
    case K::kArray: return "array[" + print_list(n.kids) + "]";
    case K::kCase: {
      std::string out = "case";
      size_t i = 0;
      if (n.text == "arg") out += " " + print(n.kids[i++]);
      const size_t pairs_end = n.extra == "else" ? n.kids.size() - 1 : n.kids.size();
      for (; i + 1 < pairs_end; i += 2) {
        out += " when " + print(n.kids[i]) + " then " + print(n.kids[i + 1]);
      }
      if (n.extra == "else") out += " else " + print(n.kids.back());
      return out + " end";
    }
    case K::kSubscript: {
      const Node& base = n.kids[0];
      std::string out = base.kind == K::kName || base.kind == K::kFunc ? print(base)
                                                                       : "(" + print(base) + ")";
      out += "[" + print(n.kids[1]);
      if (n.kids.size() > 2) out += ":" + print(n.kids[2]);
      return out + "]";
    }
    case K::kCollate: return "(" + print(n.kids[0]) + " collate " + n.text + ")";
  }
  return n.text;
}

}  // namespace strata::dialect::postgres::sql
