// SQLite table rebuilds (see sqlite_rebuild.h).
#include "dialect/sqlite_rebuild.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "dialect/dialect.h"
#include "dialect/render_common.h"
#include "dialect/sqlite_reflect.h"
#include "ops/ops.h"
#include "strata/error.h"

namespace strata::dialect {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : "";
}

// A foreign key of another table that references the rebuilt one.
struct ChildKey {
  std::string table;
  int id = 0;
  std::vector<std::string> columns;
  std::string on_delete;
};

class Rebuild {
 public:
  Rebuild(driver::Connection& conn, const std::optional<std::string>& schema,
          const std::string& table, const RebuildOptions& options)
      : conn_(conn),
        schema_(schema),
        db_(schema.value_or("main")),
        table_(table),
        options_(options),
        d_(make_dialect("sqlite", options.main_path)) {}

  void run(const std::function<void(model::Table&)>& change);

 private:
  std::string pragma(std::string_view name, const std::string& arg = "") const {
    return "PRAGMA " + common::double_quote(db_) + "." + std::string(name) +
           (arg.empty() ? "" : "(" + d_->literal(arg) + ")");
  }
  std::string scalar(const std::string& sql) {
    driver::QueryResult r = conn_.query(sql);
    return r.rows.empty() ? "" : cell(r.rows[0], 0);
  }
  std::string where() const { return "rebuild of table " + db_ + "." + table_; }

  // Quoted new column names and the SELECT expressions that fill them.
  using ColumnMapping = std::pair<std::vector<std::string>, std::vector<std::string>>;

  void refuse_unsupported();
  // Steps 2-6 (see the header); throws on failure, leaving the cleanup to run().
  void copy_and_swap(bool fks_on, const ColumnMapping& columns,
                     const std::vector<model::Index>& indexes,
                     const std::vector<std::string>& triggers,
                     const std::vector<ChildKey>& children);
  std::vector<ChildKey> child_keys(const std::string& name);
  void refuse_firing_actions(const std::vector<ChildKey>& children);
  std::optional<std::string> new_name_of(const std::string& old_column) const;
  void recreate_indexes(const std::vector<model::Index>& indexes);
  void check_foreign_keys(const std::vector<ChildKey>& children);
  std::vector<std::string> violations(const std::string& table,
                                      const std::optional<std::string>& parent);

  driver::Connection& conn_;
  std::optional<std::string> schema_;
  std::string db_;
  std::string table_;
  const RebuildOptions& options_;
  std::unique_ptr<Dialect> d_;
  model::Table old_;
  model::Table next_;
};

void Rebuild::refuse_unsupported() {
  SqliteTableText text = parse_sqlite_create_table(sqlite_table_sql(conn_, schema_, table_));
  auto refuse = [&](const std::string& what) {
    throw Error(ErrorCode::kScript, where() + ": " + what + " is not supported");
  };
  if (text.without_rowid) refuse("a WITHOUT ROWID table");
  if (text.strict) refuse("a STRICT table");
  if (text.autoincrement) refuse("a table with AUTOINCREMENT");
  for (const SqliteColumnText& c : text.columns) {
    if (c.generated) refuse("a table with a generated column (\"" + c.name + "\")");
  }
}

std::vector<ChildKey> Rebuild::child_keys(const std::string& name) {
  std::vector<ChildKey> out;
  driver::QueryResult tables =
      conn_.query("SELECT name FROM " + common::double_quote(db_) +
                  ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                  "ORDER BY name");
  for (const driver::Row& t : tables.rows) {
    std::string child = cell(t, 0);
    if (iequals(child, name)) continue;
    for (const driver::Row& row : conn_.query(pragma("foreign_key_list", child)).rows) {
      if (!iequals(cell(row, 2), name)) continue;
      int id = std::stoi(cell(row, 0));
      if (out.empty() || out.back().table != child || out.back().id != id) {
        out.push_back(ChildKey{child, id, {}, cell(row, 6)});
      }
      out.back().columns.push_back(cell(row, 3));
    }
  }
  return out;
}

void Rebuild::refuse_firing_actions(const std::vector<ChildKey>& children) {
  for (const ChildKey& child : children) {
    if (child.on_delete == "NO ACTION") continue;
    std::vector<std::string> conditions;
    for (const std::string& c : child.columns) conditions.push_back(d_->quote(c) + " IS NOT NULL");
    std::string any = scalar("SELECT 1 FROM " + d_->qualify(schema_, child.table) + " WHERE " +
                             common::join(conditions, " AND ") + " LIMIT 1");
    if (any.empty()) continue;
    throw Error(ErrorCode::kDatabase,
                where() + " refused: PRAGMA foreign_keys is ON and table " + child.table +
                    " references it with ON DELETE " + child.on_delete +
                    ", which the rebuild's DROP TABLE would fire on its rows; run "
                    "PRAGMA foreign_keys=OFF outside the transaction first");
  }
}

