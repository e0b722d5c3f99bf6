#include "cli/format.h"

#include <fstream>

namespace strata::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::string read_longdoc(const std::string& path) {
  std::ifstream in(path);
  std::string line, doc;
  while (std::getline(in, line)) {
    if (line.rfind("--", 0) != 0) break;
    std::string text = line.substr(2);
    if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    doc += text + "\n";
  }
  return doc;
}

std::string RevisionFormatter::down_revision_text(const RevisionInfo& r) const {
  return r.down_revisions.empty() ? "<base>" : join(r.down_revisions);
}

std::string RevisionFormatter::head_only(const RevisionInfo& r,
                                         const HeadOnlyOptions& options) const {
  std::string text = r.id;
  if (options.include_parents) {
    if (!r.depends_on.empty()) {
      text = down_revision_text(r) + " (" + join(r.depends_on) + ") -> " + text;
    } else {
      text = down_revision_text(r) + " -> " + text;
    }
  }
  const std::vector<std::string>& labels = r.branch_labels;
  if (options.include_branches && !labels.empty()) text += " (" + join(labels) + ")";
  if (options.head_indicators || options.tree_indicators) {
    if ((r.is_head && !r.is_effective_head)) text += " (head)";
    if (r.is_effective_head) text += " (effective head)";
    if (is_current(r)) text += " (current)";
  }
  if (options.tree_indicators) {
    if (r.is_branch_point) text += " (branchpoint)";
    if (r.is_merge_point) text += " (mergepoint)";
  }
  if (options.include_doc) text += ", " + r.doc;
  return text;
}

std::string RevisionFormatter::log_entry(const RevisionInfo& r) const {
  std::string entry = "Rev: " + r.id;
  if (r.is_head) entry += " (head)";
  if (r.is_branch_point) entry += " (branchpoint)";
  if (r.is_merge_point) entry += " (mergepoint)";
  if (is_current(r)) entry += " (current)";
  entry += "\n";
  entry += (r.is_merge_point ? "Merges: " : "Parent: ") + down_revision_text(r) + "\n";
  if (!r.depends_on.empty()) entry += "Also depends on: " + join(r.depends_on) + "\n";
  if (r.is_branch_point) entry += "Branches into: " + join(r.next_revisions) + "\n";
  const std::vector<std::string>& labels = r.branch_labels;
  if (!labels.empty()) entry += "Branch names: " + join(labels) + "\n";
  entry += "Path: " + r.path + "\n";
  std::string longdoc = read_longdoc(r.path);
  if (longdoc.empty()) longdoc = r.doc;
  entry += "\n";
  size_t start = 0;
  std::string body;
  while (start < longdoc.size()) {
    size_t end = longdoc.find('\n', start);
    if (end == std::string::npos) end = longdoc.size();
    body += (body.empty() ? "" : "\n") + std::string("    ") + longdoc.substr(start, end - start);
    start = end + 1;
  }
  entry += body + "\n";
  return entry;
}

nlohmann::json RevisionFormatter::to_json(const RevisionInfo& r) const {
  nlohmann::json j;
  j["revision"] = r.id;
  j["down_revisions"] = r.down_revisions;
  j["branch_labels"] = r.branch_labels;
  j["depends_on"] = r.depends_on;
  j["doc"] = r.doc;
  j["path"] = r.path;
  j["create_date"] = r.create_date;
  j["is_head"] = r.is_head;
  j["is_base"] = r.is_base;
  j["is_branch_point"] = r.is_branch_point;
  j["is_merge_point"] = r.is_merge_point;
  j["nextrev"] = r.next_revisions;
  if (!current_.empty()) j["is_current"] = is_current(r);
  return j;
}

}  // namespace strata::cli
