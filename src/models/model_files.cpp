// load_models (contract in models/model_files.h): globs -> files -> Lua and
// SQL loaders -> duplicate checks -> naming convention.
#include "models/model_files.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "model/naming.h"
#include "models/lua_models.h"
#include "models/python_models.h"
#include "models/sql_models.h"
#include "strata/error.h"

namespace strata::models {
namespace {

namespace fs = std::filesystem;

bool has_wildcard(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool is_model_extension(const fs::path& p) {
  return p.extension() == ".lua" || p.extension() == ".sql";
}

std::string config_name(const config::Config& config) {
  return config.config_path.empty() ? "strata.toml" : config.config_path;
}

// The directory part of `pattern` before its first wildcard component.
fs::path literal_dir(const fs::path& pattern) {
  fs::path dir;
  for (const fs::path& part : pattern.parent_path()) {
    if (has_wildcard(part.string())) break;
    dir /= part;
  }
  return dir;
}

struct Matched {
  std::vector<std::string> files;  // sorted, distinct
  std::set<std::string> dirs;      // directories the globs read
  std::vector<std::string> python_specs;  // "python:" entries, prefix removed
};

Matched match_globs(const config::Config& config) {
  if (config.models.empty()) {
    throw Error(ErrorCode::kConfig,
                config_name(config) + ": no `models` key: list the model files, e.g. "
                                      "models = [\"models/*.lua\", \"models/*.sql\"]");
  }
  fs::path base = fs::path(config.config_path).parent_path();
  Matched m;
  std::set<std::string> files;
  for (const std::string& glob_text : config.models) {
    if (glob_text.starts_with(kPythonModelPrefix)) {
      m.python_specs.push_back(glob_text.substr(kPythonModelPrefix.size()));
      continue;
    }
    if (glob_text.find("**") != std::string::npos) {
      throw Error(ErrorCode::kConfig, config_name(config) + ": models: '" + glob_text +
                                          "': '**' is not supported (list each directory)");
    }
    fs::path pattern = fs::path(glob_text).is_absolute() ? fs::path(glob_text) : base / glob_text;
    pattern = pattern.lexically_normal();
    fs::path dir = literal_dir(pattern);
    m.dirs.insert(dir.empty() ? "." : dir.string());
    glob_t g{};
    int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
    size_t before = files.size();
    if (rc == 0) {
      for (size_t i = 0; i < g.gl_pathc; ++i) {
        fs::path file = fs::path(g.gl_pathv[i]).lexically_normal();
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) continue;
        if (!is_model_extension(file)) {
          ::globfree(&g);
          throw Error(ErrorCode::kConfig, file.string() + ": a model file must end in .lua or "
                                                          ".sql (matched by models: '" +
                                              glob_text + "')");
        }
        files.insert(file.string());
        m.dirs.insert((file.has_parent_path() ? file.parent_path() : fs::path(".")).string());
      }
    }
    ::globfree(&g);
    if (rc != 0 && rc != GLOB_NOMATCH) {
      throw Error(ErrorCode::kIo, config_name(config) + ": models: cannot read '" +
                                      pattern.string() + "'");
    }
    if (!has_wildcard(glob_text) && files.size() == before &&
        !files.contains(pattern.string())) {
      throw Error(ErrorCode::kConfig, config_name(config) + ": models: '" + glob_text +
                                          "' does not exist (" + pattern.string() + ")");
    }
  }
  if (files.empty() && m.python_specs.empty()) {
    std::string globs;
    for (const std::string& g : config.models) globs += (globs.empty() ? "" : ", ") + g;
    throw Error(ErrorCode::kConfig, config_name(config) + ": no model file matches `models` (" +
                                        globs + ")");
  }
  m.files.assign(files.begin(), files.end());
  return m;
}

// Model files in the directories read that no glob matched.
std::vector<std::string> unlisted_files(const Matched& m) {
  std::set<std::string> listed(m.files.begin(), m.files.end());
  std::set<std::string> unlisted;
  for (const std::string& dir : m.dirs) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (!it->is_regular_file(type_ec) || !is_model_extension(it->path())) continue;
      fs::path p = dir == "." ? it->path().filename() : it->path();
      std::string path = p.lexically_normal().string();
      if (!listed.contains(path)) unlisted.insert(path);
    }
  }
  std::vector<std::string> warnings;
  for (const std::string& path : unlisted) {
    warnings.push_back(path + ": model file not listed in `models` (strata.toml)");
  }
  return warnings;
}

std::string qualified(const std::optional<std::string>& schema, const std::string& name) {
  return schema ? *schema + "." + name : name;
}

