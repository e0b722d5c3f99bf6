// RevisionMap traversal: relative walks, upgrade/downgrade target parsing,
// revision collection and topological ordering. Mirrors
// alembic/script/revision.py (_walk, _parse_*_target, _collect_*_revisions,
// _topological_sort, iterate_revisions) and ScriptDirectory.walk_revisions.
#include <algorithm>
#include <cstdlib>
#include <limits>
#include <regex>

#include "script/revision_map.h"

namespace strata::script {
namespace {

bool truthy(const std::optional<std::string>& s) { return s.has_value() && !s->empty(); }

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string relative_message(const std::string& relative, long count) {
  return "Relative revision " + relative + " didn't produce " + std::to_string(count) +
         " migrations";
}

// util.to_tuple(x) for a revision argument; None gives an empty list.
std::vector<std::string> to_tuple(const RevArg& arg) {
  if (const auto* s = std::get_if<std::string>(&arg)) return {*s};
  if (const auto* v = std::get_if<std::vector<std::string>>(&arg)) return *v;
  return {};
}

bool is_none(const RevArg& arg) { return std::holds_alternative<std::monostate>(arg); }

// The value as "%s" would print it.
std::string display(const RevArg& arg) {
  if (const auto* s = std::get_if<std::string>(&arg)) return *s;
  if (const auto* v = std::get_if<std::vector<std::string>>(&arg)) return py_tuple_repr(*v);
  return "None";
}

// `x or "base"` in RangeNotAncestorError.
std::string display_or_empty(const RevArg& arg) {
  if (const auto* s = std::get_if<std::string>(&arg)) return *s;
  if (const auto* v = std::get_if<std::vector<std::string>>(&arg)) {
    return v->empty() ? "" : py_tuple_repr(*v);
  }
  return "";
}

struct RelativeMatch {
  std::optional<std::string> branch;
  std::optional<std::string> symbol;
  std::string relative;
};

// re.match(r"(?:(.+?)@)?(\w+)?((?:\+|-)\d+)", target)
std::optional<RelativeMatch> match_relative(const std::string& target) {
  static const std::regex kRelative(R"((?:(.+?)@)?(\w+)?((?:\+|-)\d+))");
  std::smatch m;
  if (!std::regex_search(target, m, kRelative, std::regex_constants::match_continuous)) {
    return std::nullopt;
  }
  RelativeMatch out;
  if (m[1].matched) out.branch = m[1].str();
  if (m[2].matched) out.symbol = m[2].str();
  out.relative = m[3].str();
  return out;
}

// The step count of a relative form ("+3", "-12"), bounded to int's range
// (a walk stops at a head or base long before), so negation and the walk's
// int count stay defined.
long relative_steps(const std::string& relative) {
  long n = std::strtol(relative.c_str(), nullptr, 10);
  return std::clamp<long>(n, -std::numeric_limits<int>::max(), std::numeric_limits<int>::max());
}

// "a, b" of revision ids, each with its branch labels ("a (side)").
std::string describe_revisions(const RevisionMap& map, const std::vector<int>& refs) {
  std::string out;
  for (int r : refs) {
    if (!out.empty()) out += ", ";
    out += map.at(r).revision;
    const std::vector<std::string>& labels = map.branch_labels(map.at(r));
    if (!labels.empty()) {
      out += " (";
      for (std::size_t i = 0; i < labels.size(); ++i) out += (i ? ", " : "") + labels[i];
      out += ")";
    }
  }
  return out;
}

// "Ambiguous walk" (Alembic's text, kept as the prefix) followed by what is
// ambiguous and targets that would work: going up, `heads` and each branch
// (`label@head` when it has a label, else its first revision); going down,
// each parent of the merge (or each head).
RevisionError ambiguous_walk(const RevisionMap& map, int from, const std::vector<int>& children,
                             bool up) {
  std::string what;
  std::vector<std::string> targets;
  if (up) {
    what = from == RevisionMap::kNoneRef
               ? "there are several bases (" + describe_revisions(map, children) + ")"
               : "revision " + map.at(from).revision + " is a branch point with children " +
                     describe_revisions(map, children);
    targets.push_back("heads");
    for (int c : children) {
      const std::vector<std::string>& labels = map.branch_labels(map.at(c));
      targets.push_back(labels.empty() ? map.at(c).revision : labels.front() + "@head");
    }
  } else {
    what = from == RevisionMap::kNoneRef
               ? "there are several heads (" + describe_revisions(map, children) + ")"
               : "revision " + map.at(from).revision + " is a merge point of " +
                     describe_revisions(map, children);
    for (int c : children) targets.push_back(map.at(c).revision);
  }
  std::string list;
  for (const std::string& t : targets) list += (list.empty() ? "" : ", ") + ("'" + t + "'");
  return RevisionError::generic("Ambiguous walk: " + what + "; name the target instead, e.g. " +
                                list);
}

}  // namespace

int RevisionMap::walk(int start, int steps, const std::optional<std::string>& branch_label,
                      bool no_overwalk) const {
  int initial = start;
  for (int i = 0; i < std::abs(steps); ++i) {
    std::vector<int> children;
    if (steps > 0) {
      if (initial == kBaseRef) throw RevisionError::assertion("Can't walk up from base");
      const std::vector<int>& walk_up = initial == kNoneRef ? bases_ : nodes_[initial].next;
      children = truthy(branch_label) ? filter_for_lineage(walk_up, *branch_label) : walk_up;
    } else if (initial != kBaseRef) {
      children = initial == kNoneRef ? heads_ : nodes_[initial].down;
      if (children.empty()) children.push_back(kBaseRef);
    }
    if (children.empty()) return no_overwalk ? kNoneRef : initial;
    if (children.size() > 1) throw ambiguous_walk(*this, initial, children, steps > 0);
    initial = children.front();
  }
  return initial;
}

std::vector<int> RevisionMap::all_current(const std::vector<std::string>& ids) const {
  std::vector<int> top = get_revision_refs(ids);
  for (int r : ancestors(top, true)) {
    if (!contains(top, r)) top.push_back(r);
  }
  // _filter_into_branch_heads
  std::vector<int> kept;
  for (int r : top) {
    bool covered = false;
    for (int d : descendants({r}, false)) covered = covered || (d != r && contains(top, d));
    if (!covered) kept.push_back(r);
  }
  return kept;
}

std::pair<std::optional<std::string>, int> RevisionMap::parse_downgrade_target(
    const RevArg& current, const RevArg& target, bool assert_relative_length) const {
  if (is_none(target)) return {std::nullopt, kNoneRef};
  const auto* text = std::get_if<std::string>(&target);
  if (text == nullptr) throw RevisionError::assertion("Expected downgrade target in string form");
  std::optional<RelativeMatch> match = match_relative(*text);
  if (!match) {
    std::size_t at = text->rfind('@');
    std::optional<std::string> branch;
    std::string symbol = *text;
    if (at != std::string::npos) {
      if (at > 0) branch = text->substr(0, at);
      symbol = text->substr(at + 1);
    }
    return {branch, get_revision_ref(symbol)};
  }
  std::optional<std::string> branch = match->branch;
  std::optional<std::string> symbol = match->symbol;
  const long rel = relative_steps(match->relative);
  if (rel >= 0) {
    if (!symbol) throw RevisionError::generic(relative_message(match->relative, std::labs(rel)));
    int rev = walk(get_revision_ref(symbol), static_cast<int>(rel), branch, assert_relative_length);
    if (rev == kNoneRef) throw RevisionError::generic("Walked too far");
    return {branch, rev};
  }
  const bool relative_revision = !symbol.has_value();
  if (relative_revision) {
    std::vector<std::string> current_ids = to_tuple(current);
    if (truthy(branch)) {
      std::vector<std::string> symbols;
      std::vector<int> current_refs;
      for (const std::string& id : current_ids) current_refs.push_back(revision_for_ident(id));
      std::vector<int> kept = filter_for_lineage(current_refs, *branch);
      for (std::size_t i = 0; i < current_refs.size(); ++i) {
        if (contains(kept, current_refs[i])) symbols.push_back(current_ids[i]);
      }
      if (symbols.empty()) {
        for (int r : filter_for_lineage(all_current(current_ids), *branch)) {
          symbols.push_back(revs_[r].revision);
        }
      }
      if (symbols.size() != 1) {
        throw RevisionError::assertion("Relative downgrade on branch '" + *branch +
                                       "' is ambiguous from the current heads");
      }
      symbol = symbols.front();
    } else {
      if (current_ids.empty()) throw RevisionError::generic(relative_message(match->relative, -rel));
      symbol = current_ids.front();
      branch = symbol;
    }
  }
  int start = branch ? get_revision_ref(*branch + "@" + *symbol) : get_revision_ref(symbol);
  int rev = walk(start, static_cast<int>(rel), std::nullopt, assert_relative_length);
  if (rev == kNoneRef) {
    throw RevisionError::generic(relative_revision ? relative_message(match->relative, -rel)
                                                   : "Walked too far");
  }
  return {branch, rev};
}

std::vector<int> RevisionMap::parse_upgrade_target(const RevArg& current, const RevArg& target,
                                                 bool assert_relative_length) const {
  std::optional<RelativeMatch> match;
  if (const auto* text = std::get_if<std::string>(&target)) match = match_relative(*text);
  if (!match) return get_revision_refs(target);

  const std::optional<std::string>& branch = match->branch;
  const std::optional<std::string>& symbol = match->symbol;
  const long rel = relative_steps(match->relative);
  if (rel > 0) {
    if (symbol) {
      return {walk(get_revision_ref(symbol), static_cast<int>(rel), branch, assert_relative_length)};
    }
    // Start from the current revision(s); `None` means base.
    std::vector<std::string> current_ids = to_tuple(current);
    std::vector<int> start_refs;
    std::size_t start_count = current_ids.empty() ? 1 : current_ids.size();
    if (truthy(branch)) {
      std::vector<int> current_refs = get_revision_refs(current_ids);
      start_refs = filter_for_lineage(current_refs, *branch);
      if (start_refs.empty()) {
        // The branch is not a current head: find the tips of what is applied
        // on it.
        std::vector<int> active = filter_for_lineage(ancestors(current_refs, true), *branch);
        for (int r : active) {
          bool is_down = false;
          for (int a : active) is_down = is_down || contains(nodes_[a].norm_down(), r);
          if (!is_down) start_refs.push_back(r);
        }
        if (start_refs.empty()) start_refs.push_back(kNoneRef);
      }
      start_count = start_refs.size();
    }
    if (start_count > 1) {
      throw RevisionError::generic("Ambiguous upgrade from multiple current revisions");
    }
    int start;
    if (!start_refs.empty()) {
      start = start_refs.front();
    } else if (current_ids.empty()) {
      start = kNoneRef;
    } else {
      start = get_revision_ref(current_ids.front());
    }
    int rev = walk(start, static_cast<int>(rel), branch, assert_relative_length);
    if (rev == kNoneRef) throw RevisionError::generic(relative_message(match->relative, rel));
    return {rev};
  }
  if (!symbol) throw RevisionError::generic(relative_message(std::to_string(rel), std::labs(rel)));
  int start = branch ? get_revision_ref(*branch + "@" + *symbol) : get_revision_ref(symbol);
  return {walk(start, static_cast<int>(rel), std::nullopt, assert_relative_length)};
}

std::pair<std::vector<int>, std::vector<int>> RevisionMap::collect_upgrade(
    const RevArg& upper, RevArg lower, bool inclusive, bool implicit_base,
    bool assert_relative_length) const {
  std::vector<int> targets = parse_upgrade_target(lower, upper, assert_relative_length);
  for (int t : targets) {
    if (t < 0) throw RevisionError::assertion("Relative revision walked past the revision tree");
  }
  if (const auto* text = std::get_if<std::string>(&lower); text && text->find('@') != std::string::npos) {
    std::string branch = text->substr(0, text->find('@'));
    int branch_rev = get_revision_ref(branch);
    if (branch_rev >= 0 && revs_[branch_rev].revision == branch) {
      if (nodes_[branch_rev].labels.size() != 1) {
        throw RevisionError::assertion("Revision " + branch + " does not have exactly one branch label");
      }
      branch = nodes_[branch_rev].labels.front();
    }
    std::vector<int> on_branch;
    for (int t : targets) {
      const auto& labels = nodes_[t].labels;
      if (std::find(labels.begin(), labels.end(), branch) != labels.end()) on_branch.push_back(t);
    }
    targets = on_branch;
  }

  std::vector<char> required(revs_.size(), 0);
  for (int r : ancestors(targets, true, true)) required[r] = 1;
  for (int t : targets) required[t] = 1;

  std::vector<int> current = get_revision_refs(lower);
  if (!implicit_base) {
    for (int c : current) {
      if (c == kBaseRef || (c >= 0 && !required[c])) {
        throw RevisionError::range_not_ancestor(display_or_empty(lower), display_or_empty(upper));
      }
    }
  }
  if (!current.empty() && current.front() == kNoneRef) {
    // lower is a relative identifier get_revisions() could not walk.
    int rev = parse_downgrade_target(upper, lower, assert_relative_length).second;
    if (rev == kNoneRef) throw RevisionError::assertion("Relative revision walked past the tree");
    if (rev == kBaseRef) {
      current.clear();
      lower = std::monostate{};
    } else {
      current = {rev};
      lower = revs_[rev].revision;
    }
  }

  std::vector<char> current_set(revs_.size(), 0);
  for (int r : ancestors(current, true, true)) current_set[r] = 1;
  for (int c : current) current_set[c] = 1;

  std::vector<char> needs(revs_.size(), 0);
  for (std::size_t i = 0; i < revs_.size(); ++i) needs[i] = required[i] && !current_set[i];
  if (inclusive) {
    for (int r : get_revision_refs(lower)) {
      if (r < 0) throw RevisionError::assertion("Revision expected, got base");
      needs[r] = 1;
    }
  }
  if (!current.empty() && !implicit_base) {
    std::vector<char> lower_descendants(revs_.size(), 0);
    for (int r : descendants(current, false, true)) lower_descendants[r] = 1;
    for (std::size_t i = 0; i < revs_.size(); ++i) needs[i] = needs[i] && lower_descendants[i];
  }
  std::vector<int> out;
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    if (needs[i]) out.push_back(static_cast<int>(i));
  }
  return {out, targets};
}

