#include "app/project.h"

#include <filesystem>

#include "fleet/tenant.h"
#include "script/script_directory.h"
#include "strata/error.h"

namespace strata::app {

Project::Project(ProjectOptions options)
    : options_(std::move(options)), config_(config::load_config(options_.config_path)) {
  fleet::apply_tenant(config_, options_.x_args);  // -x tenant=NAME (fleet/tenant.h)
}

const script::RevisionMap& Project::revisions() {
  if (!revisions_) {
    script::ScriptDirectory directory(config_);
    std::vector<std::string> warnings;
    revisions_ = std::make_unique<script::RevisionMap>(directory.load_revisions(&warnings));
    script_warnings_ = std::move(warnings);
    if (options_.on_warning) {
      for (const std::string& warning : script_warnings_) options_.on_warning(warning);
    }
  }
  return *revisions_;
}

const config::Url& Project::url() {
  if (!url_) {
    if (!options_.url && !config_.url_error.empty()) {
      throw Error(ErrorCode::kConfig, config_.url_error);
    }
    std::string text = options_.url ? config::interpolate_env(*options_.url) : config_.url;
    if (text.empty()) {
      throw Error(ErrorCode::kConfig,
                  "no database URL: set 'url' in " + options_.config_path + " or pass --url");
    }
    url_ = config::parse_url(text);
  }
  return *url_;
}

const dialect::Dialect& Project::dialect() {
  if (!dialect_) {
    const config::Url& u = url();
    dialect_ = dialect::make_dialect(u.dialect, u.dialect == "sqlite" ? u.database : "");
  }
  return *dialect_;
}

std::unique_ptr<driver::Connection> Project::connect() {
  fleet::require_tenant(config_);
  if (options_.connection_factory) return options_.connection_factory(true);
  return driver::connect(url());
}

std::unique_ptr<driver::Connection> Project::connect_read_only() {
  fleet::require_tenant(config_);
  const config::Url& u = url();
  if (u.dialect == "sqlite" && !u.database.empty() && u.database != ":memory:" &&
      u.database.rfind("file:", 0) != 0) {
    std::error_code ec;
    if (!std::filesystem::exists(u.database, ec)) {
      throw Error(ErrorCode::kDatabase,
                  u.redacted() +
                      ": no such database file (read-only command; run `strata upgrade` to "
                      "create it)");
    }
  }
  if (options_.connection_factory) return options_.connection_factory(false);
  return driver::connect(u, /*create=*/false);
}

dialect::VersionTableName Project::version_table() const {
  return dialect::VersionTableName{config_.version_table, config_.version_table_schema};
}

std::vector<std::string> Project::lua_module_roots() const {
  return script::ScriptDirectory(config_).module_roots();
}

std::string Project::script_cache_file() const {
  const std::string dir = script::ScriptDirectory(config_).cache_dir();
  return dir.empty() ? "" : dir + "/scripts.luac";
}

}  // namespace strata::app
