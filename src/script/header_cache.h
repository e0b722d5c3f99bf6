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
//   - The file is mapped (mmap), not copied, and entries are parsed on
//     lookup straight from it, so the cache adds little memory on top of the
//     revisions themselves. It is only ever replaced (rename), never
//     rewritten in place; a process truncating it in place while strata
//     reads it would make strata fail with SIGBUS.
//
// Thread-safety: lookup() may run on several threads at once; save() alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "script/file_key.h"
#include "script/revision.h"

namespace strata::script {

// How a script's header was obtained, for HeaderCache::save().
enum class CacheEntry : unsigned char {
  kHit,       // lookup() answered it: its record is kept as it is
  kRead,      // read from the script: recorded from its key and header
  kComputed,  // needed the Lua fallback: never recorded (it may depend on lib/)
};

class HeaderCache {
 public:
  // Maps `<location>/.strata-cache` if present and well-formed, and finds the
  // records of `names`: the scripts' file names inside the location, sorted.
  // `names` must outlive the cache.
  HeaderCache(std::string location, const std::vector<std::string_view>& names);
  ~HeaderCache();
  HeaderCache(const HeaderCache&) = delete;
  HeaderCache& operator=(const HeaderCache&) = delete;

  // True when the cache has a record of script names[i] whose key equals
  // `key`: `out` is then its header, with path `<location>/<names[i]>`.
  // False (and `out` unspecified) otherwise.
  bool lookup(size_t i, const FileKey& key, Revision& out) const;

  // Rewrite the cache to hold exactly these scripts, unless it already does
  // (no entry kRead, and no record in the file but the kHit ones). Per script i:
  // entries[i] says how it was loaded; keys[i] and revisions[i] are read for
  // kRead entries only. Written through a small buffer, a few write(2)s.
  void save(const FileKey* keys, const Revision* revisions,
            const std::vector<CacheEntry>& entries) const;

 private:
  struct Span {
    uint32_t begin = 0, end = 0;  // a record's bytes in data_; end 0: none
  };
  std::string location_;
  const std::vector<std::string_view>& names_;
  // When this object was made, before any script was stat'ed or read: a
  // script changed within 2 s of it is not cached (its mtime could repeat
  // for a later edit), however long the load takes until save().
  long long created_;
  std::string_view data_;     // the mapped file, or empty
  std::vector<Span> records_;  // per name; empty when there is no usable cache
  size_t record_count_ = 0;   // records in the file
};

}  // namespace strata::script
