// RevisionMap construction, validation and identifier resolution.
// Mirrors alembic/script/revision.py (RevisionMap._revision_map,
// get_revisions, get_revision, _revision_for_ident, filter_for_lineage, ...).
#include "script/revision_map.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <set>
#include <utility>

namespace strata::script {
namespace {

template <typename T>
void append_unique(std::vector<T>& into, const T& value) {
  if (std::find(into.begin(), into.end(), value) == into.end()) into.push_back(value);
}

std::vector<int> dedupe(std::vector<int> a, const std::vector<int>& b) {
  std::vector<int> out;
  for (int x : a) append_unique(out, x);
  for (int x : b) append_unique(out, x);
  return out;
}

bool truthy(const std::optional<std::string>& s) { return s.has_value() && !s->empty(); }

// Python int() on a string, restricted to [ws][sign]digits[ws].
std::optional<long> py_int(const std::string& text) {
  std::size_t b = text.find_first_not_of(" \t\n\r");
  if (b == std::string::npos) return std::nullopt;
  std::size_t e = text.find_last_not_of(" \t\n\r");
  std::string s = text.substr(b, e - b + 1);
  std::size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] < '0' || s[k] > '9') return std::nullopt;
  }
  // Bounded to int's range: the result counts walk steps (an int).
  return std::clamp<long>(std::strtol(s.c_str(), nullptr, 10), -std::numeric_limits<int>::max(),
                          std::numeric_limits<int>::max());
}

std::string single_quoted(const std::string& s) { return "'" + s + "'"; }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

}  // namespace

const std::vector<int> RevisionMap::kEmpty;

// ---------------------------------------------------------------------------
// Errors

void append_comma_joined(std::string& out, const std::vector<std::string>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ", ";
    out += items[i];
  }
}

std::string join_comma(const std::vector<std::string>& items) {
  std::string out;
  append_comma_joined(out, items);
  return out;
}

std::string py_tuple_repr(const std::vector<std::string>& items) {
  std::string out = "(";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out += ", ";
    out += single_quoted(items[i]);
  }
  out += items.size() == 1 ? ",)" : ")";
  return out;
}

RevisionError::RevisionError(Kind kind, std::string raw_message, std::string display_message)
    : Error(ErrorCode::kRevision, std::move(display_message)),
      kind_(kind),
      raw_message_(std::move(raw_message)) {}

RevisionError RevisionError::generic(std::string message) {
  return RevisionError(Kind::kGeneric, message, message);
}

RevisionError RevisionError::assertion(std::string message) {
  return RevisionError(Kind::kAssertion, message, message);
}

RevisionError RevisionError::ambiguous(const RevisionError& resolution, std::string display) {
  RevisionError e(Kind::kResolution, resolution.raw_message(), std::move(display));
  e.argument_ = resolution.argument();
  return e;
}

RevisionError RevisionError::resolution(std::string message, std::string argument) {
  RevisionError e(Kind::kResolution, std::move(message),
                  "Can't locate revision identified by '" + argument + "'");
  e.argument_ = std::move(argument);
  return e;
}

RevisionError RevisionError::multiple_heads(std::vector<std::string> heads, std::string argument) {
  std::string raw = "Multiple heads are present for given argument '" + argument + "'; " +
                    join_comma(heads);
  RevisionError e(Kind::kMultipleHeads, raw, raw);
  e.heads_ = std::move(heads);
  e.argument_ = std::move(argument);
  return e.reworded(e.worded({}));
}

RevisionError RevisionError::range_not_ancestor(std::string lower, std::string upper) {
  std::string raw = "Revision " + (lower.empty() ? "base" : lower) + " is not an ancestor of revision " +
                    (upper.empty() ? "base" : upper);
  RevisionError e(Kind::kRangeNotAncestor, raw, raw);
  e.lower_ = std::move(lower);
  e.upper_ = std::move(upper);
  return e.reworded(e.worded({}));
}

