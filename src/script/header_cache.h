// HeaderCache: parsed revision headers of one version location, cached in
// `<location>/.strata-cache` (the way Python caches bytecode in
// __pycache__), so that reading a 10,000-revision graph costs one stat per
// script instead of open + read + parse of every file.
//
// Contract:
//   - An entry is used only when the script's size, mtime and ctime (to the
//     nanosecond) and inode all equal the recorded ones; anything else is a
//     miss and the caller reads the script again.
//   - Scripts changed less than 2 s before the cache is written are not
//     recorded (a same-timestamp edit could otherwise go unseen).
//   - The cache is an optimisation only: a missing, corrupt or unwritable
//     cache file is ignored silently; save() writes atomically (temp file +
//     rename).
//   - Entries are parsed on lookup, straight from the file's bytes, so the
//     cache adds little memory on top of the revisions themselves.
//
// Thread-safety: one thread at a time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "script/file_key.h"
#include "script/revision.h"

namespace strata::script {

class HeaderCache {
 public:
  // Loads `<location>/.strata-cache` if present and well-formed.
  explicit HeaderCache(std::string location);

  // True when the cache has a record of script `name` (a file name inside the
  // location) whose key equals `key`: `out` is then its header, with path
  // `<location>/<name>`. False (and `out` unspecified) otherwise.
  bool lookup(std::string_view name, const FileKey& key, Revision& out) const;

  // Rewrite the cache to hold exactly these scripts (parallel vectors; a
  // null revision is not cached), unless it already does: `all_hits` says
  // every script was answered by lookup(). The file is written with one
  // write(2) of a buffer sized up front.
  void save(const std::vector<std::string_view>& names, const std::vector<FileKey>& keys,
            const std::vector<const Revision*>& revisions, bool all_hits) const;

 private:
  struct Slot {
    std::string_view name;
    size_t offset;  // of the stat fields, in data_
  };
  std::string location_;
  std::string data_;
  std::vector<Slot> slots_;  // sorted by name
};

}  // namespace strata::script
