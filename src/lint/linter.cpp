#include "lint/linter.h"

#include <algorithm>

#include "lint/registry.h"
#include "lint/revision_run.h"
#include "lint/suppress.h"
#include "script/migration_plan.h"
#include "strata/error.h"

namespace strata::lint {
namespace {

struct Policy {
  std::map<std::string, std::optional<Severity>, std::less<>> override_;  // nullopt: off

  static Policy from(const LintOptions& options) {
    Policy p;
    auto unknown = [&](const std::string& where, const std::string& id) {
      return Error(ErrorCode::kConfig, options.config_name + " [lint] " + where +
                                           ": unknown rule '" + id + "'");
    };
    for (const std::string& id : options.disable) {
      if (find_rule(id) == nullptr) throw unknown("disable", id);
      p.override_[id] = std::nullopt;
    }
    for (const auto& [id, value] : options.severity) {
      if (find_rule(id) == nullptr) throw unknown("severity", id);
      if (p.override_.count(id) > 0) continue;  // disabled wins
      if (value == "off") {
        p.override_[id] = std::nullopt;
      } else if (auto s = parse_severity(value)) {
        p.override_[id] = *s;
      } else {
        throw Error(ErrorCode::kConfig, options.config_name + " [lint] severity: '" + id +
                                            "' must be error, warning, info or off, not '" +
                                            value + "'");
      }
    }
    return p;
  }

  // False when the rule is off; else applies its override.
  bool apply(Finding& f) const {
    auto it = override_.find(f.rule);
    if (it == override_.end()) return true;
    if (!it->second) return false;
    f.severity = *it->second;
    return true;
  }
};

}  // namespace

int LintReport::count(Severity severity) const {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const Finding& f) { return f.severity == severity; }));
}

std::vector<const script::Revision*> revisions_in_range(const script::RevisionMap& map,
                                                        std::string_view range) {
  if (range.find("current") != std::string_view::npos) {
    throw Error(ErrorCode::kUsage, "lint never connects to a database: 'current' cannot be "
                                   "part of its range; name revisions");
  }
  std::optional<std::string> start;
  std::string destination = "heads";
  if (size_t colon = range.find(':'); colon != std::string_view::npos) {
    if (colon > 0) start = std::string(range.substr(0, colon));
    if (colon + 1 < range.size()) destination = std::string(range.substr(colon + 1));
  } else if (!range.empty()) {
    const script::Revision* one = map.get_revision(range);
    if (one == nullptr) {
      throw Error(ErrorCode::kRevision, "'" + std::string(range) + "' names no revision");
    }
    return {one};
  }
  std::vector<std::string> heads = script::resolve_starting_heads(map, start);
  std::vector<const script::Revision*> out;
  for (const script::MigrationStep& step : script::plan_upgrade(map, destination, heads)) {
    if (!step.is_stamp && step.revision != nullptr) out.push_back(step.revision);
  }
  return out;
}

LintReport lint(const script::RevisionMap& map, const std::vector<const script::Revision*>& revisions,
                const LintOptions& options) {
  const Policy policy = Policy::from(options);
  LintReport report;
  report.dialect = options.dialect;
  RecordOptions record{options.dialect, options.env, options.x_args};

  auto keep = [&](Finding f, const std::vector<std::string>* lines) {
    if (lines != nullptr && is_suppressed(*lines, f.line, f.rule)) {
      ++report.suppressed;
      return;
    }
    if (policy.apply(f)) report.findings.push_back(std::move(f));
  };

  for (const script::Revision* revision : revisions) {
    RevisionRun run = record_revision(*revision, record);
    std::vector<Finding> found;
    Reporter reporter(run, options.dialect, found);
    check_all(run, reporter);
    std::stable_sort(found.begin(), found.end(),
                     [](const Finding& a, const Finding& b) { return a.line < b.line; });
    for (Finding& f : found) keep(std::move(f), &run.lines);
    ++report.revisions;
  }

  std::vector<const script::Revision*> heads = map.heads();
  if (heads.size() > 1) {
    std::string ids;
    for (const script::Revision* head : heads) ids += (ids.empty() ? "" : ", ") + head->revision;
    const RuleInfo* rule = find_rule("several-heads");
    Finding f{heads.front()->path, 0, std::string(rule->id), rule->severity,
              "the revision graph has " + std::to_string(heads.size()) + " heads (" + ids +
                  "): `strata upgrade head` refuses to choose",
              std::string(rule->fix), ""};
    keep(std::move(f), nullptr);
  }
  return report;
}

}  // namespace strata::lint
