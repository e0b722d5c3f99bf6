// Text and JSON renderings of revisions (strata::RevisionInfo, the public
// API's), matching Alembic's command output
// (Script.log_entry, Script._head_only, Script.__str__) so that people and
// scripts reading Alembic's output keep working.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "strata/revision.h"

namespace strata::cli {

struct HeadOnlyOptions {
  bool include_branches = false;
  bool include_doc = false;
  bool include_parents = false;
  bool tree_indicators = true;
  bool head_indicators = true;
};

class RevisionFormatter {
 public:
  // `current`: revision ids to mark "(current)".
  explicit RevisionFormatter(std::set<std::string> current = {}) : current_(std::move(current)) {}

  // "<base>" or the comma-joined down revisions.
  std::string down_revision_text(const RevisionInfo& r) const;
  // Alembic's Script._head_only.
  std::string head_only(const RevisionInfo& r, const HeadOnlyOptions& options) const;
  // Alembic's Script.log_entry (multi-line, ends with a newline).
  std::string log_entry(const RevisionInfo& r) const;
  // Alembic's Script.cmd_format.
  std::string cmd_format(const RevisionInfo& r, bool verbose,
                         const HeadOnlyOptions& options) const {
    return verbose ? log_entry(r) : head_only(r, options);
  }
  // Machine-readable form for --json.
  nlohmann::json to_json(const RevisionInfo& r) const;

 private:
  bool is_current(const RevisionInfo& r) const { return current_.count(r.id) > 0; }
  std::set<std::string> current_;
};

// The revision's long message: its leading `--` comment block, without the
// comment markers (Alembic's `longdoc`). Empty when the file is unreadable.
std::string read_longdoc(const std::string& path);

}  // namespace strata::cli
