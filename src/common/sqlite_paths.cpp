// The SQLite schema file rule (common/sqlite_paths.h).
#include "common/sqlite_paths.h"

#include <filesystem>

namespace strata::sqlite_paths {

std::string schema_file(const std::string& main_path, const std::string& schema) {
  if (main_path.empty() || main_path == ":memory:") return ":memory:";
  std::filesystem::path p(main_path);
  return (p.parent_path() / (p.stem().string() + "." + schema + ".db")).string();
}

}  // namespace strata::sqlite_paths
