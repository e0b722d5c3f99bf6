// The SQL models' result cache (see sql_model_cache.h).
#include "models/sql_model_cache.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "model/catalog_json.h"
#include "strata/error.h"

#ifndef STRATA_VERSION
#define STRATA_VERSION "unknown"
#endif

namespace strata::models {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFormat = "strata-sql-models-cache-1";

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) {
      EVP_MD_CTX_free(ctx_);
      throw Error(ErrorCode::kInternal, "cannot start a SHA-256 digest (OpenSSL)");
    }
  }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // A field: its length, then its bytes (so "ab"+"c" != "a"+"bc").
  void field(std::string_view bytes) {
    std::string size = std::to_string(bytes.size()) + ":";
    update(size);
    update(bytes);
  }
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(ctx_, digest, &n) != 1) {
      throw Error(ErrorCode::kInternal, "cannot finish a SHA-256 digest (OpenSSL)");
    }
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
      out += kHex[digest[i] >> 4];
      out += kHex[digest[i] & 0xf];
    }
    return out;
  }

 private:
  void update(std::string_view bytes) {
    if (EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) != 1) {
      throw Error(ErrorCode::kInternal, "SHA-256 digest failed (OpenSSL)");
    }
  }
  EVP_MD_CTX* ctx_;
};

}  // namespace

std::string content_hash(std::string_view dialect, std::string_view dev_identity,
                         const std::vector<SqlFile>& files) {
  Sha256 sha;
  sha.field(kFormat);
  sha.field(STRATA_VERSION);
  sha.field(dialect);
  sha.field(dev_identity);
  for (const SqlFile& f : files) {
    sha.field(f.path);
    sha.field(f.text);
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
