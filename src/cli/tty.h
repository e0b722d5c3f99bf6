// Terminal niceties, only when stderr is a terminal (never in pipes, files
// or tests that capture output):
//  - colour(): ANSI colour for a prefix ("strata: error:" red, "WARNING"
//    yellow), unless NO_COLOR is set to a non-empty value (no-color.org);
//  - ProgressLine: for runs of kMinSteps revisions or more, one status line
//    "[n/N] revision  (12.3s)" redrawn under the INFO lines as steps start,
//    erased when the run ends.
#pragma once

#include <chrono>
#include <string>

namespace strata::cli {

bool stderr_is_terminal();
bool colour_enabled();
// `text` wrapped in the SGR `code` ("31" red, "33" yellow) when colour_enabled().
std::string colour(const std::string& text, const char* code);

class ProgressLine {
 public:
  static constexpr size_t kMinSteps = 5;
  // Active only on a terminal and without -q.
  explicit ProgressLine(bool quiet) : active_(!quiet && stderr_is_terminal()) {}
  ~ProgressLine() { clear(); }
  bool active() const { return active_; }
  void step(size_t index, size_t total, const std::string& revision);
  // Erase the line before printing something else on stderr; redraw() after.
  void clear();
  void redraw();

 private:
  bool active_;
  bool shown_ = false;
  std::string text_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace strata::cli
