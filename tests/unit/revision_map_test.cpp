// RevisionMap: validation, graph queries, identifier grammar, history order,
// and scale. Expected values were cross-checked against Alembic 1.8.1.
#include "script/revision_map.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::script {
namespace {

Revision R(std::string id, std::vector<std::string> down = {},
           std::vector<std::string> labels = {}, std::vector<std::string> deps = {}) {
  Revision r;
  r.revision = id;
  r.down_revisions = std::move(down);
  r.branch_labels = std::move(labels);
  r.depends_on = std::move(deps);
  r.doc = "rev " + id;
  r.path = "versions/" + id + ".lua";
  return r;
}

std::vector<std::string> ids_of(const std::vector<const Revision*>& revs) {
  std::vector<std::string> out;
  for (const Revision* r : revs) out.push_back(r ? r->revision : "<base>");
  return out;
}

std::string build_error(std::vector<Revision> revs) {
  try {
    RevisionMap map(std::move(revs));
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kRevision);
    return e.message();
  }
  return "<no error>";
}

template <typename Fn>
std::string error_of(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.message();
  }
  return "<no error>";
}

// Shapes (after Alembic's tests/test_revision.py).
std::vector<Revision> linear() { return {R("a"), R("b", {"a"}), R("c", {"b"}), R("d", {"c"})}; }
std::vector<Revision> diamond() {
  return {R("a"), R("b1", {"a"}), R("b2", {"a"}), R("c", {"b1", "b2"})};
}
std::vector<Revision> labeled_branches() {
  return {R("a1", {}, {"abranch"}), R("a2", {"a1"}), R("a3", {"a2"}),
          R("b1", {}, {"bbranch"}), R("b2", {"b1"}), R("b3", {"b2"})};
}
std::vector<Revision> dependency_only_head() {
  return {R("a"), R("b", {"a"}), R("c", {}, {}, {"b"}), R("d", {"c"})};
}

// --- Validation ---------------------------------------------------------------

TEST(RevisionMapValidation, DuplicateIdNamesBothFiles) {
  EXPECT_EQ(build_error({R("abc123"), R("abc123", {})}),
            "Revision abc123 is present more than once: versions/abc123.lua and "
            "versions/abc123.lua");
  Revision second = R("x");
  second.path = "b.lua";
  Revision first = R("x");
  first.path = "a.lua";
  EXPECT_EQ(build_error({first, second}), "Revision x is present more than once: a.lua and b.lua");
}

TEST(RevisionMapValidation, MissingDownRevision) {
  EXPECT_EQ(build_error({R("a"), R("def456", {"abc123"})}),
            "Revision abc123 referenced from def456 (versions/def456.lua) is not present");
}

TEST(RevisionMapValidation, MissingDependency) {
  EXPECT_EQ(build_error({R("a"), R("b", {"a"}, {}, {"nolabel"})}),
            "Revision nolabel referenced from b (versions/b.lua) is not present");
}

TEST(RevisionMapValidation, DuplicateBranchLabel) {
  EXPECT_EQ(build_error({R("a", {}, {"x"}), R("b", {"a"}, {"x"})}),
            "Branch name 'x' in revision b already used by revision a");
  EXPECT_EQ(build_error({R("a"), R("b", {"a"}, {"a"})}),
            "Branch name 'a' in revision b already used by revision a");
}

TEST(RevisionMapValidation, SelfLoops) {
  EXPECT_EQ(build_error({R("a"), R("b", {"b"})}), "Self-loop is detected in revisions (b)");
  EXPECT_EQ(build_error({R("a"), R("b", {"a"}, {}, {"b"})}),
            "Dependency self-loop is detected in revisions (b)");
}

