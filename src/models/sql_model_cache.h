// The cache of SQL models' dev-database results (models/sql_models.h): a
// second load of unchanged files reads the reflected catalog from a file
// instead of building a dev database.
//
// Contract:
//  - content_hash(): hex SHA-256 (OpenSSL) over a format tag, the strata
//    version, the dialect, the dev server's identity (its URL without the
//    password, or "sqlite:///:memory:") and each file's path and bytes, in
//    the given order. Any change to one of them is another hash.
//  - cache_file(): "<config file's directory>/.strata-cache/models-<hash>.json"
//    (the current directory when there is no config file).
//  - read_cache(): the catalog stored under that file, or nullopt when the
//    file is missing or unreadable as a catalog (a stale or damaged cache is
//    a miss, never an error).
//  - write_cache(): stores it (written to a temporary file, then renamed, so
//    a reader never sees half a file). Best effort: a cache that cannot be
//    written is skipped silently — the next load just builds the dev
//    database again.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "model/catalog.h"

namespace strata::models {

struct SqlFile {
  std::string path;
  std::string text;
};

std::string content_hash(std::string_view dialect, std::string_view dev_identity,
                         const std::vector<SqlFile>& files);

std::string cache_file(const config::Config& config, const std::string& hash);

std::optional<model::Catalog> read_cache(const std::string& path);

void write_cache(const std::string& path, const model::Catalog& catalog);

}  // namespace strata::models
