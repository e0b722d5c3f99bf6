// ScriptCache: revision scripts compiled to Lua bytecode, with the checksum
// strata_history keeps for them, in one file per project
// (`<project>/.strata-cache/scripts.luac`) — Python's __pycache__ for
// strata's scripts. A run of many small revisions then neither reads,
// hashes nor compiles a script it has run before.
//
// Contract:
//   - An entry is used only when the script's path (the same string), size,
//     mtime and ctime (to the nanosecond) and inode all equal the recorded
//     ones, like the header cache (script/header_cache.h); anything else is
//     a miss and the script is read, hashed and compiled again. The key
//     compared is the one the revision loader stat'ed, when given.
//   - Scripts changed less than 2 s before they were read are not recorded
//     (a same-timestamp edit could otherwise go unseen).
//   - Chunks keep their debug information: errors read `path:line:` as when
//     compiled from text. Each chunk carries a hash of its bytes; one that
//     does not match, or that Lua refuses (another Lua version), is a miss.
//   - The cache is trusted as the scripts are (same directory, same owner):
//     bytecode is only ever loaded from it, never from scripts (`load` stays
//     text-only for them).
//   - An optimisation only: a missing, corrupt or unwritable cache is
//     ignored silently. save() writes atomically (temp file + rename); with
//     several writers (fleet threads, concurrent deployers) the last wins.
//     The file is mapped, never rewritten in place.
//
// Thread-safety: one object per run. read() and remember() may be called
// from several threads at once (a run's script workers,
// runtime/script_prefetch.h); save() only once they are done.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "script/file_key.h"

namespace strata::lua {

// One revision script as a step runs it.
struct ScriptSource {
  std::string path;
  // runtime::checksum_of_text of the file's bytes (strata_history's checksum).
  std::string checksum;
  // The compiled chunk from the cache (valid while the cache lives), or empty
  // and then `text` holds the file's bytes.
  std::string_view bytecode;
  std::string text;
  // Read from a regular file unchanged for 2 s: its chunk may be recorded.
  bool recordable = false;
  script::FileKey key{};
};

class ScriptCache {
 public:
  // Maps `file` if present and well-formed. An empty `file`: no cache, every
  // script is read from its file and nothing is recorded.
  explicit ScriptCache(std::string file);
  ~ScriptCache();
  ScriptCache(const ScriptCache&) = delete;
  ScriptCache& operator=(const ScriptCache&) = delete;

  // The script at `path`, from the cache when its entry is valid, else from
  // the file. `loaded_key`: the script's key when the revisions were loaded
  // (Revision::loaded_key), used instead of a stat — the chunk then is the
  // script as strata loaded it, like the header it planned with. Throws
  // Error(kIo) "path: cannot read: reason".
  ScriptSource read(const std::string& path, const script::FileKey* loaded_key = nullptr) const;
  // Record the chunk compiled from `source.text` (no-op unless recordable and
  // the cache has a file).
  void remember(const ScriptSource& source, std::string bytecode);
  // Write the file when anything was remembered: the new entries and every
  // old one not replaced. Silent on failure.
  void save() noexcept;

 private:
  void write_file();
  struct Entry;  // the on-disk index record
  const Entry* find(std::string_view path) const;
  std::string_view path_of(const Entry& e) const;
  std::string_view bytes_of(const Entry& e) const;

  struct Fresh {
    script::FileKey key;
    std::string checksum;
    std::string bytecode;
  };
  std::string file_;
  std::string_view data_;  // the mapped file, or empty
  const Entry* entries_ = nullptr;
  size_t count_ = 0;
  std::mutex fresh_mutex_;  // remember() from several threads
  std::map<std::string, Fresh, std::less<>> fresh_;
};

}  // namespace strata::lua
