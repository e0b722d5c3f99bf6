#include "script/header_cache.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

#include "script/cache_text.h"

namespace strata::script {
namespace {

constexpr std::string_view kMagic = "strata-header-cache 5\n";
constexpr const char* kFileName = "/.strata-cache";

// Format after the magic line, one record per script:
//   <name> <size> <mtime s> <mtime ns> <ctime s> <ctime ns> <inode>
//   <revision> <down_revisions> <branch_labels> <depends_on> <doc> <create_date>
//   <lock_timeout ("" = none)> <lock_retries (-1 = none)>
//   <untranslated marks: a list of "<line>\t<direction>\t<construct>">
// strings and numbers as script/cache_text.h writes them, lists as <count>
// then strings. Serialisation into a buffer sized beforehand with
// kNumberBound/bound().
using script::put;
char* put(char* p, const std::vector<std::string>& list) {
  p = put(p, static_cast<long long>(list.size()));
  for (const std::string& s : list) p = put(p, std::string_view(s));
  return p;
}
size_t bound(std::string_view s) { return string_bound(s); }

// An UntranslatedMark as one cache string and back.
std::vector<std::string> encode_marks(const std::vector<UntranslatedMark>& marks) {
  std::vector<std::string> out;
  for (const UntranslatedMark& m : marks) {
    out.push_back(std::to_string(m.line) + '\t' + m.direction + '\t' + m.construct);
  }
  return out;
}
bool decode_mark(std::string_view s, UntranslatedMark& m) {
  size_t a = s.find('\t');
  size_t b = a == std::string_view::npos ? a : s.find('\t', a + 1);
  if (b == std::string_view::npos) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + a, m.line);
  if (ec != std::errc() || p != s.data() + a) return false;
  m.direction.assign(s.substr(a + 1, b - a - 1));
  m.construct.assign(s.substr(b + 1));
  return true;
}
size_t bound(const std::vector<std::string>& list) {
  size_t n = kNumberBound;
  for (const std::string& s : list) n += bound(s);
  return n;
}

// Buffered writes to a file descriptor, through a small buffer: a large
// one would cost a page fault per 4 KiB touched, more than the extra write(2)s.
class ChunkWriter {
 public:
  static constexpr size_t kSize = 64 * 1024;
  explicit ChunkWriter(int fd) : fd_(fd), buffer_(new char[kSize]) {}
  bool ok() const { return ok_; }
  void append(std::string_view bytes) {
    if (used_ + bytes.size() > kSize) flush();
    if (bytes.size() > kSize) {
      write_all(bytes.data(), bytes.size());
      return;
    }
    std::memcpy(buffer_.get() + used_, bytes.data(), bytes.size());
    used_ += bytes.size();
  }
  // Room for `bound` bytes (<= kSize) at the returned pointer; commit(end) after.
  char* reserve(size_t bound) {
    if (used_ + bound > kSize) flush();
    return buffer_.get() + used_;
  }
  void commit(const char* end) { used_ = static_cast<size_t>(end - buffer_.get()); }
  void flush() {
    write_all(buffer_.get(), used_);
    used_ = 0;
  }

 private:
  void write_all(const char* data, size_t size) {
    while (ok_ && size > 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok_ = false;
        return;
      }
      data += n;
      size -= static_cast<size_t>(n);
    }
  }
  int fd_;
  std::unique_ptr<char[]> buffer_;
  size_t used_ = 0;
  bool ok_ = true;
};

// The cache's fields (cache_text.h), and a record's lists and payload.
class Reader : public CacheTextReader {
 public:
  using CacheTextReader::CacheTextReader;
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
    if (!view(v)) return false;
    if (r && !v.empty()) r->lock_timeout = std::string(v);
    long long retries = 0;
    if (!number(retries) || retries < -1 || retries > 9999) return false;
    if (r && retries >= 0) r->lock_retries = static_cast<int>(retries);
    std::vector<std::string> marks;
    if (!list(r ? &marks : nullptr)) return false;
    if (r) {
      for (const std::string& m : marks) {
        UntranslatedMark mark;
        if (!decode_mark(m, mark)) return false;
        r->untranslated.push_back(std::move(mark));
      }
    }
    return true;
  }
};

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

