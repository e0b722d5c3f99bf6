// Column renames of a SQLite table rebuild (see sqlite_rebuild_names.h).
#include "dialect/sqlite/rebuild/names.h"

#include <algorithm>
#include <vector>

#include "dialect/common/render_common.h"
#include "dialect/sqlite/text.h"
#include "dialect/common/sql_tokens.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using common::sqltok::iequals;

// The new name of `name` under `names`, or nullopt.
std::optional<std::string> lookup(const std::map<std::string, std::string>& names,
                                  const std::string& name) {
  for (const auto& [from, to] : names) {
    if (iequals(from, name)) return to;
  }
  return std::nullopt;
}

void rename_all(std::vector<std::string>& columns, const std::map<std::string, std::string>& names) {
  for (std::string& c : columns) {
    if (std::optional<std::string> to = lookup(names, c)) c = *to;
  }
}

bool has_column(const model::Table& table, const std::string& name) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [&](const model::Column& c) { return iequals(c.name, name); });
}

}  // namespace

std::map<std::string, std::string> sqlite_staged_names(
    const model::Table& next, const std::map<std::string, std::string>& renamed) {
  std::map<std::string, std::string> out;
  for (const auto& [original, final_name] : renamed) out[final_name] = original;
  int n = 0;
  for (const model::Column& column : next.columns) {
    if (lookup(out, column.name)) continue;  // a renamed column
    bool reused = std::any_of(renamed.begin(), renamed.end(), [&](const auto& rename) {
      return iequals(rename.first, column.name);
    });
    if (!reused) continue;
    std::string temp;
    do {
      temp = "_strata_col_" + std::to_string(++n);
    } while (has_column(next, temp));
    out[column.name] = temp;
  }
  return out;
}

void sqlite_rename_columns(model::Table& table, const std::map<std::string, std::string>& names) {
  if (names.empty()) return;
  for (model::Column& c : table.columns) {
    if (std::optional<std::string> to = lookup(names, c.name)) c.name = *to;
  }
  if (table.primary_key) rename_all(table.primary_key->columns, names);
  for (model::UniqueConstraint& u : table.uniques) rename_all(u.columns, names);
  for (model::ForeignKey& fk : table.foreign_keys) {
    rename_all(fk.columns, names);
    bool self = iequals(fk.ref_schema.value_or("main"), table.schema.value_or("main")) &&
                iequals(fk.ref_table, table.name);
    if (self) rename_all(fk.ref_columns, names);
  }
  for (model::CheckConstraint& c : table.checks) {
    c.sqltext = sqlite_rename_identifiers(c.sqltext, names);
  }
}

void sqlite_rename_staged_columns(driver::Connection& conn, const std::optional<std::string>& schema,
                                  const std::string& table,
                                  const std::map<std::string, std::string>& staged) {
  // (from, to) in the order they run.
  std::vector<std::pair<std::string, std::string>> steps;
  for (const auto& [final_name, from] : staged) steps.emplace_back(from, final_name);
  bool clash = false;
  for (const auto& [from, to] : steps) {
    for (const auto& [other_from, other_to] : steps) {
      if (iequals(to, other_from)) clash = true;  // itself too: a change of case
    }
  }
  if (clash) {
    std::vector<std::pair<std::string, std::string>> two_phase;
    for (size_t i = 0; i < steps.size(); ++i) {
      two_phase.emplace_back(steps[i].first, "_strata_rename_" + std::to_string(i));
    }
    for (size_t i = 0; i < steps.size(); ++i) {
      two_phase.emplace_back("_strata_rename_" + std::to_string(i), steps[i].second);
    }
    steps = std::move(two_phase);
  }
  const std::string qualified =
      schema ? common::double_quote(*schema) + "." + common::double_quote(table)
             : common::double_quote(table);
  conn.execute("PRAGMA legacy_alter_table = OFF");
  for (const auto& [from, to] : steps) {
    try {
      conn.execute("ALTER TABLE " + qualified + " RENAME COLUMN " + common::double_quote(from) +
                   " TO " + common::double_quote(to));
    } catch (const Error& e) {
      throw Error(ErrorCode::kDatabase,
                  "renaming column " + from + " to " + to + " failed: " + e.message());
    }
  }
}

}  // namespace strata::dialect::sqlite
