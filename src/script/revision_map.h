// RevisionMap: the revision graph of a script directory, with Alembic 1.8's
// semantics (alembic/script/revision.py).
//
// Contract:
// - Constructed once from all revisions (it owns them; `revisions()` keeps the
//   input order, which is Alembic's "map order" used for tie-breaking).
//   Construction validates the graph and throws RevisionError (a
//   strata::Error with ErrorCode::kRevision) on duplicate ids, dangling
//   down_revision / depends_on references, duplicate branch labels, illegal
//   characters, self-loops and cycles.
// - Every query is const and thread-compatible. Pointers returned stay valid
//   for the lifetime of the map.
// - Identifier arguments use Alembic's grammar: full ids, unique prefixes of
//   at least four characters, branch labels, `head`, `heads`, `base`,
//   `label@head`, `label@heads`, `label@base`, `label@rev`, and relative forms
//   (`+N`, `-N`, `head-N`, `rev+N`, `label@+N`, ...).
// - Errors thrown by queries carry the text the `alembic` command line would
//   print for them (ScriptDirectory._catch_revision_errors with no overrides);
//   RevisionError also keeps the raw pieces so planners can re-word them the
//   way the corresponding Alembic command does.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "script/revision.h"
#include "strata/error.h"

namespace strata::script {

struct ErrorContext;

// An error raised by revision-graph logic. `what()` is the user-facing text;
// kind()/argument()/... let callers re-word it (see ErrorContext).
class RevisionError : public Error {
 public:
  enum class Kind {
    kGeneric,           // RevisionError: raw message is shown as is
    kResolution,        // ResolutionError: unknown / ambiguous identifier
    kMultipleHeads,     // MultipleHeads: `head` named several revisions
    kRangeNotAncestor,  // RangeNotAncestorError
    kAssertion,         // an `assert` in Alembic (it would crash); we report
  };

  RevisionError(Kind kind, std::string raw_message, std::string display_message);
  static RevisionError generic(std::string message);
  static RevisionError resolution(std::string message, std::string argument);
  // An ambiguous prefix: resolution()'s pieces, shown as `display` (which
  // lists every candidate) instead of Alembic's "Can't locate ...".
  static RevisionError ambiguous(const RevisionError& resolution, std::string display);
  static RevisionError multiple_heads(std::vector<std::string> heads, std::string argument);
  static RevisionError range_not_ancestor(std::string lower, std::string upper);
  static RevisionError assertion(std::string message);

  Kind kind() const { return kind_; }
  const std::string& raw_message() const { return raw_message_; }
  const std::string& argument() const { return argument_; }
  const std::vector<std::string>& heads() const { return heads_; }
  const std::string& lower() const { return lower_; }
  const std::string& upper() const { return upper_; }

  // The message Alembic's _catch_revision_errors would produce.
  std::string worded(const ErrorContext& context) const;
  // A copy of this error whose what() is `display`.
  RevisionError reworded(std::string display) const;

 private:
  Kind kind_;
  std::string raw_message_;
  std::string argument_;
  std::vector<std::string> heads_;
  std::string lower_;
  std::string upper_;
};

// Overrides for the user-facing wording (Alembic's _catch_revision_errors
// keyword arguments). `ancestor` may use %(start)s and %(end)s,
// `multiple_heads` may use %(head_arg)s and %(heads)s.
struct ErrorContext {
  std::optional<std::string> ancestor;
  std::optional<std::string> multiple_heads;
  std::optional<std::string> start;
  std::optional<std::string> end;
  std::optional<std::string> resolution;
};

// Re-throws `error` as a RevisionError whose what() is worded per `context`.
[[noreturn]] void rethrow_with_context(const RevisionError& error, const ErrorContext& context);

// An Alembic revision argument: None, one identifier (str, subject to the
// relative-identifier grammar) or a tuple of identifiers.
using RevArg = std::variant<std::monostate, std::string, std::vector<std::string>>;

// Options of RevisionMap.iterate_revisions.
struct IterateOptions {
  bool implicit_base = false;
  bool inclusive = false;
  bool assert_relative_length = true;
  bool select_for_downgrade = false;
};

class RevisionMap {
 public:
  explicit RevisionMap(std::vector<Revision> revisions);
  RevisionMap(const RevisionMap&) = delete;
  RevisionMap& operator=(const RevisionMap&) = delete;

  // All revisions in map (input) order.
  const std::vector<Revision>& revisions() const { return revs_; }
  std::size_t size() const { return revs_.size(); }
  // Exact id lookup; nullptr when absent.
  const Revision* find(std::string_view id) const;