RevisionError RevisionError::reworded(std::string display) const {
  RevisionError copy(kind_, raw_message_, std::move(display));
  copy.argument_ = argument_;
  copy.heads_ = heads_;
  copy.lower_ = lower_;
  copy.upper_ = upper_;
  return copy;
}

void rethrow_with_context(const RevisionError& error, const ErrorContext& context) {
  throw error.reworded(error.worded(context));
}

std::string RevisionError::worded(const ErrorContext& context) const {
  const RevisionError& error = *this;
  std::string text;
  switch (error.kind()) {
    case RevisionError::Kind::kRangeNotAncestor: {
      text = context.ancestor.value_or(
          "Requested range %(start)s:%(end)s does not refer to ancestor/descendant revisions "
          "along the same branch");
      text = replace_all(text, "%(start)s", context.start.value_or(error.lower()));
      text = replace_all(text, "%(end)s", context.end.value_or(error.upper()));
      break;
    }
    case RevisionError::Kind::kMultipleHeads: {
      text = context.multiple_heads.value_or(
          "Multiple head revisions are present for given argument '%(head_arg)s'; please specify "
          "a specific target revision, '<branchname>@%(head_arg)s' to narrow to a specific head, "
          "or 'heads' for all heads");
      std::string head_arg = truthy(context.end) ? *context.end : error.argument();
      text = replace_all(text, "%(head_arg)s", head_arg);
      text = replace_all(text, "%(heads)s", join_comma(error.heads()));
      break;
    }
    case RevisionError::Kind::kResolution:
      text = context.resolution.value_or(error.what());
      break;
    case RevisionError::Kind::kGeneric:
    case RevisionError::Kind::kAssertion:
      text = error.raw_message();
      break;
  }
  return text;
}

// ---------------------------------------------------------------------------
// Construction

RevisionMap::RevisionMap(std::vector<Revision> revisions) : revs_(std::move(revisions)) {
  nodes_.resize(revs_.size());
  index_revisions();
  resolve_edges();
  detect_cycles();
  normalize_dependencies();
  propagate_branch_labels();
}

void RevisionMap::index_revisions() {
  static const std::string kIllegal = "+-@";  // sorted, as Alembic lists them
  key_to_index_.reserve(revs_.size() * 2);
  key_order_.reserve(revs_.size());
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    const Revision& r = revs_[i];
    auto names_self = [&](const std::vector<std::string>& v) {
      return std::find(v.begin(), v.end(), r.revision) != v.end();
    };
    if (names_self(r.down_revisions)) {
      throw RevisionError::generic("Self-loop is detected in revisions (" + r.revision + ")");
    }
    if (names_self(r.depends_on)) {
      throw RevisionError::generic("Dependency self-loop is detected in revisions (" +
                                   r.revision + ")");
    }
    std::vector<std::string> bad;
    for (char c : kIllegal) {
      if (r.revision.find(c) != std::string::npos) bad.emplace_back(1, c);
    }
    if (!bad.empty()) {
      throw RevisionError::generic("Character(s) '" + join_comma(bad) +
                                   "' not allowed in revision identifier '" + r.revision + "'");
    }
    auto [it, inserted] = key_to_index_.emplace(std::string_view(r.revision), static_cast<int>(i));
    if (!inserted) {
      throw RevisionError::generic("Revision " + r.revision + " is present more than once: " +
                                   revs_[it->second].path + " and " + r.path);
    }
    key_order_.push_back(r.revision);
  }
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    for (const std::string& label : revs_[i].branch_labels) {
      auto [it, inserted] = key_to_index_.emplace(label, static_cast<int>(i));
      if (!inserted) {
        throw RevisionError::generic("Branch name '" + label + "' in revision " +
                                     revs_[i].revision + " already used by revision " +
                                     revs_[it->second].revision);
      }
      key_order_.push_back(label);
      append_unique(nodes_[i].labels, label);
    }
  }
}

