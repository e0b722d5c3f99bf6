#include "runtime/script_checksum.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "strata/error.h"

namespace strata::runtime {

std::string checksum_of_text(std::string_view text) {
  std::string normalized;
  normalized.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    normalized += text[i];
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), normalized.data(), normalized.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &n) != 1) {
    throw Error(ErrorCode::kInternal, "SHA-256 digest failed (OpenSSL)");
  }
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xf];
  }
  return out;
}

std::optional<std::string> script_checksum(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return checksum_of_text(bytes.str());
}

}  // namespace strata::runtime
