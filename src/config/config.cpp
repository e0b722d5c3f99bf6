// strata.toml loading and path resolution.
//
// Keys may sit at the top level or under a [strata] table (not both for the
// same key). Every error names the file and, where toml++ knows it, the line:
//   strata.toml:3: unknown key 'foo'
//   strata.toml:5: 'truncate_slug_length' must be an integer, not a string
//   strata.toml:2:7: <toml++ syntax error>
//   strata.toml:4: keys nested deeper than 64 levels (checked before toml++)
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/toml_nesting.h"
#include "model/naming.h"
#include "strata/error.h"

namespace strata::config {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kHere = "%(here)s";

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "a value";
  }
}

// The directory of the config file, absolute ("here" in Alembic).
std::string here_dir(const std::string& config_path) {
  std::error_code ec;
  fs::path dir = config_path.empty() ? fs::current_path(ec)
                                     : fs::absolute(fs::path(config_path), ec).parent_path();
  return dir.lexically_normal().string();
}

std::string expand_here(std::string text, const std::string& config_path) {
  size_t pos = text.find(kHere);
  if (pos == std::string::npos) return text;
  std::string here = here_dir(config_path);
  while (pos != std::string::npos) {
    text.replace(pos, kHere.size(), here);
    pos = text.find(kHere, pos + here.size());
  }
  return text;
}

std::string resolve_dir(const std::string& location, const std::string& config_path) {
  fs::path loc(expand_here(location, config_path));
  if (loc.is_absolute() || config_path.empty()) return loc.lexically_normal().string();
  fs::path base = fs::path(config_path).parent_path();
  if (base.empty()) return loc.lexically_normal().string();
  return (base / loc).lexically_normal().string();
}