void RevisionMap::resolve_edges() {
  auto lookup = [&](const std::string& ref, const Revision& from, bool allow_labels) {
    auto it = key_to_index_.find(ref);
    if (it == key_to_index_.end() || (!allow_labels && revs_[it->second].revision != ref)) {
      std::string where = from.path.empty() ? "" : " (" + from.path + ")";
      throw RevisionError::generic("Revision " + ref + " referenced from " + from.revision + where +
                                   " is not present");
    }
    return it->second;
  };
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    for (const std::string& dep : revs_[i].depends_on) {
      nodes_[i].dependency_edges().deps.push_back(lookup(dep, revs_[i], true));
    }
  }
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    Node& n = nodes_[i];
    for (const std::string& down : revs_[i].down_revisions) {
      n.down.push_back(lookup(down, revs_[i], false));
    }
    if (!n.deps().empty()) n.dep->all_down = dedupe(n.down, n.deps());
    for (int parent : n.all_down()) {
      Node& p = nodes_[parent];
      const int child = static_cast<int>(i);
      const bool versioned = std::find(n.down.begin(), n.down.end(), parent) != n.down.end();
      if (versioned) append_unique(p.next, child);
      if (!versioned && !(p.dep && p.dep->has_dependents)) {
        DependencyEdges& edges = p.dependency_edges();
        edges.all_next = p.next;
        edges.has_dependents = true;
      }
      if (p.dep && p.dep->has_dependents) append_unique(p.dep->all_next, child);
    }
  }
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    const int idx = static_cast<int>(i);
    if (nodes_[i].next.empty()) heads_.push_back(idx);
    if (nodes_[i].all_next().empty()) real_heads_.push_back(idx);
    if (revs_[i].down_revisions.empty()) bases_.push_back(idx);
    if (revs_[i].down_revisions.empty() && revs_[i].depends_on.empty()) real_bases_.push_back(idx);
  }
}

void RevisionMap::detect_cycles() const {
  if (revs_.empty()) return;
  auto check = [&](const std::vector<int>& heads, const std::vector<int>& bases, bool deps,
                   const std::string& kind) {
    if (heads.empty() || bases.empty()) {
      std::vector<std::string> all_ids;
      for (const Revision& r : revs_) all_ids.push_back(r.revision);
      throw RevisionError::generic(kind + " is detected in revisions (" + join_comma(all_ids) + ")");
    }
    // Walk the full edge sets (normalized edges are not computed yet).
    auto reach = [&](const std::vector<int>& start, bool upward) {
      std::vector<char> seen(revs_.size(), 0);
      std::vector<int> stack = start;
      while (!stack.empty()) {
        int r = stack.back();
        stack.pop_back();
        if (seen[r]) continue;
        seen[r] = 1;
        const Node& n = nodes_[r];
        const std::vector<int>& edges =
            upward ? (deps ? n.all_down() : n.down) : (deps ? n.all_next() : n.next);
        stack.insert(stack.end(), edges.begin(), edges.end());
      }
      return seen;
    };
    std::vector<char> from_heads = reach(heads, true), from_bases = reach(bases, false);
    std::vector<std::string> deleted;
    for (std::size_t i = 0; i < revs_.size(); ++i) {
      if (!(from_heads[i] && from_bases[i])) deleted.push_back(revs_[i].revision);
    }
    if (!deleted.empty()) {
      std::sort(deleted.begin(), deleted.end());
      throw RevisionError::generic(kind + " is detected in revisions (" + join_comma(deleted) + ")");
    }
  };
  check(heads_, bases_, false, "Cycle");
  check(real_heads_, real_bases_, true, "Dependency cycle");
}

void RevisionMap::normalize_dependencies() {
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    Node& n = nodes_[i];
    if (n.deps().empty()) continue;
    std::vector<char> implied(revs_.size(), 0);
    for (int anc : related_walk({static_cast<int>(i)}, true, false, false)) {
      if (anc == static_cast<int>(i)) continue;
      for (int d : nodes_[anc].deps()) implied[d] = 1;
    }
    for (int d : n.dep->deps) {
      if (!implied[d]) append_unique(n.dep->norm_deps, d);
    }
    if (!n.dep->norm_deps.empty()) n.dep->norm_down = dedupe(n.down, n.dep->norm_deps);
  }
}

