#include "script/revision_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <thread>

#include "lua/script_header.h"
#include "script/file_key.h"
#include "script/header_cache.h"
#include "script/uring_reader.h"
#include "strata/error.h"

namespace strata::script {
namespace {

// How many threads share n scripts: 1 below 512, else up to 4 (cores).
// Locations with fewer scripts are stat'ed with plain system calls.
constexpr size_t kUringMinScripts = 256;

size_t part_count(size_t n) {
  return n < 512 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
}

// Run fn(part) for part in [0, parts), part 0 on the calling thread, the
// others on their own threads. Exceptions: the lowest part's is rethrown.
void parallel_parts(size_t parts, const std::function<void(size_t)>& fn) {
  std::vector<std::exception_ptr> errors(parts);
  {
    std::vector<std::jthread> threads;  // joined on unwinding too
    for (size_t p = 1; p < parts; ++p) {
      threads.emplace_back([&, p] {
        try {
          fn(p);
        } catch (...) {
          errors[p] = std::current_exception();
        }
      });
    }
    try {
      fn(0);
    } catch (...) {
      errors[0] = std::current_exception();
    }
  }
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

// Run fn(begin, end) over [0, n) split into part_count(n) contiguous ranges.
// Exceptions: the one from the lowest range is rethrown.
void parallel_ranges(size_t n, const std::function<void(size_t, size_t)>& fn) {
  const size_t parts = part_count(n);
  const size_t chunk = (n + parts - 1) / std::max<size_t>(parts, 1);
  parallel_parts(parts, [&](size_t p) { fn(std::min(n, p * chunk), std::min(n, (p + 1) * chunk)); });
}

Error cannot_read(const std::string& path, int err) {
  return Error(ErrorCode::kIo, path + ": cannot read: " + std::strerror(err));
}

// Only regular files are read: opening a FIFO (or a device) named `*.lua`
// could block forever.
Error not_regular(const std::string& path) {
  return Error(ErrorCode::kScript, path + ": not a regular file");
}

// The error of the lowest-numbered script offered (not thread-safe).
class FirstError {
 public:
  void offer(size_t index, std::exception_ptr error) {
    if (index < index_) {
      index_ = index;
      error_ = std::move(error);
    }
  }
  void rethrow_if_any() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  size_t index_ = std::numeric_limits<size_t>::max();
  std::exception_ptr error_;
};

}  // namespace

// One load(): the location's scripts and what is known about each.
struct RevisionLoader::Location {
  Location(const std::string& d, const std::vector<std::string_view>& n, Revision* r)
      : dir(d),
        names(n),
        revisions(r),
        keys(new FileKey[n.size()]),
        entries(n.size(), CacheEntry::kRead),
        cache(d, n) {}

  std::string path(size_t i) const {
    std::string p;
    p.reserve(dir.size() + 1 + names[i].size());
    p += dir;
    p += '/';
    p += names[i];
    return p;
  }

