// PostgreSQL type text: format_type() -> neutral type, and canonical
// spellings (see types.h).
#include "dialect/postgres/types.h"

#include <cctype>
#include <map>
#include <optional>
#include <vector>

#include "common/text.h"

namespace strata::dialect::postgres {
namespace {

using Kind = model::Type::Kind;

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string canonical_name(std::string_view inner) {
  bool plain = !inner.empty() && !std::isdigit(static_cast<unsigned char>(inner[0]));
  for (char c : inner) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_')) {
      plain = false;
    }
  }
  if (plain) return std::string(inner);
  return text::double_quoted(inner);
}

namespace {

// Tokens: words (lower-cased), quoted names, and single punctuation
// characters; whitespace dropped.
std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '"') {
      std::string inner;
      ++i;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            inner += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        inner += text[i++];
      }
      // "char" (quoted) is PostgreSQL's one-byte type, not character(1).
      out.push_back(inner == "char" ? std::string("\"char\"") : canonical_name(inner));
    } else if (is_word_char(c)) {
      size_t start = i;
      while (i < text.size() && is_word_char(text[i])) ++i;
      out.push_back(lower(text.substr(start, i - start)));
    } else {
      out.push_back(std::string(1, c));
      ++i;
    }
  }
  return out;
}

struct Parts {
  std::vector<std::string> words;  // the name, dotted parts joined
  std::vector<std::string> args;   // (a, b)
  std::vector<std::string> after;  // words after the arguments (with time zone)
  bool array = false;
};

Parts split(const std::vector<std::string>& toks) {
  Parts p;
  size_t i = 0;
  auto word = [](const std::string& t) { return !t.empty() && (is_word_char(t[0]) || t[0] == '"'); };
  auto take_words = [&](std::vector<std::string>& into) {
    while (i < toks.size() && (word(toks[i]) || toks[i] == ".") && toks[i] != "array") {
      if (toks[i] == "." && !into.empty() && i + 1 < toks.size()) {
        into.back() += "." + toks[i + 1];
        i += 2;
      } else {
        into.push_back(toks[i++]);
      }
    }
  };
  take_words(p.words);
  if (i < toks.size() && toks[i] == "(") {
    ++i;
    std::string arg;
    while (i < toks.size() && toks[i] != ")") {
      if (toks[i] == ",") {
        p.args.push_back(arg);
        arg.clear();
      } else {
        arg += toks[i];
      }
      ++i;
    }
    p.args.push_back(arg);
    if (i < toks.size()) ++i;
    take_words(p.after);
  }
  for (; i < toks.size(); ++i) {
    if (toks[i] == "[" || toks[i] == "array") p.array = true;
  }
  return p;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? std::string(sep) : "") + parts[i];
  return out;
}

std::optional<int> number(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::stoi(text);
}

// "timestamp" / "time" with its precision and zone.
std::string temporal(const std::string& base, bool tz, const std::vector<std::string>& args) {
  std::string out = base;
  if (!args.empty()) out += "(" + args[0] + ")";
  return out + (tz ? " with time zone" : " without time zone");
}

