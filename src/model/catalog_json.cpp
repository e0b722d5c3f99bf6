// model::Catalog <-> JSON (see catalog_json.h). Every field is written, so
// a field added to the model must be added here too (the round-trip test in
// tests/unit/catalog_json_test.cpp fills every field).
#include "model/catalog_json.h"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <stdexcept>
#include <utility>

#include "strata/error.h"

namespace strata::model {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<Type::Kind, const char*>, 15> kKinds{{
    {Type::Kind::kInteger, "integer"},     {Type::Kind::kBigInteger, "big_integer"},
    {Type::Kind::kSmallInteger, "small_integer"}, {Type::Kind::kString, "string"},
    {Type::Kind::kText, "text"},           {Type::Kind::kBoolean, "boolean"},
    {Type::Kind::kNumeric, "numeric"},     {Type::Kind::kFloat, "float"},
    {Type::Kind::kDate, "date"},           {Type::Kind::kDateTime, "date_time"},
    {Type::Kind::kTime, "time"},           {Type::Kind::kLargeBinary, "large_binary"},
    {Type::Kind::kJson, "json"},           {Type::Kind::kUuid, "uuid"},
    {Type::Kind::kRaw, "raw"},
}};

// ---- writing

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json write(const Type& t) {
  const char* kind = "raw";
  for (const auto& [k, name] : kKinds) {
    if (k == t.kind) kind = name;
  }
  return {{"kind", kind}, {"length", opt(t.length)}, {"precision", opt(t.precision)},
          {"scale", opt(t.scale)}, {"timezone", t.timezone}, {"raw", t.raw}};
}

json write(const Column& c) {
  json identity = nullptr;
  if (c.identity) {
    const Identity& i = *c.identity;
    identity = {{"always", i.always}, {"start", opt(i.start)}, {"increment", opt(i.increment)},
                {"minvalue", opt(i.minvalue)}, {"maxvalue", opt(i.maxvalue)},
                {"cache", opt(i.cache)}, {"cycle", i.cycle}};
  }
  json server_default = nullptr;
  if (c.server_default) {
    server_default = {{"value", c.server_default->value},
                      {"is_expression", c.server_default->is_expression}};
  }
  return {{"name", c.name}, {"type", write(c.type)}, {"reflected_type", c.reflected_type},
          {"nullable", c.nullable}, {"server_default", server_default},
          {"primary_key", c.primary_key}, {"autoincrement", opt(c.autoincrement)},
          {"unique", c.unique}, {"comment", opt(c.comment)}, {"identity", identity},
          {"renamed_from", opt(c.renamed_from)},
          {"reflected_collation", opt(c.reflected_collation)},
          {"reflected_on_update", opt(c.reflected_on_update)},
          {"reflected_invisible", c.reflected_invisible},
          {"reflected_check", opt(c.reflected_check)},
          {"reflected_generated", opt(c.reflected_generated)},
          {"reflected_generated_expression", opt(c.reflected_generated_expression)}};
}

json write(const ForeignKey& fk) {
  return {{"name", opt(fk.name)}, {"columns", fk.columns}, {"ref_schema", opt(fk.ref_schema)},
          {"ref_table", fk.ref_table}, {"ref_columns", fk.ref_columns},
          {"ondelete", opt(fk.ondelete)}, {"onupdate", opt(fk.onupdate)},
          {"deferrable", opt(fk.deferrable)}, {"initially", opt(fk.initially)},
          {"match", opt(fk.match)}};
}

json write(const Table& t) {
  json columns = json::array(), uniques = json::array(), fks = json::array(),
       checks = json::array();
  for (const Column& c : t.columns) columns.push_back(write(c));
  for (const UniqueConstraint& u : t.uniques) {
    uniques.push_back({{"name", opt(u.name)}, {"columns", u.columns},
                       {"deferrable", opt(u.deferrable)}, {"initially", opt(u.initially)}});
  }
  json exclusions = json::array();
  for (const ExclusionConstraint& x : t.exclusions) {
    exclusions.push_back({{"name", x.name}, {"definition", x.definition},
                          {"deferrable", opt(x.deferrable)}, {"initially", opt(x.initially)}});
  }
  for (const ForeignKey& fk : t.foreign_keys) fks.push_back(write(fk));
  for (const CheckConstraint& ck : t.checks) {
    checks.push_back({{"name", opt(ck.name)}, {"sqltext", ck.sqltext}});
  }
  json pk = nullptr;
  if (t.primary_key) {
    pk = {{"name", opt(t.primary_key->name)}, {"columns", t.primary_key->columns},
          {"deferrable", opt(t.primary_key->deferrable)},
          {"initially", opt(t.primary_key->initially)}};
  }
  return {{"schema", opt(t.schema)}, {"name", t.name}, {"columns", columns},
          {"primary_key", pk}, {"uniques", uniques}, {"foreign_keys", fks},
          {"checks", checks}, {"comment", opt(t.comment)},
          {"renamed_from", opt(t.renamed_from)}, {"origin", t.origin},
          {"exclusions", exclusions}};
}

json write(const Index& ix) {
  json elements = json::array();
  for (const IndexElement& e : ix.elements) {
    json element = {{"text", e.text}, {"is_expression", e.is_expression}};
    if (!e.opclass.empty()) element["opclass"] = e.opclass;  // absent in older caches
    elements.push_back(std::move(element));
  }
  return {{"name", ix.name}, {"schema", opt(ix.schema)}, {"table", ix.table},
          {"elements", elements}, {"unique", ix.unique}, {"where", opt(ix.where)},
          {"include", ix.include}, {"method", opt(ix.method)}};
}

json write(const Sequence& s) {
  return {{"schema", opt(s.schema)}, {"name", s.name}, {"data_type", opt(s.data_type)},
          {"start", opt(s.start)}, {"increment", opt(s.increment)},
          {"minvalue", opt(s.minvalue)}, {"maxvalue", opt(s.maxvalue)},
          {"cache", opt(s.cache)}, {"cycle", s.cycle}, {"origin", s.origin}};
}

// ---- reading (nlohmann throws json::exception on a missing / mistyped field)

template <class T>
std::optional<T> get_opt(const json& j, const char* key) {
  const json& v = j.at(key);
  if (v.is_null()) return std::nullopt;
  return v.get<T>();
}

template <class T>
T get(const json& j, const char* key) {
  return j.at(key).get<T>();
}

Type read_type(const json& j) {
  Type t;
  std::string kind = get<std::string>(j, "kind");
  bool found = false;
  for (const auto& [k, name] : kKinds) {
    if (kind == name) {
      t.kind = k;
      found = true;
    }
  }
  if (!found) throw std::invalid_argument("unknown type kind '" + kind + "'");
  t.length = get_opt<int>(j, "length");
  t.precision = get_opt<int>(j, "precision");
  t.scale = get_opt<int>(j, "scale");
  t.timezone = get<bool>(j, "timezone");
  t.raw = get<std::string>(j, "raw");
  return t;
}

Column read_column(const json& j) {
  Column c;
  c.name = get<std::string>(j, "name");
  c.type = read_type(j.at("type"));
  c.reflected_type = get<std::string>(j, "reflected_type");
  c.nullable = get<bool>(j, "nullable");
  if (const json& d = j.at("server_default"); !d.is_null()) {
    c.server_default = ServerDefault{get<std::string>(d, "value"), get<bool>(d, "is_expression")};
  }
  c.primary_key = get<bool>(j, "primary_key");
  c.autoincrement = get_opt<bool>(j, "autoincrement");
  c.unique = get<bool>(j, "unique");
  c.comment = get_opt<std::string>(j, "comment");
  if (const json& i = j.at("identity"); !i.is_null()) {
    Identity id;
    id.always = get<bool>(i, "always");
    id.start = get_opt<long long>(i, "start");
    id.increment = get_opt<long long>(i, "increment");
    id.minvalue = get_opt<long long>(i, "minvalue");
    id.maxvalue = get_opt<long long>(i, "maxvalue");
    id.cache = get_opt<long long>(i, "cache");
    id.cycle = get<bool>(i, "cycle");
    c.identity = id;
  }
  c.renamed_from = get_opt<std::string>(j, "renamed_from");
  c.reflected_collation = get_opt<std::string>(j, "reflected_collation");
  c.reflected_on_update = get_opt<std::string>(j, "reflected_on_update");
  c.reflected_invisible = get<bool>(j, "reflected_invisible");
  c.reflected_check = get_opt<std::string>(j, "reflected_check");
  c.reflected_generated = get_opt<std::string>(j, "reflected_generated");
  c.reflected_generated_expression = get_opt<std::string>(j, "reflected_generated_expression");
  return c;
}

ForeignKey read_foreign_key(const json& j) {
  ForeignKey fk;
  fk.name = get_opt<std::string>(j, "name");
  fk.columns = get<std::vector<std::string>>(j, "columns");
  fk.ref_schema = get_opt<std::string>(j, "ref_schema");
  fk.ref_table = get<std::string>(j, "ref_table");
  fk.ref_columns = get<std::vector<std::string>>(j, "ref_columns");
  fk.ondelete = get_opt<std::string>(j, "ondelete");
  fk.onupdate = get_opt<std::string>(j, "onupdate");
  fk.deferrable = get_opt<bool>(j, "deferrable");
  fk.initially = get_opt<std::string>(j, "initially");
  fk.match = get_opt<std::string>(j, "match");
  return fk;
}

Table read_table(const json& j) {
  Table t;
  t.schema = get_opt<std::string>(j, "schema");
  t.name = get<std::string>(j, "name");
  for (const json& c : j.at("columns")) t.columns.push_back(read_column(c));
  if (const json& pk = j.at("primary_key"); !pk.is_null()) {
    t.primary_key = PrimaryKey{get_opt<std::string>(pk, "name"),
                               get<std::vector<std::string>>(pk, "columns"),
                               get_opt<bool>(pk, "deferrable"),
                               get_opt<std::string>(pk, "initially")};
  }
  for (const json& u : j.at("uniques")) {
    t.uniques.push_back(UniqueConstraint{get_opt<std::string>(u, "name"),
                                         get<std::vector<std::string>>(u, "columns"),
                                         get_opt<bool>(u, "deferrable"),
                                         get_opt<std::string>(u, "initially")});
  }
  for (const json& x : j.at("exclusions")) {
    t.exclusions.push_back(ExclusionConstraint{get<std::string>(x, "name"),
                                               get<std::string>(x, "definition"),
                                               get_opt<bool>(x, "deferrable"),
                                               get_opt<std::string>(x, "initially")});
  }
  for (const json& fk : j.at("foreign_keys")) t.foreign_keys.push_back(read_foreign_key(fk));
  for (const json& ck : j.at("checks")) {
    t.checks.push_back(CheckConstraint{get_opt<std::string>(ck, "name"),
                                       get<std::string>(ck, "sqltext")});
  }
  t.comment = get_opt<std::string>(j, "comment");
  t.renamed_from = get_opt<std::string>(j, "renamed_from");
  t.origin = get<std::string>(j, "origin");
  return t;
}

Index read_index(const json& j) {
  Index ix;
  ix.name = get<std::string>(j, "name");
  ix.schema = get_opt<std::string>(j, "schema");
  ix.table = get<std::string>(j, "table");
  for (const json& e : j.at("elements")) {
    ix.elements.push_back(IndexElement{get<std::string>(e, "text"), get<bool>(e, "is_expression"),
                                       e.value("opclass", std::string())});
  }
  ix.unique = get<bool>(j, "unique");
  ix.where = get_opt<std::string>(j, "where");
  ix.include = get<std::vector<std::string>>(j, "include");
  ix.method = get_opt<std::string>(j, "method");
  return ix;
}

Sequence read_sequence(const json& j) {
  Sequence s;
  s.schema = get_opt<std::string>(j, "schema");
  s.name = get<std::string>(j, "name");
  s.data_type = get_opt<std::string>(j, "data_type");
  s.start = get_opt<long long>(j, "start");
  s.increment = get_opt<long long>(j, "increment");
  s.minvalue = get_opt<long long>(j, "minvalue");
  s.maxvalue = get_opt<long long>(j, "maxvalue");
  s.cache = get_opt<long long>(j, "cache");
  s.cycle = get<bool>(j, "cycle");
  s.origin = get<std::string>(j, "origin");
  return s;
}

}  // namespace