void RevisionMap::propagate_branch_labels() {
  // Alembic's _add_branches: labels flow to every descendant, and from the
  // last descendant visited down through plain (non-branch, non-merge)
  // revisions. That downward walk can only pass below the labeled revision
  // when its descendants form a simple chain.
  for (std::size_t i = 0; i < revs_.size(); ++i) {
    if (revs_[i].branch_labels.empty()) continue;
    const std::vector<std::string> labels = nodes_[i].labels;
    auto add = [&](int r) {
      for (const std::string& l : labels) append_unique(nodes_[r].labels, l);
    };
    std::vector<int> desc = related_walk({static_cast<int>(i)}, false, false, false);
    for (int r : desc) add(r);
    int parent = desc.back();
    while (!is_real_branch_point(revs_[parent]) && !is_merge_point(revs_[parent])) {
      add(parent);
      if (nodes_[parent].down.empty()) break;
      parent = nodes_[parent].down.front();
    }
  }
}

// ---------------------------------------------------------------------------
// Plain queries

const Revision* RevisionMap::find(std::string_view id) const {
  auto it = key_to_index_.find(id);
  if (it == key_to_index_.end() || revs_[it->second].revision != id) return nullptr;
  return &revs_[it->second];
}

std::vector<const Revision*> RevisionMap::to_ptrs(const std::vector<int>& refs) const {
  std::vector<const Revision*> out;
  out.reserve(refs.size());
  for (int r : refs) out.push_back(r >= 0 ? &revs_[r] : nullptr);
  return out;
}

std::vector<std::string> RevisionMap::to_ids(const std::vector<int>& refs) const {
  std::vector<std::string> out;
  out.reserve(refs.size());
  for (int r : refs) out.push_back(revs_[r].revision);
  return out;
}

std::vector<int> RevisionMap::related_walk(const std::vector<int>& targets, bool upward,
                                          bool include_deps, bool check) const {
  std::vector<char> seen(revs_.size(), 0);
  std::vector<int> out, stack;
  for (int target : targets) {
    if (target < 0) throw RevisionError::assertion("Revision expected, got base");
    std::vector<int> per_target;
    stack.push_back(target);
    while (!stack.empty()) {
      int rev = stack.back();
      stack.pop_back();
      if (check) per_target.push_back(rev);
      if (seen[rev]) continue;
      seen[rev] = 1;
      const Node& n = nodes_[rev];
      const std::vector<int>& edges =
          upward ? (include_deps ? n.norm_down() : n.down) : (include_deps ? n.all_next() : n.next);
      stack.insert(stack.end(), edges.begin(), edges.end());
      out.push_back(rev);
    }
    if (check) {
      std::vector<std::string> overlaps;
      for (int r : per_target) {
        if (r != target && std::find(targets.begin(), targets.end(), r) != targets.end()) {
          append_unique(overlaps, revs_[r].revision);
        }
      }
      if (!overlaps.empty()) {
        std::sort(overlaps.begin(), overlaps.end());  // Alembic: set order
        throw RevisionError::generic("Requested revision " + revs_[target].revision +
                                     " overlaps with other requested revisions " +
                                     join_comma(overlaps));
      }
    }
  }
  return out;
}

std::vector<int> RevisionMap::ancestors(const std::vector<int>& targets, bool include_dependencies,
                                        bool check) const {
  return related_walk(targets, true, include_dependencies, check);
}

std::vector<int> RevisionMap::descendants(const std::vector<int>& targets,
                                          bool include_dependencies, bool check) const {
  return related_walk(targets, false, include_dependencies, check);
}

// ---------------------------------------------------------------------------
// Identifier resolution

