#include "cli/tty.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace strata::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

bool colour_enabled() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return stderr_is_terminal();
}

std::string colour(const std::string& text, const char* code) {
  if (!colour_enabled()) return text;
  return std::string("\033[") + code + "m" + text + "\033[0m";
}

void ProgressLine::step(size_t index, size_t total, const std::string& revision) {
  if (!active_ || total < kMinSteps) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1fs", seconds);
  text_ = "[" + std::to_string(index) + "/" + std::to_string(total) + "] " + revision + "  (" +
          elapsed + ")";
  redraw();
}

void ProgressLine::clear() {
  if (!shown_) return;
  std::cerr << "\r\033[K" << std::flush;
  shown_ = false;
}

void ProgressLine::redraw() {
  if (!active_ || text_.empty()) return;
  std::cerr << "\r\033[K" << colour(text_, "36") << std::flush;
  shown_ = true;
}

}  // namespace strata::cli
