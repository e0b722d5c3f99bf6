// Naming conventions (contract in model/naming.h). The token grammar follows
// sqlalchemy/sql/naming.py's ConventionDict: direct keys (table_name,
// constraint_name, referred_table_name) and the column forms
// [referred_]column_<i>[N|_N]_<name|label|key>.
#include "model/naming.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "strata/error.h"

namespace strata::model {
namespace {

constexpr std::array<std::string_view, 5> kKeys = {"ix", "uq", "ck", "fk", "pk"};

struct Token {
  enum class Kind { kTableName, kConstraintName, kReferredTableName, kColumn, kReferredColumn };
  Kind kind = Kind::kTableName;
  size_t index = 0;
  bool multiple = false;    // 0N / 0_N: every column
  std::string separator;    // "" (0N) or "_" (0_N)
  std::string attr;         // name, label, key
};

// Parses a token name; nullopt when it is not one SQLAlchemy knows.
std::optional<Token> parse_token(std::string_view name) {
  Token t;
  if (name == "table_name") return t;
  if (name == "constraint_name") {
    t.kind = Token::Kind::kConstraintName;
    return t;
  }
  if (name == "referred_table_name") {
    t.kind = Token::Kind::kReferredTableName;
    return t;
  }
  std::string_view rest = name;
  if (rest.starts_with("referred_column_")) {
    t.kind = Token::Kind::kReferredColumn;
    rest.remove_prefix(16);
  } else if (rest.starts_with("column_")) {
    t.kind = Token::Kind::kColumn;
    rest.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits == 0 || digits > 6) return std::nullopt;
  t.index = std::stoul(std::string(rest.substr(0, digits)));
  rest.remove_prefix(digits);
  if (rest.starts_with("N_")) {
    t.multiple = true;
    rest.remove_prefix(1);
  } else if (rest.starts_with("_N_")) {
    t.multiple = true;
    t.separator = "_";
    rest.remove_prefix(2);
  }
  if (t.multiple && t.index != 0) return std::nullopt;  // only 0N / 0_N
  if (!rest.starts_with("_")) return std::nullopt;
  t.attr = std::string(rest.substr(1));
  bool ok = t.kind == Token::Kind::kReferredColumn
                ? t.attr == "name"
                : (t.attr == "name" || t.attr == "label" || t.attr == "key");
  if (!ok) return std::nullopt;
  return t;
}

// Walks `tmpl`, appending literals to `out` and calling on_token(name) for
// each %(name)s. Returns "" or a syntax error message.
template <class OnToken>
std::string walk(std::string_view tmpl, std::string& out, OnToken on_token) {
  for (size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    if (c != '%') {
      out.push_back(c);
      continue;
    }
    if (i + 1 < tmpl.size() && tmpl[i + 1] == '%') {
      out.push_back('%');
      ++i;
      continue;
    }
    size_t close = tmpl.find(')', i);
    if (i + 1 >= tmpl.size() || tmpl[i + 1] != '(' || close == std::string_view::npos ||
        close + 1 >= tmpl.size() || tmpl[close + 1] != 's') {
      return "malformed template \"" + std::string(tmpl) + "\": write tokens as %(name)s and "
             "a literal '%' as %%";
    }
    std::string message = on_token(tmpl.substr(i + 2, close - i - 2));
    if (!message.empty()) return message;
    i = close + 1;
  }
  return "";
}

std::string qualified(const std::optional<std::string>& schema, const std::string& name) {
  return schema ? *schema + "." + name : name;
}

std::string column_attr(const NamingSubject& s, size_t i, const std::string& attr) {
  const std::string& column = s.foreign_key ? s.foreign_key->columns[i] : s.columns[i];
  if (attr != "label") return column;
  return (s.schema ? *s.schema + "_" : std::string()) + s.table + "_" + column;
}

// The value of one token, or throws.
std::string token_value(std::string_view name, const NamingSubject& s) {
  std::optional<Token> t = parse_token(name);
  auto fk_only = [&]() {
    if (!s.foreign_key) {
      throw Error(ErrorCode::kConfig, "%(" + std::string(name) + ")s applies to foreign keys only");
    }
  };
  if (!t) throw Error(ErrorCode::kConfig, "unknown token %(" + std::string(name) + ")s");
  switch (t->kind) {
    case Token::Kind::kTableName:
      return s.table;
    case Token::Kind::kConstraintName:
      if (!s.name) {
        throw Error(ErrorCode::kScript,
                    "%(constraint_name)s requires that the constraint is explicitly named");
      }
      return *s.name;
    case Token::Kind::kReferredTableName:
      fk_only();
      return s.foreign_key->ref_table;
    case Token::Kind::kColumn: {
      size_t count = s.foreign_key ? s.foreign_key->columns.size() : s.columns.size();
      if (!t->multiple) return t->index < count ? column_attr(s, t->index, t->attr) : "";
      std::string joined;
      for (size_t i = 0; i < count; ++i) {
        if (i > 0) joined += t->separator;
        joined += column_attr(s, i, t->attr);
      }
      return joined;
    }
    case Token::Kind::kReferredColumn: {
      fk_only();
      const std::vector<std::string>& refs = s.foreign_key->ref_columns;
      if (!t->multiple) {
        if (t->index >= refs.size()) {
          throw Error(ErrorCode::kConfig, "%(" + std::string(name) + ")s: the foreign key has " +
                                              std::to_string(refs.size()) + " referred column(s)");
        }
        return refs[t->index];
      }
      std::string joined;
      for (size_t i = 0; i < refs.size(); ++i) joined += (i > 0 ? t->separator : "") + refs[i];
      return joined;
    }
  }
  return "";
}

// Whether the convention applies to a constraint named `name`.
bool applies(const std::string& tmpl, const std::optional<std::string>& name) {
  return !name || tmpl.find("constraint_name") != std::string::npos;
}

const std::string* find(const NamingConvention& convention, const char* key) {
  auto it = convention.find(key);
  return it == convention.end() ? nullptr : &it->second;
}

std::string list(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

// Whether `name` already has the shape `tmpl` gives it (the rendered text
// around %(constraint_name)s), so applying the convention again keeps it:
// "ck_users_email" under "ck_%(table_name)s_%(constraint_name)s" stays, as
// a model file written by `strata models dump` must. (SQLAlchemy marks such
// names with conv() / op.f() instead.)
bool already_conventional(const std::string& tmpl, NamingSubject subject, const std::string& name) {
  const std::string marker = "\x01";
  subject.name = marker;
  std::string shape = render_name(tmpl, subject);
  size_t at = shape.find(marker);
  if (at == std::string::npos) return false;
  std::string before = shape.substr(0, at), after = shape.substr(at + marker.size());
  return name.size() > before.size() + after.size() && name.compare(0, before.size(), before) == 0 &&
         name.compare(name.size() - after.size(), after.size(), after) == 0;
}

// Names `name` by `key`'s template when it applies; `what` describes the
// constraint for messages.
void name_one(const NamingConvention& convention, const char* key, NamingSubject subject,
              std::optional<std::string>& name, const std::string& what) {
  const std::string* tmpl = find(convention, key);
  if (!tmpl || !applies(*tmpl, name)) return;
  try {
    if (name && already_conventional(*tmpl, subject, *name)) return;
    subject.name = name;
    name = render_name(*tmpl, subject);
  } catch (const Error& e) {
    throw Error(e.code(), what + ": naming_convention '" + key + "' (\"" + *tmpl + "\"): " +
                              e.message());
  }
}

void apply_table(const NamingConvention& convention, Table& table) {
  NamingSubject base;
  base.schema = table.schema;
  base.table = table.name;

  // Primary key: table-level columns plus the flagged ones (as the dialects
  // merge them).
  std::vector<std::string> pk_columns;
  if (table.primary_key) pk_columns = table.primary_key->columns;
  for (const Column& c : table.columns) {
    if (c.primary_key &&
        std::find(pk_columns.begin(), pk_columns.end(), c.name) == pk_columns.end()) {
      pk_columns.push_back(c.name);
    }
  }
  if (!pk_columns.empty() && find(convention, "pk")) {
    if (!table.primary_key) table.primary_key = PrimaryKey{std::nullopt, pk_columns};
    NamingSubject s = base;
    s.columns = pk_columns;
    name_one(convention, "pk", s, table.primary_key->name,
             "primary key (" + list(pk_columns) + ")");
  }

  // Column-level unique = true: a UniqueConstraint when "uq" names it.
  if (find(convention, "uq")) {
    std::vector<UniqueConstraint> from_columns;
    for (Column& c : table.columns) {
      if (!c.unique) continue;
      c.unique = false;
      from_columns.push_back(UniqueConstraint{std::nullopt, {c.name}});
    }
    table.uniques.insert(table.uniques.begin(), from_columns.begin(), from_columns.end());
  }
  for (UniqueConstraint& uq : table.uniques) {
    NamingSubject s = base;
    s.columns = uq.columns;
    name_one(convention, "uq", s, uq.name, "unique constraint (" + list(uq.columns) + ")");
  }
  for (ForeignKey& fk : table.foreign_keys) {
    NamingSubject s = base;
    s.foreign_key = &fk;
    name_one(convention, "fk", s, fk.name,
             "foreign key (" + list(fk.columns) + ") -> " + qualified(fk.ref_schema, fk.ref_table));
  }
  for (CheckConstraint& ck : table.checks) {
    name_one(convention, "ck", base, ck.name, "check constraint (" + ck.sqltext + ")");
  }
}

}  // namespace

std::string naming_template_error(std::string_view key, std::string_view tmpl) {
  if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
    return "'" + std::string(key) + "' is not a naming convention key (ix, uq, ck, fk, pk)";
  }
  std::string ignored;
  return walk(tmpl, ignored, [&](std::string_view name) -> std::string {
    std::optional<Token> t = parse_token(name);
    if (!t) return "unknown token %(" + std::string(name) + ")s in \"" + std::string(tmpl) + "\"";
    bool referred = t->kind == Token::Kind::kReferredTableName ||
                    t->kind == Token::Kind::kReferredColumn;
    if (referred && key != "fk") {
      return "%(" + std::string(name) + ")s applies to foreign keys only (key '" +
             std::string(key) + "')";
    }
    return "";
  });
}

std::string render_name(std::string_view tmpl, const NamingSubject& subject) {
  std::string out;
  std::string message = walk(tmpl, out, [&](std::string_view name) -> std::string {
    out += token_value(name, subject);
    return "";
  });
  if (!message.empty()) throw Error(ErrorCode::kConfig, message);
  return out;
}

void apply_naming_convention(const NamingConvention& convention, Table& table) {
  if (convention.empty()) return;
  try {
    apply_table(convention, table);
  } catch (const Error& e) {
    std::string where = table.origin.empty() ? "" : table.origin + ": ";
    throw Error(ErrorCode::kScript,
                where + "table " + qualified(table.schema, table.name) + ": " + e.message());
  }
}

void apply_naming_convention(const NamingConvention& convention, Index& index,
                             std::string_view origin) {
  const std::string* tmpl = find(convention, "ix");
  std::optional<std::string> name;
  if (!index.name.empty()) name = index.name;
  if (!tmpl || !applies(*tmpl, name)) return;
  NamingSubject s;
  s.schema = index.schema;
  s.table = index.table;
  s.name = name;
  for (const IndexElement& e : index.elements) {
    if (!e.is_expression) s.columns.push_back(e.text);
  }
  try {
    index.name = render_name(*tmpl, s);
  } catch (const Error& e) {
    std::string where = origin.empty() ? "" : std::string(origin) + ": ";
    throw Error(ErrorCode::kScript, where + "index on " + qualified(index.schema, index.table) +
                                        ": naming_convention 'ix' (\"" + *tmpl +
                                        "\"): " + e.message());
  }
}

void apply_naming_convention(const NamingConvention& convention, Catalog& catalog,
                             const std::vector<std::string>& index_origins) {
  if (convention.empty()) return;
  for (Table& table : catalog.tables) apply_naming_convention(convention, table);
  for (size_t i = 0; i < catalog.indexes.size(); ++i) {
    std::string_view origin = i < index_origins.size() ? index_origins[i] : std::string_view();
    apply_naming_convention(convention, catalog.indexes[i], origin);
  }
}

}  // namespace strata::model
