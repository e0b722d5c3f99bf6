// Statement heads, CREATE TABLE bodies and rename hints (see sql_ddl.h).
#include "models/sql_ddl.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "strata/error.h"

namespace strata::models::sql {
namespace {

using Kind = Token::Kind;

bool is_punct(const Token& t, char c) { return t.kind == Kind::kPunct && t.text[0] == c; }
bool is_name(const Token& t) { return t.kind == Kind::kWord || t.kind == Kind::kIdentifier; }

std::string fold(const Token& t, std::string_view dialect) {
  if (t.kind != Kind::kWord || dialect != "postgresql") return t.text;
  std::string out = t.text;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<const Token*> code_of(const Statement& st) {
  std::vector<const Token*> out;
  for (const Token& t : st.tokens) {
    if (t.kind != Kind::kComment) out.push_back(&t);
  }
  return out;
}

struct QualifiedName {
  std::optional<std::string> schema;
  std::string name;
  size_t last = 0;  // index (in the code tokens) of the name's last token
  bool ok = false;
};

// `a`, `a.b` or `a.b.c` (the last two parts) at code[k].
QualifiedName qualified_at(const std::vector<const Token*>& code, size_t k, std::string_view dialect) {
  QualifiedName q;
  std::vector<std::string> parts;
  while (k < code.size() && is_name(*code[k])) {
    parts.push_back(fold(*code[k], dialect));
    q.last = k;
    if (k + 2 < code.size() && is_punct(*code[k + 1], '.')) {
      k += 2;
    } else {
      break;
    }
  }
  if (parts.empty()) return q;
  q.ok = true;
  q.name = parts.back();
  if (parts.size() >= 2) q.schema = parts[parts.size() - 2];
  return q;
}

size_t skip_if_not_exists(const std::vector<const Token*>& code, size_t k) {
  if (k + 2 < code.size() && is_word(*code[k], "IF") && is_word(*code[k + 1], "NOT") &&
      is_word(*code[k + 2], "EXISTS")) {
    return k + 3;
  }
  return k;
}

bool is_constraint_word(const Token& t) {
  static const char* const kWords[] = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN",
                                       "EXCLUDE", "LIKE", "KEY", "INDEX", "FULLTEXT", "SPATIAL",
                                       "PERIOD"};
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](const char* w) { return is_word(t, w); });
}

// `renamed from <old>` in a comment's text; nullopt when it is not a hint.
std::optional<std::string> hint_of(const std::string& comment) {
  static const std::regex kHint(R"(^\s*renamed\s+from\s+(\S+))", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(comment, m, kHint)) return std::nullopt;
  std::string old = m[1].str();
  std::erase_if(old, [](char c) { return c == '"' || c == '`' || c == '[' || c == ']'; });
  return old;
}

[[noreturn]] void misplaced(std::string_view file, int line) {
  throw Error(ErrorCode::kScript,
              std::string(file) + ":" + std::to_string(line) +
                  ": `-- renamed from` must end a column's line or the CREATE TABLE line");
}

// Rename hints of a CREATE TABLE whose name ends at code token `name_last`.
void scan_table_hints(const Statement& st, const QualifiedName& table, const Token* name_last,
                      std::string_view dialect, std::string_view file, ScriptFacts& facts) {
  const std::vector<Token>& t = st.tokens;
  size_t name_at = static_cast<size_t>(name_last - t.data());
  size_t open = name_at + 1;
  while (open < t.size() && !is_punct(t[open], '(')) ++open;
  size_t close = t.size();
  // Elements of the body: [first, last] token ranges (the trailing comma included).
  std::vector<std::pair<size_t, size_t>> elements;
  if (open < t.size()) {
    int depth = 0;
    size_t start = open + 1;
    for (size_t k = open + 1; k < t.size(); ++k) {
      if (is_punct(t[k], '(')) ++depth;
      if (is_punct(t[k], ')')) {
        if (depth == 0) {
          if (start < k) elements.emplace_back(start, k - 1);
          close = k;
          break;
        }
        --depth;
      }
      if (depth == 0 && is_punct(t[k], ',')) {
        elements.emplace_back(start, k);
        start = k + 1;
      }
    }
  }
  for (size_t c = 0; c < t.size(); ++c) {
    if (!t[c].line_comment) continue;
    std::optional<std::string> old = hint_of(t[c].text);
    if (!old) continue;
    size_t p = c;
    while (p > 0 && t[p - 1].kind == Kind::kComment) --p;
    if (p == 0 || t[p - 1].line != t[c].line) misplaced(file, t[c].line);
    size_t code = p - 1;
    RenameHint hint{table.schema, table.name, std::nullopt, *old};
    bool head = open < t.size() ? code <= open : name_last->line == t[c].line;
    if (head || (code >= close && name_last->line == t[c].line)) {
      facts.hints.push_back(std::move(hint));
      continue;
    }
    auto element = std::find_if(elements.begin(), elements.end(), [&](const auto& e) {
      return e.first <= code && code <= e.second;
    });
    if (element == elements.end()) misplaced(file, t[c].line);
    size_t first = element->first;
    while (first <= element->second && t[first].kind == Kind::kComment) ++first;
    if (!is_name(t[first]) || is_constraint_word(t[first])) misplaced(file, t[c].line);
    hint.column = fold(t[first], dialect);
    facts.hints.push_back(std::move(hint));
  }
}

}  // namespace