  // Heads: revisions no down_revision points at (ScriptDirectory.get_heads).
  std::vector<const Revision*> heads() const { return to_ptrs(heads_); }
  // Real heads: also not depended upon (`heads --resolve-dependencies`,
  // and what the identifier `heads` means).
  std::vector<const Revision*> real_heads() const { return to_ptrs(real_heads_); }
  std::vector<const Revision*> bases() const { return to_ptrs(bases_); }
  std::vector<const Revision*> real_bases() const { return to_ptrs(real_bases_); }

  bool is_head(const Revision& r) const { return node(r).next.empty(); }
  bool is_real_head(const Revision& r) const { return node(r).all_next().empty(); }
  bool is_base(const Revision& r) const { return r.down_revisions.empty(); }
  bool is_branch_point(const Revision& r) const { return node(r).next.size() > 1; }
  bool is_real_branch_point(const Revision& r) const { return node(r).all_next().size() > 1; }
  bool is_merge_point(const Revision& r) const { return r.down_revisions.size() > 1; }
  // Children through down_revision only (Alembic `nextrev`), map order.
  std::vector<const Revision*> nextrev(const Revision& r) const { return to_ptrs(node(r).next); }
  // Children through down_revision or depends_on (`_all_nextrev`).
  std::vector<const Revision*> all_nextrev(const Revision& r) const {
    return to_ptrs(node(r).all_next());
  }
  // Declared labels plus those inherited along the branch (`_add_branches`).
  const std::vector<std::string>& branch_labels(const Revision& r) const { return node(r).labels; }
  // depends_on resolved to revision ids (`_resolved_dependencies`).
  std::vector<std::string> resolved_dependencies(const Revision& r) const {
    return to_ids(node(r).deps());
  }
  // down_revisions + dependencies not already implied by an ancestor
  // (`_normalized_down_revisions`).
  std::vector<std::string> normalized_down_revisions(const Revision& r) const {
    return to_ids(node(r).norm_down());
  }

  // --- Identifier grammar --------------------------------------------------
  // All revisions an identifier names. `base` gives an empty list. For
  // relative `-N` forms a nullptr entry stands for "base"/"walked off".
  std::vector<const Revision*> get_revisions(std::string_view id) const;
  std::vector<const Revision*> get_revisions(const std::vector<std::string>& ids) const;
  // Exactly one revision (nullptr for `base`); MultipleHeads error otherwise.
  const Revision* get_revision(std::string_view id) const;
  // The single head (optionally of a branch); nullopt when the map is empty.
  std::optional<std::string> get_current_head(std::string_view branch_label = {}) const;
  // Alembic's `revision` command head check: resolves `head` (or the given
  // identifier) with its "Multiple heads are present; please specify the head
  // revision ..." wording.
  std::vector<const Revision*> resolve_new_revision_heads(std::string_view head = "head") const;

  // --- Traversal -----------------------------------------------------------
  // RevisionMap.iterate_revisions, upper to lower (newest first).
  std::vector<const Revision*> iterate_revisions(const RevArg& upper, const RevArg& lower,
                                                 const IterateOptions& options) const;
  // ScriptDirectory.walk_revisions(base, head): newest first, inclusive.
  std::vector<const Revision*> walk_revisions(const RevArg& base = std::string("base"),
                                              const RevArg& head = std::string("heads")) const;
  // `history [-r RANGE]`: RANGE is "[start]:[end]" (either side may be
  // `current`, resolved against `current_heads`); empty range = everything.
  std::vector<const Revision*> history(std::string_view range,
                                       const std::vector<std::string>& current_heads) const;

  // --- Internals shared with migration planning ----------------------------
  // Index-based API. Index = position in revisions(); the sentinels stand for
  // Alembic's "base" string and None inside result tuples.
  static constexpr int kBaseRef = -1;
  static constexpr int kNoneRef = -2;
  int index_of(const Revision& r) const { return static_cast<int>(&r - revs_.data()); }
  const Revision& at(int index) const { return revs_[static_cast<std::size_t>(index)]; }
  std::vector<int> get_revision_refs(const RevArg& arg) const;
  int get_revision_ref(const std::optional<std::string>& id) const;
  std::vector<int> ancestors(const std::vector<int>& targets, bool include_dependencies,
                             bool check = false) const;
  std::vector<int> descendants(const std::vector<int>& targets, bool include_dependencies,
                               bool check = false) const;
  // filter_for_lineage over revision indices.
  std::vector<int> filter_for_lineage(const std::vector<int>& targets, std::string_view check_against,
                                      bool include_dependencies = false) const;
  std::vector<int> normalized_down(int index) const { return nodes_[index].norm_down(); }