// Alembic's default version_locations splitting: commas and/or spaces.
std::vector<std::string> split_locations(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) { config_.config_path = path_; }

  Config load() {
    std::string text = read_file();
    refuse_alembic_ini(text);
    check_toml_nesting(text, path_);  // toml++ recurses per level: bound it first
    toml::table root;
    try {
      root = toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
      const auto& pos = e.source().begin;
      throw Error(ErrorCode::kConfig, path_ + ":" + std::to_string(pos.line) + ":" +
                                          std::to_string(pos.column) + ": " +
                                          std::string(e.description()));
    }
    for (const auto& [key, node] : root) {
      if (key.str() == "strata") {
        const toml::table* table = node.as_table();
        if (table == nullptr) {
          throw error_at(node, "'strata' must be a table, not " + type_name(node));
        }
        for (const auto& [inner_key, inner_node] : *table) apply(inner_key, inner_node);
      } else {
        apply(key, node);
      }
    }
    return std::move(config_);
  }

 private:
  // Alembic's alembic.ini given as strata's config (-c alembic.ini): say how
  // to convert the project rather than print a TOML parse error.
  void refuse_alembic_ini(std::string_view text) const {
    const bool ini_name = fs::path(path_).extension() == ".ini";
    const bool alembic_section = text.find("[alembic]") != std::string_view::npos &&
                                 text.find("script_location") != std::string_view::npos;
    if (ini_name || alembic_section) {
      std::string dir = fs::path(path_).parent_path().string();
      throw Error(ErrorCode::kConfig,
                  path_ + ": this is Alembic's configuration, not strata.toml; convert the "
                          "project with `strata import-alembic " +
                      (dir.empty() ? std::string(".") : dir) + " -c " + path_ + " -o DEST`");
    }
  }

  std::string read_file() {
    std::error_code ec;
    if (fs::is_directory(path_, ec)) {
      throw Error(ErrorCode::kIo, "cannot read config file '" + path_ + "': " + std::strerror(EISDIR));
    }
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
      int err = errno;
      throw Error(ErrorCode::kIo, "cannot read config file '" + path_ + "': " +
                                      std::strerror(err != 0 ? err : ENOENT));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
      throw Error(ErrorCode::kIo, "cannot read config file '" + path_ + "': " + std::strerror(EIO));
    }
    return buffer.str();
  }

  std::string where(const toml::source_region& src) const {
    if (src.begin.line == 0) return path_;
    return path_ + ":" + std::to_string(src.begin.line);
  }

  Error error_at(const toml::node& node, const std::string& what) const {
    return Error(ErrorCode::kConfig, where(node.source()) + ": " + what);
  }

  std::string get_string(std::string_view key, const toml::node& node) const {
    const auto* value = node.as_string();
    if (value == nullptr) {
      throw error_at(node, "'" + std::string(key) + "' must be a string, not " + type_name(node));
    }
    return value->get();
  }

  // An array of non-empty strings.
  std::vector<std::string> get_strings(std::string_view key, const toml::node& node) const {
    const auto* array = node.as_array();
    if (array == nullptr) {
      throw error_at(node, "'" + std::string(key) + "' must be an array of strings, not " +
                               type_name(node));
    }
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
      const auto* s = item.as_string();
      if (s == nullptr) {
        throw error_at(item,
                       "'" + std::string(key) + "' must hold strings, not " + type_name(item));
      }
      if (s->get().empty()) {
        throw error_at(item, "'" + std::string(key) + "' holds an empty string");
      }
      out.push_back(s->get());
    }
    return out;
  }

  // A table of ix/uq/ck/fk/pk -> template (model/naming.h).
  std::map<std::string, std::string> get_naming_convention(const toml::node& node) const {
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      throw error_at(node, "'naming_convention' must be a table, not " + type_name(node));
    }
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : *table) {
      const std::string name(key.str());
      const auto* s = value.as_string();
      if (s == nullptr) {
        throw error_at(value, "'naming_convention." + name + "' must be a string, not " +
                                  type_name(value));
      }
      if (std::string why = model::naming_template_error(name, s->get()); !why.empty()) {
        throw error_at(value, "'naming_convention." + name + "': " + why);
      }
      out.emplace(name, s->get());
    }
    return out;
  }

  // [lint]: disable = ["rule", ...], severity = {rule = "error" | ...}.
  void read_lint(const toml::node& node) {
    const toml::table* table = node.as_table();
    if (table == nullptr) throw error_at(node, "'lint' must be a table, not " + type_name(node));
    for (const auto& [key, value] : *table) {
      const std::string name(key.str());
      if (name == "disable") {
        config_.lint_disable = get_strings("lint.disable", value);
      } else if (name == "severity") {
        const toml::table* levels = value.as_table();
        if (levels == nullptr) {
          throw error_at(value, "'lint.severity' must be a table, not " + type_name(value));
        }
        for (const auto& [rule, level] : *levels) {
          config_.lint_severity[std::string(rule.str())] =
              get_string("lint.severity." + std::string(rule.str()), level);
        }
      } else {
        throw Error(ErrorCode::kConfig, where(key.source()) + ": unknown key 'lint." + name + "'");
      }
    }
  }

  void apply(const toml::key& key_node, const toml::node& node) {
    const std::string key(key_node.str());
    uint32_t line = key_node.source().begin.line;
    auto [it, inserted] = seen_.emplace(key, line);
    if (!inserted) {
      // toml++ iterates keys in sorted order: report the later occurrence.
      uint32_t first = std::min(line, it->second), second = std::max(line, it->second);
      throw Error(ErrorCode::kConfig, path_ + ":" + std::to_string(second) + ": key '" + key +
                                          "' given twice (also on line " +
                                          std::to_string(first) + ")");
    }
    if (key == "script_location") {
      config_.script_location = expand_here(get_string(key, node), path_);
      if (config_.script_location.empty()) throw error_at(node, "'script_location' must not be empty");
    } else if (key == "version_locations") {
      config_.version_locations.clear();
      if (const auto* array = node.as_array()) {
        for (const toml::node& item : *array) {
          const auto* s = item.as_string();
          if (s == nullptr) {
            throw error_at(item, "'version_locations' must hold strings, not " + type_name(item));
          }
          if (!s->get().empty()) config_.version_locations.push_back(expand_here(s->get(), path_));
        }
      } else if (node.is_string()) {
        for (std::string& loc : split_locations(node.as_string()->get())) {
          config_.version_locations.push_back(expand_here(std::move(loc), path_));
        }
      } else {
        throw error_at(node, "'version_locations' must be an array of strings or a string, not " +
                                 type_name(node));
      }
    } else if (key == "file_template") {
      config_.file_template = get_string(key, node);
      if (config_.file_template.empty()) throw error_at(node, "'file_template' must not be empty");
    } else if (key == "truncate_slug_length") {
      const auto* value = node.as_integer();
      if (value == nullptr) {
        throw error_at(node, "'truncate_slug_length' must be an integer, not " + type_name(node));
      }
      if (value->get() < 1 || value->get() > 1000) {
        throw error_at(node, "'truncate_slug_length' must be between 1 and 1000");
      }
      config_.truncate_slug_length = static_cast<int>(value->get());
    } else if (key == "script_instruction_limit" || key == "script_memory_limit_mb") {
      const auto* value = node.as_integer();
      if (value == nullptr) {
        throw error_at(node, "'" + key + "' must be an integer, not " + type_name(node));
      }
      const int64_t max = key == "script_memory_limit_mb" ? int64_t{1} << 40 : int64_t{1} << 62;
      if (value->get() < 0 || value->get() > max) {
        throw error_at(node, "'" + key + "' must be between 0 (no limit) and " +
                                 std::to_string(max));
      }
      (key == "script_memory_limit_mb" ? config_.script_memory_limit_mb
                                       : config_.script_instruction_limit) =
          static_cast<long>(value->get());
    } else if (key == "migration_lock_timeout") {
      const auto* value = node.as_integer();
      if (value == nullptr || value->get() < 0 || value->get() > 86400) {
        throw error_at(node, "'migration_lock_timeout' must be an integer number of seconds (0 to 86400)");
      }
      config_.migration_lock_timeout = static_cast<int>(value->get());
    } else if (key == "history_table") {
      config_.history_table = get_string(key, node);
      if (config_.history_table.empty()) throw error_at(node, "'history_table' must not be empty");
    } else if (key == "validate_on_migrate") {
      config_.validate_on_migrate = get_string(key, node);
      if (config_.validate_on_migrate != "warn" && config_.validate_on_migrate != "error") {
        throw error_at(node, "'validate_on_migrate' must be \"warn\" or \"error\"");
      }
    } else if (key == "url") {
      std::string raw = get_string(key, node);
      // An unset variable is an error only when the URL is used
      // (app::Project::url): heads, history, lint... run without it, as in Alembic.
      try {
        config_.url = expand_here(interpolate_env(raw), path_);
      } catch (const Error& e) {
        config_.url_error = error_at(node, "url: " + e.message()).message();
      }
    } else if (key == "version_table") {
      config_.version_table = get_string(key, node);
      if (config_.version_table.empty()) throw error_at(node, "'version_table' must not be empty");
    } else if (key == "version_table_schema") {
      std::string schema = get_string(key, node);
      if (schema.empty()) {
        config_.version_table_schema.reset();
      } else {
        config_.version_table_schema = schema;
      }
    } else if (key == "transaction_per_migration") {
      const auto* value = node.as_boolean();
      if (value == nullptr) {
        throw error_at(node, "'transaction_per_migration' must be a boolean, not " + type_name(node));
      }
      config_.transaction_per_migration = value->get();
    } else if (key == "verify_data") {
      const auto* value = node.as_boolean();
      if (value == nullptr) {
        throw error_at(node, "'verify_data' must be a boolean, not " + type_name(node));
      }
      config_.verify_data = value->get();
    } else if (key == "timezone") {
      config_.timezone = get_string(key, node);
    } else if (key == "models") {
      config_.models = get_strings(key, node);
      for (std::string& glob : config_.models) glob = expand_here(std::move(glob), path_);
    } else if (key == "lint") {
      read_lint(node);
    } else if (key == "naming_convention") {
      config_.naming_convention = get_naming_convention(node);
    } else if (key == "schema_map") {
      const toml::table* table = node.as_table();
      if (table == nullptr) throw error_at(node, "'schema_map' must be a table, not " + type_name(node));
      for (const auto& [name, value] : *table) {
        const auto* s = value.as_string();
        if (s == nullptr || s->get().empty()) {
          throw error_at(value, "'schema_map." + std::string(name.str()) + "' must be a non-empty string");
        }
        config_.schema_map.emplace(std::string(name.str()), s->get());
      }
    } else if (key == "include_schemas") {
      config_.include_schemas = get_strings(key, node);
    } else if (key == "exclude_tables") {
      config_.exclude_tables = get_strings(key, node);
    } else if (key == "python") {
      config_.python = get_string(key, node);
      if (config_.python.empty()) throw error_at(node, "'python' must not be empty");
    } else if (key == "python_path") {
      config_.python_path = get_strings(key, node);
      for (std::string& dir : config_.python_path) dir = expand_here(std::move(dir), path_);
    } else if (key == "dev_url") {
      std::string raw = get_string(key, node);
      try {
        config_.dev_url = expand_here(interpolate_env(raw), path_);
      } catch (const Error& e) {
        throw error_at(node, "dev_url: " + e.message());
      }
    } else {
      throw Error(ErrorCode::kConfig, where(key_node.source()) + ": unknown key '" + key + "'");
    }
  }

  std::string path_;
  Config config_;
  std::map<std::string, uint32_t> seen_;  // key → line, to reject duplicates
};

}  // namespace

std::vector<std::string> Config::resolved_version_locations() const {
  std::vector<std::string> out;
  if (version_locations.empty()) {
    out.push_back((fs::path(resolved_script_location()) / "versions").string());
    return out;
  }
  for (const std::string& loc : version_locations) out.push_back(resolve_dir(loc, config_path));
  return out;
}

std::string Config::resolved_script_location() const {
  return resolve_dir(script_location, config_path);
}

Config load_config(const std::string& path) { return Loader(path).load(); }

}  // namespace strata::config