void scan(const Statement& st, std::string_view dialect, std::string_view file,
          ScriptFacts& facts) {
  std::vector<const Token*> code = code_of(st);
  if (code.empty() || !is_word(*code[0], "CREATE")) return;
  static const char* const kModifiers[] = {"OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP",
                                           "TEMPORARY", "UNLOGGED", "UNIQUE", "MATERIALIZED",
                                           "RECURSIVE", "FULLTEXT", "SPATIAL", "SQL", "SECURITY",
                                           "DEFINER", "INVOKER", "ALGORITHM", "MERGE",
                                           "TEMPTABLE", "UNDEFINED", "ONLINE", "OFFLINE"};
  size_t k = 1;
  auto modifier = [&](const Token& t) {
    return std::any_of(std::begin(kModifiers), std::end(kModifiers),
                       [&](const char* w) { return is_word(t, w); });
  };
  // ALGORITHM = x, DEFINER = `u`@`h`: skip the value too.
  while (k < code.size()) {
    if (is_punct(*code[k], '=') || is_punct(*code[k], '@')) {
      k += 2;
    } else if (modifier(*code[k])) {
      ++k;
    } else {
      break;
    }
  }
  if (k >= code.size()) return;
  const Token& what = *code[k++];
  DeclaredObject object;
  object.line = st.line;
  if (is_word(what, "SCHEMA") || is_word(what, "DATABASE")) {
    k = skip_if_not_exists(code, k);
    if (k < code.size() && is_word(*code[k], "AUTHORIZATION")) ++k;
    if (k >= code.size() || !is_name(*code[k])) return;
    object.kind = DeclaredObject::Kind::kSchema;
    object.name = fold(*code[k], dialect);
    facts.schemas.insert(object.name);
    facts.objects.push_back(std::move(object));
    return;
  }
  if (is_word(what, "INDEX")) {
    if (k < code.size() && is_word(*code[k], "CONCURRENTLY")) ++k;
    k = skip_if_not_exists(code, k);
    if (k < code.size() && !is_word(*code[k], "ON")) {
      QualifiedName index = qualified_at(code, k, dialect);
      if (index.schema) facts.schemas.insert(*index.schema);
      k = index.ok ? index.last + 1 : k;
    }
    if (k < code.size() && is_word(*code[k], "ON")) ++k;
    if (k < code.size() && is_word(*code[k], "ONLY")) ++k;
    QualifiedName table = qualified_at(code, k, dialect);
    if (table.schema) facts.schemas.insert(*table.schema);
    return;
  }
  if (is_word(what, "TABLE")) {
    object.kind = DeclaredObject::Kind::kTable;
  } else if (is_word(what, "SEQUENCE")) {
    object.kind = DeclaredObject::Kind::kSequence;
  } else if (is_word(what, "TYPE")) {
    object.kind = DeclaredObject::Kind::kEnum;
  } else if (is_word(what, "VIEW")) {
    object.kind = DeclaredObject::Kind::kView;
  } else {
    return;  // functions, triggers, extensions, ...: no model object
  }
  k = skip_if_not_exists(code, k);
  QualifiedName name = qualified_at(code, k, dialect);
  if (!name.ok) return;
  if (object.kind == DeclaredObject::Kind::kEnum) {
    size_t after = name.last + 1;
    if (after + 1 >= code.size() || !is_word(*code[after], "AS") || !is_word(*code[after + 1], "ENUM")) {
      return;  // a composite or range type: not modelled
    }
  }
  if (name.schema) facts.schemas.insert(*name.schema);
  object.schema = name.schema;
  object.name = name.name;
  facts.objects.push_back(object);
  if (object.kind == DeclaredObject::Kind::kTable) {
    scan_table_hints(st, name, code[name.last], dialect, file, facts);
  }
}

std::string dev_text(const Statement& st, std::string_view script, std::string_view dialect,
                     const std::map<std::string, std::string>& scratch) {
  std::vector<const Token*> code = code_of(st);
  if (dialect == "postgresql" || code.empty()) return st.text;
  size_t k = 1;
  while (k < code.size() && (is_word(*code[k], "OR") || is_word(*code[k], "REPLACE"))) ++k;
  if (is_word(*code[0], "CREATE") && k < code.size() &&
      (is_word(*code[k], "SCHEMA") || is_word(*code[k], "DATABASE"))) {
    return "";  // the dev database made it already
  }
  if (dialect != "mysql" || scratch.empty()) return st.text;
  size_t base = code.front()->begin;
  std::string out;
  size_t at = base;
  for (size_t i = 0; i + 1 < code.size(); ++i) {
    const Token& t = *code[i];
    if (!is_name(t) || !is_punct(*code[i + 1], '.') || code[i + 1]->begin != t.end) continue;
    auto it = scratch.find(t.text);
    if (it == scratch.end()) continue;
    out.append(script.substr(at, t.begin - at));
    out += "`" + it->second + "`";
    at = t.end;
  }
  size_t end = base + st.text.size();
  if (at < end) out.append(script.substr(at, end - at));
  return out;
}

}  // namespace strata::models::sql