std::string catalog_to_json(const Catalog& c) {
  json tables = json::array(), indexes = json::array(), sequences = json::array(),
       enums = json::array(), views = json::array();
  for (const Table& t : c.tables) tables.push_back(write(t));
  for (const Index& ix : c.indexes) indexes.push_back(write(ix));
  for (const Sequence& s : c.sequences) sequences.push_back(write(s));
  for (const Enum& e : c.enums) {
    enums.push_back({{"schema", opt(e.schema)}, {"name", e.name}, {"values", e.values},
                     {"origin", e.origin}});
  }
  for (const View& v : c.views) {
    views.push_back({{"schema", opt(v.schema)}, {"name", v.name}, {"definition", v.definition},
                     {"materialized", v.materialized}, {"origin", v.origin}});
  }
  json doc = {{"default_schema", c.default_schema}, {"schemas", c.schemas},
              {"tables", tables}, {"indexes", indexes}, {"sequences", sequences},
              {"enums", enums}, {"views", views}};
  return doc.dump(1);
}

Catalog catalog_from_json(std::string_view text, std::string_view what) {
  try {
    json doc = json::parse(text);
    Catalog c;
    c.default_schema = get<std::string>(doc, "default_schema");
    c.schemas = get<std::vector<std::string>>(doc, "schemas");
    for (const json& t : doc.at("tables")) c.tables.push_back(read_table(t));
    for (const json& ix : doc.at("indexes")) c.indexes.push_back(read_index(ix));
    for (const json& s : doc.at("sequences")) c.sequences.push_back(read_sequence(s));
    for (const json& e : doc.at("enums")) {
      c.enums.push_back(Enum{get_opt<std::string>(e, "schema"), get<std::string>(e, "name"),
                             get<std::vector<std::string>>(e, "values"),
                             get<std::string>(e, "origin")});
    }
    for (const json& v : doc.at("views")) {
      c.views.push_back(View{get_opt<std::string>(v, "schema"), get<std::string>(v, "name"),
                             get<std::string>(v, "definition"), get<bool>(v, "materialized"),
                             get<std::string>(v, "origin")});
    }
    return c;
  } catch (const std::exception& e) {
    throw Error(ErrorCode::kIo, std::string(what) + ": not a strata catalog document: " + e.what());
  }
}

}  // namespace strata::model
