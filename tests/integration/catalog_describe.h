// describe(): every field of the neutral model's catalog objects as text,
// for test failure messages (tests of the inspectors). Header-only.
#pragma once

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "model/catalog.h"

namespace strata::testing {

inline std::string opt(const std::optional<std::string>& v) { return v ? "'" + *v + "'" : "none"; }
inline std::string opt(const std::optional<long long>& v) { return v ? std::to_string(*v) : "none"; }
inline std::string opt(const std::optional<int>& v) { return v ? std::to_string(*v) : "none"; }
inline std::string opt(const std::optional<bool>& v) { return v ? (*v ? "true" : "false") : "none"; }
inline std::string list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out + "]";
}

inline std::string describe(const model::Type& t) {
  return "kind=" + std::to_string(static_cast<int>(t.kind)) + " len=" + opt(t.length) +
         " p=" + opt(t.precision) + " s=" + opt(t.scale) + " tz=" + std::to_string(t.timezone) +
         " raw='" + t.raw + "'";
}

inline std::string describe(const model::Column& c) {
  std::string out = "column " + c.name + " {" + describe(c.type) + "} reflected='" +
                    c.reflected_type + "' nullable=" + std::to_string(c.nullable);
  if (c.server_default) {
    out += " default=" + c.server_default->value + (c.server_default->is_expression ? "(expr)" : "(lit)");
  }
  out += " pk=" + std::to_string(c.primary_key) + " auto=" + opt(c.autoincrement) +
         " unique=" + std::to_string(c.unique) + " comment=" + opt(c.comment);
  if (c.identity) {
    const model::Identity& i = *c.identity;
    out += " identity{always=" + std::to_string(i.always) + " start=" + opt(i.start) +
           " inc=" + opt(i.increment) + " min=" + opt(i.minvalue) + " max=" + opt(i.maxvalue) +
           " cache=" + opt(i.cache) + " cycle=" + std::to_string(i.cycle) + "}";
  }
  return out;
}

inline std::string describe(const model::Table& t) {
  std::ostringstream out;
  out << "table " << opt(t.schema) << "." << t.name << " comment=" << opt(t.comment) << "\n";
  for (const model::Column& c : t.columns) out << "  " << describe(c) << "\n";
  if (t.primary_key) out << "  pk " << opt(t.primary_key->name) << " " << list(t.primary_key->columns) << "\n";
  for (const auto& u : t.uniques) out << "  unique " << opt(u.name) << " " << list(u.columns) << "\n";
  for (const auto& f : t.foreign_keys) {
    out << "  fk " << opt(f.name) << " " << list(f.columns) << " -> " << opt(f.ref_schema) << "."
        << f.ref_table << " " << list(f.ref_columns) << " ondelete=" << opt(f.ondelete)
        << " onupdate=" << opt(f.onupdate) << " deferrable=" << opt(f.deferrable)
        << " initially=" << opt(f.initially) << " match=" << opt(f.match) << "\n";
  }
  for (const auto& c : t.checks) out << "  check " << opt(c.name) << " " << c.sqltext << "\n";
  return out.str();
}

inline std::string describe(const model::Index& i) {
  std::string out = "index " + opt(i.schema) + "." + i.table + "." + i.name +
                    " unique=" + std::to_string(i.unique) + " [";
  for (const auto& e : i.elements) out += (e.is_expression ? "expr:" : "col:") + e.text + "; ";
  return out + "] include=" + list(i.include) + " where=" + opt(i.where);
}

inline std::string describe(const model::Sequence& s) {
  return "sequence " + opt(s.schema) + "." + s.name + " type=" + opt(s.data_type) +
         " start=" + opt(s.start) + " inc=" + opt(s.increment) + " min=" + opt(s.minvalue) +
         " max=" + opt(s.maxvalue) + " cache=" + opt(s.cache) + " cycle=" + std::to_string(s.cycle);
}

inline std::string describe(const model::Catalog& c) {
  std::ostringstream out;
  out << "default_schema=" << c.default_schema << " schemas=" << list(c.schemas) << "\n";
  for (const auto& t : c.tables) out << describe(t);
  for (const auto& i : c.indexes) out << describe(i) << "\n";
  for (const auto& s : c.sequences) out << describe(s) << "\n";
  for (const auto& e : c.enums) out << "enum " << opt(e.schema) << "." << e.name << " " << list(e.values) << "\n";
  for (const auto& v : c.views) {
    out << "view " << opt(v.schema) << "." << v.name << " materialized=" << v.materialized
        << " def=" << v.definition << "\n";
  }
  return out.str();
}

}  // namespace strata::testing
