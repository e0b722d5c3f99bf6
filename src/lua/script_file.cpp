#include "lua/script_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "strata/error.h"

namespace strata::lua {

bool read_file_into(const std::string& path, std::string& out, std::string& error) {
  // O_NONBLOCK: opening a FIFO never waits for a writer; only regular
  // files are read.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    error = std::strerror(errno);
    ::close(fd);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    ::close(fd);
    return false;
  }
  size_t cap = static_cast<size_t>(st.st_size) + 1;
  out.resize(cap);
  size_t n = 0;
  for (;;) {
    ssize_t r = ::read(fd, out.data() + n, cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (r == 0) break;
    n += static_cast<size_t>(r);
    if (n == cap) {
      cap *= 2;
      out.resize(cap);
    }
  }
  ::close(fd);
  out.resize(n);
  return true;
}

bool FileReader::read(const std::string& path, std::string_view& text, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  if (capacity_ == 0) {
    capacity_ = 64 * 1024;
    buffer_ = std::make_unique<char[]>(capacity_);
  }
  size_t n = 0;
  for (;;) {
    if (n == capacity_) {
      auto bigger = std::make_unique<char[]>(capacity_ * 2);
      std::memcpy(bigger.get(), buffer_.get(), n);
      buffer_ = std::move(bigger);
      capacity_ *= 2;
    }
    ssize_t r = ::read(fd, buffer_.get() + n, capacity_ - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      error = errno == EISDIR ? "is a directory" : std::strerror(errno);
      ::close(fd);
      return false;
    }
    n += static_cast<size_t>(r);
    if (r == 0 || n < capacity_) break;  // short read: end of file
  }
  ::close(fd);
  text = std::string_view(buffer_.get(), n);
  return true;
}

std::string read_file(const std::string& path) {
  std::string text;
  std::string error;
  if (!read_file_into(path, text, error)) {
    throw Error(ErrorCode::kIo, path + ": cannot read: " + error);
  }
  return text;
}

std::string_view chunk_text(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!text.empty() && text.front() == '#') {
    size_t nl = text.find('\n');
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl);
  }
  return text;
}

}  // namespace strata::lua
