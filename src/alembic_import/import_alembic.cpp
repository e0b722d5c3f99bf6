// import_alembic (contract in alembic_import/import_alembic.h): read and
// translate the whole Alembic project first (alembic_reader), then decide
// per file against the previous import's manifest, then write.
#include "alembic_import/import_alembic.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "alembic_import/alembic_reader.h"
#include "alembic_import/strata_toml.h"
#include "common/sha256.h"
#include "lua/script_header.h"
#include "lua/script_file.h"
#include "strata/error.h"

namespace strata::alembic_import {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kManifest = ".strata-import.json";

std::string sha256(std::string_view text) {
  common::Sha256 h;
  h.update(text);
  return h.hex();
}

std::string file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& p, const std::string& text) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw Error(ErrorCode::kIo, tmp.string() + ": cannot write");
  }
  fs::rename(tmp, p, ec);
  if (ec) throw Error(ErrorCode::kIo, p.string() + ": cannot write: " + ec.message());
}

// The Alembic config to read: -c, else alembic.ini, else pyproject.toml.
void find_config(const ImportOptions& o, std::string& ini, std::string& pyproject) {
  const fs::path src(o.src);
  if (!fs::is_directory(src)) throw Error(ErrorCode::kConfig, o.src + ": not a directory");
  if (fs::exists(src / "pyproject.toml")) pyproject = (src / "pyproject.toml").string();
  if (!o.ini.empty()) {
    if (!fs::exists(o.ini)) throw Error(ErrorCode::kConfig, o.ini + ": no such file");
    ini = o.ini;
  } else if (fs::exists(src / "alembic.ini")) {
    ini = (src / "alembic.ini").string();
  } else if (pyproject.empty() || file_text(pyproject).find("[tool.alembic]") == std::string::npos) {
    throw Error(ErrorCode::kConfig, o.src + ": no alembic.ini (name it with -c) and no "
                                            "[tool.alembic] in pyproject.toml");
  }
}

json read_manifest(const fs::path& dest) {
  const fs::path p = dest / kManifest;
  if (!fs::exists(p)) return json();
  try {
    return json::parse(file_text(p));
  } catch (const json::exception&) {
    throw Error(ErrorCode::kConfig, p.string() + ": unreadable (not written by import-alembic?)");
  }
}

// DEST-relative directory of each version location.
std::vector<std::string> lua_locations(const AlembicProject& project, const std::string& script_location) {
  std::vector<std::string> out;
  std::set<std::string> used;
  for (size_t i = 0; i < project.version_locations.size(); ++i) {
    std::string name = i == 0 ? "versions" : fs::path(project.version_locations[i]).filename().string();
    if (name.empty() || used.count(name)) name = "versions_" + std::to_string(i + 1);
    used.insert(name);
    out.push_back(script_location + "/" + name);
  }
  if (out.empty()) out.push_back(script_location + "/versions");
  return out;
}

// Which location a source file came from.
size_t location_of(const AlembicProject& project, const std::string& source) {
  const fs::path parent = fs::path(source).parent_path().lexically_normal();
  for (size_t i = 0; i < project.version_locations.size(); ++i) {
    if (fs::path(project.version_locations[i]).lexically_normal() == parent) return i;
  }
  return 0;
}

}  // namespace

ImportReport import_alembic(const ImportOptions& options) {
  std::string ini, pyproject;
  find_config(options, ini, pyproject);
  const fs::path dest = fs::absolute(options.dest).lexically_normal();
  json manifest = read_manifest(dest);
  if (!options.update && (manifest.is_object() || fs::exists(dest / "strata.toml"))) {
    throw Error(ErrorCode::kConfig, options.dest + " already holds a strata project; re-import "
                                                   "into it with --update");
  }
  if (options.update && !manifest.is_object()) {
    throw Error(ErrorCode::kConfig, options.dest + ": no earlier import (" + kManifest +
                                        ") to update; import without --update");
  }

  // Everything is read and translated before anything is written.
  AlembicProject project = read_alembic_project(options.src, ini, pyproject, options.python);
  std::string script_location = fs::path(project.script_dir).filename().string();
  if (script_location.empty() || script_location == "." || script_location == "..") {
    script_location = "migrations";
  }
  const std::vector<std::string> locations = lua_locations(project, script_location);

  ImportReport report;
  report.dest = options.dest;
  report.config_file = ini.empty() ? pyproject : ini;
  report.notes = project.notes;
  json files = manifest.is_object() && manifest.contains("files") ? manifest["files"] : json::object();

  // strata.toml: written on a first import, re-written on --update only
  // while it is what the last import wrote.
  const std::string toml = strata_toml_text(project, dest.string(), script_location, locations);
  const fs::path toml_path = dest / "strata.toml";
  std::string toml_sha = manifest.is_object() ? manifest.value("strata_toml_sha256", "") : "";
  const bool toml_exists = fs::exists(toml_path);
  const std::string current_toml = toml_exists ? file_text(toml_path) : "";
  const bool first_import = !toml_exists && !options.update;
  const bool untouched = toml_exists && manifest.is_object() && sha256(current_toml) == toml_sha;
  if (first_import || (untouched && current_toml != toml)) {
    write_file(toml_path, toml);
    report.strata_toml_written = true;
    toml_sha = sha256(toml);
  }

  std::set<std::string> written;
  for (const TranslatedRevision& rev : project.revisions) {
    const std::string rel = locations[location_of(project, rev.source)] + "/" +
                            fs::path(rev.source).stem().string() + ".lua";
    if (!written.insert(rel).second) {
      throw Error(ErrorCode::kConfig, rev.source + ": another revision file has the same name");
    }
    const fs::path path = dest / rel;
    ImportedFile file{rel, rev.source, rev.revision};
    const bool known = files.contains(rel);
    if (fs::exists(path)) {
      const std::string current = file_text(path);
      if (!known || sha256(current) != files[rel].value("lua_sha256", "")) {
        file.status = ImportedFile::Status::kKept;  // edited by a person (or not ours)
      } else if (current == rev.lua) {
        file.status = ImportedFile::Status::kUnchanged;
      } else {
        write_file(path, rev.lua);
        file.status = ImportedFile::Status::kUpdated;
      }
    } else if (known) {
      file.status = ImportedFile::Status::kKept;  // deleted by a person: left deleted
    } else {
      write_file(path, rev.lua);
      file.status = ImportedFile::Status::kWritten;
    }
    if (file.status == ImportedFile::Status::kWritten || file.status == ImportedFile::Status::kUpdated) {
      files[rel] = {{"source", rev.source},
                    {"source_sha256", rev.source_sha256},
                    {"lua_sha256", sha256(rev.lua)}};
    }
    // The markers of the file as it now stands: the translator's when the
    // file holds its text, else read from the file a person edited.
    if (file.status != ImportedFile::Status::kKept) {
      file.untranslated = rev.untranslated;
    } else if (fs::exists(path)) {
      file.untranslated =
          lua::parse_script_header(lua::read_file(path.string()), path.string()).untranslated;
    }
    report.files.push_back(std::move(file));
  }
  json out = {{"format", 1},
              {"source", fs::absolute(options.src).lexically_normal().string()},
              {"strata_toml_sha256", toml_sha},
              {"files", files}};
  write_file(dest / kManifest, out.dump(2) + "\n");
  return report;
}

}  // namespace strata::alembic_import
