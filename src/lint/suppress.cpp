#include "lint/suppress.h"

#include <algorithm>

namespace strata::lint {
namespace {

constexpr std::string_view kMarker = "strata:lint-ignore";

bool is_comment_line(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  return i != std::string_view::npos && line.substr(i, 2) == "--";
}

bool names(std::string_view line, std::string_view rule) {
  std::vector<std::string> ids = ignored_rules(line);
  return std::find(ids.begin(), ids.end(), rule) != ids.end();
}

}  // namespace

std::vector<std::string> ignored_rules(std::string_view line) {
  std::vector<std::string> out;
  size_t comment = line.find("--");
  if (comment == std::string_view::npos) return out;
  size_t at = line.find(kMarker, comment);
  if (at == std::string_view::npos) return out;
  std::string_view rest = line.substr(at + kMarker.size());
  size_t start = rest.find_first_not_of(" \t");
  if (start == std::string_view::npos || start == 0) return out;
  rest = rest.substr(start);
  rest = rest.substr(0, rest.find_first_of(" \t"));
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view id = rest.substr(0, comma);
    if (!id.empty()) out.emplace_back(id);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

bool is_suppressed(const std::vector<std::string>& lines, int line, std::string_view rule) {
  if (line < 1 || line > static_cast<int>(lines.size())) return false;
  if (names(lines[line - 1], rule)) return true;
  for (int i = line - 2; i >= 0 && is_comment_line(lines[i]); --i) {
    if (names(lines[i], rule)) return true;
  }
  return false;
}

}  // namespace strata::lint
