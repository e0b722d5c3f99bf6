// lint findings: what a rule reports about one place in a revision script.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::lint {

enum class Severity { kInfo, kWarning, kError };

// "info", "warning", "error".
std::string_view severity_name(Severity severity);
// The inverse of severity_name; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view name);

struct Finding {
  std::string file;      // the revision script
  int line = 0;          // 1-based; 0 when no line is known
  std::string rule;      // a rule id of the registry (lint/registry.h)
  Severity severity = Severity::kWarning;
  std::string message;
  std::string fix;       // how to make the change safely
  std::string revision;  // the revision id ("" for findings about the graph)
};

// "file:line: RULE severity: message (fix: ...)" — one line.
std::string format_finding(const Finding& finding);

}  // namespace strata::lint
