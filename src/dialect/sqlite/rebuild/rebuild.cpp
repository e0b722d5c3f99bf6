// SQLite table rebuilds (see rebuild.h).
#include "dialect/sqlite/rebuild/rebuild.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <vector>

#include "dialect/dialect.h"
#include "dialect/common/render_common.h"
#include "dialect/sqlite/rebuild/fk.h"
#include "dialect/sqlite/rebuild/names.h"
#include "dialect/sqlite/reflect.h"
#include "dialect/sqlite/text.h"
#include "dialect/common/sql_tokens.h"
#include "driver/savepoint.h"
#include "ops/ops.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using common::sqltok::iequals;

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : "";
}

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
  std::string scalar(const std::string& sql) {
    driver::QueryResult r = conn_.query(sql);
    return r.rows.empty() ? "" : cell(r.rows[0], 0);
  }
  std::string where() const { return "rebuild of table " + db_ + "." + table_; }

  // Quoted new column names and the SELECT expressions that fill them.
  using ColumnMapping = std::pair<std::vector<std::string>, std::vector<std::string>>;

  void refuse_unsupported();
  // The key column AUTOINCREMENT goes on in build_ (nullopt: the table has
  // none); Error(kScript) when the change leaves no INTEGER PRIMARY KEY.
  std::optional<std::string> autoincrement_key();
  // CREATE TABLE of `tmp`, with AUTOINCREMENT on `key` when set.
  std::string create_sql(const model::Table& tmp, const std::optional<std::string>& key);
  // The AUTOINCREMENT position `seq` (of the old table) carried to the new.
  void carry_sequence(const std::optional<std::string>& seq, const std::string& tmp_name);
  // Steps 2-6 (see the header); throws on failure, leaving the cleanup to run().
  void copy_and_swap(bool fks_on, const ColumnMapping& columns,
                     const std::vector<model::Index>& indexes,
                     const std::vector<std::string>& triggers,
                     const std::vector<SqliteChildKey>& children);
  void refuse_firing_actions(const std::vector<SqliteChildKey>& children);
  std::optional<std::string> new_name_of(const std::string& old_column) const;
  void recreate_indexes(const std::vector<model::Index>& indexes);
  void check_foreign_keys(const std::vector<SqliteChildKey>& children);
  // The views of the table's database (and temp) that name it and work now.
  std::vector<std::string> working_views();
  void check_views(const std::vector<std::string>& views);
  bool view_works(const std::string& qualified_view);

  driver::Connection& conn_;
  std::optional<std::string> schema_;
  std::string db_;
  std::string table_;
  const RebuildOptions& options_;
  std::unique_ptr<Dialect> d_;
  model::Table old_;
  model::Table next_;
  // final → staged column names (sqlite_rebuild_names.h), and next_ made
  // under the staged names: the table the copy creates.
  std::map<std::string, std::string> staged_;
  model::Table build_;
  bool autoincrement_ = false;  // the stored table has AUTOINCREMENT
};

// The constraint an ON CONFLICT clause at token `on` belongs to.
std::string conflict_owner(const std::vector<common::sqltok::Token>& t, size_t on) {
  size_t i = on;
  if (i > 0 && common::sqltok::is_punct(t[i - 1], ')')) {  // table-level: PRIMARY KEY (..) / UNIQUE (..)
    int depth = 0;
    while (i-- > 0) {
      if (common::sqltok::is_punct(t[i], ')')) ++depth;
      if (common::sqltok::is_punct(t[i], '(') && --depth == 0) break;
    }
  }
  if (i == 0) return "a constraint";
  const common::sqltok::Token& before = t[i - 1];
  if (common::sqltok::is_word(before, "NULL")) return "NOT NULL";
  if (common::sqltok::is_word(before, "UNIQUE")) return "UNIQUE";
  if (common::sqltok::is_any(before, {"KEY", "ASC", "DESC"})) return "PRIMARY KEY";
  return "a constraint";
}

void Rebuild::refuse_unsupported() {
  const std::string stored = sqlite_table_sql(conn_, schema_, table_);
  SqliteTableText text = parse_sqlite_create_table(stored);
  auto refuse = [&](const std::string& what) {
    throw Error(ErrorCode::kScript, where() + ": " + what + " is not supported");
  };
  if (text.without_rowid) refuse("a WITHOUT ROWID table");
  if (text.strict) refuse("a STRICT table");
  for (const SqliteColumnText& c : text.columns) {
    if (c.generated) refuse("a table with a generated column (\"" + c.name + "\")");
  }
  // The model has no place for a conflict clause: a rebuild would drop it.
  std::vector<common::sqltok::Token> t = common::sqltok::tokenize(stored);
  for (size_t i = 0; i + 2 < t.size(); ++i) {
    if (common::sqltok::is_word(t[i], "ON") && common::sqltok::is_word(t[i + 1], "CONFLICT")) {
      std::string action = t[i + 2].text;
      for (char& c : action) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      refuse(conflict_owner(t, i) + " with ON CONFLICT " + action +
             " (a rebuild would lose the clause)");
    }
  }
  autoincrement_ = text.autoincrement;
}

