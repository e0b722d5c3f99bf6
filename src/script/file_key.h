// FileKey: the parts of a script's status that decide whether its cached
// header is still valid (script/header_cache.h): size, mtime and ctime to the
// nanosecond, and inode. Filled from stat(2) or statx(2); both give equal
// keys for the same file.
#pragma once

#include <sys/stat.h>

#include <cstdint>

namespace strata::script {

// Trivially default-constructible (members uninitialised), so that an array
// of keys costs no memory until a key is stored.
struct FileKey {
  int64_t size;
  int64_t mtime_sec;
  int64_t mtime_nsec;
  int64_t ctime_sec;
  int64_t ctime_nsec;
  uint64_t inode;

  bool operator==(const FileKey&) const = default;
};

inline FileKey file_key(const struct stat& st) {
  return FileKey{static_cast<int64_t>(st.st_size),     static_cast<int64_t>(st.st_mtim.tv_sec),
                 static_cast<int64_t>(st.st_mtim.tv_nsec), static_cast<int64_t>(st.st_ctim.tv_sec),
                 static_cast<int64_t>(st.st_ctim.tv_nsec), static_cast<uint64_t>(st.st_ino)};
}

// Requires stx_mask to include STATX_SIZE, STATX_MTIME, STATX_CTIME and STATX_INO.
inline FileKey file_key(const struct statx& st) {
  return FileKey{static_cast<int64_t>(st.stx_size),         st.stx_mtime.tv_sec,
                 static_cast<int64_t>(st.stx_mtime.tv_nsec), st.stx_ctime.tv_sec,
                 static_cast<int64_t>(st.stx_ctime.tv_nsec), static_cast<uint64_t>(st.stx_ino)};
}

}  // namespace strata::script
