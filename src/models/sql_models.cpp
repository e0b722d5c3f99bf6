// load_sql_models (contract in models/sql_models.h): files -> cache hit, or
// statements -> dev database -> inspect -> names mapped back -> rename hints
// and origins -> cache.
//
// Schemas: on PostgreSQL the scratch database is reflected whole (every
// schema but the system ones); on SQLite and MySQL the dev database is given
// the schemas the SQL uses, found by the rule of models/sql_ddl.h (CREATE
// SCHEMA / DATABASE names and the schemas qualifying created objects'
// names). Objects in the dev database's default schema get an unset schema:
// they mean the target's default schema.
#include "models/sql_models.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "inspect/inspect.h"
#include "models/dev_database.h"
#include "models/sql_ddl.h"
#include "models/sql_model_cache.h"
#include "models/sql_script.h"
#include "strata/error.h"

namespace strata::models {
namespace {

using sql::DeclaredObject;

std::vector<SqlFile> read_files(const std::vector<std::string>& files) {
  std::vector<SqlFile> out;
  for (const std::string& path : files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, path + ": cannot read the SQL model file");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(ErrorCode::kIo, path + ": cannot read the SQL model file");
    out.push_back(SqlFile{path, std::move(text)});
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool same_schema(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return !a && !b;
  return iequals(*a, *b);
}

// Exact match first, then case-insensitive (MySQL and SQLite keep the case
// the DDL used; PostgreSQL names are folded already).
template <class T, class Name>
T* find_object(std::vector<T>& objects, const std::optional<std::string>& schema,
               const std::string& name, Name name_of) {
  for (T& o : objects) {
    if (o.schema == schema && name_of(o) == name) return &o;
  }
  for (T& o : objects) {
    if (same_schema(o.schema, schema) && iequals(name_of(o), name)) return &o;
  }
  return nullptr;
}

struct Declaration {
  DeclaredObject object;
  std::string file;
  size_t file_index = 0;
};

struct Parsed {
  std::vector<std::vector<sql::Statement>> statements;  // per file
  std::vector<Declaration> declarations;
  std::vector<std::pair<sql::RenameHint, std::string>> hints;  // hint, file
  std::set<std::string> schemas;
};

Parsed parse(const std::vector<SqlFile>& files, std::string_view dialect) {
  Parsed p;
  for (size_t i = 0; i < files.size(); ++i) {
    p.statements.push_back(sql::split(files[i].text, dialect, files[i].path));
    sql::ScriptFacts facts;
    for (const sql::Statement& st : p.statements.back()) sql::scan(st, dialect, files[i].path, facts);
    for (DeclaredObject& o : facts.objects) {
      p.declarations.push_back(Declaration{std::move(o), files[i].path, i});
    }
    for (sql::RenameHint& h : facts.hints) p.hints.emplace_back(std::move(h), files[i].path);
    p.schemas.insert(facts.schemas.begin(), facts.schemas.end());
  }
  return p;
}

void apply(DevDatabase& dev, const std::vector<SqlFile>& files, const Parsed& parsed,
           std::string_view dialect) {
  for (size_t i = 0; i < files.size(); ++i) {
    for (const sql::Statement& st : parsed.statements[i]) {
      std::string text = sql::dev_text(st, files[i].text, dialect, dev.scratch());
      if (text.empty()) continue;
      try {
        dev.conn().execute(text);
      } catch (const Error& e) {
        throw Error(ErrorCode::kScript,
                    files[i].path + ":" + std::to_string(st.line) + ": " + e.message());
      }
    }
  }
}

// The reflected catalog with dev schema names replaced by the SQL's, the
// default schema unset.
model::Catalog map_names(model::Catalog c, const DevDatabase& dev, std::string_view dialect) {
  const std::string& def = dev.default_schema();
  auto map = [&](std::optional<std::string>& schema) {
    if (!schema) return;
    if (*schema == def) {
      schema.reset();
    } else {
      schema = dev.sql_schema(*schema);
    }
  };
  std::vector<std::string> schemas;
  for (const std::string& s : c.schemas) {
    if (s != def) schemas.push_back(dev.sql_schema(s));
  }
  c.schemas = std::move(schemas);
  c.default_schema.clear();
  for (model::Table& t : c.tables) {
    map(t.schema);
    for (model::ForeignKey& fk : t.foreign_keys) map(fk.ref_schema);
  }
  for (model::Index& x : c.indexes) map(x.schema);
  for (model::Sequence& x : c.sequences) map(x.schema);
  for (model::Enum& x : c.enums) map(x.schema);
  for (model::View& v : c.views) {
    map(v.schema);
    if (dialect != "mysql") continue;
    // MySQL stores view bodies with every table qualified by its database.
    auto replace_all = [&](const std::string& from, const std::string& to) {
      for (size_t at = 0; (at = v.definition.find(from, at)) != std::string::npos; at += to.size()) {
        v.definition.replace(at, from.size(), to);
      }
    };
    for (const auto& [sql_name, dev_name] : dev.scratch()) {
      replace_all("`" + dev_name + "`.", "`" + sql_name + "`.");
    }
    replace_all("`" + def + "`.", "");
  }
  return c;
}

// The declaration order key of an object ("" origin: after every declared one).
std::map<std::string, std::tuple<size_t, int>> order_of(const Parsed& parsed) {
  std::map<std::string, std::tuple<size_t, int>> out;
  for (const Declaration& d : parsed.declarations) {
    out.emplace(d.file + ":" + std::to_string(d.object.line), std::make_tuple(d.file_index, d.object.line));
  }
  return out;
}

template <class T>
void sort_by_origin(std::vector<T>& objects, const std::map<std::string, std::tuple<size_t, int>>& order) {
  auto key = [&](const T& o) {
    auto it = order.find(o.origin);
    return it == order.end() ? std::make_tuple(size_t(-1), 0) : it->second;
  };
  std::stable_sort(objects.begin(), objects.end(),
                   [&](const T& a, const T& b) { return key(a) < key(b); });
}

void annotate(model::Catalog& c, const Parsed& parsed, const std::string& dev_default) {
  auto sql_schema = [&](const std::optional<std::string>& s) -> std::optional<std::string> {
    if (s && iequals(*s, dev_default)) return std::nullopt;
    return s;
  };
  auto by_name = [](const auto& o) -> const std::string& { return o.name; };
  for (const Declaration& d : parsed.declarations) {
    std::string origin = d.file + ":" + std::to_string(d.object.line);
    std::optional<std::string> schema = sql_schema(d.object.schema);
    auto set = [&](auto* object) {
      if (object != nullptr && object->origin.empty()) object->origin = origin;
    };
    switch (d.object.kind) {
      case DeclaredObject::Kind::kTable: set(find_object(c.tables, schema, d.object.name, by_name)); break;
      case DeclaredObject::Kind::kSequence: set(find_object(c.sequences, schema, d.object.name, by_name)); break;
      case DeclaredObject::Kind::kEnum: set(find_object(c.enums, schema, d.object.name, by_name)); break;
      case DeclaredObject::Kind::kView: set(find_object(c.views, schema, d.object.name, by_name)); break;
      case DeclaredObject::Kind::kSchema: break;
    }
  }
  for (const auto& [hint, file] : parsed.hints) {
    model::Table* table = find_object(c.tables, sql_schema(hint.schema), hint.table, by_name);
    if (table == nullptr) continue;  // e.g. a TEMP table: not part of the model
    if (!hint.column) {
      table->renamed_from = hint.old_name;
      continue;
    }
    for (model::Column& column : table->columns) {
      if (iequals(column.name, *hint.column)) column.renamed_from = hint.old_name;
    }
  }
  auto order = order_of(parsed);
  sort_by_origin(c.tables, order);
  sort_by_origin(c.sequences, order);
  sort_by_origin(c.enums, order);
  sort_by_origin(c.views, order);
}

}  // namespace

model::Catalog load_sql_models(const config::Config& config, std::string_view dialect,
                               const std::vector<std::string>& files) {
  std::vector<SqlFile> sql_files = read_files(files);
  std::string identity = DevDatabase::identity(config, dialect);
  std::string cache = cache_file(config, content_hash(dialect, identity, sql_files));
  if (std::optional<model::Catalog> cached = read_cache(cache)) return std::move(*cached);

  Parsed parsed = parse(sql_files, dialect);
  model::Catalog catalog;
  {
    std::unique_ptr<DevDatabase> dev = DevDatabase::open(config, dialect, parsed.schemas);
    apply(*dev, sql_files, parsed, dialect);
    model::Catalog reflected = inspect::inspect(dev->conn(), dialect, dev->reflect_schemas());
    catalog = map_names(std::move(reflected), *dev, dialect);
    annotate(catalog, parsed, dev->default_schema());
  }
  write_cache(cache, catalog);
  return catalog;
}

}  // namespace strata::models