RevisionMap::Resolved RevisionMap::resolve_revision_number(const std::optional<std::string>& id) const {
  Resolved out;
  std::optional<std::string> rest = id;
  if (id && id->find('@') != std::string::npos) {
    std::size_t at = id->find('@');
    out.branch = id->substr(0, at);
    rest = id->substr(at + 1);
  }
  if (rest == "heads") {
    if (truthy(out.branch)) {
      out.ids = to_ids(filter_for_lineage(heads_, *out.branch));
    } else {
      out.ids = to_ids(real_heads_);
    }
  } else if (rest == "head") {
    std::optional<std::string> head = get_current_head(out.branch.value_or(""));
    if (head) out.ids.push_back(*head);
  } else if (rest && *rest != "base") {
    out.ids.push_back(*rest);
  }
  return out;
}

std::optional<std::string> RevisionMap::get_current_head(std::string_view branch_label) const {
  std::vector<int> current = heads_;
  if (!branch_label.empty()) current = filter_for_lineage(current, branch_label);
  if (current.size() > 1) {
    throw RevisionError::multiple_heads(
        to_ids(current), branch_label.empty() ? "head" : std::string(branch_label) + "@head");
  }
  if (current.empty()) return std::nullopt;
  return revs_[current.front()].revision;
}

std::vector<int> RevisionMap::get_revision_refs_one(const std::optional<std::string>& id) const {
  Resolved r = resolve_revision_number(id);
  if (r.ids.size() == 1) {
    std::optional<long> n = py_int(r.ids[0]);
    if (n && *n < 0) {
      std::vector<int> out;
      for (int head : get_revision_refs_one(std::string("heads"))) {
        if (r.branch) {
          const auto& labels = nodes_[head].labels;
          if (std::find(labels.begin(), labels.end(), *r.branch) == labels.end()) continue;
        }
        out.push_back(walk(head, static_cast<int>(*n), std::nullopt, true));
      }
      return out;
    }
  }
  std::vector<int> out;
  for (const std::string& one : r.ids) out.push_back(revision_for_ident(one, r.branch));
  return out;
}

std::vector<int> RevisionMap::get_revision_refs(const RevArg& arg) const {
  if (const auto* s = std::get_if<std::string>(&arg)) return get_revision_refs_one(*s);
  std::vector<int> out;
  if (const auto* v = std::get_if<std::vector<std::string>>(&arg)) {
    for (const std::string& one : *v) {
      std::vector<int> part = get_revision_refs_one(one);
      out.insert(out.end(), part.begin(), part.end());
    }
  }
  return out;
}

int RevisionMap::get_revision_ref(const std::optional<std::string>& id) const {
  Resolved r = resolve_revision_number(id);
  if (r.ids.size() > 1) throw RevisionError::multiple_heads(r.ids, id.value_or("None"));
  std::optional<std::string> one;
  if (!r.ids.empty()) one = r.ids.front();
  return revision_for_ident(one, r.branch);
}

int RevisionMap::resolve_branch(const std::string& label) const {
  auto it = key_to_index_.find(label);
  if (it != key_to_index_.end()) return it->second;
  try {
    return revision_for_ident(label);
  } catch (const RevisionError& e) {
    if (e.kind() != RevisionError::Kind::kResolution) throw;
    throw RevisionError::resolution("No such branch: '" + label + "'", label);
  }
}

