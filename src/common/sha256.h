// Sha256: an incremental SHA-256 digest (OpenSSL's EVP) printed as 64
// lower-case hex digits. Used for revision-script checksums
// (runtime/script_checksum.h) and the SQL models' cache key
// (models/sql_model_cache.h). Throws Error(kInternal) if OpenSSL fails.
//
// Thread-safety: one object per thread.
#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace strata::common {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The digest of everything updated so far; call once.
  std::string hex();

 private:
  evp_md_ctx_st* ctx_;
};

}  // namespace strata::common
