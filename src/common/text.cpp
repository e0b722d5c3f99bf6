// Quote doubling (common/text.h).
#include "common/text.h"

namespace strata::text {

std::string double_char(std::string_view text, char c) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char x : text) {
    out += x;
    if (x == c) out += x;
  }
  return out;
}

std::string quote_with(std::string_view text, char open, char close) {
  std::string out(1, open);
  out.reserve(text.size() + 4);
  for (char x : text) {
    out += x;
    if (x == close) out += x;
  }
  out += close;
  return out;
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