std::pair<std::vector<int>, std::vector<int>> RevisionMap::collect_downgrade(
    const RevArg& upper, const RevArg& target, bool inclusive, bool implicit_base,
    bool assert_relative_length) const {
  auto [branch, target_rev] = parse_downgrade_target(upper, target, assert_relative_length);
  if (target_rev == kBaseRef) target_rev = kNoneRef;

  std::vector<int> roots;
  if (target_rev == kNoneRef) {
    roots = bases_;  // every revision whose down_revision is None
  } else if (inclusive) {
    roots = {target_rev};
  } else {
    roots = nodes_[target_rev].next;
  }
  if (truthy(branch) && roots.size() > 1) {
    std::vector<int> on_branch = ancestors({resolve_branch(*branch)}, false);
    std::vector<int> kept;
    for (int r : roots) {
      if (contains(on_branch, r)) kept.push_back(r);
    }
    roots = kept;
    if (roots.empty()) throw RevisionError::generic("Not a valid downgrade target from current heads");
  }

  std::vector<int> heads = get_revision_refs(upper);
  std::vector<char> active(revs_.size(), 0);
  for (int r : ancestors(heads, true)) active[r] = 1;
  std::vector<char> drop(revs_.size(), 0);
  for (int r : descendants(roots, true)) drop[r] = active[r];
  if (implicit_base) {
    std::vector<char> below_roots(revs_.size(), 0);
    for (int r : ancestors(roots, true)) below_roots[r] = 1;
    for (std::size_t i = 0; i < revs_.size(); ++i) drop[i] = drop[i] || (active[i] && !below_roots[i]);
  }
  std::vector<int> out;
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    if (drop[i]) out.push_back(static_cast<int>(i));
  }
  if (target_rev != kNoneRef && out.empty() && !contains(heads, target_rev)) {
    throw RevisionError::range_not_ancestor("Nothing to drop", display_or_empty(upper));
  }
  return {out, heads};
}

