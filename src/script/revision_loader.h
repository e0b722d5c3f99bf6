// RevisionLoader: the headers of one version location's scripts, through
// the location's HeaderCache (ScriptDirectory::load_revisions).
//
// Contract of load(dir, names, out):
//   - `names` are the scripts' file names inside `dir`, sorted, each followed
//     by a NUL in memory. One Revision per name is appended to `out`, in the
//     same order, with path `dir + "/" + name`.
//   - Every script is stat'ed (its FileKey, script/file_key.h) before it is
//     read. A script whose cache entry matches is not opened; the others are
//     read whole and parsed (lua/script_header.h: the scanner, else the Lua
//     fallback with the loader's SandboxOptions). Headers computed by the Lua
//     fallback are never cached. Then the cache is rewritten unless it
//     already holds exactly these scripts.
//   - Only regular files are opened (following symbolic links): a script
//     that is a FIFO, socket, device or directory is not read.
//   - Errors: when any stat fails, Error(kIo) "<path>: cannot read: <reason>",
//     or a script is not a regular file, Error(kScript) "<path>: not a
//     regular file", for the first such script in name order; otherwise the error of the
//     first script in name order whose read (Error(kIo) "<path>: cannot
//     read: <reason>") or header fails. `out` is unspecified after an error,
//     and the cache is not written.
//   - I/O for a location of 256 scripts or more goes through io_urings
//     (script/uring_reader.h) when they can be set up, one per thread on a
//     few threads, each taking a contiguous part of the names; else (and for
//     smaller locations, where setting up a ring costs more than it saves)
//     through stat/open/read/close system calls, spread over a few threads
//     from 512 scripts. Both give the same revisions, errors and cache file.
//
// Thread-safety: one load() at a time per loader.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lua/sandbox.h"
#include "script/revision.h"

namespace strata::script {

class UringReader;

class RevisionLoader {
 public:
  explicit RevisionLoader(lua::SandboxOptions options);
  ~RevisionLoader();
  RevisionLoader(const RevisionLoader&) = delete;
  RevisionLoader& operator=(const RevisionLoader&) = delete;

  void load(const std::string& dir, const std::vector<std::string_view>& names,
            std::vector<Revision>& out);

  // Whether a load() has used io_uring (false: system calls).
  bool uses_io_uring() const { return !rings_.empty(); }

 private:
  struct Location;
  struct Part;
  // The two I/O paths; each fills the location's keys, revisions and flags,
  // or throws the load's error.
  bool load_with_uring(Location& location);  // false: could not start (nothing done)
  void load_with_threads(Location& location);
  // One thread's share of load_with_uring: names [begin, end).
  void load_part(Location& location, int dir_fd, UringReader& ring, Part& part);

  lua::SandboxOptions options_;
  std::vector<std::unique_ptr<UringReader>> rings_;  // one per part; empty: no io_uring
};

}  // namespace strata::script
