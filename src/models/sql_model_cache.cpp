// The SQL models' result cache (see sql_model_cache.h).
#include "models/sql_model_cache.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "common/sha256.h"
#include "model/catalog_json.h"
#include "strata/error.h"

#ifndef STRATA_VERSION
#define STRATA_VERSION "unknown"
#endif

namespace strata::models {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFormat = "strata-sql-models-cache-1";

// A field: its length, then its bytes (so "ab"+"c" != "a"+"bc").
void add_field(common::Sha256& sha, std::string_view bytes) {
  sha.update(std::to_string(bytes.size()) + ":");
  sha.update(bytes);
}

}  // namespace

std::string content_hash(std::string_view dialect, std::string_view dev_identity,
                         const std::vector<SqlFile>& files) {
  common::Sha256 sha;
  add_field(sha, kFormat);
  add_field(sha, STRATA_VERSION);
  add_field(sha, dialect);
  add_field(sha, dev_identity);
  for (const SqlFile& f : files) {
    add_field(sha, f.path);
    add_field(sha, f.text);
  }
  return sha.hex();
}

std::string cache_file(const config::Config& config, const std::string& hash) {
  fs::path dir = config.config_path.empty() ? fs::path(".") : fs::path(config.config_path).parent_path();
  if (dir.empty()) dir = ".";
  return (dir / ".strata-cache" / ("models-" + hash + ".json")).string();
}

std::optional<model::Catalog> read_cache(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  try {
    return model::catalog_from_json(text, path);
  } catch (const Error&) {
    return std::nullopt;
  }
}

void write_cache(const std::string& path, const model::Catalog& catalog) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return;
  std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << model::catalog_to_json(catalog);
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
}

}  // namespace strata::models
