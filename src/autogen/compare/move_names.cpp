// The comparator's view of what op.move_table with new_name renames on a
// dialect whose Normalizer::move_renames_default_names() is true
// (PostgreSQL; dialect/postgres/move_table.h, step 4): constraints and
// indexes carrying PostgreSQL's default name for the old table name
// (<old>_pkey, <old>_<cols>_key / _fkey / _excl / _idx, <old>[_<col>]_check,
// each with an optional clash number) get the same name for the new table
// name, unless it would exceed 63 bytes. The live catalog is updated so the
// per-table and index passes compare the names the move leaves.
#include <cctype>

#include "autogen/compare/context.h"

namespace strata::autogen::detail {
namespace {

constexpr size_t kMaxIdentifier = 63;

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "_") + p;
  return out;
}

// `name` is <old>_<middle>_<suffix>[digits] (or <old>_<suffix>[digits] for
// an empty middle) for one of `middles`; an empty `middles` accepts any.
bool is_default(const std::string& name, const std::string& old, const std::string& suffix,
                const std::vector<std::string>& middles) {
  if (name.rfind(old + "_", 0) != 0) return false;
  std::string rest = name.substr(old.size() + 1);
  while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.back()))) rest.pop_back();
  if (rest.size() < suffix.size() || rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return false;
  }
  if (middles.empty()) return true;
  const std::string middle = rest.substr(0, rest.size() - suffix.size());
  for (const std::string& m : middles) {
    if (middle == (m.empty() ? "" : m + "_")) return true;
  }
  return false;
}

void follow(std::optional<std::string>& name, const std::string& old, const std::string& now,
            const std::string& suffix, const std::vector<std::string>& middles) {
  if (!name || !is_default(*name, old, suffix, middles)) return;
  std::string renamed = now + name->substr(old.size());
  if (renamed.size() <= kMaxIdentifier) name = renamed;
}

}  // namespace

void rename_default_names_after_move(model::Catalog& live, model::Table& table,
                                     const std::string& old_name) {
  const std::string& now = table.name;
  if (table.primary_key) follow(table.primary_key->name, old_name, now, "pkey", {""});
  for (model::UniqueConstraint& u : table.uniques) follow(u.name, old_name, now, "key", {joined(u.columns)});
  for (model::ForeignKey& fk : table.foreign_keys) {
    follow(fk.name, old_name, now, "fkey", {joined(fk.columns)});
  }
  std::vector<std::string> check_middles{""};
  for (const model::Column& c : table.columns) check_middles.push_back(c.name);
  for (model::CheckConstraint& c : table.checks) follow(c.name, old_name, now, "check", check_middles);
  for (model::ExclusionConstraint& x : table.exclusions) {
    std::optional<std::string> name = x.name;
    follow(name, old_name, now, "excl", {});
    if (name) x.name = *name;
  }
  for (model::Index& index : live.indexes) {
    if (*index.schema != *table.schema || index.table != table.name) continue;
    std::vector<std::string> columns;
    bool plain = true;
    for (const model::IndexElement& e : index.elements) {
      plain = plain && !e.is_expression;
      columns.push_back(e.text);
    }
    for (const std::string& c : index.include) columns.push_back(c);
    std::optional<std::string> name = index.name;
    follow(name, old_name, now, "idx", plain ? std::vector<std::string>{joined(columns)}
                                             : std::vector<std::string>{});
    index.name = *name;
  }
}

}  // namespace strata::autogen::detail