 private:
  // Edge lists. Dependency-related lists live in a separately allocated
  // part that only revisions with dependencies or dependents have, and the
  // derived lists equal `down` / `next` unless dependencies are involved (keeps
  // a long plain chain small and cheap to build).
  struct DependencyEdges {
    std::vector<int> deps;       // resolved depends_on
    std::vector<int> norm_deps;  // deps not implied by an ancestor's deps
    std::vector<int> all_down;   // dedupe(down + deps)
    std::vector<int> norm_down;  // dedupe(down + norm_deps)
    std::vector<int> all_next;   // children incl. dependents, when it differs
    bool has_dependents = false;
  };
  struct Node {
    std::vector<int> down;  // down_revisions
    std::vector<int> next;  // versioned children, map order
    std::unique_ptr<DependencyEdges> dep;
    std::vector<std::string> labels;

    DependencyEdges& dependency_edges() {
      if (!dep) dep = std::make_unique<DependencyEdges>();
      return *dep;
    }
    const std::vector<int>& deps() const { return dep ? dep->deps : kEmpty; }
    const std::vector<int>& norm_deps() const { return dep ? dep->norm_deps : kEmpty; }
    const std::vector<int>& all_down() const { return dep && !dep->deps.empty() ? dep->all_down : down; }
    const std::vector<int>& norm_down() const {
      return dep && !dep->norm_deps.empty() ? dep->norm_down : down;
    }
    const std::vector<int>& all_next() const {
      return dep && dep->has_dependents ? dep->all_next : next;
    }
  };
  static const std::vector<int> kEmpty;
  struct Resolved {  // _resolve_revision_number
    std::vector<std::string> ids;
    std::optional<std::string> branch;
  };

  const Node& node(const Revision& r) const { return nodes_[index_of(r)]; }
  std::vector<const Revision*> to_ptrs(const std::vector<int>& refs) const;
  std::vector<std::string> to_ids(const std::vector<int>& refs) const;

  // Construction steps (revision_map.cpp).
  void index_revisions();
  void resolve_edges();
  void detect_cycles() const;
  void normalize_dependencies();
  void propagate_branch_labels();

  // Identifier resolution (revision_map.cpp).
  Resolved resolve_revision_number(const std::optional<std::string>& id) const;
  std::vector<int> get_revision_refs_one(const std::optional<std::string>& id) const;
  int revision_for_ident(const std::optional<std::string>& id,
                       const std::optional<std::string>& check_branch = std::nullopt) const;
  int resolve_branch(const std::string& label) const;
  bool shares_lineage(int target, const std::vector<int>& against, bool include_dependencies) const;
  std::vector<int> related_walk(const std::vector<int>& targets, bool upward, bool include_deps,
                               bool check) const;

  // Traversal (revision_map_walk.cpp).
  int walk(int start, int steps, const std::optional<std::string>& branch_label,
           bool no_overwalk) const;
  std::pair<std::optional<std::string>, int> parse_downgrade_target(const RevArg& current,
                                                                  const RevArg& target,
                                                                  bool assert_relative_length) const;
  std::vector<int> parse_upgrade_target(const RevArg& current, const RevArg& target,
                                      bool assert_relative_length) const;
  std::pair<std::vector<int>, std::vector<int>> collect_upgrade(const RevArg& upper, RevArg lower,
                                                               bool inclusive, bool implicit_base,
                                                               bool assert_relative_length) const;
  std::pair<std::vector<int>, std::vector<int>> collect_downgrade(const RevArg& upper,
                                                                 const RevArg& target,
                                                                 bool inclusive, bool implicit_base,
                                                                 bool assert_relative_length) const;
  std::vector<int> topological_sort(const std::vector<int>& revisions,
                                   const std::vector<int>& heads) const;
  std::vector<int> all_current(const std::vector<std::string>& ids) const;

  std::vector<Revision> revs_;
  std::vector<Node> nodes_;
  // Alembic's _revision_map keys: revision ids then branch labels, in order.
  std::unordered_map<std::string_view, int> key_to_index_;  // views into revs_
  std::vector<std::string_view> key_order_;
  std::vector<int> heads_, real_heads_, bases_, real_bases_;
};

// Python-style tuple repr, e.g. ('a', 'b') or ('a',); used in messages.
std::string py_tuple_repr(const std::vector<std::string>& items);
// ", ".join(items)
std::string join_comma(const std::vector<std::string>& items);
// out += ", ".join(items)
void append_comma_joined(std::string& out, const std::vector<std::string>& items);

}  // namespace strata::script
