// ListingCache (contract in script/listing_cache.h).
#include "script/listing_cache.h"

#include <cstring>

#include "common/atomic_file.h"
#include "lua/script_file.h"
#include "script/cache_text.h"

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
// strings and numbers as script/cache_text.h writes them.

}  // namespace

ListingCache::ListingCache(std::string file) : file_(std::move(file)) {
  if (file_.empty()) return;
  std::string error;
  if (!lua::read_file_into(file_, data_, error)) return;
  const std::string_view data(data_);
  if (data.substr(0, kMagic.size()) != kMagic) return;
  std::map<std::string, Listing, std::less<>> parsed;
  CacheTextReader reader(data, kMagic.size());
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
    size_t size = kMagic.size();
    for (const auto& [location, listing] : listings_) {
      size += string_bound(location) + 8 * kNumberBound;
      for (std::string_view name : listing.names) size += string_bound(name);
    }
    std::string out(size, '\0');
    char* p = out.data();
    std::memcpy(p, kMagic.data(), kMagic.size());
    p += kMagic.size();
    for (const auto& [location, listing] : listings_) {
      const FileKey& k = listing.key;
      p = put(p, std::string_view(location));
      for (long long n : {static_cast<long long>(k.size), static_cast<long long>(k.mtime_sec),
                          static_cast<long long>(k.mtime_nsec), static_cast<long long>(k.ctime_sec),
                          static_cast<long long>(k.ctime_nsec), static_cast<long long>(k.inode),
                          static_cast<long long>(listing.python_files),
                          static_cast<long long>(listing.names.size())}) {
        p = put(p, n);
      }
      for (std::string_view name : listing.names) p = put(p, name);
    }
    out.resize(static_cast<size_t>(p - out.data()));
    if (!replace_file(file_, out)) return;
    changed_ = false;
  } catch (...) {
    // An optimisation only.
  }
}

}  // namespace strata::script
