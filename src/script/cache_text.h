// The text encoding shared by strata's cache files (script/header_cache.h,
// script/listing_cache.h): a number is its decimal digits and a space, a
// string is <length>:<bytes>. Writers size their buffer beforehand
// (kNumberBound per number, string_bound() per string) and put() into it;
// CacheTextReader reads the fields back, refusing anything malformed.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstring>
#include <string_view>

namespace strata::script {

inline constexpr size_t kNumberBound = 21;  // 20 digits (or '-' and 19) + separator

inline size_t string_bound(std::string_view s) { return kNumberBound + s.size(); }

inline char* put(char* p, long long n) {
  p = std::to_chars(p, p + kNumberBound, n).ptr;
  *p++ = ' ';
  return p;
}

inline char* put(char* p, std::string_view s) {
  p = std::to_chars(p, p + kNumberBound, s.size()).ptr;
  *p++ = ':';
  std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

class CacheTextReader {
 public:
  CacheTextReader(std::string_view data, size_t pos) : data_(data), pos_(pos) {}
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

}  // namespace strata::script