  const std::string& dir;
  const std::vector<std::string_view>& names;
  Revision* revisions;                // names.size() of them, in `out`
  std::unique_ptr<FileKey[]> keys;    // every script's, once stat'ed
  std::vector<CacheEntry> entries;    // how each header was obtained
  HeaderCache cache;                  // read-only until save(): shared by the parts
};

// One thread's share of load_with_uring and its outcome.
struct RevisionLoader::Part {
  size_t begin = 0, end = 0;  // names [begin, end)
  FirstError stat_errors, read_errors;
};

RevisionLoader::RevisionLoader(lua::SandboxOptions options) : options_(std::move(options)) {}

RevisionLoader::~RevisionLoader() = default;

void RevisionLoader::load(const std::string& dir, const std::vector<std::string_view>& names,
                          std::vector<Revision>& out) {
  const size_t first = out.size();
  out.resize(first + names.size());
  Location location(dir, names, out.data() + first);
  // A ring costs more to set up (~0.5 ms: io_uring_setup, mappings, a
  // kernel worker for statx) than a few hundred plain stats.
  if (names.size() < kUringMinScripts || !load_with_uring(location)) load_with_threads(location);
  location.cache.save(location.keys.get(), location.revisions, location.entries);
  for (size_t i = 0; i < names.size(); ++i) out[first + i].loaded_key = location.keys[i];
}

bool RevisionLoader::load_with_uring(Location& loc) {
  const size_t n = loc.names.size();
  size_t parts = part_count(n);
  while (rings_.size() < parts) {
    std::unique_ptr<UringReader> ring = UringReader::create();
    if (!ring) break;
    rings_.push_back(std::move(ring));
  }
  if (rings_.empty()) return false;  // no io_uring here (or STRATA_NO_IO_URING)
  parts = std::min(parts, rings_.size());
  const int dir_fd = ::open(loc.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return false;
  std::vector<Part> results(parts);
  const size_t chunk = (n + parts - 1) / parts;
  for (size_t p = 0; p < parts; ++p) {
    results[p].begin = std::min(n, p * chunk);
    results[p].end = std::min(n, (p + 1) * chunk);
  }
  try {
    parallel_parts(parts, [&](size_t p) { load_part(loc, dir_fd, *rings_[p], results[p]); });
  } catch (...) {
    ::close(dir_fd);
    throw;
  }
  ::close(dir_fd);
  // Parts hold contiguous ranges in order: the first part with an error has
  // the lowest-numbered script with one.
  for (const Part& part : results) part.stat_errors.rethrow_if_any();
  for (const Part& part : results) part.read_errors.rethrow_if_any();
  return true;
}

void RevisionLoader::load_part(Location& loc, int dir_fd, UringReader& ring, Part& part) {
  // Parses scripts as the ring delivers them; what the ring could not do is
  // collected and redone below with plain system calls.
  class Sink : public UringReader::Sink {
   public:
    Sink(Location& loc, Part& part, const lua::SandboxOptions& options)
        : loc_(loc), part_(part), options_(options) {}

    bool stat_done(size_t k, const FileKey& key) override {
      const size_t i = part_.begin + k;
      loc_.keys[i] = key;
      if (loc_.cache.lookup(i, key, loc_.revisions[i])) {
        loc_.entries[i] = CacheEntry::kHit;
        return false;
      }
      return true;
    }
    void stat_failed(size_t k) override { redo_stat.push_back(part_.begin + k); }
    void read_done(size_t k, std::string_view text) override {
      const size_t i = part_.begin + k;
      path_.assign(loc_.dir);
      path_ += '/';
      path_ += loc_.names[i];
      try {
        if (std::optional<Revision> rev = lua::scan_script_header(text, path_)) {
          loc_.revisions[i] = std::move(*rev);
        } else {
          loc_.entries[i] = CacheEntry::kComputed;
          loc_.revisions[i] = lua::eval_script_header(text, path_, options_);
        }
      } catch (...) {
        part_.read_errors.offer(i, std::current_exception());
      }
    }
    void read_failed(size_t k) override { redo_read.push_back(part_.begin + k); }

    std::vector<size_t> redo_stat, redo_read;

   private:
    Location& loc_;
    Part& part_;
    const lua::SandboxOptions& options_;
    std::string path_;
  };

  Sink sink(loc, part, options_);
  ring.run(dir_fd, std::span<const std::string_view>(loc.names).subspan(part.begin, part.end - part.begin),
           sink);

  std::sort(sink.redo_stat.begin(), sink.redo_stat.end());
  for (size_t i : sink.redo_stat) {
    const std::string path = loc.path(i);
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      part.stat_errors.offer(i, std::make_exception_ptr(cannot_read(path, errno)));
      continue;
    }
    if (!S_ISREG(st.st_mode)) {
      part.stat_errors.offer(i, std::make_exception_ptr(not_regular(path)));
      continue;
    }
    loc.keys[i] = file_key(st);
    if (loc.cache.lookup(i, loc.keys[i], loc.revisions[i])) {
      loc.entries[i] = CacheEntry::kHit;
    } else {
      sink.redo_read.push_back(i);
    }
  }
  std::sort(sink.redo_read.begin(), sink.redo_read.end());
  std::optional<lua::HeaderReader> reader;
  for (size_t i : sink.redo_read) {
    if (!reader) reader.emplace(options_);
    const int fallbacks_before = reader->fallbacks();
    try {
      loc.revisions[i] = reader->read(loc.path(i));
    } catch (...) {
      part.read_errors.offer(i, std::current_exception());
      continue;
    }
    if (reader->fallbacks() != fallbacks_before) loc.entries[i] = CacheEntry::kComputed;
  }
}

void RevisionLoader::load_with_threads(Location& loc) {
  const size_t n = loc.names.size();
  // One stat per script (the cache key); system calls dominate here, so
  // they are spread over a few threads.
  parallel_ranges(n, [&](size_t begin, size_t end) {
    std::string path = loc.dir + "/";
    const size_t prefix = path.size();
    for (size_t i = begin; i < end; ++i) {
      path.resize(prefix);
      path += loc.names[i];
      struct stat st;
      if (::stat(path.c_str(), &st) != 0) throw cannot_read(path, errno);
      if (!S_ISREG(st.st_mode)) throw not_regular(path);
      loc.keys[i] = file_key(st);
    }
  });
  std::vector<size_t> misses;
  for (size_t i = 0; i < n; ++i) {
    if (loc.cache.lookup(i, loc.keys[i], loc.revisions[i])) {
      loc.entries[i] = CacheEntry::kHit;
    } else {
      misses.push_back(i);
    }
  }
  // Scripts the cache could not answer are read and parsed, in parallel;
  // each thread has its own reader (and Lua state, built only on fallback).
  parallel_ranges(misses.size(), [&](size_t begin, size_t end) {
    std::optional<lua::HeaderReader> reader;
    for (size_t k = begin; k < end; ++k) {
      if (!reader) reader.emplace(options_);
      const int fallbacks_before = reader->fallbacks();
      loc.revisions[misses[k]] = reader->read(loc.path(misses[k]));
      // A header computed by Lua may depend on lib/ modules or the
      // environment, which the cache key does not cover: never cache it.
      if (reader->fallbacks() != fallbacks_before) loc.entries[misses[k]] = CacheEntry::kComputed;
    }
  });
}

}  // namespace strata::script
