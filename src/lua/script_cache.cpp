#include "lua/script_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <lua.hpp>
#include <vector>

#include "common/atomic_file.h"
#include "lua/script_file.h"
#include "runtime/script_checksum.h"

namespace strata::lua {

// File layout (native byte order; the cache never leaves the machine):
//   Header, then `count` Entry records sorted by path, then the paths and
//   chunks the records point at.
namespace {

constexpr char kMagic[8] = {'S', 'T', 'R', 'L', 'U', 'A', 'C', '1'};
constexpr int64_t kSettleNs = 2'000'000'000;  // scripts younger than 2 s are not recorded

struct Header {
  char magic[8];
  uint32_t lua_release;  // LUA_VERSION_RELEASE_NUM of the Lua that compiled the chunks
  uint32_t count;
};

uint64_t hash_bytes(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t ns(int64_t sec, int64_t nsec) { return sec * 1'000'000'000 + nsec; }

bool stat_key(const std::string& path, script::FileKey& key) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  key = script::file_key(st);
  return true;
}

}  // namespace

struct ScriptCache::Entry {
  uint64_t path_offset;
  uint64_t bytes_offset;
  uint32_t path_size;
  uint32_t bytes_size;
  script::FileKey key;
  char checksum[64];
  uint64_t hash;  // hash_bytes of the chunk
};

ScriptCache::ScriptCache(std::string file) : file_(std::move(file)) {
  if (file_.empty()) return;
  const int fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<size_t>(st.st_size) >= sizeof(Header)) {
    map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return;
  data_ = std::string_view(static_cast<const char*>(map), static_cast<size_t>(st.st_size));
  Header header;
  std::memcpy(&header, data_.data(), sizeof header);
  const size_t index_end = sizeof(Header) + size_t{header.count} * sizeof(Entry);
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 ||
      header.lua_release != LUA_VERSION_RELEASE_NUM || index_end > data_.size()) {
    return;  // unusable: read every script from its file; save() replaces it
  }
  entries_ = reinterpret_cast<const Entry*>(data_.data() + sizeof(Header));
  count_ = header.count;
}

ScriptCache::~ScriptCache() {
  if (!data_.empty()) ::munmap(const_cast<char*>(data_.data()), data_.size());
}

std::string_view ScriptCache::path_of(const Entry& e) const {
  if (e.path_offset > data_.size() || e.path_size > data_.size() - e.path_offset) return {};
  return data_.substr(e.path_offset, e.path_size);
}

std::string_view ScriptCache::bytes_of(const Entry& e) const {
  if (e.bytes_offset > data_.size() || e.bytes_size > data_.size() - e.bytes_offset) return {};
  return data_.substr(e.bytes_offset, e.bytes_size);
}

const ScriptCache::Entry* ScriptCache::find(std::string_view path) const {
  const Entry* end = entries_ + count_;
  const Entry* it = std::lower_bound(entries_, end, path, [&](const Entry& e, std::string_view p) {
    return path_of(e) < p;
  });
  return it != end && path_of(*it) == path ? it : nullptr;
}

ScriptSource ScriptCache::read(const std::string& path, const script::FileKey* loaded_key) const {
  ScriptSource source;
  source.path = path;
  script::FileKey before{};
  bool have_key = false;
  if (!file_.empty()) {
    if (loaded_key != nullptr) {
      before = *loaded_key;
      have_key = true;
    } else {
      have_key = stat_key(path, before);
    }
  }
  if (have_key) {
    if (const Entry* e = find(path); e != nullptr && e->key == before) {
      const std::string_view bytes = bytes_of(*e);
      if (!bytes.empty() && hash_bytes(bytes) == e->hash) {
        source.checksum.assign(e->checksum, sizeof e->checksum);
        source.bytecode = bytes;
        source.key = before;
        return source;
      }
    }
  }
  source.text = read_file(path);
  source.checksum = runtime::checksum_of_text(source.text);
  // Recorded only when the bytes read are those of an unchanged, settled
  // file: the same key before and after the read, older than 2 s.
  script::FileKey after{};
  const int64_t settled = now_ns() - kSettleNs;
  source.recordable = have_key && stat_key(path, after) && after == before &&
                      ns(before.mtime_sec, before.mtime_nsec) < settled &&
                      ns(before.ctime_sec, before.ctime_nsec) < settled;
  source.key = before;
  return source;
}

void ScriptCache::remember(const ScriptSource& source, std::string bytecode) {
  if (file_.empty() || !source.recordable || source.checksum.size() != 64) return;
  const std::lock_guard<std::mutex> lock(fresh_mutex_);
  fresh_[source.path] = Fresh{source.key, source.checksum, std::move(bytecode)};
}

void ScriptCache::save() noexcept {
  if (file_.empty() || fresh_.empty()) return;
  try {
    write_file();
  } catch (...) {
    // An optimisation only: out of memory here loses the new entries.
  }
}

void ScriptCache::write_file() {
  struct Item {
    std::string_view path;
    const script::FileKey* key;
    std::string_view checksum;
    std::string_view bytes;
  };
  std::vector<Item> items;
  items.reserve(fresh_.size() + count_);
  for (const auto& [path, f] : fresh_) items.push_back({path, &f.key, f.checksum, f.bytecode});
  for (size_t i = 0; i < count_; ++i) {
    const Entry& e = entries_[i];
    const std::string_view path = path_of(e), bytes = bytes_of(e);
    if (path.empty() || bytes.empty() || fresh_.count(path) > 0) continue;
    items.push_back({path, &e.key, std::string_view(e.checksum, sizeof e.checksum), bytes});
  }
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.path < b.path; });

  size_t total = sizeof(Header) + items.size() * sizeof(Entry);
  for (const Item& item : items) total += item.path.size() + item.bytes.size();
  std::string out(total, '\0');
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.lua_release = LUA_VERSION_RELEASE_NUM;
  header.count = static_cast<uint32_t>(items.size());
  std::memcpy(out.data(), &header, sizeof header);
  size_t blob = sizeof(Header) + items.size() * sizeof(Entry);
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    Entry e{};
    e.path_offset = blob;
    e.path_size = static_cast<uint32_t>(item.path.size());
    std::memcpy(out.data() + blob, item.path.data(), item.path.size());
    blob += item.path.size();
    e.bytes_offset = blob;
    e.bytes_size = static_cast<uint32_t>(item.bytes.size());
    std::memcpy(out.data() + blob, item.bytes.data(), item.bytes.size());
    blob += item.bytes.size();
    e.key = *item.key;
    std::memcpy(e.checksum, item.checksum.data(), sizeof e.checksum);
    e.hash = hash_bytes(item.bytes);
    std::memcpy(out.data() + sizeof(Header) + i * sizeof(Entry), &e, sizeof e);
  }

  if (!replace_file(file_, out)) return;
  fresh_.clear();
}

}  // namespace strata::lua
