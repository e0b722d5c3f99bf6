// In-script suppression of lint findings:
//   -- strata:lint-ignore RULE[,RULE...] reason
// on the line of the op, or on a comment line directly above it (a run of
// comment-only lines right above the op counts, so several ignores can be
// stacked). The reason is free text (recommended, not checked).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::lint {

// Whether a finding of `rule` at `line` (1-based) of a script with `lines`
// is suppressed.
bool is_suppressed(const std::vector<std::string>& lines, int line, std::string_view rule);

// The rule ids a line's `strata:lint-ignore` comment names (empty: none).
std::vector<std::string> ignored_rules(std::string_view line);

}  // namespace strata::lint
