// Upgrade / downgrade / stamp planning (alembic/script/base.py).
#include "script/migration_plan.h"

#include <algorithm>
#include <utility>

namespace strata::script {
namespace {

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

template <typename Fn>
auto with_context(const ErrorContext& context, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const RevisionError& e) {
    rethrow_with_context(e, context);
  }
}

}  // namespace

std::string MigrationStep::name() const {
  if (is_stamp) return "stamp_revision";
  return is_upgrade ? "upgrade" : "downgrade";
}

std::string MigrationStep::short_log() const {
  std::string out;
  out.reserve(48);
  append_short_log(out);
  return out;
}

void MigrationStep::append_short_log(std::string& out) const {
  out += is_stamp ? "stamp_revision " : is_upgrade ? "upgrade " : "downgrade ";
  append_comma_joined(out, from_revisions_no_deps);
  out += " -> ";
  append_comma_joined(out, to_revisions_no_deps);
}

std::string MigrationStep::describe() const {
  std::string out;
  out.reserve(48 + doc.size());
  append_short_log(out);
  if (!doc.empty()) {
    out += ", ";
    out += doc;
  }
  return out;
}

MigrationStep make_revision_step(const RevisionMap& map, const Revision& revision, bool is_upgrade) {
  MigrationStep step;
  step.is_upgrade = is_upgrade;
  step.revision = &revision;
  step.revision_map = &map;
  step.doc = revision.doc;
  std::vector<std::string> self{revision.revision};
  std::vector<std::string> downs = map.normalized_down_revisions(revision);
  if (is_upgrade) {
    step.from_revisions = std::move(downs);
    step.from_revisions_no_deps = revision.down_revisions;
    step.to_revisions_no_deps = self;
    step.to_revisions = std::move(self);
  } else {
    step.to_revisions = std::move(downs);
    step.to_revisions_no_deps = revision.down_revisions;
    step.from_revisions_no_deps = self;
    step.from_revisions = std::move(self);
  }
  return step;
}

MigrationStep make_stamp_step(const RevisionMap& map, std::vector<std::string> from,
                            std::vector<std::string> to, bool is_upgrade, bool branch_move) {
  MigrationStep step;
  step.is_upgrade = is_upgrade;
  step.is_stamp = true;
  step.branch_move = branch_move;
  step.revision_map = &map;
  step.from_revisions_no_deps = from;
  step.to_revisions_no_deps = to;
  step.from_revisions = std::move(from);
  step.to_revisions = std::move(to);
  return step;
}

std::vector<MigrationStep> plan_upgrade(const RevisionMap& map, std::string_view destination,
                                        const std::vector<std::string>& current_heads) {
  ErrorContext context;
  context.ancestor = "Destination %(end)s is not a valid upgrade target from current head(s)";
  context.end = std::string(destination);
  return with_context(context, [&] {
    IterateOptions options;
    options.implicit_base = true;
    std::vector<const Revision*> revs =
        map.iterate_revisions(std::string(destination), current_heads, options);
    std::vector<MigrationStep> steps;
    steps.reserve(revs.size());
    for (auto it = revs.rbegin(); it != revs.rend(); ++it) {
      steps.push_back(make_revision_step(map, **it, true));
    }
    return steps;
  });
}

std::vector<MigrationStep> plan_downgrade(const RevisionMap& map, std::string_view destination,
                                          const std::vector<std::string>& current_heads) {
  ErrorContext context;
  context.ancestor = "Destination %(end)s is not a valid downgrade target from current head(s)";
  context.end = std::string(destination);
  return with_context(context, [&] {
    IterateOptions options;
    options.select_for_downgrade = true;
    std::vector<const Revision*> revs =
        map.iterate_revisions(current_heads, std::string(destination), options);
    std::vector<MigrationStep> steps;
    steps.reserve(revs.size());
    for (const Revision* rev : revs) steps.push_back(make_revision_step(map, *rev, false));
    return steps;
  });
}

