// Project: one strata project as the commands see it — its configuration,
// its revision scripts and graph (loaded lazily, once), its database URL,
// dialect and connection. Every CLI verb and the public Migrator facade work
// through a Project.
//
// Thread-safety: one thread at a time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "config/config.h"
#include "dialect/dialect.h"
#include "driver/connection.h"
#include "script/revision_map.h"

namespace strata::app {

struct ProjectOptions {
  std::string config_path = "strata.toml";
  std::optional<std::string> url;            // --url overrides the config
  std::map<std::string, std::string> x_args;  // -x key=value
  // Receives each script-layer warning once, when revisions() first loads
  // the graph (e.g. Alembic .py files ignored in a version location); the
  // CLI prints them as "WARNING [strata] <text>". Null: not reported.
  std::function<void(const std::string&)> on_warning;
  // When set, connect() and connect_read_only() return what it makes
  // (argument: the `create` flag of driver::connect) instead of opening the
  // URL — after connect_read_only's missing-file check: the public API's
  // lent connection and statement observer (src/api/). The URL still names
  // the dialect.
  std::function<std::unique_ptr<driver::Connection>(bool create)> connection_factory;
};

class Project {
 public:
  // Loads the configuration. Throws strata::Error.
  explicit Project(ProjectOptions options);

  const config::Config& config() const { return config_; }
  const ProjectOptions& options() const { return options_; }

  // The revision graph of all scripts in the version locations (loaded on
  // first use). Throws strata::Error for a bad script or graph.
  const script::RevisionMap& revisions();
  // The warnings of that load (empty before it).
  const std::vector<std::string>& script_warnings() const { return script_warnings_; }

  // The database URL (--url, else the config's `url`).
  // Throws strata::Error(kConfig) when neither is set or it does not parse.
  const config::Url& url();
  // The dialect of the URL.
  const dialect::Dialect& dialect();
  // A new live connection. Throws strata::Error.
  std::unique_ptr<driver::Connection> connect();
  // A connection for a read-only command (current, history -i, check,
  // models dump): never creates a database. A SQLite file that does not
  // exist is Error(kDatabase) "<url>: no such database file (read-only
  // command; run `strata upgrade` to create it)".
  std::unique_ptr<driver::Connection> connect_read_only();

  dialect::VersionTableName version_table() const;
  std::vector<std::string> lua_module_roots() const;
  // "<config file's directory>/.strata-cache/scripts.luac" (lua/script_cache.h);
  // "" without a config file (nothing is written next to the working directory).
  std::string script_cache_file() const;

 private:
  ProjectOptions options_;
  config::Config config_;
  std::unique_ptr<script::RevisionMap> revisions_;
  std::vector<std::string> script_warnings_;
  std::optional<config::Url> url_;
  std::unique_ptr<dialect::Dialect> dialect_;
};

}  // namespace strata::app