std::vector<int> RevisionMap::topological_sort(const std::vector<int>& revisions,
                                              const std::vector<int>& heads) const {
  const std::size_t n = revs_.size();
  std::vector<char> todo(n, 0);
  std::size_t todo_count = 0;
  for (int r : revisions) {
    if (!todo[r]) ++todo_count;
    todo[r] = 1;
  }
  // Heads in todo, in map order (indices are map order).
  std::vector<int> current_heads;
  for (int h : heads) {
    if (h >= 0 && todo[h] && !contains(current_heads, h)) current_heads.push_back(h);
  }
  std::sort(current_heads.begin(), current_heads.end());
  auto ancestor_set = [&](int r) {
    std::vector<char> set(n, 0);
    for (int a : ancestors({r}, true)) set[a] = 1;
    return set;
  };
  std::vector<std::vector<char>> ancestors_by_idx;
  for (int h : current_heads) ancestors_by_idx.push_back(ancestor_set(h));

  std::vector<int> output;
  std::size_t idx = 0;
  while (!current_heads.empty()) {
    const int candidate = current_heads[idx];
    bool deferred = false;
    for (std::size_t other = 0; other < ancestors_by_idx.size(); ++other) {
      if (other != idx && ancestors_by_idx[other][candidate]) {
        // Another head still depends on the candidate; walk that one first.
        idx = other;
        deferred = true;
        break;
      }
    }
    if (deferred) continue;
    if (todo[candidate]) {
      output.push_back(candidate);
      todo[candidate] = 0;
      --todo_count;
    }
    const Node& node = nodes_[candidate];
    std::vector<int> to_add;
    // Once each: a down_revision listed twice ({"a", "a"}) would otherwise
    // become two equal heads that defer to each other forever (Alembic
    // dedupes _normalized_down_revisions).
    for (int r : node.norm_down()) {
      if (todo[r] && !contains(current_heads, r) && !contains(to_add, r)) to_add.push_back(r);
    }
    if (to_add.empty()) {
      current_heads.erase(current_heads.begin() + static_cast<long>(idx));
      ancestors_by_idx.erase(ancestors_by_idx.begin() + static_cast<long>(idx));
      idx = idx > 0 ? idx - 1 : 0;
    } else if (node.norm_deps().empty() && node.down.size() == 1) {
      // Plain movement down a line: drop the emitted candidate in place.
      current_heads[idx] = to_add.front();
      ancestors_by_idx[idx][candidate] = 0;
    } else {
      current_heads[idx] = to_add.front();
      ancestors_by_idx[idx] = ancestor_set(to_add.front());
      for (std::size_t k = 1; k < to_add.size(); ++k) {
        current_heads.push_back(to_add[k]);
        ancestors_by_idx.push_back(ancestor_set(to_add[k]));
      }
    }
  }
  if (todo_count != 0) throw RevisionError::assertion("Topological sort left revisions unsorted");
  return output;
}

