// Test helpers for the inspector tests (sqlite_inspect_test.cpp,
// mysql_inspect_test.cpp): a model::Catalog written out as one line per fact,
// every field shown, so that an exact expectation reads as text and a
// failure shows a line diff; and a driver::Connection decorator counting
// the statements sent.
#pragma once

#include <string>
#include <vector>

#include "driver/connection.h"
#include "model/catalog.h"

#include "support/counting_connection.h"

namespace strata::testing {

inline std::string kind_name(model::Type::Kind kind) {
  using Kind = model::Type::Kind;
  switch (kind) {
    case Kind::kInteger: return "Integer";
    case Kind::kBigInteger: return "BigInteger";
    case Kind::kSmallInteger: return "SmallInteger";
    case Kind::kString: return "String";
    case Kind::kText: return "Text";
    case Kind::kBoolean: return "Boolean";
    case Kind::kNumeric: return "Numeric";
    case Kind::kFloat: return "Float";
    case Kind::kDate: return "Date";
    case Kind::kDateTime: return "DateTime";
    case Kind::kTime: return "Time";
    case Kind::kLargeBinary: return "LargeBinary";
    case Kind::kJson: return "Json";
    case Kind::kUuid: return "Uuid";
    case Kind::kRaw: return "Raw";
  }
  return "?";
}

inline std::string type_line(const model::Type& t) {
  std::string out = kind_name(t.kind);
  if (t.kind == model::Type::Kind::kRaw) out += "[" + t.raw + "]";
  if (t.length) out += "(" + std::to_string(*t.length) + ")";
  if (t.precision) {
    out += "(" + std::to_string(*t.precision) + (t.scale ? "," + std::to_string(*t.scale) : "") + ")";
  }
  if (t.timezone) out += "+tz";
  return out;
}

inline std::string opt(const std::optional<std::string>& v) { return v ? "'" + *v + "'" : "none"; }
inline std::string opt(const std::optional<bool>& v) { return v ? (*v ? "true" : "false") : "unset"; }
inline std::string opt(const std::optional<long long>& v) { return v ? std::to_string(*v) : "unset"; }

inline std::string list(const std::vector<std::string>& v) {
  std::string out = "(";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out + ")";
}

inline std::vector<std::string> catalog_lines(const model::Catalog& c) {
  std::vector<std::string> out;
  out.push_back("default_schema " + c.default_schema);
  for (const std::string& s : c.schemas) out.push_back("schema " + s);
  for (const model::Table& t : c.tables) {
    const std::string n = opt(t.schema) + "." + t.name;
    out.push_back("table " + n + " comment=" + opt(t.comment));
    for (const model::Column& col : t.columns) {
      std::string def = "none";
      if (col.server_default) {
        def = (col.server_default->is_expression ? "expr:" : "lit:") + col.server_default->value;
      }
      out.push_back("  column " + col.name + " " + type_line(col.type) + " reflected=" +
                    col.reflected_type + " null=" + (col.nullable ? "yes" : "no") +
                    " default=" + def + " autoinc=" + opt(col.autoincrement) +
                    (col.primary_key ? " pk" : "") + (col.unique ? " unique" : "") +
                    " comment=" + opt(col.comment) + (col.identity ? " identity" : ""));
    }
    if (t.primary_key) {
      out.push_back("  pk " + opt(t.primary_key->name) + " " + list(t.primary_key->columns));
    }
    for (const auto& u : t.uniques) out.push_back("  unique " + opt(u.name) + " " + list(u.columns));
    for (const auto& fk : t.foreign_keys) {
      out.push_back("  fk " + opt(fk.name) + " " + list(fk.columns) + " -> " + opt(fk.ref_schema) +
                    "." + fk.ref_table + " " + list(fk.ref_columns) + " ondelete=" +
                    opt(fk.ondelete) + " onupdate=" + opt(fk.onupdate) + " deferrable=" +
                    opt(fk.deferrable) + " initially=" + opt(fk.initially) +
                    " match=" + opt(fk.match));
    }
    for (const auto& ck : t.checks) out.push_back("  check " + opt(ck.name) + " " + ck.sqltext);
  }
  for (const model::Index& ix : c.indexes) {
    std::vector<std::string> elements;
    for (const auto& e : ix.elements) elements.push_back(e.is_expression ? "x:" + e.text : e.text);
    out.push_back("index " + opt(ix.schema) + "." + ix.name + " on " + ix.table +
                  (ix.unique ? " unique " : " ") + list(elements) + " where=" + opt(ix.where) +
                  " include=" + list(ix.include));
  }
  for (const model::Sequence& s : c.sequences) {
    out.push_back("sequence " + opt(s.schema) + "." + s.name + " type=" + opt(s.data_type) +
                  " start=" + opt(s.start) + " increment=" + opt(s.increment) + " min=" +
                  opt(s.minvalue) + " max=" + opt(s.maxvalue) + " cache=" + opt(s.cache) +
                  " cycle=" + (s.cycle ? "yes" : "no"));
  }
  for (const model::Enum& e : c.enums) out.push_back("enum " + opt(e.schema) + "." + e.name);
  for (const model::View& v : c.views) {
    out.push_back("view " + opt(v.schema) + "." + v.name + (v.materialized ? " materialized" : "") +
                  " AS " + v.definition);
  }
  return out;
}

inline std::string catalog_text(const model::Catalog& c) {
  std::string out;
  for (const std::string& line : catalog_lines(c)) out += line + "\n";
  return out;
}

inline std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}


}  // namespace strata::testing