std::optional<std::string> Rebuild::autoincrement_key() {
  if (!autoincrement_) return std::nullopt;
  std::vector<std::string> key = common::primary_key_columns(build_);
  for (const model::Column& c : build_.columns) {
    if (key.size() == 1 && c.name == key[0] && common::is_autoincrement(build_, c)) return c.name;
  }
  throw Error(ErrorCode::kScript,
              where() + ": the table has AUTOINCREMENT, which needs an INTEGER PRIMARY KEY "
                        "column, and the change leaves none");
}

void Rebuild::refuse_firing_actions(const std::vector<SqliteChildKey>& children) {
  for (const SqliteChildKey& child : children) {
    if (child.on_delete == "NO ACTION") continue;
    if (!sqlite_child_has_keyed_rows(conn_, schema_, child)) continue;
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
  // Old columns without a counterpart. The others are in the table under
  // their old names until the renames that follow the indexes.
  std::vector<std::string> dropped;
  for (const model::Column& c : old_.columns) {
    if (!new_name_of(c.name)) dropped.push_back(c.name);
  }
  auto names_dropped = [&](const std::string& sql) {
    return std::any_of(dropped.begin(), dropped.end(),
                       [&](const std::string& c) { return sqlite_sql_mentions(sql, c); });
  };
  for (model::Index index : indexes) {
    bool keep = true;
    for (model::IndexElement& e : index.elements) {
      if (e.is_expression) {
        if (names_dropped(e.text)) keep = false;
        continue;
      }
      bool was_column =
          std::any_of(old_.columns.begin(), old_.columns.end(),
                      [&](const model::Column& c) { return iequals(c.name, e.text); });
      if (was_column && !new_name_of(e.text)) keep = false;  // its column was dropped
    }
    if (index.where && names_dropped(*index.where)) keep = false;
    if (!keep) continue;  // it indexed a dropped column: gone with it
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

void Rebuild::check_foreign_keys(const std::vector<SqliteChildKey>& children) {
  std::vector<std::string> found = sqlite_fk_violations(conn_, schema_, table_, std::nullopt);
  std::vector<std::string> checked;
  for (const SqliteChildKey& child : children) {
    if (std::find(checked.begin(), checked.end(), child.table) != checked.end()) continue;
    checked.push_back(child.table);
    for (std::string& v : sqlite_fk_violations(conn_, schema_, child.table, table_)) {
      found.push_back(std::move(v));
    }
  }
  sqlite_throw_fk_violations(where(), found);
}

std::string Rebuild::create_sql(const model::Table& tmp, const std::optional<std::string>& key) {
  std::vector<std::string> sql = d_->render(ops::CreateTable{tmp, false});
  if (sql.size() != 1) throw Error(ErrorCode::kInternal, where() + ": unexpected CREATE TABLE");
  if (!key) return sql[0];
  // SQLite's table-level form: PRIMARY KEY ("id" AUTOINCREMENT).
  const std::string plain = "PRIMARY KEY (" + d_->quote(*key) + ")";
  size_t at = sql[0].find(plain);
  if (at == std::string::npos) {
    throw Error(ErrorCode::kInternal, where() + ": no PRIMARY KEY clause for AUTOINCREMENT");
  }
  return sql[0].replace(at, plain.size(),
                        "PRIMARY KEY (" + d_->quote(*key) + " AUTOINCREMENT)");
}

void Rebuild::carry_sequence(const std::optional<std::string>& seq, const std::string& tmp_name) {
  if (!autoincrement_) return;
  // The copy numbered the new table up to its largest key; the old position
  // may be higher (rows deleted at the end): keep the larger.
  const std::string sequence = common::double_quote(db_) + ".sqlite_sequence";
  const std::string names = " WHERE name IN (" + d_->literal(table_) + ", " +
                            d_->literal(tmp_name) + ")";
  const std::string copied = scalar("SELECT max(seq) FROM " + sequence + names);
  if (!seq && copied.empty()) return;
  long long position = seq ? std::stoll(*seq) : 0;
  if (!copied.empty()) position = std::max(position, std::stoll(copied));
  conn_.execute("DELETE FROM " + sequence + names);
  conn_.execute("INSERT INTO " + sequence + " (name, seq) VALUES (" + d_->literal(table_) + ", " +
                std::to_string(position) + ")");
}

bool Rebuild::view_works(const std::string& qualified_view) {
  try {
    conn_.query("SELECT * FROM " + qualified_view + " LIMIT 0");
    return true;
  } catch (const Error&) {
    return false;
  }
}

std::vector<std::string> Rebuild::working_views() {
  std::vector<std::string> out;
  for (const std::string& db : {db_, std::string("temp")}) {
    driver::QueryResult views =
        conn_.query("SELECT name, sql FROM " + common::double_quote(db) +
                    ".sqlite_master WHERE type = 'view' ORDER BY name");
    for (const driver::Row& row : views.rows) {
      if (!sqlite_sql_mentions(cell(row, 1), table_)) continue;
      std::string view = common::double_quote(db) + "." + common::double_quote(cell(row, 0));
      if (view_works(view)) out.push_back(std::move(view));
    }
  }
  return out;
}

void Rebuild::check_views(const std::vector<std::string>& views) {
  for (const std::string& view : views) {
    try {
      conn_.query("SELECT * FROM " + view + " LIMIT 0");
    } catch (const Error& e) {
      throw Error(ErrorCode::kDatabase,
                  where() + ": view " + view + " would stop working: " + e.message());
    }
  }
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

  // Renamed columns are built under their old names and renamed last.
  staged_ = sqlite_staged_names(next_, options_.renamed);
  build_ = next_;
  sqlite_rename_columns(build_, staged_);
  autoincrement_key();  // refuses before anything changes
  auto staged = [&](const std::string& name) {
    auto it = staged_.find(name);
    return it == staged_.end() ? name : it->second;
  };

  // new column (its staged name) ← expression over the old table.
  ColumnMapping columns;
  auto& [targets, sources] = columns;
  for (const model::Column& column : next_.columns) {
    auto fill = options_.fill.find(column.name);
    if (fill != options_.fill.end()) {
      targets.push_back(d_->quote(staged(column.name)));
      sources.push_back(fill->second);
      continue;
    }
    for (const model::Column& old : old_.columns) {
      std::optional<std::string> now = new_name_of(old.name);
      if (now && *now == column.name) {
        targets.push_back(d_->quote(staged(column.name)));
        sources.push_back(d_->quote(old.name));
        break;
      }
    }
  }

  if (targets.empty()) {  // INSERT ... SELECT would copy nothing: every row would be lost
    throw Error(ErrorCode::kScript,
                where() + ": no column of the new table takes its values from the old one");
  }
  const std::vector<std::string> views = working_views();
  SqliteFkDeferral deferral(conn_);
  std::vector<SqliteChildKey> children = sqlite_child_keys(conn_, schema_, table_);
  if (deferral.foreign_keys_on()) refuse_firing_actions(children);
  const std::string legacy_before = scalar("PRAGMA legacy_alter_table");
  auto restore_legacy = [&] {
    conn_.execute(std::string("PRAGMA legacy_alter_table = ") +
                  (legacy_before == "1" ? "ON" : "OFF"));
  };
  // Everything from here on is undone on failure, so the caller's
  // transaction stays usable with the original table: the savepoint's
  // rollback restores the FK counters too, its hook puts the PRAGMAs back.
  {
    driver::Savepoint savepoint(conn_, "strata_rebuild", [&] {
      restore_legacy();
      deferral.restore();
    });
    deferral.defer();
    copy_and_swap(deferral.foreign_keys_on(), columns, indexes, triggers, children);
    check_views(views);
    savepoint.release();
  }
  restore_legacy();
  // The check passed: clear the counter of the rows DROP TABLE orphaned for
  // a moment.
  deferral.cleared();
}

void Rebuild::copy_and_swap(bool fks_on, const ColumnMapping& columns,
                            const std::vector<model::Index>& indexes,
                            const std::vector<std::string>& triggers,
                            const std::vector<SqliteChildKey>& children) {
  const auto& [targets, sources] = columns;
  const std::string tmp_name = "_strata_tmp_" + table_;
  model::Table tmp = build_;
  tmp.name = tmp_name;
  if (fks_on) {
    // Self-references point at tmp, so DROP TABLE's implicit DELETE of the old
    // table cannot reach tmp's rows; the RENAME rewrites them.
    for (model::ForeignKey& fk : tmp.foreign_keys) {
      if (fk.ref_schema == schema_ && iequals(fk.ref_table, table_)) fk.ref_table = tmp_name;
    }
  }

  const std::string qtable = d_->qualify(schema_, table_);
  const std::string qtmp = d_->qualify(schema_, tmp_name);
  const std::string sequence = common::double_quote(db_) + ".sqlite_sequence";
  std::optional<std::string> seq;
  if (autoincrement_) {
    driver::QueryResult r =
        conn_.query("SELECT seq FROM " + sequence + " WHERE name = " + d_->literal(table_));
    if (!r.rows.empty() && r.rows[0][0]) seq = *r.rows[0][0];
  }
  conn_.execute(create_sql(tmp, autoincrement_key()));
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
  carry_sequence(seq, tmp_name);

  recreate_indexes(indexes);
  for (const std::string& sql : triggers) {
    try {
      conn_.execute(sql);
    } catch (const Error& e) {
      throw Error(ErrorCode::kDatabase, where() + ": cannot re-create trigger: " + e.message());
    }
  }
  if (!staged_.empty()) {
    try {
      sqlite_rename_staged_columns(conn_, schema_, table_, staged_);
    } catch (const Error& e) {
      throw Error(e.code(), where() + ": " + e.message());
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

}  // namespace strata::dialect::sqlite
