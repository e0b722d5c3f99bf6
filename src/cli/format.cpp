#include "cli/format.h"

#include <fstream>

namespace strata::cli {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::vector<std::string> ids(const std::vector<const script::Revision*>& revisions) {
  std::vector<std::string> out;
  for (const script::Revision* r : revisions) out.push_back(r->revision);
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

std::string RevisionFormatter::down_revision_text(const script::Revision& r) const {
  return r.down_revisions.empty() ? "<base>" : join(r.down_revisions);
}

std::string RevisionFormatter::head_only(const script::Revision& r,
                                         const HeadOnlyOptions& options) const {
  std::string text = r.revision;
  if (options.include_parents) {
    if (!r.depends_on.empty()) {
      text = down_revision_text(r) + " (" + join(r.depends_on) + ") -> " + text;
    } else {
      text = down_revision_text(r) + " -> " + text;
    }
  }
  const std::vector<std::string>& labels = map_.branch_labels(r);
  if (options.include_branches && !labels.empty()) text += " (" + join(labels) + ")";
  if (options.head_indicators || options.tree_indicators) {
    if (map_.is_real_head(r)) text += " (head)";
    if (map_.is_head(r) && !map_.is_real_head(r)) text += " (effective head)";
    if (is_current(r)) text += " (current)";
  }
  if (options.tree_indicators) {
    if (map_.is_branch_point(r)) text += " (branchpoint)";
    if (map_.is_merge_point(r)) text += " (mergepoint)";
  }
  if (options.include_doc) text += ", " + r.doc;
  return text;
}

std::string RevisionFormatter::log_entry(const script::Revision& r) const {
  std::string entry = "Rev: " + r.revision;
  if (map_.is_head(r)) entry += " (head)";
  if (map_.is_branch_point(r)) entry += " (branchpoint)";
  if (map_.is_merge_point(r)) entry += " (mergepoint)";
  if (is_current(r)) entry += " (current)";
  entry += "\n";
  entry += (map_.is_merge_point(r) ? "Merges: " : "Parent: ") + down_revision_text(r) + "\n";
  if (!r.depends_on.empty()) entry += "Also depends on: " + join(r.depends_on) + "\n";
  if (map_.is_branch_point(r)) entry += "Branches into: " + join(ids(map_.nextrev(r))) + "\n";
  const std::vector<std::string>& labels = map_.branch_labels(r);
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

nlohmann::json RevisionFormatter::to_json(const script::Revision& r) const {
  nlohmann::json j;
  j["revision"] = r.revision;
  j["down_revisions"] = r.down_revisions;
  j["branch_labels"] = map_.branch_labels(r);
  j["depends_on"] = r.depends_on;
  j["doc"] = r.doc;
  j["path"] = r.path;
  j["create_date"] = r.create_date;
  j["is_head"] = map_.is_head(r);
  j["is_base"] = map_.is_base(r);
  j["is_branch_point"] = map_.is_branch_point(r);
  j["is_merge_point"] = map_.is_merge_point(r);
  j["nextrev"] = ids(map_.nextrev(r));
  if (!current_.empty()) j["is_current"] = is_current(r);
  return j;
}

}  // namespace strata::cli
