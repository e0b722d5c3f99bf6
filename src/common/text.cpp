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

}  // namespace strata::text