std::vector<MigrationStep> plan_stamp(const RevisionMap& map,
                                      const std::vector<std::string>& destinations,
                                      const std::vector<std::string>& current_heads, bool purge) {
  const std::vector<std::string> heads = purge ? std::vector<std::string>{} : current_heads;
  // ScriptDirectory.get_revisions() lookups use the default wording; the
  // lineage filtering uses the stamp-specific multiple-heads wording.
  ErrorContext stamp_context;
  stamp_context.multiple_heads = "Multiple heads are present; please specify a single target revision";
  const std::vector<int> head_refs = map.get_revision_refs(heads);
  const std::vector<std::string> revision =
      destinations.empty() ? std::vector<std::string>{"base"} : destinations;

  std::vector<int> filtered_heads;
  with_context(stamp_context, [&] {
    for (const std::string& rev : revision) {
      if (rev.empty()) continue;
      for (int h : map.filter_for_lineage(head_refs, rev, /*include_dependencies=*/true)) {
        if (!contains(filtered_heads, h)) filtered_heads.push_back(h);
      }
    }
    return 0;
  });
  std::vector<std::string> filtered_ids;
  for (int h : filtered_heads) filtered_ids.push_back(map.at(h).revision);

  std::vector<int> dests = map.get_revision_refs(revision);
  if (dests.empty()) dests.push_back(RevisionMap::kNoneRef);

  return with_context(stamp_context, [&] {
    std::vector<MigrationStep> steps;
    for (int dest : dests) {
      if (dest == RevisionMap::kNoneRef) {
        // Stamping to base: delete every applicable head.
        for (const std::string& head : filtered_ids) {
          steps.push_back(make_stamp_step(map, {head}, {}, false, true));
        }
        continue;
      }
      if (contains(filtered_heads, dest)) continue;  // already in the table
      std::vector<int> descendants = map.descendants({dest}, true);
      std::vector<int> ancestors = map.ancestors({dest}, true);
      auto intersects = [&](const std::vector<int>& set) {
        return std::any_of(filtered_heads.begin(), filtered_heads.end(),
                           [&](int h) { return contains(set, h); });
      };
      const std::string& dest_id = map.at(dest).revision;
      if (intersects(descendants)) {
        // Heads are above the target: a downgrade, as one merged step.
        if (intersects(ancestors)) {
          throw RevisionError::assertion("Stamp target " + dest_id +
                                         " has current heads both above and below it");
        }
        steps.push_back(make_stamp_step(map, filtered_ids, {dest_id}, false, false));
      } else if (intersects(ancestors)) {
        steps.push_back(make_stamp_step(map, filtered_ids, {dest_id}, true, false));
      } else {
        // A branch not represented yet: a new branch row.
        steps.push_back(make_stamp_step(map, {}, {dest_id}, true, true));
      }
    }
    return steps;
  });
}

std::string range_not_allowed_message(std::string_view destination) {
  std::string out = "Range revision not allowed: a range 'from:to' needs --sql (offline SQL)";
  if (!destination.empty()) {
    out += "; online, name only the target, e.g. '" + std::string(destination) + "'";
  }
  return out;
}

RevisionRange split_revision_range(std::string_view argument, bool sql, bool is_downgrade) {
  RevisionRange range;
  std::string text(argument);
  std::size_t colon = text.find(':');
  if (colon != std::string::npos) {
    if (!sql) throw RevisionError::generic(range_not_allowed_message(text.substr(colon + 1)));
    if (text.find(':', colon + 1) != std::string::npos) {
      throw RevisionError::generic("Invalid revision range '" + text + "'");
    }
    range.starting_rev = text.substr(0, colon);
    range.destination = text.substr(colon + 1);
    return range;
  }
  if (sql && is_downgrade) {
    throw RevisionError::generic("downgrade with --sql requires <fromrev>:<torev>");
  }
  range.destination = text;
  return range;
}

RevisionRange split_stamp_ranges(const std::vector<std::string>& arguments,
                               std::vector<std::string>* destinations) {
  RevisionRange range;
  destinations->clear();
  for (const std::string& argument : arguments) {
    std::string dest = argument;
    std::size_t colon = argument.find(':');
    if (colon != std::string::npos) {
      std::string start = argument.substr(0, colon);
      dest = argument.substr(colon + 1);
      if (range.starting_rev != start) {
        if (range.starting_rev) {
          throw RevisionError::generic(
              "Stamp operation with --sql only supports a single starting revision at a time");
        }
        range.starting_rev = start;
      }
    }
    destinations->push_back(dest);
  }
  return range;
}

std::vector<std::string> resolve_starting_heads(const RevisionMap& map,
                                              const std::optional<std::string>& starting_rev) {
  if (!starting_rev || *starting_rev == "base") return {};
  const Revision* rev = map.get_revision(*starting_rev);
  if (rev == nullptr) {
    throw RevisionError::assertion("Starting revision '" + *starting_rev +
                                   "' does not name a revision");
  }
  return {rev->revision};
}

}  // namespace strata::script