// Remembers the first declaration of each key; a second one is an error.
class Declarations {
 public:
  void add(const std::string& key, const std::string& what, const std::string& origin) {
    auto [it, inserted] = first_.emplace(key, std::make_pair(what, origin));
    if (inserted) return;
    std::string at = origin.empty() ? "" : origin + ": ";
    std::string first = it->second.second.empty() ? "unknown position" : it->second.second;
    std::string as = it->second.first == what ? "" : " as " + it->second.first;
    throw Error(ErrorCode::kScript,
                at + what + " is declared twice (first at " + first + as + ")");
  }

 private:
  std::map<std::string, std::pair<std::string, std::string>> first_;  // key -> (what, origin)
};

std::string key_of(const std::optional<std::string>& schema, const std::string& name) {
  return (schema ? *schema : std::string()) + '\x1f' + name;
}

void check_duplicates(const LoadedModels& loaded, std::string_view dialect) {
  const model::Catalog& c = loaded.catalog;
  Declarations relations, indexes, sequences, enums;
  for (const model::Table& t : c.tables) {
    relations.add(key_of(t.schema, t.name), "table " + qualified(t.schema, t.name), t.origin);
  }
  for (const model::View& v : c.views) {
    relations.add(key_of(v.schema, v.name), "view " + qualified(v.schema, v.name), v.origin);
  }
  for (size_t i = 0; i < c.indexes.size(); ++i) {
    const model::Index& ix = c.indexes[i];
    std::string key = key_of(ix.schema, ix.name);
    if (dialect == "mysql") key += '\x1f' + ix.table;  // index names are per table there
    indexes.add(key, "index " + qualified(ix.schema, ix.name),
                i < loaded.index_origins.size() ? loaded.index_origins[i] : "");
  }
  for (const model::Sequence& s : c.sequences) {
    sequences.add(key_of(s.schema, s.name), "sequence " + qualified(s.schema, s.name), s.origin);
  }
  for (const model::Enum& e : c.enums) {
    enums.add(key_of(e.schema, e.name), "enum " + qualified(e.schema, e.name), e.origin);
  }
}

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// Declared schemas plus every schema an object names, sorted and distinct.
std::vector<std::string> all_schemas(const model::Catalog& c) {
  std::set<std::string> schemas(c.schemas.begin(), c.schemas.end());
  auto add = [&](const std::optional<std::string>& s) {
    if (s) schemas.insert(*s);
  };
  for (const auto& t : c.tables) {
    add(t.schema);
    for (const auto& fk : t.foreign_keys) add(fk.ref_schema);
  }
  for (const auto& x : c.indexes) add(x.schema);
  for (const auto& x : c.sequences) add(x.schema);
  for (const auto& x : c.enums) add(x.schema);
  for (const auto& x : c.views) add(x.schema);
  return {schemas.begin(), schemas.end()};
}

}  // namespace

ModelFileList list_model_files(const config::Config& config) {
  Matched matched = match_globs(config);
  return ModelFileList{matched.files, unlisted_files(matched)};
}

LoadedModels load_models(const config::Config& config, std::string_view dialect) {
  Matched matched = match_globs(config);
  LoadedModels loaded;
  loaded.files = matched.files;
  loaded.warnings = unlisted_files(matched);

  LuaModelOptions options;
  options.dialect = std::string(dialect);
  options.module_roots = {config.resolved_script_location() + "/lib"};
  options.index_name_optional = config.naming_convention.contains("ix");
  DeclaredModels declared;
  std::vector<std::string> sql_files;
  for (const std::string& file : matched.files) {
    if (fs::path(file).extension() == ".lua") {
      load_lua_model(file, options, declared);
    } else {
      sql_files.push_back(file);
    }
  }
  model::apply_naming_convention(config.naming_convention, declared.catalog,
                                 declared.index_origins);
  loaded.catalog = std::move(declared.catalog);
  loaded.index_origins = std::move(declared.index_origins);

  if (!sql_files.empty()) {
    model::Catalog sql = load_sql_models(config, dialect, sql_files);
    model::Catalog& c = loaded.catalog;
    append(c.schemas, sql.schemas);
    append(c.tables, sql.tables);
    loaded.index_origins.resize(c.indexes.size() + sql.indexes.size());
    append(c.indexes, sql.indexes);
    append(c.sequences, sql.sequences);
    append(c.enums, sql.enums);
    append(c.views, sql.views);
  }
  if (!matched.python_specs.empty()) {
    model::Catalog py = load_python_models(config, dialect, matched.python_specs);
    model::Catalog& c = loaded.catalog;
    append(c.schemas, py.schemas);
    append(c.tables, py.tables);
    loaded.index_origins.resize(c.indexes.size() + py.indexes.size());
    append(c.indexes, py.indexes);
    append(c.sequences, py.sequences);
    append(c.enums, py.enums);
    append(c.views, py.views);
  }
  check_duplicates(loaded, dialect);
  loaded.catalog.schemas = all_schemas(loaded.catalog);
  return loaded;
}

}  // namespace strata::models