std::vector<const Revision*> RevisionMap::iterate_revisions(const RevArg& upper,
                                                            const RevArg& lower,
                                                            const IterateOptions& options) const {
  auto [revisions, heads] =
      options.select_for_downgrade
          ? collect_downgrade(upper, lower, options.inclusive, options.implicit_base,
                             options.assert_relative_length)
          : collect_upgrade(upper, lower, options.inclusive, options.implicit_base,
                           options.assert_relative_length);
  return to_ptrs(topological_sort(revisions, heads));
}

std::vector<const Revision*> RevisionMap::walk_revisions(const RevArg& base,
                                                         const RevArg& head) const {
  try {
    IterateOptions options;
    options.inclusive = true;
    options.assert_relative_length = false;
    return iterate_revisions(head, base, options);
  } catch (const RevisionError& e) {
    ErrorContext context;
    context.start = display(base);
    context.end = display(head);
    rethrow_with_context(e, context);
  }
}

std::vector<const Revision*> RevisionMap::history(std::string_view range,
                                                  const std::vector<std::string>& current_heads) const {
  if (range.empty()) return walk_revisions();
  std::string text(range);
  std::size_t b = text.find_first_not_of(" \t\n\r");
  std::size_t e = text.find_last_not_of(" \t\n\r");
  text = b == std::string::npos ? "" : text.substr(b, e - b + 1);
  std::size_t colon = text.find(':');
  if (colon == std::string::npos || text.find(':', colon + 1) != std::string::npos) {
    throw RevisionError::generic("History range requires [start]:[end], [start]:, or :[end]");
  }
  std::string base = text.substr(0, colon);
  std::string head = text.substr(colon + 1);
  auto or_default = [](const std::string& s, const char* fallback) -> RevArg {
    return s.empty() ? RevArg(std::string(fallback)) : RevArg(s);
  };
  auto current_or = [&](const char* fallback) -> RevArg {
    return current_heads.empty() ? RevArg(std::string(fallback)) : RevArg(current_heads);
  };
  if (base == "current") return walk_revisions(current_or("base"), or_default(head, "heads"));
  if (head == "current") return walk_revisions(or_default(base, "base"), current_or("heads"));
  return walk_revisions(or_default(base, "base"), or_default(head, "heads"));
}

}  // namespace strata::script
