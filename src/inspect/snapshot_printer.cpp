// The catalog snapshot printer (see snapshot_printer.h; line format:
// catalog_snapshot.h).
#include "inspect/snapshot_printer.h"

#include <algorithm>
#include <cctype>

#include <cstdio>

#include "common/text.h"

namespace strata::inspect {
namespace {

// Control characters escaped (\n, \t, \r, \xNN) and backslashes doubled;
// everything else verbatim.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

// "name" with embedded double quotes doubled, escaped.
std::string ident(std::string_view name) { return strata::text::double_quoted(escape(name)); }

// `none` for nullopt, else 'text' with embedded single quotes doubled, escaped.
std::string text(const std::optional<std::string>& value) {
  return value ? strata::text::single_quoted(escape(*value)) : "none";
}

// "schema"."name"
std::string qualified(std::string_view schema, std::string_view name) {
  return ident(schema) + "." + ident(name);
}

// ("a", "b"): each through ident().
std::string list(const std::vector<std::string>& names) {
  std::string out = "(";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + ident(names[i]);
  return out + ")";
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

// NO ACTION -> no_action; unset -> `unset_as`.
std::string lower_words(const std::optional<std::string>& words, const std::string& unset_as) {
  if (!words) return unset_as;
  std::string out;
  for (char c : *words) {
    out += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// (a, b) of items already in their line form.
std::string joined(const std::vector<std::string>& items) {
  std::string out = "(";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + ")";
}

std::string number(const std::optional<long long>& n) {
  return n ? std::to_string(*n) : "default";
}

// A model type's neutral spelling, for columns without reflected_type.
std::string neutral_type(const model::Type& t) {
  using Kind = model::Type::Kind;
  auto args = [&](std::optional<int> a, std::optional<int> b) {
    if (!a) return std::string();
    return "(" + std::to_string(*a) + (b ? "," + std::to_string(*b) : "") + ")";
  };
  switch (t.kind) {
    case Kind::kInteger: return "Integer";
    case Kind::kBigInteger: return "BigInteger";
    case Kind::kSmallInteger: return "SmallInteger";
    case Kind::kString: return "String" + args(t.length, std::nullopt);
    case Kind::kText: return "Text";
    case Kind::kBoolean: return "Boolean";
    case Kind::kNumeric: return "Numeric" + args(t.precision, t.scale);
    case Kind::kFloat: return "Float" + args(t.precision, std::nullopt);
    case Kind::kDate: return "Date";
    case Kind::kDateTime: return t.timezone ? "DateTime(timezone)" : "DateTime";
    case Kind::kTime: return t.timezone ? "Time(timezone)" : "Time";
    case Kind::kLargeBinary: return "LargeBinary";
    case Kind::kJson: return "JSON";
    case Kind::kUuid: return "Uuid";
    case Kind::kRaw: return t.raw;
  }
  return t.raw;
}

// A default as SQL text: an expression verbatim, a literal quoted.
std::optional<std::string> default_sql(const std::optional<model::ServerDefault>& d) {
  if (!d) return std::nullopt;
  return d->is_expression ? d->value : strata::text::single_quoted(d->value);
}

std::string column_line(const model::Column& c) {
  std::string line = "column " + ident(c.name) + " type=" +
                     escape(c.reflected_type.empty() ? neutral_type(c.type) : c.reflected_type) +
                     " null=" + yes_no(c.nullable) + " default=" + text(default_sql(c.server_default)) +
                     " comment=" + text(c.comment);
  if (c.identity) line += c.identity->always ? " identity=always" : " identity=by_default";
  if (c.autoincrement.value_or(false)) line += " autoincrement=yes";
  if (c.reflected_generated) {
    std::string kind = c.reflected_generated->substr(0, c.reflected_generated->find(' '));
    kind = lower_words(kind == "PERSISTENT" ? "STORED" : kind, "");
    line += " generated=" + kind + " expression=" + text(c.reflected_generated_expression);
  }
  if (c.reflected_on_update) line += " on_update=" + text(c.reflected_on_update);
  if (c.reflected_invisible) line += " invisible=yes";
  if (c.reflected_check) line += " check=" + text(c.reflected_check);
  if (c.reflected_collation) line += " collate=" + ident(*c.reflected_collation);
  return line;
}

std::string name_or_none(const std::optional<std::string>& name) {
  return name ? ident(*name) : "none";
}

std::string deferrable(const std::optional<bool>& deferrable,
                       const std::optional<std::string>& initially) {
  if (!deferrable.value_or(false)) return "no";
  return lower_words(initially, "") == "deferred" ? "initially_deferred" : "yes";
}

// " deferrable=..." for a key that is deferrable (only PostgreSQL's can be).
template <class Key>
std::string key_deferrable(const Key& key) {
  if (!key.deferrable.value_or(false)) return "";
  return " deferrable=" + deferrable(key.deferrable, key.initially);
}

void table_lines(const model::Table& t, const std::string& schema, std::vector<std::string>& out) {
  const std::string owner = qualified(schema, t.name) + ": ";
  out.push_back(owner + "table comment=" + text(t.comment));
  std::vector<std::string> flagged_key;
  for (const model::Column& c : t.columns) {
    out.push_back(owner + column_line(c));
    if (c.unique) out.push_back(owner + "unique none " + list({c.name}));
    if (c.primary_key) flagged_key.push_back(c.name);
  }
  if (t.primary_key) {
    out.push_back(owner + "primary_key " + name_or_none(t.primary_key->name) + " " +
                  list(t.primary_key->columns) + key_deferrable(*t.primary_key));
  } else if (!flagged_key.empty()) {
    out.push_back(owner + "primary_key none " + list(flagged_key));
  }
  for (const model::UniqueConstraint& u : t.uniques) {
    out.push_back(owner + "unique " + name_or_none(u.name) + " " + list(u.columns) +
                  key_deferrable(u));
  }
  for (const model::CheckConstraint& ck : t.checks) {
    out.push_back(owner + "check " + name_or_none(ck.name) + " " + escape(ck.sqltext));
  }
  for (const model::ForeignKey& fk : t.foreign_keys) {
    out.push_back(owner + "foreign_key " + name_or_none(fk.name) + " " + list(fk.columns) + " -> " +
                  qualified(fk.ref_schema.value_or(schema), fk.ref_table) + " " +
                  list(fk.ref_columns) + " on_delete=" + lower_words(fk.ondelete, "no_action") +
                  " on_update=" + lower_words(fk.onupdate, "no_action") +
                  " match=" + lower_words(fk.match, "simple") +
                  " deferrable=" + deferrable(fk.deferrable, fk.initially));
  }
  for (const model::ExclusionConstraint& x : t.exclusions) {
    out.push_back(owner + "constraint " + ident(x.name) + " " + escape(x.definition) +
                  " deferrable=" + deferrable(x.deferrable, x.initially));
  }
}

std::string index_line(const model::Index& ix) {
  std::vector<std::string> elements;
  for (const model::IndexElement& e : ix.elements) {
    std::string element = e.is_expression ? escape(e.text) : ident(e.text);
    if (!e.opclass.empty()) element += " " + ident(e.opclass);
    elements.push_back(std::move(element));
  }
  std::string line = "index " + ident(ix.name) + " unique=" + yes_no(ix.unique) + " " +
                     joined(elements);
  if (!ix.include.empty()) line += " include=" + list(ix.include);
  if (ix.method) line += " method=" + escape(*ix.method);
  return line + " where=" + text(ix.where);
}

std::string sequence_line(const model::Sequence& s) {
  return "sequence " + ident(s.name) + " type=" + escape(s.data_type.value_or("bigint")) +
         " start=" + number(s.start) + " increment=" + number(s.increment) +
         " min=" + number(s.minvalue) + " max=" + number(s.maxvalue) +
         " cache=" + number(s.cache) + " cycle=" + yes_no(s.cycle);
}

std::string enum_line(const model::Enum& e) {
  std::vector<std::string> values;
  for (const std::string& v : e.values) values.push_back(text(v));
  return "enum " + ident(e.name) + " " + joined(values);
}

}  // namespace

std::vector<std::string> print_snapshot(const model::Catalog& catalog) {
  auto schema_of = [&](const std::optional<std::string>& s) {
    return s.value_or(catalog.default_schema);
  };
  std::vector<std::string> out;
  for (const std::string& schema : catalog.schemas) out.push_back(ident(schema) + ": schema");
  for (const model::Table& t : catalog.tables) table_lines(t, schema_of(t.schema), out);
  for (const model::Index& ix : catalog.indexes) {
    out.push_back(qualified(schema_of(ix.schema), ix.table) + ": " + index_line(ix));
  }
  for (const model::Sequence& s : catalog.sequences) {
    out.push_back(ident(schema_of(s.schema)) + ": " + sequence_line(s));
  }
  for (const model::Enum& e : catalog.enums) {
    out.push_back(ident(schema_of(e.schema)) + ": " + enum_line(e));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace strata::inspect
