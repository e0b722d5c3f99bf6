#include "runtime/script_checksum.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/sha256.h"

namespace strata::runtime {

std::string checksum_of_text(std::string_view text) {
  common::Sha256 sha;
  if (text.find('\r') == std::string_view::npos) {
    sha.update(text);  // the common case: nothing to normalise
    return sha.hex();
  }
  std::string normalized;
  normalized.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    normalized += text[i];
  }
  sha.update(normalized);
  return sha.hex();
}

std::optional<std::string> script_checksum(const std::string& path) {
  // Plain system calls (validate checksums every applied script).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string bytes;
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) bytes.reserve(static_cast<size_t>(st.st_size) + 1);
  char buffer[16384];
  bool ok = true;
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      bytes.append(buffer, static_cast<size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      ok = false;
      break;
    }
  }
  ::close(fd);
  if (!ok) return std::nullopt;
  return checksum_of_text(bytes);
}

}  // namespace strata::runtime
