// ListingCache: the script names of each version location, kept in
// `<project>/.strata-cache/listings` with the location directory's key, so
// that an unchanged location is not read with readdir(3) again (~8 ms for
// 10,000 entries on the reference VM, a tenth of an offline 10,000-revision
// run).
//
// Contract:
//   - A location's recorded names are used only when its directory's key
//     (size, mtime and ctime to the nanosecond, inode; stat(2) of the path,
//     following a symlink) equals the recorded one. Creating, removing or
//     renaming an entry of a directory changes its mtime and ctime; editing a
//     script in place does not, and need not (the header and chunk caches
//     key each script by its own status).
//   - Recorded only when the key was taken before the directory was read and
//     its mtime and ctime were more than 2 s old then: a change within the
//     same clock tick could otherwise keep the key.
//   - The file lives outside every version location (the project's cache
//     directory), so writing it changes no location's key. An optimisation
//     only: a missing, corrupt or unwritable file is ignored silently; save()
//     writes atomically (temp file + rename); with several writers the last
//     wins.
//
// Thread-safety: one object per load, used by one thread.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "script/file_key.h"

namespace strata::script {

class ListingCache {
 public:
  // One location's listing: the names sorted, as ScriptDirectory lists them
  // (views into storage the cache owns).
  struct Listing {
    FileKey key{};
    size_t python_files = 0;
    std::vector<std::string_view> names;
  };

  // Reads `file` if present and well-formed; an empty `file`: no cache.
  explicit ListingCache(std::string file);
  ListingCache(const ListingCache&) = delete;
  ListingCache& operator=(const ListingCache&) = delete;

  // The recorded listing of `location` when `key` (its directory's, taken
  // now) equals the recorded key; null otherwise. Valid while the cache lives.
  const Listing* find(std::string_view location, const FileKey& key) const;
  // Record the listing of `location` read after its key was `key` at
  // `now_sec` (seconds since the epoch); kept only when the key had settled
  // (see the contract). The names are copied.
  void remember(const std::string& location, const FileKey& key, size_t python_files,
                const std::vector<std::string_view>& names, long long now_sec);
  // Write the file when anything was remembered. Silent on failure.
  void save() noexcept;

 private:
  std::string file_;
  std::string data_;                               // the file's bytes
  std::vector<std::unique_ptr<char[]>> copies_;    // names remembered since
  std::map<std::string, Listing, std::less<>> listings_;
  bool changed_ = false;
};

}  // namespace strata::script