HeaderCache::HeaderCache(std::string location, const std::vector<std::string_view>& names)
    : location_(std::move(location)),
      names_(names),
      created_(static_cast<long long>(std::time(nullptr))) {
  const std::string path = location_ + kFileName;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size > static_cast<off_t>(kMagic.size()) &&
      st.st_size < (off_t{1} << 31)) {
    map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                 fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return;
  data_ = std::string_view(static_cast<const char*>(map), static_cast<size_t>(st.st_size));
  if (data_.substr(0, kMagic.size()) != kMagic) return;
  // Walk the records (sorted by name, each name once) alongside the sorted
  // names; a malformed file is ignored as a whole.
  std::vector<Span> records(names_.size());
  size_t count = 0;
  size_t i = 0;
  std::string_view previous;
  Reader reader(data_, kMagic.size());
  while (!reader.done()) {
    const size_t begin = reader.pos();
    std::string_view name;
    long long skip;
    if (!reader.view(name)) return;
    for (int f = 0; f < 6; ++f) {
      if (!reader.number(skip)) return;
    }
    if (!reader.revision(nullptr)) return;
    if (count > 0 && !(previous < name)) return;
    previous = name;
    ++count;
    while (i < names_.size() && names_[i] < name) ++i;
    if (i < names_.size() && names_[i] == name) {
      records[i] = Span{static_cast<uint32_t>(begin), static_cast<uint32_t>(reader.pos())};
    }
  }
  records_ = std::move(records);
  record_count_ = count;
}

HeaderCache::~HeaderCache() {
  if (!data_.empty()) ::munmap(const_cast<char*>(data_.data()), data_.size());
}

bool HeaderCache::lookup(size_t i, const FileKey& key, Revision& out) const {
  if (records_.empty() || records_[i].end == 0) return false;
  Reader reader(data_, records_[i].begin);
  std::string_view name;
  if (!reader.view(name) || !key_matches(reader, key) || !reader.revision(&out)) return false;
  out.path.reserve(location_.size() + 1 + name.size());
  out.path = location_;
  out.path += '/';
  out.path += name;
  return true;
}

void HeaderCache::save(const FileKey* keys, const Revision* revisions,
                       const std::vector<CacheEntry>& entries) const {
  const size_t n = names_.size();
  // Already exact: nothing read, and the file holds the hits' records only
  // (computed headers are never recorded, so they need no rewrite either).
  if (std::none_of(entries.begin(), entries.end(), [](CacheEntry e) { return e == CacheEntry::kRead; }) &&
      record_count_ == static_cast<size_t>(std::count(entries.begin(), entries.end(), CacheEntry::kHit))) {
    return;
  }
  const std::string target = location_ + kFileName;
  const std::string temp = target + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return;  // read-only location: no cache
  const long long fresh = created_ - 2;
  ChunkWriter out(fd);
  out.append(kMagic);
  for (size_t i = 0; i < n && out.ok(); ++i) {
    if (entries[i] == CacheEntry::kHit) {
      // The recorded key equals the script's; keep the record's bytes.
      const Span span = records_[i];
      Reader reader(data_, span.begin);
      std::string_view name;
      long long v[6];
      reader.view(name);
      for (long long& x : v) reader.number(x);
      if (v[1] >= fresh || v[3] >= fresh) continue;  // too fresh
      out.append(data_.substr(span.begin, span.end - span.begin));
      continue;
    }
    if (entries[i] != CacheEntry::kRead) continue;  // not cacheable (computed header)
    const FileKey& key = keys[i];
    if (key.mtime_sec >= fresh || key.ctime_sec >= fresh) continue;  // too fresh
    const Revision& r = revisions[i];
    const std::vector<std::string> marks = encode_marks(r.untranslated);
    const size_t size = bound(names_[i]) + 6 * kNumberBound + bound(r.revision) +
                        bound(r.down_revisions) + bound(r.branch_labels) + bound(r.depends_on) +
                        bound(r.doc) + bound(r.create_date) +
                        bound(r.lock_timeout.value_or("")) + kNumberBound +
                        bound(marks);
    std::unique_ptr<char[]> big;  // for a record larger than the writer's buffer
    if (size > ChunkWriter::kSize) big.reset(new char[size]);
    char* const start = big ? big.get() : out.reserve(size);
    char* p = start;
    p = put(p, names_[i]);
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
    p = put(p, std::string_view(r.lock_timeout ? *r.lock_timeout : std::string()));
    p = put(p, static_cast<long long>(r.lock_retries.value_or(-1)));
    p = put(p, marks);
    if (big) {
      out.append(std::string_view(start, static_cast<size_t>(p - start)));
    } else {
      out.commit(p);
    }
  }
  out.flush();
  const bool written = out.ok();
  if (::close(fd) != 0 || !written) {
    ::unlink(temp.c_str());
    return;
  }
  if (std::rename(temp.c_str(), target.c_str()) != 0) ::unlink(temp.c_str());
}

}  // namespace strata::script
