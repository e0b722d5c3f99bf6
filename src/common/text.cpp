// Quote doubling (common/text.h).
#include "common/text.h"

#include <algorithm>
#include <cstring>

namespace strata::text {

namespace {

// `text` with every `c` doubled, between `open` and `close` (either may be
// '\0': none). One allocation, and a plain copy when there is nothing to
// double (the common case: identifiers, revision ids, checksums).
std::string doubled_between(std::string_view text, char c, char open, char close) {
  const size_t extra = static_cast<size_t>(std::count(text.begin(), text.end(), c));
  std::string out(text.size() + extra + (open != 0) + (close != 0), '\0');
  char* p = out.data();
  if (open != 0) *p++ = open;
  if (extra == 0) {
    std::memcpy(p, text.data(), text.size());
    p += text.size();
  } else {
    for (char x : text) {
      *p++ = x;
      if (x == c) *p++ = x;
    }
  }
  if (close != 0) *p = close;
  return out;
}

}  // namespace

std::string double_char(std::string_view text, char c) { return doubled_between(text, c, 0, 0); }

std::string quote_with(std::string_view text, char open, char close) {
  return doubled_between(text, close, open, close);
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = text.find(from, pos);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(pos, hit - pos));
    out.append(to);
    pos = hit + from.size();
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace strata::text
