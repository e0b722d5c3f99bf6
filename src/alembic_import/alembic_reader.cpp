// read_alembic_project (contract in alembic_import/alembic_reader.h): runs
// the translator and reads its JSON (py/main.py's header has its shape).
#include "alembic_import/alembic_reader.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "alembic_import/translator_source.h"
#include "common/python_process.h"
#include "strata/error.h"

namespace strata::alembic_import {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::optional<std::string> optional_string(const json& config, const char* key) {
  auto it = config.find(key);
  if (it == config.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();  // a number (truncate_slug_length) as written
}

std::optional<bool> optional_bool(const json& config, const char* key) {
  auto it = config.find(key);
  if (it == config.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::vector<std::string> strings(const json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const json& v : value) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

}  // namespace

AlembicProject read_alembic_project(const std::string& src, const std::string& ini,
                                    const std::string& pyproject, const std::string& python) {
  const std::string base = fs::absolute(src).lexically_normal().string();
  json request = {{"src", base},
                  {"ini", ini.empty() ? json(nullptr) : json(fs::absolute(ini).string())},
                  {"pyproject", pyproject.empty() ? json(nullptr) : json(fs::absolute(pyproject).string())}};
  common::PythonRun run = common::run_python_script(python, translator_source(), {request.dump()});
  if (run.exit_code == 127 && run.out.empty() && run.err.empty()) {
    throw Error(ErrorCode::kConfig, "import-alembic: cannot run '" + python +
                                        "' (not found; install python3 or pass --python)");
  }
  if (run.exit_code != 0) {
    throw Error(ErrorCode::kConfig, common::python_error_line(run, python));
  }
  json doc;
  try {
    doc = json::parse(run.out);
  } catch (const json::exception& e) {
    throw Error(ErrorCode::kIo, std::string("import-alembic: unreadable translator output: ") + e.what());
  }
  const json& config = doc.at("config");
  AlembicProject project;
  project.script_dir = config.value("script_dir", "");
  project.version_locations = strings(config.value("version_locations", json::array()));
  project.file_template = optional_string(config, "file_template");
  project.truncate_slug_length = optional_string(config, "truncate_slug_length");
  project.timezone = optional_string(config, "timezone");
  project.url = optional_string(config, "url");
  project.version_table = optional_string(config, "version_table");
  project.version_table_schema = optional_string(config, "version_table_schema");
  project.transaction_per_migration = optional_bool(config, "transaction_per_migration");
  project.include_schemas = optional_bool(config, "include_schemas");
  project.models = strings(config.value("models", json::array()));
  project.python_path = strings(config.value("python_path", json::array()));
  project.notes = strings(doc.value("notes", json::array()));
  for (const json& r : doc.at("revisions")) {
    if (r.contains("error")) throw Error(ErrorCode::kConfig, r.at("error").get<std::string>());
    TranslatedRevision rev;
    rev.source = r.at("source").get<std::string>();
    rev.revision = r.at("revision").get<std::string>();
    rev.lua = r.at("lua").get<std::string>();
    rev.source_sha256 = r.at("source_sha256").get<std::string>();
    for (const json& m : r.at("markers")) {
      rev.untranslated.push_back({m.at("line").get<int>(), m.at("direction").get<std::string>(),
                                  m.at("construct").get<std::string>()});
    }
    project.revisions.push_back(std::move(rev));
  }
  return project;
}

}  // namespace strata::alembic_import
