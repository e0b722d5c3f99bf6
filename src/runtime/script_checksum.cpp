#include "runtime/script_checksum.h"

#include <fstream>
#include <sstream>

#include "common/sha256.h"

namespace strata::runtime {

std::string checksum_of_text(std::string_view text) {
  std::string normalized;
  normalized.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    normalized += text[i];
  }
  common::Sha256 sha;
  sha.update(normalized);
  return sha.hex();
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