std::optional<std::string> Rebuild::new_name_of(const std::string& old_column) const {
  std::string target = old_column;
  for (const auto& [from, to] : options_.renamed) {
    if (iequals(from, old_column)) target = to;
  }
  for (const model::Column& c : next_.columns) {
    if (iequals(c.name, target)) return c.name;
  }
  return std::nullopt;
}

void Rebuild::recreate_indexes(const std::vector<model::Index>& indexes) {
  for (model::Index index : indexes) {
    bool keep = true;
    for (model::IndexElement& e : index.elements) {
      if (e.is_expression) continue;
      bool was_column =
          std::any_of(old_.columns.begin(), old_.columns.end(),
                      [&](const model::Column& c) { return iequals(c.name, e.text); });
      if (!was_column) continue;  // rowid and the like
      std::optional<std::string> now = new_name_of(e.text);
      if (!now) {
        keep = false;  // its column was dropped
        break;
      }
      e.text = *now;
    }
    if (!keep) continue;
    index.schema = schema_;
    index.table = table_;
    for (const std::string& sql : d_->render(ops::CreateIndex{index, false})) {
      try {
        conn_.execute(sql);
      } catch (const Error& e) {
        throw Error(ErrorCode::kDatabase,
                    where() + ": cannot re-create index " + index.name + ": " + e.message());
      }
    }
  }
}

// "<table> rowid N (cols) -> parent" for each violation of `table`'s keys
// (only those referencing `parent` when set).
std::vector<std::string> Rebuild::violations(const std::string& table,
                                             const std::optional<std::string>& parent) {
  std::vector<std::string> out;
  driver::QueryResult rows;
  try {
    rows = conn_.query(pragma("foreign_key_check", table));
  } catch (const Error& e) {
    throw Error(ErrorCode::kDatabase, where() + ": foreign key check failed: " + e.message());
  }
  driver::QueryResult keys;
  if (!rows.rows.empty()) keys = conn_.query(pragma("foreign_key_list", table));
  for (const driver::Row& row : rows.rows) {  // table, rowid, parent, fkid
    if (parent && !iequals(cell(row, 2), *parent)) continue;
    std::vector<std::string> columns;
    for (const driver::Row& k : keys.rows) {
      if (cell(k, 0) == cell(row, 3)) columns.push_back(cell(k, 3));
    }
    out.push_back(cell(row, 0) + " rowid " + (row[1] ? *row[1] : "NULL") + " (" +
                  common::join(columns, ", ") + ") has no parent row in " + cell(row, 2));
  }
  return out;
}

void Rebuild::check_foreign_keys(const std::vector<ChildKey>& children) {
  std::vector<std::string> found = violations(table_, std::nullopt);
  std::vector<std::string> checked;
  for (const ChildKey& child : children) {
    if (std::find(checked.begin(), checked.end(), child.table) != checked.end()) continue;
    checked.push_back(child.table);
    for (std::string& v : violations(child.table, table_)) found.push_back(std::move(v));
  }
  if (found.empty()) return;
  std::string message = where() + " violates foreign keys (" + std::to_string(found.size()) +
                        " row" + (found.size() == 1 ? "" : "s") + "): ";
  for (size_t i = 0; i < found.size() && i < 10; ++i) message += (i ? "; " : "") + found[i];
  if (found.size() > 10) message += "; ...";
  throw Error(ErrorCode::kDatabase, message);
}

