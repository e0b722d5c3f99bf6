#include "script/header_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <fstream>

namespace strata::script {
namespace {

constexpr std::string_view kMagic = "strata-header-cache 2\n";
constexpr const char* kFileName = "/.strata-cache";

// Format after the magic line, one record per script:
//   <name> <size> <mtime s> <mtime ns> <ctime s> <ctime ns> <inode>
//   <revision> <down_revisions> <branch_labels> <depends_on> <doc> <create_date>
// strings as <length>:<bytes>, numbers as decimal + ' ', lists as <count> ' '
// then strings.
void put(std::string& out, std::string_view s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}
void put(std::string& out, long long n) {
  out += std::to_string(n);
  out += ' ';
}
void put(std::string& out, const std::vector<std::string>& list) {
  put(out, static_cast<long long>(list.size()));
  for (const std::string& s : list) put(out, s);
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

bool stat_fields_match(Reader& reader, const struct stat& st) {
  long long v[6];
  for (long long& x : v) {
    if (!reader.number(x)) return false;
  }
  return v[0] == static_cast<long long>(st.st_size) &&
         v[1] == static_cast<long long>(st.st_mtim.tv_sec) &&
         v[2] == static_cast<long long>(st.st_mtim.tv_nsec) &&
         v[3] == static_cast<long long>(st.st_ctim.tv_sec) &&
         v[4] == static_cast<long long>(st.st_ctim.tv_nsec) &&
         static_cast<unsigned long long>(v[5]) == static_cast<unsigned long long>(st.st_ino);
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

std::optional<Revision> HeaderCache::lookup(std::string_view name, const struct stat& st) const {
  auto it = std::lower_bound(slots_.begin(), slots_.end(), name,
                             [](const Slot& s, std::string_view n) { return s.name < n; });
  if (it == slots_.end() || it->name != name) return std::nullopt;
  Reader reader(data_, it->offset);
  if (!stat_fields_match(reader, st)) return std::nullopt;
  Revision revision;
  if (!reader.revision(&revision)) return std::nullopt;
  revision.path = location_;
  revision.path += '/';
  revision.path += name;
  return revision;
}

void HeaderCache::save(const std::vector<std::string>& names, const std::vector<struct stat>& stats,
                       const std::vector<const Revision*>& revisions, bool all_hits) const {
  if (all_hits && slots_.size() == names.size()) return;  // already exact
  const std::time_t now = std::time(nullptr);
  std::vector<size_t> order(names.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return names[a] < names[b]; });
  std::string out(kMagic);
  for (size_t i : order) {
    const struct stat& st = stats[i];
    if (st.st_mtim.tv_sec >= now - 2 || st.st_ctim.tv_sec >= now - 2) continue;  // too fresh
    if (revisions[i] == nullptr) continue;  // not cacheable (computed header)
    const Revision& r = *revisions[i];
    put(out, names[i]);
    put(out, static_cast<long long>(st.st_size));
    put(out, static_cast<long long>(st.st_mtim.tv_sec));
    put(out, static_cast<long long>(st.st_mtim.tv_nsec));
    put(out, static_cast<long long>(st.st_ctim.tv_sec));
    put(out, static_cast<long long>(st.st_ctim.tv_nsec));
    put(out, static_cast<long long>(st.st_ino));
    put(out, r.revision);
    put(out, r.down_revisions);
    put(out, r.branch_labels);
    put(out, r.depends_on);
    put(out, r.doc);
    put(out, r.create_date);
  }
  const std::string target = location_ + kFileName;
  const std::string temp = target + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) return;  // read-only location: no cache
    file << out;
    if (!file.good()) {
      std::remove(temp.c_str());
      return;
    }
  }
  if (std::rename(temp.c_str(), target.c_str()) != 0) std::remove(temp.c_str());
}

}  // namespace strata::script