TEST(RevisionMapValidation, Cycles) {
  // No head at all: every revision is named, in map order.
  EXPECT_EQ(build_error({R("c", {"b"}), R("a", {"c"}), R("b", {"a"})}),
            "Cycle is detected in revisions (c, a, b)");
  // Heads and bases exist: only the revisions on the cycle, sorted.
  EXPECT_EQ(build_error({R("a"), R("b", {"a", "d"}), R("c", {"b"}), R("d", {"c"}), R("e", {"a"})}),
            "Cycle is detected in revisions (b, c, d)");
  EXPECT_EQ(build_error({R("a"), R("b", {"a"}, {}, {"c"}), R("c", {"b"})}),
            "Dependency cycle is detected in revisions (a, b, c)");
}

TEST(RevisionMapValidation, IllegalCharacters) {
  EXPECT_EQ(build_error({R("a@b-c")}),
            "Character(s) '-, @' not allowed in revision identifier 'a@b-c'");
}

// --- Graph queries --------------------------------------------------------------

TEST(RevisionMapQueries, HeadsAndBasesWithDependencies) {
  RevisionMap map(dependency_only_head());
  EXPECT_EQ(ids_of(map.heads()), (std::vector<std::string>{"b", "d"}));
  EXPECT_EQ(ids_of(map.real_heads()), (std::vector<std::string>{"d"}));
  EXPECT_EQ(ids_of(map.bases()), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(ids_of(map.real_bases()), (std::vector<std::string>{"a"}));
  const Revision& b = *map.find("b");
  EXPECT_TRUE(map.is_head(b));
  EXPECT_FALSE(map.is_real_head(b));
  EXPECT_EQ(ids_of(map.all_nextrev(b)), (std::vector<std::string>{"c"}));
  EXPECT_EQ(map.normalized_down_revisions(*map.find("c")), (std::vector<std::string>{"b"}));
}

TEST(RevisionMapQueries, BranchAndMergePoints) {
  RevisionMap map(diamond());
  EXPECT_TRUE(map.is_branch_point(*map.find("a")));
  EXPECT_FALSE(map.is_merge_point(*map.find("a")));
  EXPECT_TRUE(map.is_merge_point(*map.find("c")));
  EXPECT_EQ(ids_of(map.nextrev(*map.find("a"))), (std::vector<std::string>{"b1", "b2"}));
  EXPECT_EQ(map.find("zz"), nullptr);
}

TEST(RevisionMapQueries, BranchLabelsPropagate) {
  RevisionMap map(labeled_branches());
  EXPECT_EQ(map.branch_labels(*map.find("a3")), (std::vector<std::string>{"abranch"}));
  EXPECT_EQ(map.branch_labels(*map.find("b2")), (std::vector<std::string>{"bbranch"}));
  // Labels also flow down a plain chain below the labeled revision.
  RevisionMap below({R("base1"), R("x1", {"base1"}), R("x2", {"x1"}, {"xbranch"})});
  EXPECT_EQ(below.branch_labels(*below.find("base1")), (std::vector<std::string>{"xbranch"}));
  // ... but not past a branch point.
  RevisionMap forked({R("r"), R("x1", {"r"}, {"xb"}), R("y1", {"r"}, {"yb"})});
  EXPECT_TRUE(forked.branch_labels(*forked.find("r")).empty());
}

TEST(RevisionMapQueries, NormalizedDependenciesDropThoseImpliedByAncestors) {
  RevisionMap map({R("a1"), R("a2", {"a1"}), R("b1", {}, {}, {"a1"}), R("b2", {"b1"}, {}, {"a1"}),
                   R("b3", {"b2"}, {}, {"a2"})});
  EXPECT_EQ(map.normalized_down_revisions(*map.find("b2")), (std::vector<std::string>{"b1"}));
  EXPECT_EQ(map.normalized_down_revisions(*map.find("b3")), (std::vector<std::string>{"b2", "a2"}));
  EXPECT_EQ(map.resolved_dependencies(*map.find("b2")), (std::vector<std::string>{"a1"}));
}

// --- Identifier grammar -------------------------------------------------------

TEST(RevisionMapIdentifiers, FullPartialAndSymbolic) {
  RevisionMap map({R("abcd11"), R("abcd22", {"abcd11"}), R("abce33", {"abcd22"})});
  EXPECT_EQ(map.get_revision("abcd11")->revision, "abcd11");
  EXPECT_EQ(map.get_revision("abce")->revision, "abce33");
  EXPECT_EQ(map.get_revision("head")->revision, "abce33");
  EXPECT_EQ(map.get_revision("base"), nullptr);
  EXPECT_TRUE(map.get_revisions("base").empty());
  EXPECT_EQ(ids_of(map.get_revisions("heads")), (std::vector<std::string>{"abce33"}));
  // Any prefix may match (only keys shorter than four characters are never
  // matched partially); a failed short lookup carries Alembic's hint.
  EXPECT_EQ(error_of([&] { map.get_revision("zz"); }), "Can't locate revision identified by 'zz'");
  try {
    map.get_revision("zz");
  } catch (const RevisionError& e) {
    EXPECT_EQ(e.raw_message(),
              "No such revision or branch 'zz'; please ensure at least four characters are "
              "present for partial revision identifier matches");
  }
  // Ambiguous prefix: Alembic's command-line text names the argument; the
  // raw message lists candidates.
  EXPECT_EQ(error_of([&] { map.get_revision("abcd"); }),
            "Ambiguous revision 'abcd': it is a prefix of abcd11, abcd22");
  try {
    map.get_revision("abcd");
  } catch (const RevisionError& e) {
    EXPECT_EQ(e.kind(), RevisionError::Kind::kResolution);
    EXPECT_EQ(e.raw_message(), "Multiple revisions start with 'abcd': 'abcd11', 'abcd22'...");
  }
  EXPECT_EQ(error_of([&] { map.get_revision("xyz123"); }),
            "Can't locate revision identified by 'xyz123'");
}

TEST(RevisionMapIdentifiers, MultipleHeads) {
  RevisionMap map(labeled_branches());
  const std::string upgrade_wording =
      "Multiple head revisions are present for given argument 'head'; please specify a specific "
      "target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all "
      "heads";
  EXPECT_EQ(error_of([&] { map.get_revision("head"); }), upgrade_wording);
  EXPECT_EQ(error_of([&] { map.resolve_new_revision_heads(); }),
            "Multiple heads are present; please specify the head revision on which the new "
            "revision should be based, or perform a merge.");
  EXPECT_EQ(ids_of(map.resolve_new_revision_heads("abranch@head")), (std::vector<std::string>{"a3"}));
  EXPECT_EQ(ids_of(map.get_revisions("heads")), (std::vector<std::string>{"a3", "b3"}));
}

TEST(RevisionMapIdentifiers, BranchForms) {
  RevisionMap map(labeled_branches());
  EXPECT_EQ(map.get_revision("abranch@head")->revision, "a3");
  EXPECT_EQ(ids_of(map.get_revisions("bbranch@heads")), (std::vector<std::string>{"b3"}));
  EXPECT_EQ(map.get_revision("abranch")->revision, "a1");
  EXPECT_EQ(map.get_revision("bbranch@b2")->revision, "b2");
  EXPECT_EQ(map.get_revision("abranch@base"), nullptr);
  EXPECT_EQ(map.get_revision("a1@head")->revision, "a3");  // a revision id as branch
  EXPECT_EQ(error_of([&] { map.get_revision("bbranch@a2"); }),
            "Can't locate revision identified by 'a2'");
  EXPECT_EQ(error_of([&] { map.get_revision("nobranch@head"); }),
            "Can't locate revision identified by 'nobranch'");
  EXPECT_EQ(map.get_current_head("bbranch"), "b3");
}

TEST(RevisionMapIdentifiers, RelativeFromHeads) {
  RevisionMap map(labeled_branches());
  EXPECT_EQ(ids_of(map.get_revisions("-1")), (std::vector<std::string>{"a2", "b2"}));
  EXPECT_EQ(ids_of(map.get_revisions("abranch@-2")), (std::vector<std::string>{"a1"}));
  // Walking past the base gives "base" (nullptr here).
  EXPECT_EQ(ids_of(map.get_revisions("bbranch@-3")), (std::vector<std::string>{"<base>"}));
}

// --- History --------------------------------------------------------------------

TEST(RevisionMapHistory, Ranges) {
  RevisionMap map(linear());
  EXPECT_EQ(ids_of(map.history("", {})), (std::vector<std::string>{"d", "c", "b", "a"}));
  EXPECT_EQ(ids_of(map.history("b:c", {})), (std::vector<std::string>{"c", "b"}));
  EXPECT_EQ(ids_of(map.history("c:", {})), (std::vector<std::string>{"d", "c"}));
  EXPECT_EQ(ids_of(map.history(":b", {})), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(ids_of(map.history("current:", {"b"})), (std::vector<std::string>{"d", "c", "b"}));
  EXPECT_EQ(ids_of(map.history(":current", {"b"})), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(ids_of(map.history(":current", {})), (std::vector<std::string>{"d", "c", "b", "a"}));
  EXPECT_EQ(ids_of(map.history("-1:", {})), (std::vector<std::string>{"d", "c"}));
  EXPECT_EQ(error_of([&] { map.history("c:b", {}); }),
            "Requested range c:b does not refer to ancestor/descendant revisions along the same "
            "branch");
  EXPECT_EQ(error_of([&] { map.history("b", {}); }),
            "History range requires [start]:[end], [start]:, or :[end]");
}

TEST(RevisionMapHistory, BranchesNewestFirst) {
  RevisionMap diamond_map(diamond());
  EXPECT_EQ(ids_of(diamond_map.walk_revisions()), (std::vector<std::string>{"c", "b1", "b2", "a"}));
  RevisionMap longshort({R("a"), R("b", {"a"}), R("c", {"b"}), R("d", {"c"}), R("e", {"b"}),
                         R("f", {"e"}), R("g", {"f"}), R("h", {"d", "g"})});
  EXPECT_EQ(ids_of(longshort.history("e:", {})), (std::vector<std::string>{"h", "g", "f", "e"}));
  EXPECT_EQ(ids_of(longshort.walk_revisions()),
            (std::vector<std::string>{"h", "d", "c", "g", "f", "e", "b", "a"}));
}

// --- Scale ------------------------------------------------------------------------

std::vector<Revision> long_chain(int n) {
  std::vector<Revision> revs;
  revs.reserve(n);
  for (int i = 0; i < n; ++i) {
    Revision r;
    r.revision = "r" + std::to_string(i);
    if (i > 0) r.down_revisions = {"r" + std::to_string(i - 1)};
    r.path = r.revision + ".lua";
    revs.push_back(std::move(r));
  }
  return revs;
}

// Speed is measured by bench/ (figures in bench/README.md), not asserted here.
TEST(RevisionMapScale, TenThousandChainBuilds) {
  RevisionMap map(long_chain(10000));
  std::vector<const Revision*> heads = map.heads();
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0]->revision, "r9999");
  ASSERT_EQ(map.bases().size(), 1u);
  EXPECT_EQ(map.bases()[0]->revision, "r0");
}

TEST(RevisionMapScale, TenThousandChainWalksWithoutRecursion) {
  RevisionMap map(long_chain(10000));
  std::vector<const Revision*> all = map.walk_revisions();
  ASSERT_EQ(all.size(), 10000u);
  EXPECT_EQ(all.front()->revision, "r9999");
  EXPECT_EQ(all.back()->revision, "r0");
  EXPECT_EQ(ids_of(map.get_revisions("-9999")), (std::vector<std::string>{"r0"}));
  EXPECT_EQ(ids_of(map.get_revisions("-10000")), (std::vector<std::string>{"<base>"}));
}

}  // namespace
}  // namespace strata::script