void Rebuild::run(const std::function<void(model::Table&)>& change) {
  if (!conn_.in_transaction()) {
    throw Error(ErrorCode::kInternal, where() + " must run inside a transaction");
  }
  refuse_unsupported();
  old_ = reflect_sqlite_table(conn_, schema_, table_);
  table_ = old_.name;  // the stored spelling
  std::vector<model::Index> indexes = reflect_sqlite_indexes(conn_, schema_, table_);
  std::vector<std::string> triggers = reflect_sqlite_triggers(conn_, schema_, table_);
  next_ = old_;
  change(next_);
  if (!iequals(next_.name, table_) || next_.schema != schema_) {
    throw Error(ErrorCode::kScript, where() + ": the change must not rename or move the table");
  }
  next_.name = table_;
  if (next_.columns.empty()) throw Error(ErrorCode::kScript, where() + ": no columns left");
  auto has = [](const model::Table& t, const std::string& name) {
    return std::any_of(t.columns.begin(), t.columns.end(),
                       [&](const model::Column& c) { return iequals(c.name, name); });
  };
  for (const auto& [from, to] : options_.renamed) {
    if (!has(old_, from)) {
      throw Error(ErrorCode::kScript, where() + ": renamed column " + from + " does not exist");
    }
    if (!has(next_, to)) {
      throw Error(ErrorCode::kScript,
                  where() + ": " + from + " is renamed to " + to + ", a column the change lacks");
    }
  }
  for (const auto& [column, expression] : options_.fill) {
    if (!has(next_, column)) {
      throw Error(ErrorCode::kScript, where() + ": fill for unknown column " + column);
    }
  }

  // new column ← expression over the old table.
  ColumnMapping columns;
  auto& [targets, sources] = columns;
  for (const model::Column& column : next_.columns) {
    auto fill = options_.fill.find(column.name);
    if (fill != options_.fill.end()) {
      targets.push_back(d_->quote(column.name));
      sources.push_back(fill->second);
      continue;
    }
    for (const model::Column& old : old_.columns) {
      std::optional<std::string> now = new_name_of(old.name);
      if (now && *now == column.name) {
        targets.push_back(d_->quote(column.name));
        sources.push_back(d_->quote(old.name));
        break;
      }
    }
  }

  if (targets.empty()) {  // INSERT ... SELECT would copy nothing: every row would be lost
    throw Error(ErrorCode::kScript,
                where() + ": no column of the new table takes its values from the old one");
  }
  const bool fks_on = scalar("PRAGMA foreign_keys") == "1";
  std::vector<ChildKey> children = child_keys(table_);
  if (fks_on) refuse_firing_actions(children);
  const std::string defer_before = scalar("PRAGMA defer_foreign_keys");
  const std::string legacy_before = scalar("PRAGMA legacy_alter_table");
  auto restore = [&](std::string_view pragma, const std::string& before) {
    conn_.execute("PRAGMA " + std::string(pragma) + " = " + (before == "1" ? "ON" : "OFF"));
  };
  // Everything from here on is undone on failure, so the caller's
  // transaction stays usable with the original table.
  conn_.execute("SAVEPOINT strata_rebuild");
  try {
    copy_and_swap(fks_on, columns, indexes, triggers, children);
    conn_.execute("RELEASE strata_rebuild");
  } catch (...) {
    try {
      conn_.execute("ROLLBACK TO strata_rebuild");  // restores the FK counters too
      conn_.execute("RELEASE strata_rebuild");
      restore("legacy_alter_table", legacy_before);
      restore("defer_foreign_keys", defer_before);
    } catch (...) {
    }
    throw;
  }
  restore("legacy_alter_table", legacy_before);
  if (fks_on) {
    // The check passed: clear the counter of the rows DROP TABLE orphaned
    // for a moment (defer_foreign_keys OFF resets it). If the caller had
    // deferral on, its own pending violations are in the same counter:
    // clear it only when no schema has any.
    if (defer_before == "1") {
      for (const driver::Row& db : conn_.query("PRAGMA database_list").rows) {
        if (!conn_.query("PRAGMA " + common::double_quote(cell(db, 1)) + ".foreign_key_check")
                 .rows.empty()) {
          return;
        }
      }
    }
    conn_.execute("PRAGMA defer_foreign_keys = OFF");
    if (defer_before == "1") conn_.execute("PRAGMA defer_foreign_keys = ON");
  }
}

void Rebuild::copy_and_swap(bool fks_on, const ColumnMapping& columns,
                            const std::vector<model::Index>& indexes,
                            const std::vector<std::string>& triggers,
                            const std::vector<ChildKey>& children) {
  const auto& [targets, sources] = columns;
  const std::string tmp_name = "_strata_tmp_" + table_;
  model::Table tmp = next_;
  tmp.name = tmp_name;
  if (fks_on) {
    conn_.execute("PRAGMA defer_foreign_keys = ON");
    // Self-references point at tmp, so DROP TABLE's implicit DELETE of the old
    // table cannot reach tmp's rows; the RENAME rewrites them.
    for (model::ForeignKey& fk : tmp.foreign_keys) {
      if (fk.ref_schema == schema_ && iequals(fk.ref_table, table_)) fk.ref_table = tmp_name;
    }
  }

  const std::string qtable = d_->qualify(schema_, table_);
  const std::string qtmp = d_->qualify(schema_, tmp_name);
  for (const std::string& sql : d_->render(ops::CreateTable{tmp, false})) conn_.execute(sql);
  {
    try {
      conn_.execute("INSERT INTO " + qtmp + " (" + common::join(targets, ", ") + ") SELECT " +
                    common::join(sources, ", ") + " FROM " + qtable);
    } catch (const Error& e) {
      throw Error(ErrorCode::kDatabase, where() + ": copying the rows failed: " + e.message());
    }
  }
  conn_.execute("DROP TABLE " + qtable);
  conn_.execute("PRAGMA legacy_alter_table = ON");
  conn_.execute("ALTER TABLE " + qtmp + " RENAME TO " + d_->quote(table_));

  recreate_indexes(indexes);
  for (const std::string& sql : triggers) {
    try {
      conn_.execute(sql);
    } catch (const Error& e) {
      throw Error(ErrorCode::kDatabase, where() + ": cannot re-create trigger: " + e.message());
    }
  }
  check_foreign_keys(children);
}

}  // namespace

void rebuild_sqlite_table(driver::Connection& conn, const std::optional<std::string>& schema,
                          const std::string& table,
                          const std::function<void(model::Table&)>& change,
                          const RebuildOptions& options) {
  Rebuild(conn, schema, table, options).run(change);
}

}  // namespace strata::dialect