std::string canonical_scalar(Parts p) {
  // Words after the name belong to it (timestamp(3) with time zone).
  std::vector<std::string> words = p.words;
  words.insert(words.end(), p.after.begin(), p.after.end());
  if (!words.empty()) {
    std::string& first = words.front();
    if (first.rfind("pg_catalog.", 0) == 0) first = first.substr(11);
    if (first.rfind("public.", 0) == 0) first = first.substr(7);
  }
  const std::string name = join(words, " ");
  const std::string args = join(p.args, ",");
  static const std::map<std::string, std::string, std::less<>> simple = {
      {"int", "integer"}, {"int4", "integer"}, {"integer", "integer"}, {"serial", "integer"},
      {"serial4", "integer"}, {"int8", "bigint"}, {"bigint", "bigint"}, {"bigserial", "bigint"},
      {"serial8", "bigint"}, {"int2", "smallint"}, {"smallint", "smallint"},
      {"smallserial", "smallint"}, {"serial2", "smallint"}, {"bool", "boolean"},
      {"boolean", "boolean"}, {"float8", "double precision"},
      {"double precision", "double precision"}, {"float4", "real"}, {"real", "real"},
      {"timestamptz", "timestamp with time zone"}, {"timetz", "time with time zone"},
      {"varbit", "bit varying"}, {"char varying", "character varying"},
      {"varchar", "character varying"}, {"character varying", "character varying"},
      {"decimal", "numeric"}, {"numeric", "numeric"},
      {"national character varying", "character varying"},
      {"national character", "character"}, {"nchar", "character"}, {"char", "character"},
      {"character", "character"}, {"bit varying", "bit varying"}, {"bit", "bit"}};
  std::string base = name;
  if (auto it = simple.find(name); it != simple.end()) base = it->second;

  if (name == "float") {
    std::optional<int> prec = p.args.empty() ? std::nullopt : number(p.args[0]);
    return prec && *prec <= 24 ? "real" : "double precision";
  }
  if (base == "numeric") {
    if (p.args.empty()) return "numeric";
    return "numeric(" + p.args[0] + "," + (p.args.size() > 1 ? p.args[1] : "0") + ")";
  }
  if (base == "character" || base == "bit") {
    return base + "(" + (p.args.empty() ? "1" : args) + ")";
  }
  // timestamp [(p)] [with[out] time zone], time ..., timestamptz [(p)]
  const std::string head = p.words.empty() ? "" : p.words.front();
  if (head == "timestamp" || head == "time" || head == "timestamptz" || head == "timetz") {
    bool tz = head == "timestamptz" || head == "timetz";
    for (const std::string& w : words) tz = tz || w == "with";
    const std::string b = head == "timestamptz" || head == "timestamp" ? "timestamp" : "time";
    return temporal(b, tz, p.args);
  }
  // Integer aliases take no arguments; others keep theirs.
  if (base == "integer" || base == "bigint" || base == "smallint" || base == "boolean" ||
      base == "double precision" || base == "real") {
    return base;
  }
  return p.args.empty() ? base : base + "(" + args + ")";
}

}  // namespace

model::Type from_format_type(const std::string& text) {
  model::Type type;
  static const std::map<std::string, Kind, std::less<>> exact = {
      {"integer", Kind::kInteger},   {"bigint", Kind::kBigInteger},
      {"smallint", Kind::kSmallInteger}, {"text", Kind::kText},
      {"boolean", Kind::kBoolean},   {"double precision", Kind::kFloat},
      {"date", Kind::kDate},         {"bytea", Kind::kLargeBinary},
      {"json", Kind::kJson},         {"uuid", Kind::kUuid},
      {"character varying", Kind::kString}, {"numeric", Kind::kNumeric}};
  if (auto it = exact.find(text); it != exact.end()) {
    type.kind = it->second;
    return type;
  }
  if (text == "timestamp without time zone" || text == "timestamp with time zone") {
    type.kind = Kind::kDateTime;
    type.timezone = text == "timestamp with time zone";
    return type;
  }
  if (text == "time without time zone" || text == "time with time zone") {
    type.kind = Kind::kTime;
    type.timezone = text == "time with time zone";
    return type;
  }
  const std::string varchar = "character varying(";
  if (text.rfind(varchar, 0) == 0 && text.back() == ')') {
    if (std::optional<int> n = number(text.substr(varchar.size(), text.size() - varchar.size() - 1))) {
      type.kind = Kind::kString;
      type.length = n;
      return type;
    }
  }
  const std::string numeric = "numeric(";
  if (text.rfind(numeric, 0) == 0 && text.back() == ')') {
    std::string inner = text.substr(numeric.size(), text.size() - numeric.size() - 1);
    size_t comma = inner.find(',');
    if (comma != std::string::npos) {
      std::optional<int> p = number(inner.substr(0, comma));
      std::optional<int> s = number(inner.substr(comma + 1));
      if (p && s) {
        type.kind = Kind::kNumeric;
        type.precision = p;
        type.scale = s;
        return type;
      }
    }
  }
  type.kind = Kind::kRaw;
  type.raw = text;
  return type;
}

std::string canonical_type(std::string_view text) {
  Parts parts = split(tokens(text));
  const bool array = parts.array;
  std::string out = canonical_scalar(std::move(parts));
  return array ? out + "[]" : out;
}

}  // namespace strata::dialect::postgres
