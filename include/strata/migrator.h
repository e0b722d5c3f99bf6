// strata::Migrator — the public API for programs that embed strata, e.g. a
// C++ service that upgrades its database to head at start-up:
//
//   auto migrator = strata::Migrator::open({.config_path = "strata.toml"});
//   if (!migrator) { log(migrator.error().message()); return 1; }
//   if (auto s = migrator.value()->upgrade("head"); !s) { ... }
//
// Every call returns its error as a value (Result / Status); no exception
// crosses this API. Thread-safety: one Migrator is used by one thread at a
// time; separate Migrators are independent.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "strata/error.h"

namespace strata {

namespace app {
class Project;
}

struct MigratorOptions {
  std::string config_path = "strata.toml";
  // Overrides the configuration's url when set.
  std::optional<std::string> url;
  // Values scripts read with op.x(key).
  std::map<std::string, std::string> x_args;
  // Called with each progress line ("Running upgrade a -> b, message").
  std::function<void(const std::string&)> progress;
};

class Migrator {
 public:
  // Loads the configuration (scripts are read on first use).
  static Result<std::unique_ptr<Migrator>> open(MigratorOptions options);
  ~Migrator();
  Migrator(const Migrator&) = delete;
  Migrator& operator=(const Migrator&) = delete;

  // Apply revisions up to `target` ("head", "heads", "+1", a revision id...).
  Status upgrade(const std::string& target = "head");
  // Revert to `target` ("-1", "base", a revision id...).
  Status downgrade(const std::string& target);
  // The offline SQL an upgrade would run (`target` may be a range "a:b").
  Result<std::string> upgrade_sql(const std::string& target = "head");
  // The database's current revisions (version-table rows).
  Result<std::vector<std::string>> current();
  // The head revisions of the script directory.
  Result<std::vector<std::string>> heads();

 private:
  explicit Migrator(MigratorOptions options, std::unique_ptr<app::Project> project);
  MigratorOptions options_;
  std::unique_ptr<app::Project> project_;
};

}  // namespace strata
