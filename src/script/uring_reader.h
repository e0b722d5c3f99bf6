// UringReader: stat and read many files of one directory through one
// io_uring, so that the per-file system calls (statx, openat, read, close:
// ~40,000 for 10,000 scripts, each costing microseconds on a VM) become a
// few hundred io_uring_enter calls.
//
// Contract:
//   - create() returns nullptr when io_uring cannot be used: the kernel lacks
//     it or a feature used here (needs Linux >= 5.19), it is forbidden
//     (EPERM under seccomp or in containers, kernel.io_uring_disabled), the
//     ring cannot be set up (ENOMEM, limits), or the environment variable
//     STRATA_NO_IO_URING is set to a non-empty value other than "0" (forces
//     callers onto their plain system-call path).
//   - run(dir_fd, names, sink) statx()es every file (relative to dir_fd,
//     following symbolic links; size, mtime, ctime, inode) and passes the
//     result to sink.stat_done(i, key), whose return value says whether to
//     read file i. A file is opened only after its statx completed; it is
//     then read whole (opened O_RDONLY, read from offset 0) and closed, and
//     its bytes are passed to sink.read_done(i, text) (`text` is valid during
//     the call only).
//   - A file whose statx fails in the ring (or lacks a field, or that is not
//     a regular file: it is never opened here) is passed to
//     sink.stat_failed(i) instead; a file whose open or read fails, or whose
//     read returns other than its statx size (short reads, a file that
//     changed), to sink.read_failed(i). The caller redoes those with ordinary system
//     calls, which also give the error's text.
//   - Callbacks run on the calling thread, in completion order (not in index
//     order); for each file, stat_done happens before read_done/read_failed.
//     If a callback throws, run() waits for the operations in flight and
//     rethrows.
//   - names[i] must stay valid and NUL-terminated during run().
//
// Thread-safety: one run() at a time per reader; readers on different
// threads are independent.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>

#include "script/file_key.h"

namespace strata::script {

class UringReader {
 public:
  class Sink {
   public:
    virtual ~Sink() = default;
    virtual bool stat_done(size_t index, const FileKey& key) = 0;
    virtual void stat_failed(size_t index) = 0;
    virtual void read_done(size_t index, std::string_view text) = 0;
    virtual void read_failed(size_t index) = 0;
  };

  static std::unique_ptr<UringReader> create();
  ~UringReader();
  UringReader(const UringReader&) = delete;
  UringReader& operator=(const UringReader&) = delete;

  // Indices passed to the sink are positions in `names`.
  void run(int dir_fd, std::span<const std::string_view> names, Sink& sink);

 private:
  struct Ring;
  explicit UringReader(std::unique_ptr<Ring> ring);
  std::unique_ptr<Ring> ring_;
};

// True when STRATA_NO_IO_URING asks for the plain system-call path.
bool io_uring_disabled_by_environment();

}  // namespace strata::script
