// load_python_models (contract in models/python_models.h): run the shipped
// exporter (common/python_process.h), read the catalog document back.
#include "models/python_models.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/python_process.h"
#include "model/catalog_json.h"
#include "models/python_exporter.h"
#include "strata/error.h"

namespace strata::models {
namespace {

namespace fs = std::filesystem;

std::string config_name(const config::Config& config) {
  return config.config_path.empty() ? "strata.toml" : config.config_path;
}

}  // namespace

model::Catalog load_python_models(const config::Config& config, std::string_view dialect,
                                  const std::vector<std::string>& specs) {
  fs::path base = fs::absolute(fs::path(config.config_path)).parent_path();
  nlohmann::json path = nlohmann::json::array();
  for (const std::string& dir : config.python_path) {
    fs::path p(dir);
    path.push_back((p.is_absolute() ? p : base / p).lexically_normal().string());
  }
  nlohmann::json request = {{"path", path}, {"specs", specs}};

  const std::string& python = config.python;
  common::PythonRun r =
      common::run_python_script(python, python_exporter_source(), {std::string(dialect), request.dump()});
  const std::string where = config_name(config) + ": models: python";
  if (r.exit_code == 127 && r.out.empty() && r.err.empty()) {
    throw Error(ErrorCode::kConfig, where + ": cannot run '" + python +
                                        "' (not found; install python3 or set `python` in "
                                        "strata.toml)");
  }
  if (r.exit_code != 0) {
    throw Error(ErrorCode::kConfig, where + ": " + common::python_error_line(r, python));
  }
  return model::catalog_from_json(r.out, where + " exporter output");
}

}  // namespace strata::models