int RevisionMap::revision_for_ident(const std::optional<std::string>& id,
                                  const std::optional<std::string>& check_branch) const {
  int branch_rev = kNoneRef;
  if (truthy(check_branch)) branch_rev = resolve_branch(*check_branch);
  if (!id) return kNoneRef;  // Alembic's map[()] is None
  int revision;
  if (auto it = key_to_index_.find(*id); it != key_to_index_.end()) {
    revision = it->second;
  } else {
    std::vector<int> candidates;
    std::vector<std::string> names;
    for (std::string_view key : key_order_) {
      if (key.size() > 3 && key.substr(0, id->size()) == *id) {
        candidates.push_back(key_to_index_.at(key));
        names.emplace_back(key);
      }
    }
    if (branch_rev >= 0 && !candidates.empty()) {
      std::vector<int> kept = filter_for_lineage(candidates, *check_branch);
      std::vector<std::string> kept_names;
      for (std::size_t i = 0, k = 0; i < candidates.size() && k < kept.size(); ++i) {
        if (candidates[i] == kept[k]) {
          kept_names.push_back(names[i]);
          ++k;
        }
      }
      candidates = kept;
      names = kept_names;
    }
    if (candidates.empty()) {
      throw RevisionError::resolution(
          "No such revision or branch '" + *id + "'" +
              (id->size() < 4 ? "; please ensure at least four characters are present for "
                                "partial revision identifier matches"
                              : ""),
          *id);
    }
    if (candidates.size() > 1) {
      std::vector<std::string> shown, all;
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (i < 3) shown.push_back(single_quoted(names[i]));
        all.push_back(names[i]);
      }
      // Alembic's CLI says only "Can't locate revision ..." here; strata
      // names every candidate so the user can pick one.
      RevisionError error = RevisionError::resolution(
          "Multiple revisions start with '" + *id + "': " + join_comma(shown) + "...", *id);
      throw RevisionError::ambiguous(error, "Ambiguous revision '" + *id + "': it is a prefix of " +
                                                join_comma(all));
    }
    revision = candidates.front();
  }
  if (truthy(check_branch) && !shares_lineage(revision, {branch_rev}, false)) {
    throw RevisionError::resolution("Revision " + revs_[revision].revision +
                                        " is not a member of branch '" + *check_branch + "'",
                                    *id);
  }
  return revision;
}

bool RevisionMap::shares_lineage(int target, const std::vector<int>& against,
                                bool include_dependencies) const {
  if (against.empty()) return true;
  for (int r : related_walk({target}, false, include_dependencies, false)) {
    if (std::find(against.begin(), against.end(), r) != against.end()) return true;
  }
  for (int r : related_walk({target}, true, include_dependencies, false)) {
    if (std::find(against.begin(), against.end(), r) != against.end()) return true;
  }
  return false;
}

std::vector<int> RevisionMap::filter_for_lineage(const std::vector<int>& targets,
                                                 std::string_view check_against,
                                                 bool include_dependencies) const {
  Resolved r = resolve_revision_number(std::string(check_against));
  if (targets.empty()) return {};
  std::vector<std::string> shares;
  if (truthy(r.branch)) shares.push_back(*r.branch);
  shares.insert(shares.end(), r.ids.begin(), r.ids.end());
  std::vector<int> against;
  for (const std::string& s : shares) against.push_back(revision_for_ident(s));
  std::vector<int> out;
  for (int t : targets) {
    int resolved = t;
    // Alembic resolves a non-Revision target ("base") as an identifier.
    if (t == kBaseRef) resolved = revision_for_ident(std::string("base"));
    if (resolved < 0) throw RevisionError::assertion("Revision expected, got None");
    if (shares_lineage(resolved, against, include_dependencies)) out.push_back(t);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Public pointer-based wrappers

std::vector<const Revision*> RevisionMap::get_revisions(std::string_view id) const {
  return to_ptrs(get_revision_refs_one(std::string(id)));
}

std::vector<const Revision*> RevisionMap::get_revisions(const std::vector<std::string>& ids) const {
  return to_ptrs(get_revision_refs(ids));
}

const Revision* RevisionMap::get_revision(std::string_view id) const {
  int r = get_revision_ref(std::string(id));
  return r >= 0 ? &revs_[r] : nullptr;
}

std::vector<const Revision*> RevisionMap::resolve_new_revision_heads(std::string_view head) const {
  try {
    return get_revisions(head);
  } catch (const RevisionError& e) {
    ErrorContext context;
    context.multiple_heads =
        "Multiple heads are present; please specify the head revision on which the new "
        "revision should be based, or perform a merge.";
    rethrow_with_context(e, context);
  }
}

}  // namespace strata::script
