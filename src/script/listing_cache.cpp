// ListingCache (contract in script/listing_cache.h).
#include "script/listing_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace strata::script {
namespace {

constexpr std::string_view kMagic = "strata-listings 1\n";
// Settled: a key whose mtime and ctime are more than this many seconds old.
constexpr long long kSettleSeconds = 2;
// Guards against a corrupt count asking for absurd allocations.
constexpr long long kMaxNames = 10'000'000;

// Format after the magic line, one entry per location:
//   <location> <size> <mtime s> <mtime ns> <ctime s> <ctime ns> <inode>
//   <python files> <count> <name>...
// strings as <length>:<bytes>, numbers as decimal + ' ' (header_cache.cpp's).
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data), pos_(kMagic.size()) {}
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
    const size_t start = static_cast<size_t>(ptr - data_.data()) + 1;
    if (start > data_.size() || length > data_.size() - start) return false;
    s = data_.substr(start, length);
    pos_ = start + length;
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_;
};

void put(std::string& out, long long n) {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  out.append(buf, end);
  out += ' ';
}

void put(std::string& out, std::string_view s) {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, s.size()).ptr;
  out.append(buf, end);
  out += ':';
  out.append(s);
}

bool read_all(const std::string& path, std::unique_ptr<char[]>& data, size_t& size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > (off_t{1} << 30)) {
    ::close(fd);
    return false;
  }
  size = static_cast<size_t>(st.st_size);
  data.reset(new char[size]);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, data.get() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return done == size;
}

}  // namespace

ListingCache::ListingCache(std::string file) : file_(std::move(file)) {
  if (file_.empty()) return;
  size_t size = 0;
  if (!read_all(file_, data_, size)) return;
  const std::string_view data(data_.get(), size);
  if (data.substr(0, kMagic.size()) != kMagic) return;
  std::map<std::string, Listing, std::less<>> parsed;
  Reader reader(data);
  while (!reader.done()) {
    std::string_view location;
    long long v[8];
    if (!reader.view(location)) return;
    for (long long& x : v) {
      if (!reader.number(x)) return;
    }
    if (v[6] < 0 || v[7] < 0 || v[7] > kMaxNames) return;
    Listing listing;
    listing.key = FileKey{v[0], v[1], v[2], v[3], v[4], static_cast<uint64_t>(v[5])};
    listing.python_files = static_cast<size_t>(v[6]);
    listing.names.resize(static_cast<size_t>(v[7]));
    for (std::string_view& name : listing.names) {
      if (!reader.view(name)) return;
    }
    // The names are strictly sorted, as listed.
    for (size_t i = 1; i < listing.names.size(); ++i) {
      if (!(listing.names[i - 1] < listing.names[i])) return;
    }
    parsed[std::string(location)] = std::move(listing);
  }
  listings_ = std::move(parsed);
}

const ListingCache::Listing* ListingCache::find(std::string_view location,
                                                const FileKey& key) const {
  const auto it = listings_.find(location);
  return it != listings_.end() && it->second.key == key ? &it->second : nullptr;
}

void ListingCache::remember(const std::string& location, const FileKey& key,
                            size_t python_files, const std::vector<std::string_view>& names,
                            long long now_sec) {
  if (file_.empty()) return;
  const long long settled = now_sec - kSettleSeconds;
  if (key.mtime_sec >= settled || key.ctime_sec >= settled) return;
  if (const Listing* known = find(location, key);
      known != nullptr && known->python_files == python_files && known->names == names) {
    return;
  }
  size_t bytes = 0;
  for (std::string_view name : names) bytes += name.size();
  std::unique_ptr<char[]> copy(new char[bytes == 0 ? 1 : bytes]);
  Listing listing;
  listing.key = key;
  listing.python_files = python_files;
  listing.names.reserve(names.size());
  char* p = copy.get();
  for (std::string_view name : names) {
    std::memcpy(p, name.data(), name.size());
    listing.names.emplace_back(p, name.size());
    p += name.size();
  }
  copies_.push_back(std::move(copy));
  listings_[location] = std::move(listing);
  changed_ = true;
}

void ListingCache::save() noexcept {
  if (file_.empty() || !changed_) return;
  try {
    std::string out(kMagic);
    for (const auto& [location, listing] : listings_) {
      put(out, location);
      const FileKey& k = listing.key;
      for (long long n : {static_cast<long long>(k.size), static_cast<long long>(k.mtime_sec),
                          static_cast<long long>(k.mtime_nsec), static_cast<long long>(k.ctime_sec),
                          static_cast<long long>(k.ctime_nsec), static_cast<long long>(k.inode),
                          static_cast<long long>(listing.python_files),
                          static_cast<long long>(listing.names.size())}) {
        put(out, n);
      }
      for (std::string_view name : listing.names) put(out, name);
    }
    const size_t slash = file_.rfind('/');
    if (slash != std::string::npos && slash > 0) {
      ::mkdir(file_.substr(0, slash).c_str(), 0777);  // EEXIST is fine
    }
    const std::string temp = file_ + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return;
    size_t done = 0;
    bool ok = true;
    while (ok && done < out.size()) {
      const ssize_t n = ::write(fd, out.data() + done, out.size() - done);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0 || !ok || std::rename(temp.c_str(), file_.c_str()) != 0) {
      ::unlink(temp.c_str());
      return;
    }
    changed_ = false;
  } catch (...) {
    // An optimisation only.
  }
}

}  // namespace strata::script
