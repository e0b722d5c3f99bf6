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

namespace {

struct Identity {
  dev_t dev = 0;
  ino_t ino = 0;
  off_t size = 0;
  timespec mtime{}, ctime{};
  bool operator==(const Identity& o) const {
    return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
           mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec &&
           ctime.tv_nsec == o.ctime.tv_nsec;
  }
};

Identity identity_of(const struct stat& st) {
  return Identity{st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
}

struct LastRead {
  std::string path;
  Identity identity;
  std::string bytes;
  bool valid = false;
};
thread_local LastRead t_last;

}  // namespace

std::optional<std::string> take_checksummed_text(const std::string& path) {
  if (!t_last.valid || t_last.path != path) return std::nullopt;
  t_last.valid = false;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !(identity_of(st) == t_last.identity)) return std::nullopt;
  return std::move(t_last.bytes);
}

std::optional<std::string> script_checksum(const std::string& path) {
  // Plain system calls: this runs once per migration step.
  t_last.valid = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string bytes;
  struct stat st;
  const bool have_stat = ::fstat(fd, &st) == 0;
  if (have_stat && st.st_size > 0) bytes.reserve(static_cast<size_t>(st.st_size) + 1);
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
  std::string sum = checksum_of_text(bytes);
  if (have_stat && S_ISREG(st.st_mode) && bytes.size() == static_cast<size_t>(st.st_size)) {
    t_last.path = path;
    t_last.identity = identity_of(st);
    t_last.bytes = std::move(bytes);
    t_last.valid = true;
  }
  return sum;
}

}  // namespace strata::runtime
