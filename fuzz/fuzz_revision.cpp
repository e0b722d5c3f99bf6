// libFuzzer target: the revision identifier and range grammar — RevisionMap
// identifier resolution (ids, prefixes, labels, head/heads/base, label@rev,
// relative +N/-N forms), iterate/walk/history ranges, upgrade/downgrade/stamp
// planning, and the `a:b` range split of src/script/migration_plan.h.
//
// Input: the first line is the argument; a second line, when present, is a
// second argument (stamp ranges, history's current heads). Any further lines
// describe the revision graph instead of the built-in one, one revision a
// line: `id [down...] [@label...] [>depends_on...]` (at most 40 lines), so
// graph validation (cycles, dangling references, labels) is fuzzed as well.
//
// Checks: only strata::Error escapes (any other exception or a sanitizer
// report is a crash).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "script/migration_plan.h"
#include "script/revision_map.h"
#include "strata/error.h"

using strata::script::Revision;
using strata::script::RevisionMap;

namespace {

Revision rev(std::string id, std::vector<std::string> down, std::vector<std::string> labels = {},
             std::vector<std::string> deps = {}) {
  Revision r;
  r.revision = std::move(id);
  r.down_revisions = std::move(down);
  r.branch_labels = std::move(labels);
  r.depends_on = std::move(deps);
  r.path = r.revision + ".lua";
  return r;
}

// base 1a2b3c4d5e6f → 2b3c4d5e6f7a → {3c4d... (label "feature"), 4d5e...}
// merged by 5e6f..., plus a second root "0ther" with label "other" that
// depends on 2b3c....
std::vector<Revision> builtin_graph() {
  return {
      rev("1a2b3c4d5e6f", {}),
      rev("2b3c4d5e6f7a", {"1a2b3c4d5e6f"}),
      rev("3c4d5e6f7a8b", {"2b3c4d5e6f7a"}, {"feature"}),
      rev("4d5e6f7a8b9c", {"2b3c4d5e6f7a"}),
      rev("5e6f7a8b9c0d", {"3c4d5e6f7a8b", "4d5e6f7a8b9c"}),
      rev("0ther0000001", {}, {"other"}, {"2b3c4d5e6f7a"}),
      rev("0ther0000002", {"0ther0000001"}),
  };
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

template <typename F>
void guarded(F&& f) {
  try {
    f();
  } catch (const strata::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines;
  {
    std::istringstream in(input);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  std::string arg = lines.empty() ? std::string() : lines[0];
  std::string arg2 = lines.size() > 1 ? lines[1] : std::string("head");

  std::vector<Revision> graph;
  if (lines.size() > 2) {
    for (size_t i = 2; i < lines.size() && i < 42; ++i) {
      std::vector<std::string> w = words(lines[i]);
      if (w.empty()) continue;
      Revision r = rev(w[0], {});
      for (size_t k = 1; k < w.size(); ++k) {
        if (w[k][0] == '@') r.branch_labels.push_back(w[k].substr(1));
        else if (w[k][0] == '>') r.depends_on.push_back(w[k].substr(1));
        else r.down_revisions.push_back(w[k]);
      }
      graph.push_back(std::move(r));
    }
  } else {
    graph = builtin_graph();
  }

  std::unique_ptr<RevisionMap> map;
  try {
    map = std::make_unique<RevisionMap>(std::move(graph));
  } catch (const strata::Error&) {
    return 0;
  }
  namespace s = strata::script;

  for (bool sql : {false, true}) {
    for (bool down : {false, true}) guarded([&] { (void)s::split_revision_range(arg, sql, down); });
  }
  guarded([&] {
    std::vector<std::string> dest;
    (void)s::split_stamp_ranges({arg, arg2}, &dest);
  });
  guarded([&] { (void)map->get_revisions(arg); });
  guarded([&] { (void)map->get_revision(arg); });
  guarded([&] { (void)map->get_current_head(arg); });
  guarded([&] { (void)map->resolve_new_revision_heads(arg); });
  guarded([&] { (void)map->iterate_revisions(arg, std::string("base"), {}); });
  guarded([&] { (void)map->iterate_revisions(arg2, arg, {true, true, true, false}); });
  guarded([&] { (void)map->walk_revisions(std::string("base"), arg); });
  guarded([&] { (void)map->history(arg, {}); });
  guarded([&] { (void)map->history(arg, words(arg2)); });

  std::vector<std::vector<std::string>> currents = {{}, words(arg2)};
  if (!map->revisions().empty()) currents.push_back({map->revisions().back().revision});
  for (const auto& current : currents) {
    guarded([&] { (void)s::plan_upgrade(*map, arg, current); });
    guarded([&] { (void)s::plan_downgrade(*map, arg, current); });
    guarded([&] { (void)s::plan_stamp(*map, {arg}, current, false); });
    guarded([&] { (void)s::plan_stamp(*map, {arg, arg2}, current, true); });
  }
  guarded([&] {
    s::RevisionRange range = s::split_revision_range(arg, true, false);
    std::vector<std::string> heads = s::resolve_starting_heads(*map, range.starting_rev);
    (void)s::plan_upgrade(*map, range.destination, heads);
  });
  guarded([&] {
    s::RevisionRange range = s::split_revision_range(arg, true, true);
    std::vector<std::string> heads = s::resolve_starting_heads(*map, range.starting_rev);
    (void)s::plan_downgrade(*map, range.destination, heads);
  });
  return 0;
}
