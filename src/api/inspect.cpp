// Migrator's read-only calls: current / heads / branches / history / show /
// is_at_head, and the URL and dialect in use. Revisions are copied out of
// the graph as RevisionInfo (strata/revision.h).
#include <set>

#include "api/migrator_impl.h"

namespace strata {
namespace api {

RevisionInfo to_info(const script::RevisionMap& map, const script::Revision& r) {
  RevisionInfo info;
  info.id = r.revision;
  info.down_revisions = r.down_revisions;
  info.branch_labels = map.branch_labels(r);
  info.depends_on = r.depends_on;
  for (const script::Revision* next : map.nextrev(r)) info.next_revisions.push_back(next->revision);
  info.doc = r.doc;
  info.path = r.path;
  info.create_date = r.create_date;
  info.is_head = map.is_head(r);
  info.is_effective_head = info.is_head && !map.is_real_head(r);
  info.is_base = map.is_base(r);
  info.is_branch_point = map.is_branch_point(r);
  info.is_merge_point = map.is_merge_point(r);
  return info;
}

}  // namespace api

namespace {

std::vector<RevisionInfo> infos(const script::RevisionMap& map,
                                const std::vector<const script::Revision*>& revisions,
                                const std::vector<std::string>& current = {}) {
  const std::set<std::string> marked(current.begin(), current.end());
  std::vector<RevisionInfo> out;
  for (const script::Revision* r : revisions) {
    if (r == nullptr) continue;
    out.push_back(api::to_info(map, *r));
    out.back().is_current = marked.count(r->revision) > 0;
  }
  return out;
}

}  // namespace

Result<std::vector<RevisionInfo>> Migrator::current() {
  return impl_->call<std::vector<RevisionInfo>>([&] {
    const std::vector<std::string> rows = app::current_heads(impl_->project());
    const script::RevisionMap& map = impl_->project().revisions();
    std::vector<const script::Revision*> revisions;
    for (const std::string& row : rows) revisions.push_back(map.get_revision(row));
    return infos(map, revisions, rows);
  });
}

Result<std::vector<RevisionInfo>> Migrator::heads(bool resolve_dependencies) {
  return impl_->call<std::vector<RevisionInfo>>([&] {
    const script::RevisionMap& map = impl_->project().revisions();
    return infos(map, resolve_dependencies ? map.real_heads() : map.heads());
  });
}

Result<std::vector<RevisionInfo>> Migrator::branches() {
  return impl_->call<std::vector<RevisionInfo>>([&] {
    const script::RevisionMap& map = impl_->project().revisions();
    std::vector<const script::Revision*> points;
    for (const script::Revision* r : map.walk_revisions()) {
      if (map.is_branch_point(*r)) points.push_back(r);
    }
    return infos(map, points);
  });
}

Result<std::vector<RevisionInfo>> Migrator::history(const std::string& range, bool mark_current) {
  return impl_->call<std::vector<RevisionInfo>>([&] {
    if (!range.empty() && range.find(':') == std::string::npos) {
      throw Error(ErrorCode::kUsage, "History range requires [start]:[end], [start]:, or :[end]");
    }
    std::vector<std::string> current;
    if (mark_current || range.find("current") != std::string::npos) {
      current = app::current_heads(impl_->project());
    }
    const script::RevisionMap& map = impl_->project().revisions();
    return infos(map, map.history(range, current), current);
  });
}

Result<std::vector<RevisionInfo>> Migrator::show(const std::string& revision) {
  return impl_->call<std::vector<RevisionInfo>>([&] {
    const script::RevisionMap& map = impl_->project().revisions();
    if (revision == "current") {
      const std::vector<std::string> current = app::current_heads(impl_->project());
      return infos(map, map.get_revisions(current), current);
    }
    return infos(map, map.get_revisions(revision));
  });
}

Result<bool> Migrator::is_at_head() {
  return impl_->call<bool>([&] {
    const std::vector<std::string> rows = app::current_heads(impl_->project());
    const script::RevisionMap& map = impl_->project().revisions();
    std::set<std::string> heads;
    for (const script::Revision* r : map.heads()) heads.insert(r->revision);
    return std::set<std::string>(rows.begin(), rows.end()) == heads && rows.size() == heads.size();
  });
}

Result<std::string> Migrator::redacted_url() {
  return impl_->call<std::string>([&] { return impl_->project().url().redacted(); }, false);
}

Result<std::string> Migrator::dialect() {
  return impl_->call<std::string>(
      [&] { return std::string(impl_->project().dialect().name()); }, false);
}

Result<bool> Migrator::transactional_ddl() {
  return impl_->call<bool>([&] { return impl_->project().dialect().transactional_ddl(); }, false);
}

}  // namespace strata
