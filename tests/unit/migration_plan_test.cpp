// Upgrade / downgrade / stamp plans and the version-table row changes
// HeadMaintainer derives from them, on the graph shapes of Alembic's test
// suite. Expected values are Alembic 1.8.1's (see tests/oracle/).
#include "script/migration_plan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/head_maintainer.h"

namespace strata::script {
namespace {

using Strings = std::vector<std::string>;

Revision R(std::string id, Strings down = {}, Strings labels = {}, Strings deps = {},
           std::string doc = "") {
  Revision r;
  r.revision = id;
  r.down_revisions = std::move(down);
  r.branch_labels = std::move(labels);
  r.depends_on = std::move(deps);
  r.doc = doc.empty() ? "rev " + id : doc;
  r.path = id + ".lua";
  return r;
}

struct Outcome {
  Strings steps;    // describe() of each step
  Strings changes;  // row changes of each step, "; "-joined per step
  Strings final_heads;
};

Outcome apply_steps(const std::vector<MigrationStep>& steps, const Strings& current) {
  Outcome out;
  runtime::HeadMaintainer maintainer(current);
  for (const MigrationStep& step : steps) {
    out.steps.push_back(step.describe());
    std::string joined;
    for (const runtime::VersionChange& c : maintainer.update_to_step(step)) {
      joined += (joined.empty() ? "" : "; ") + c.to_string();
    }
    out.changes.push_back(joined);
  }
  out.final_heads = maintainer.heads();
  std::sort(out.final_heads.begin(), out.final_heads.end());
  return out;
}

Outcome upgrade_to(const RevisionMap& map, const std::string& target, const Strings& current) {
  return apply_steps(plan_upgrade(map, target, current), current);
}
Outcome downgrade_to(const RevisionMap& map, const std::string& target, const Strings& current) {
  return apply_steps(plan_downgrade(map, target, current), current);
}
Outcome stamp_to(const RevisionMap& map, const Strings& dests, const Strings& current,
              bool purge = false) {
  return apply_steps(plan_stamp(map, dests, current, purge), purge ? Strings{} : current);
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

RevisionMap linear() {
  return RevisionMap({R("a"), R("b", {"a"}), R("c", {"b"}), R("d", {"c"})});
}
RevisionMap diamond() { return RevisionMap({R("a"), R("b1", {"a"}), R("b2", {"a"}), R("c", {"b1", "b2"})}); }
RevisionMap long_short_branches() {
  return RevisionMap({R("a"), R("b", {"a"}), R("c", {"b"}), R("d", {"c"}), R("e", {"b"}),
                      R("f", {"e"}), R("g", {"f"}), R("h", {"d", "g"})});
}
RevisionMap multiple_bases() {
  return RevisionMap({R("a"), R("b", {"a"}), R("c", {"b"}), R("d"), R("e", {"d"}), R("f", {"e"})});
}
RevisionMap labeled_branches() {
  return RevisionMap({R("a1", {}, {"abranch"}), R("a2", {"a1"}), R("a3", {"a2"}),
                      R("b1", {}, {"bbranch"}), R("b2", {"b1"}), R("b3", {"b2"})});
}
RevisionMap cross_branch_dependencies() {
  return RevisionMap({R("a1", {}, {"abranch"}), R("a2", {"a1"}), R("a3", {"a2"}),
                      R("b1", {}, {"bbranch"}), R("b2", {"b1"}, {}, {"a2"}), R("b3", {"b2"}),
                      R("c1", {}, {"cbranch"}, {"bbranch"}), R("c2", {"c1"}, {}, {"a3"})});
}
RevisionMap mergepoint_then_branchpoint() {
  return RevisionMap({R("a"), R("b1", {"a"}), R("b2", {"a"}), R("m", {"b1", "b2"}), R("c1", {"m"}),
                      R("c2", {"m"}), R("d1", {"c1"})});
}
RevisionMap merge_of_three() {
  return RevisionMap({R("a"), R("b1", {"a"}), R("b2", {"a"}), R("b3", {"a"}),
                      R("m", {"b1", "b2", "b3"}), R("n", {"m"})});
}

// --- describe() -------------------------------------------------------------

TEST(MigrationStepTest, DescribeMatchesAlembicStr) {
  RevisionMap map({R("20250812_0001", {}, {}, {}, "core schema"), R("b", {"20250812_0001"})});
  auto steps = plan_upgrade(map, "heads", {});
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].describe(), "upgrade  -> 20250812_0001, core schema");
  EXPECT_EQ(steps[0].short_log(), "upgrade  -> 20250812_0001");
  EXPECT_EQ(steps[1].describe(), "upgrade 20250812_0001 -> b, rev b");
  auto down = plan_downgrade(map, "base", {"b"});
  EXPECT_EQ(down[1].describe(), "downgrade 20250812_0001 -> , core schema");
  auto stamp = plan_stamp(map, {"b"}, {}, false);
  EXPECT_EQ(stamp[0].describe(), "stamp_revision  -> b");
  EXPECT_TRUE(stamp[0].is_stamp);
  EXPECT_EQ(stamp[0].revision, nullptr);
}

// --- upgrade ------------------------------------------------------------------

TEST(PlanUpgradeTest, LinearFromEmpty) {
  RevisionMap map = linear();
  Outcome o = upgrade_to(map, "head", {});
  EXPECT_EQ(o.steps, (Strings{"upgrade  -> a, rev a", "upgrade a -> b, rev b", "upgrade b -> c, rev c",
                              "upgrade c -> d, rev d"}));
  EXPECT_EQ(o.changes, (Strings{"insert a", "update a -> b", "update b -> c", "update c -> d"}));
  EXPECT_EQ(o.final_heads, (Strings{"d"}));
  EXPECT_EQ(upgrade_to(map, "+2", {"a"}).steps, (Strings{"upgrade a -> b, rev b", "upgrade b -> c, rev c"}));
  EXPECT_TRUE(upgrade_to(map, "c", {"d"}).steps.empty());
}

TEST(PlanUpgradeTest, DiamondMergesRows) {
  RevisionMap map = diamond();
  Outcome o = upgrade_to(map, "heads", {});
  EXPECT_EQ(o.steps, (Strings{"upgrade  -> a, rev a", "upgrade a -> b2, rev b2", "upgrade a -> b1, rev b1",
                              "upgrade b1, b2 -> c, rev c"}));
  EXPECT_EQ(o.changes, (Strings{"insert a", "update a -> b2", "insert b1", "delete b1; update b2 -> c"}));
  EXPECT_EQ(o.final_heads, (Strings{"c"}));
}

TEST(PlanUpgradeTest, LongAndShortBranches) {
  Outcome o = upgrade_to(long_short_branches(), "heads", {"d"});
  EXPECT_EQ(o.steps, (Strings{"upgrade b -> e, rev e", "upgrade e -> f, rev f", "upgrade f -> g, rev g",
                              "upgrade d, g -> h, rev h"}));
  EXPECT_EQ(o.changes, (Strings{"insert e", "update e -> f", "update f -> g", "delete d; update g -> h"}));
}

TEST(PlanUpgradeTest, MultipleBases) {
  RevisionMap map = multiple_bases();
  Outcome o = upgrade_to(map, "heads", {});
  EXPECT_EQ(o.steps, (Strings{"upgrade  -> d, rev d", "upgrade d -> e, rev e", "upgrade e -> f, rev f",
                              "upgrade  -> a, rev a", "upgrade a -> b, rev b", "upgrade b -> c, rev c"}));
  EXPECT_EQ(o.final_heads, (Strings{"c", "f"}));
  EXPECT_EQ(upgrade_to(map, "heads", {"b"}).changes,
            (Strings{"insert d", "update d -> e", "update e -> f", "update b -> c"}));
}

TEST(PlanUpgradeTest, LabeledBranchHead) {
  RevisionMap map = labeled_branches();
  Outcome o = upgrade_to(map, "abranch@head", {"b3"});
  EXPECT_EQ(o.steps, (Strings{"upgrade  -> a1, rev a1", "upgrade a1 -> a2, rev a2", "upgrade a2 -> a3, rev a3"}));
  EXPECT_EQ(o.final_heads, (Strings{"a3", "b3"}));
  EXPECT_EQ(error_of([&] { plan_upgrade(map, "head", {}); }),
            "Multiple head revisions are present for given argument 'head'; please specify a "
            "specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' "
            "for all heads");
}

TEST(PlanUpgradeTest, CrossBranchDependencies) {
  RevisionMap map = cross_branch_dependencies();
  Outcome o = upgrade_to(map, "bbranch@head", {});
  EXPECT_EQ(o.steps, (Strings{"upgrade  -> a1, rev a1", "upgrade a1 -> a2, rev a2", "upgrade  -> b1, rev b1",
                              "upgrade b1 -> b2, rev b2", "upgrade b2 -> b3, rev b3"}));
  // b2 depends on a2: the a2 row is consumed by b2 (a dependency merge).
  EXPECT_EQ(o.changes, (Strings{"insert a1", "update a1 -> a2", "insert b1", "delete b1; update a2 -> b2",
                                "update b2 -> b3"}));
  Outcome c2 = upgrade_to(map, "c2", {});
  EXPECT_EQ(c2.steps.back(), "upgrade c1 -> c2, rev c2");
  EXPECT_EQ(c2.changes, (Strings{"insert a1", "update a1 -> a2", "update a2 -> a3", "insert b1",
                                 "update b1 -> c1", "delete c1; update a3 -> c2"}));
}

TEST(PlanUpgradeTest, MergepointThenBranchpoint) {
  Outcome o = upgrade_to(mergepoint_then_branchpoint(), "heads", {});
  EXPECT_EQ(o.steps, (Strings{"upgrade  -> a, rev a", "upgrade a -> b2, rev b2", "upgrade a -> b1, rev b1",
                              "upgrade b1, b2 -> m, rev m", "upgrade m -> c1, rev c1",
                              "upgrade c1 -> d1, rev d1", "upgrade m -> c2, rev c2"}));
  EXPECT_EQ(o.changes.back(), "insert c2");
  EXPECT_EQ(o.final_heads, (Strings{"c2", "d1"}));
}

TEST(PlanUpgradeTest, MergeOfThreeDeletesAllButOne) {
  Outcome o = upgrade_to(merge_of_three(), "m", {"b1", "b2", "b3"});
  EXPECT_EQ(o.steps, (Strings{"upgrade b1, b2, b3 -> m, rev m"}));
  EXPECT_EQ(o.changes, (Strings{"delete b1; delete b2; update b3 -> m"}));
}

TEST(PlanUpgradeTest, Errors) {
  RevisionMap map = linear();
  EXPECT_EQ(error_of([&] { plan_upgrade(map, "zzzz", {}); }), "Can't locate revision identified by 'zzzz'");
  EXPECT_EQ(error_of([&] { plan_upgrade(map, "+7", {"a"}); }), "Relative revision +7 didn't produce 7 migrations");
  EXPECT_EQ(error_of([&] { plan_upgrade(map, "-1", {"a"}); }), "Relative revision -1 didn't produce 1 migrations");
  RevisionMap prefixes({R("abcd11"), R("abcd22", {"abcd11"})});
  EXPECT_EQ(error_of([&] { plan_upgrade(prefixes, "abcd", {}); }), "Ambiguous revision 'abcd': it is a prefix of abcd11, abcd22");
}

// --- downgrade -------------------------------------------------------------------

TEST(PlanDowngradeTest, LinearAndRelative) {
  RevisionMap map = linear();
  Outcome o = downgrade_to(map, "base", {"d"});
  EXPECT_EQ(o.steps, (Strings{"downgrade d -> c, rev d", "downgrade c -> b, rev c", "downgrade b -> a, rev b",
                              "downgrade a -> , rev a"}));
  EXPECT_EQ(o.changes, (Strings{"update d -> c", "update c -> b", "update b -> a", "delete a"}));
  EXPECT_EQ(downgrade_to(map, "-2", {"d"}).final_heads, (Strings{"b"}));
  EXPECT_EQ(error_of([&] { plan_downgrade(map, "-5", {"d"}); }),
            "Relative revision -5 didn't produce 5 migrations");
}

TEST(PlanDowngradeTest, UnmergeInsertsRows) {
  RevisionMap map = diamond();
  Outcome o = downgrade_to(map, "a", {"c"});
  EXPECT_EQ(o.steps, (Strings{"downgrade c -> b1, b2, rev c", "downgrade b1 -> a, rev b1",
                              "downgrade b2 -> a, rev b2"}));
  EXPECT_EQ(o.changes, (Strings{"insert b1; update c -> b2", "delete b1", "update b2 -> a"}));
  EXPECT_EQ(downgrade_to(map, "b1", {"c"}).final_heads, (Strings{"b1", "b2"}));
  EXPECT_EQ(error_of([&] { plan_downgrade(map, "c", {"a"}); }),
            "Destination c is not a valid downgrade target from current head(s)");
}

TEST(PlanDowngradeTest, LongAndShortBranchesPastMerge) {
  Outcome o = downgrade_to(long_short_branches(), "b", {"h"});
  EXPECT_EQ(o.steps, (Strings{"downgrade h -> d, g, rev h", "downgrade d -> c, rev d", "downgrade c -> b, rev c",
                              "downgrade g -> f, rev g", "downgrade f -> e, rev f", "downgrade e -> b, rev e"}));
  EXPECT_EQ(o.changes, (Strings{"insert d; update h -> g", "update d -> c", "delete c", "update g -> f",
                                "update f -> e", "update e -> b"}));
}

TEST(PlanDowngradeTest, MultipleBasesToBase) {
  Outcome o = downgrade_to(multiple_bases(), "base", {"c", "f"});
  EXPECT_EQ(o.changes, (Strings{"update c -> b", "update b -> a", "delete a", "update f -> e", "update e -> d",
                                "delete d"}));
}

TEST(PlanDowngradeTest, LabeledBranches) {
  RevisionMap map = labeled_branches();
  Outcome o = downgrade_to(map, "bbranch@base", {"a3", "b3"});
  EXPECT_EQ(o.steps, (Strings{"downgrade b3 -> b2, rev b3", "downgrade b2 -> b1, rev b2",
                              "downgrade b1 -> , rev b1"}));
  EXPECT_EQ(o.final_heads, (Strings{"a3"}));
  Outcome rel = downgrade_to(map, "abranch@-1", {"a3", "b3"});
  EXPECT_EQ(rel.steps, (Strings{"downgrade a3 -> a2, rev a3"}));
  EXPECT_EQ(rel.final_heads, (Strings{"a2", "b3"}));
}

TEST(PlanDowngradeTest, DependentsGoFirst) {
  Outcome o = downgrade_to(cross_branch_dependencies(), "a1", {"a3", "b3", "c2"});
  EXPECT_EQ(o.steps, (Strings{"downgrade c2 -> c1, rev c2", "downgrade b3 -> b2, rev b3",
                              "downgrade b2 -> b1, rev b2", "downgrade a3 -> a2, rev a3",
                              "downgrade a2 -> a1, rev a2"}));
  // b1 stays implied by c1's dependency on bbranch, so b2's row goes away.
  EXPECT_EQ(o.changes, (Strings{"update c2 -> c1", "update b3 -> b2", "delete b2", "update a3 -> a2",
                                "update a2 -> a1"}));
  EXPECT_EQ(o.final_heads, (Strings{"a1", "c1"}));
}

TEST(PlanDowngradeTest, MergepointThenBranchpoint) {
  Outcome o = downgrade_to(mergepoint_then_branchpoint(), "b1", {"c2", "d1"});
  EXPECT_EQ(o.steps, (Strings{"downgrade c2 -> m, rev c2", "downgrade d1 -> c1, rev d1",
                              "downgrade c1 -> m, rev c1", "downgrade m -> b1, b2, rev m"}));
  EXPECT_EQ(o.changes, (Strings{"delete c2", "update d1 -> c1", "update c1 -> m", "insert b1; update m -> b2"}));
  Outcome three = downgrade_to(merge_of_three(), "b2", {"n"});
  EXPECT_EQ(three.changes, (Strings{"update n -> m", "insert b1; insert b2; update m -> b3"}));
}

// --- stamp --------------------------------------------------------------------------

TEST(PlanStampTest, Moves) {
  RevisionMap map = diamond();
  Outcome down = stamp_to(map, {"b1"}, {"c"});
  EXPECT_EQ(down.steps, (Strings{"stamp_revision c -> b1"}));
  EXPECT_EQ(down.changes, (Strings{"update c -> b1"}));
  Outcome merge = stamp_to(map, {"c"}, {"b1", "b2"});
  EXPECT_EQ(merge.steps, (Strings{"stamp_revision b1, b2 -> c"}));
  EXPECT_EQ(merge.changes, (Strings{"delete b1; update b2 -> c"}));
  Outcome base = stamp_to(map, {"base"}, {"b1", "b2"});
  EXPECT_EQ(base.steps, (Strings{"stamp_revision b1 -> ", "stamp_revision b2 -> "}));
  EXPECT_EQ(base.final_heads, Strings{});
  EXPECT_EQ(stamp_to(map, {"head"}, {"b1"}).changes, (Strings{"update b1 -> c"}));
}

TEST(PlanStampTest, NewBranchAndPurge) {
  RevisionMap map = multiple_bases();
  Outcome branch = stamp_to(map, {"e"}, {"b"});
  EXPECT_EQ(branch.steps, (Strings{"stamp_revision  -> e"}));
  EXPECT_EQ(branch.final_heads, (Strings{"b", "e"}));
  Outcome purge = stamp_to(map, {"c"}, {"b", "f"}, true);
  EXPECT_EQ(purge.changes, (Strings{"insert c"}));
  EXPECT_EQ(purge.final_heads, (Strings{"c"}));
  EXPECT_EQ(error_of([&] { plan_stamp(map, {"head"}, {}, false); }),
            "Multiple heads are present; please specify a single target revision");
}

// --- offline ranges -----------------------------------------------------------------

TEST(OfflineRangeTest, SplitAndResolve) {
  RevisionMap map = linear();
  RevisionRange up = split_revision_range("b:d", true, false);
  EXPECT_EQ(up.starting_rev, "b");
  EXPECT_EQ(up.destination, "d");
  EXPECT_EQ(resolve_starting_heads(map, up.starting_rev), (Strings{"b"}));
  EXPECT_EQ(resolve_starting_heads(map, std::string("base")), Strings{});
  EXPECT_EQ(resolve_starting_heads(map, std::nullopt), Strings{});
  EXPECT_EQ(split_revision_range("head", true, false).starting_rev, std::nullopt);
  EXPECT_EQ(error_of([] { split_revision_range("a:b", false, false); }),
            "Range revision not allowed: a range 'from:to' needs --sql (offline SQL); online, "
            "name only the target, e.g. 'b'");
  EXPECT_EQ(error_of([] { split_revision_range("a", true, true); }),
            "downgrade with --sql requires <fromrev>:<torev>");
  Strings dests;
  EXPECT_EQ(split_stamp_ranges({"a:b", "a:c"}, &dests).starting_rev, "a");
  EXPECT_EQ(dests, (Strings{"b", "c"}));
  EXPECT_EQ(error_of([&] { split_stamp_ranges({"a:b", "c:d"}, &dests); }),
            "Stamp operation with --sql only supports a single starting revision at a time");
  Outcome offline = upgrade_to(map, up.destination, resolve_starting_heads(map, up.starting_rev));
  EXPECT_EQ(offline.changes, (Strings{"update b -> c", "update c -> d"}));
}

// --- graph errors say what to do ------------------------------------------------------

// Alembic's "Ambiguous walk" stays the prefix; the rest names the merge or
// branch point and targets that would work.
TEST(GraphErrorAdviceTest, AmbiguousWalkNamesMergeAndTargets) {
  RevisionMap map = diamond();
  EXPECT_EQ(error_of([&] { plan_downgrade(map, "-1", {"c"}); }),
            "Ambiguous walk: revision c is a merge point of b1, b2; name the target instead, "
            "e.g. 'b1', 'b2'");
  // Each suggested target works.
  EXPECT_EQ(downgrade_to(map, "b1", {"c"}).final_heads, (Strings{"b1", "b2"}));
}

TEST(GraphErrorAdviceTest, AmbiguousWalkUpNamesBranchesAndLabels) {
  RevisionMap map({R("a"), R("b", {"a"}, {"left"}), R("c", {"a"}), R("d", {"b"})});
  EXPECT_EQ(error_of([&] { plan_upgrade(map, "a+1", {"a"}); }),
            "Ambiguous walk: revision a is a branch point with children b (left), c; name the "
            "target instead, e.g. 'heads', 'left@head', 'c'");
  EXPECT_EQ(upgrade_to(map, "left@head", {"a"}).final_heads, (Strings{"d"}));
  EXPECT_EQ(upgrade_to(map, "heads", {"a"}).final_heads, (Strings{"c", "d"}));
}

// --- HeadMaintainer consistency -------------------------------------------------------

TEST(HeadMaintainerTest, RejectsInconsistentRows) {
  RevisionMap map = linear();
  runtime::HeadMaintainer maintainer({"a", "a"});  // duplicate rows collapse
  EXPECT_EQ(maintainer.heads(), (Strings{"a"}));
  auto steps = plan_downgrade(map, "b", {"c"});  // planned against other rows
  EXPECT_EQ(error_of([&] { maintainer.update_to_step(steps[0]); }),
            "Version c is not present in the version table");
  EXPECT_EQ(maintainer.heads(), (Strings{"a"}));  // unchanged after the failure
  // An upgrade whose down revision is not a row starts a new branch row.
  auto up = plan_upgrade(map, "c", {"b"});
  EXPECT_EQ(maintainer.update_to_step(up.back()), (std::vector<runtime::VersionChange>{
                                                      {runtime::VersionChange::Kind::kInsert, "", "c"}}));
  EXPECT_EQ(maintainer.heads(), (Strings{"a", "c"}));
}

TEST(PlanScaleTest, TenThousandChain) {
  std::vector<Revision> revs;
  for (int i = 0; i < 10000; ++i) {
    revs.push_back(R("r" + std::to_string(i), i ? Strings{"r" + std::to_string(i - 1)} : Strings{}));
  }
  RevisionMap map(std::move(revs));
  auto up = plan_upgrade(map, "heads", {});
  ASSERT_EQ(up.size(), 10000u);
  EXPECT_EQ(up.front().describe(), "upgrade  -> r0, rev r0");
  auto down = plan_downgrade(map, "base", {"r9999"});
  ASSERT_EQ(down.size(), 10000u);
  EXPECT_EQ(down.back().describe(), "downgrade r0 -> , rev r0");
}

}  // namespace
}  // namespace strata::script
