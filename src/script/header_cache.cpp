#include "script/header_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

namespace strata::script {
namespace {

constexpr std::string_view kMagic = "strata-header-cache 2\n";
constexpr const char* kFileName = "/.strata-cache";

// Format after the magic line, one record per script:
//   <name> <size> <mtime s> <mtime ns> <ctime s> <ctime ns> <inode>
//   <revision> <down_revisions> <branch_labels> <depends_on> <doc> <create_date>
// strings as <length>:<bytes>, numbers as decimal + ' ', lists as <count> ' '
// then strings.
// Serialisation into a buffer sized beforehand with kNumberBound/bound().
constexpr size_t kNumberBound = 21;  // 20 digits (or '-' and 19) + separator

char* put(char* p, long long n) {
  p = std::to_chars(p, p + kNumberBound, n).ptr;
  *p++ = ' ';
  return p;
}
char* put(char* p, std::string_view s) {
  p = std::to_chars(p, p + kNumberBound, s.size()).ptr;
  *p++ = ':';
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}
char* put(char* p, const std::vector<std::string>& list) {
  p = put(p, static_cast<long long>(list.size()));
  for (const std::string& s : list) p = put(p, std::string_view(s));
  return p;
}
size_t bound(std::string_view s) { return kNumberBound + s.size(); }
size_t bound(const std::vector<std::string>& list) {
  size_t n = kNumberBound;
  for (const std::string& s : list) n += bound(s);
  return n;
}

// write(2) all of [data, data + size) to `fd`.
bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

class Reader {
 public:
  Reader(std::string_view data, size_t pos) : data_(data), pos_(pos) {}
  size_t pos() const { return pos_; }
  bool done() const { return pos_ >= data_.size(); }
  bool number(long long& n) {
    const char* end = data_.data() + data_.size();
    auto [ptr, ec] = std::from_chars(data_.data() + pos_, end, n);
    if (ec != std::errc() || ptr == end || *ptr != ' ') return false;
    pos_ = static_cast<size_t>(ptr - data_.data()) + 1;
    return true;
  }
  bool view(std::string_view& s) {
    const char* end = data_.data() + data_.size();
    size_t length = 0;
    auto [ptr, ec] = std::from_chars(data_.data() + pos_, end, length);
    if (ec != std::errc() || ptr == end || *ptr != ':') return false;
    size_t start = static_cast<size_t>(ptr - data_.data()) + 1;
    if (start + length > data_.size()) return false;
    s = data_.substr(start, length);
    pos_ = start + length;
    return true;
  }
  bool string(std::string& s) {
    std::string_view v;
    if (!view(v)) return false;
    s.assign(v);
    return true;
  }
  bool list(std::vector<std::string>* out) {
    long long count = 0;
    if (!number(count) || count < 0 || count > 100000) return false;
    if (out) out->resize(static_cast<size_t>(count));
    for (long long i = 0; i < count; ++i) {
      std::string_view v;
      if (!view(v)) return false;
      if (out) (*out)[static_cast<size_t>(i)].assign(v);
    }
    return true;
  }
  // Skip (or read) one record's payload after the stat fields.
  bool revision(Revision* r) {
    std::string_view v;
    if (!view(v)) return false;
    if (r) r->revision.assign(v);
    if (!list(r ? &r->down_revisions : nullptr) || !list(r ? &r->branch_labels : nullptr) ||
        !list(r ? &r->depends_on : nullptr)) {
      return false;
    }
    if (!view(v)) return false;
    if (r) r->doc.assign(v);
    if (!view(v)) return false;
    if (r) r->create_date.assign(v);
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_;
};

std::string read_whole(const std::string& path) {
  std::string data;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return data;
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    data.resize(static_cast<size_t>(st.st_size));
    if (::read(fd, data.data(), data.size()) != static_cast<ssize_t>(data.size())) data.clear();
  }
  ::close(fd);
  return data;
}

bool key_matches(Reader& reader, const FileKey& key) {
  long long v[6];
  for (long long& x : v) {
    if (!reader.number(x)) return false;
  }
  return v[0] == key.size && v[1] == key.mtime_sec && v[2] == key.mtime_nsec &&
         v[3] == key.ctime_sec && v[4] == key.ctime_nsec &&
         static_cast<uint64_t>(v[5]) == key.inode;
}

}  // namespace

HeaderCache::HeaderCache(std::string location) : location_(std::move(location)) {
  data_ = read_whole(location_ + kFileName);
  if (data_.compare(0, kMagic.size(), kMagic) != 0) {
    data_.clear();
    return;
  }
  // Index the records; a malformed file is ignored as a whole.
  Reader reader(data_, kMagic.size());
  std::vector<Slot> slots;
  while (!reader.done()) {
    std::string_view name;
    long long skip;
    if (!reader.view(name)) return;
    size_t offset = reader.pos();
    for (int i = 0; i < 6; ++i) {
      if (!reader.number(skip)) return;
    }
    if (!reader.revision(nullptr)) return;
    slots.push_back(Slot{name, offset});
  }
  if (!std::is_sorted(slots.begin(), slots.end(),
                      [](const Slot& a, const Slot& b) { return a.name < b.name; })) {
    return;
  }
  slots_ = std::move(slots);
}

bool HeaderCache::lookup(std::string_view name, const FileKey& key, Revision& out) const {
  auto it = std::lower_bound(slots_.begin(), slots_.end(), name,
                             [](const Slot& s, std::string_view n) { return s.name < n; });
  if (it == slots_.end() || it->name != name) return false;
  Reader reader(data_, it->offset);
  if (!key_matches(reader, key) || !reader.revision(&out)) return false;
  out.path.reserve(location_.size() + 1 + name.size());
  out.path = location_;
  out.path += '/';
  out.path += name;
  return true;
}

void HeaderCache::save(const std::vector<std::string_view>& names, const std::vector<FileKey>& keys,
                       const std::vector<const Revision*>& revisions, bool all_hits) const {
  if (all_hits && slots_.size() == names.size()) return;  // already exact
  const std::time_t now = std::time(nullptr);
  std::vector<uint32_t> order;  // the recordable scripts, by name
  order.reserve(names.size());
  size_t size = kMagic.size();
  for (size_t i = 0; i < names.size(); ++i) {
    const FileKey& key = keys[i];
    if (key.mtime_sec >= now - 2 || key.ctime_sec >= now - 2) continue;  // too fresh
    if (revisions[i] == nullptr) continue;  // not cacheable (computed header)
    const Revision& r = *revisions[i];
    order.push_back(static_cast<uint32_t>(i));
    size += bound(names[i]) + 6 * kNumberBound + bound(r.revision) + bound(r.down_revisions) +
            bound(r.branch_labels) + bound(r.depends_on) + bound(r.doc) + bound(r.create_date);
  }
  auto by_name = [&](uint32_t a, uint32_t b) { return names[a] < names[b]; };
  if (!std::is_sorted(order.begin(), order.end(), by_name)) {
    std::sort(order.begin(), order.end(), by_name);
  }
  // Not value-initialised: only the bytes written are touched.
  std::unique_ptr<char[]> buffer(new char[size]);
  char* p = buffer.get();
  std::memcpy(p, kMagic.data(), kMagic.size());
  p += kMagic.size();
  for (uint32_t i : order) {
    const FileKey& key = keys[i];
    const Revision& r = *revisions[i];
    p = put(p, names[i]);
    p = put(p, static_cast<long long>(key.size));
    p = put(p, static_cast<long long>(key.mtime_sec));
    p = put(p, static_cast<long long>(key.mtime_nsec));
    p = put(p, static_cast<long long>(key.ctime_sec));
    p = put(p, static_cast<long long>(key.ctime_nsec));
    p = put(p, static_cast<long long>(key.inode));
    p = put(p, std::string_view(r.revision));
    p = put(p, r.down_revisions);
    p = put(p, r.branch_labels);
    p = put(p, r.depends_on);
    p = put(p, std::string_view(r.doc));
    p = put(p, std::string_view(r.create_date));
  }
  const std::string target = location_ + kFileName;
  const std::string temp = target + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return;  // read-only location: no cache
  const bool written = write_all(fd, buffer.get(), static_cast<size_t>(p - buffer.get()));
  if (::close(fd) != 0 || !written) {
    ::unlink(temp.c_str());
    return;
  }
  if (std::rename(temp.c_str(), target.c_str()) != 0) ::unlink(temp.c_str());
}

}  // namespace strata::script
