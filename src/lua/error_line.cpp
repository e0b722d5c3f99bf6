#include "lua/error_line.h"

#include <string_view>
#include <vector>

namespace strata::lua {

namespace {

// Length of a "source:digits: " prefix at the start of `s` (no spaces in the
// source), or 0.
size_t position_prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] != ' ' && s[i] != ':') ++i;
  if (i == 0 || i + 1 >= s.size() || s[i] != ':') return 0;
  size_t j = i + 1;
  while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
  if (j == i + 1 || j + 1 >= s.size() || s[j] != ':' || s[j + 1] != ' ') return 0;
  return j + 2;
}

}  // namespace

std::string one_error_line(std::string msg, size_t limit) {
  // 1. One line: control characters are written as escapes.
  std::string flat;
  flat.reserve(msg.size());
  for (char c : msg) {
    switch (c) {
      case '\n': flat += "\\n"; break;
      case '\r': flat += "\\r"; break;
      case '\t': flat += ' '; break;
      case '\0': flat += "\\0"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          flat += '?';
        } else {
          flat += c;
        }
    }
  }
  // 2. An error re-raised at each level of a deep recursion reads
  // "a.lua:6: a.lua:6: ... a.lua:9: C stack overflow": keep the first and the
  // last position of such a run, then the cause.
  std::string_view rest = flat;
  std::vector<std::string_view> prefixes;
  while (size_t n = position_prefix(rest)) {
    prefixes.push_back(rest.substr(0, n));
    rest.remove_prefix(n);
  }
  if (prefixes.size() > 1) {
    std::string out(prefixes.front());
    if (prefixes.back() != prefixes.front()) out += prefixes.back();
    out += rest;
    flat = std::move(out);
  }
  // 3. Bounded: the start (position and cause) and the end are kept.
  if (limit >= 64 && flat.size() > limit) {
    const size_t head = limit * 3 / 4;
    const size_t tail = limit - head - 5;
    flat = flat.substr(0, head) + " ... " + flat.substr(flat.size() - tail);
  }
  return flat;
}

}  // namespace strata::lua
