// SQLite ops applied against the live catalog (see live.h).
#include "dialect/sqlite/live.h"

#include <algorithm>
#include <variant>

#include "dialect/common/render_common.h"
#include "dialect/sqlite/dialect.h"
#include "dialect/sqlite/rebuild/rebuild.h"
#include "dialect/sqlite/reflect.h"
#include "dialect/sqlite/rebuild/table_edit.h"
#include "dialect/sqlite/text.h"
#include "dialect/common/sql_tokens.h"
#include "driver/savepoint.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using common::sqltok::iequals;

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : "";
}

void run(const SqliteDialect& d, driver::Connection& conn, const ops::Op& op) {
  for (const std::string& sql : d.render(op)) conn.execute(sql);
}

bool has_column(const model::Table& table, const std::string& name) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [&](const model::Column& c) { return iequals(c.name, name); });
}

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return iequals(n, name); });
}

bool index_names(const model::Index& index, const std::string& column) {
  for (const model::IndexElement& e : index.elements) {
    if (e.is_expression ? sqlite_sql_mentions(e.text, column) : iequals(e.text, column)) {
      return true;
    }
  }
  return index.where && sqlite_sql_mentions(*index.where, column);
}

// Is the column in a constraint or an index (which ALTER TABLE DROP COLUMN
// refuses)?
bool constrained(const model::Table& table, const std::vector<model::Index>& indexes,
                 const std::string& column) {
  for (const model::Column& c : table.columns) {
    if (iequals(c.name, column) && c.unique) return true;
  }
  if (table.primary_key && lists(table.primary_key->columns, column)) return true;
  for (const model::UniqueConstraint& u : table.uniques) {
    if (lists(u.columns, column)) return true;
  }
  for (const model::ForeignKey& fk : table.foreign_keys) {
    if (lists(fk.columns, column)) return true;
    if (iequals(fk.ref_table, table.name) && lists(fk.ref_columns, column)) return true;
  }
  for (const model::CheckConstraint& c : table.checks) {
    if (sqlite_sql_mentions(c.sqltext, column)) return true;
  }
  return std::any_of(indexes.begin(), indexes.end(),
                     [&](const model::Index& ix) { return index_names(ix, column); });
}

// One change of a batch made the way ALTER TABLE makes it, asking the
// catalog where the op's if_[not_]exists needs it.
void apply_native(const SqliteDialect& d, driver::Connection& conn,
                  const std::optional<std::string>& schema, const std::string& table,
                  const ops::TableOp& change) {
  if (const auto* add = std::get_if<ops::AddColumn>(&change); add && add->if_not_exists) {
    if (has_column(reflect_sqlite_table(conn, schema, table), add->column.name)) return;
    ops::AddColumn plain = *add;
    plain.if_not_exists = false;
    return run(d, conn, plain);
  }
  if (const auto* drop = std::get_if<ops::DropColumn>(&change); drop && drop->if_exists) {
    if (!has_column(reflect_sqlite_table(conn, schema, table), drop->column)) return;
    ops::DropColumn plain = *drop;
    plain.if_exists = false;
    return run(d, conn, plain);
  }
  run(d, conn, ops::to_op(change));
}

// ALL `changes` by one rebuild; index drops before it, creates after it.
void rebuild_with(const SqliteDialect& d, driver::Connection& conn,
                  const std::optional<std::string>& schema, const std::string& table,
                  const std::vector<ops::TableOp>& changes) {
  model::Table old = reflect_sqlite_table(conn, schema, table);
  SqliteTableEdit edit(old);
  std::vector<ops::DropIndex> drop_first;
  std::vector<ops::CreateIndex> create_after;
  for (const ops::TableOp& change : changes) {
    if (const auto* create = std::get_if<ops::CreateIndex>(&change)) {
      create_after.push_back(*create);
    } else if (const auto* drop = std::get_if<ops::DropIndex>(&change)) {
      auto made = std::find_if(create_after.begin(), create_after.end(),
                               [&](const ops::CreateIndex& c) { return c.index.name == drop->name; });
      if (made != create_after.end()) {
        create_after.erase(made);  // created and dropped by the batch: never made
      } else {
        drop_first.push_back(*drop);
      }
    } else {
      std::visit([&](const auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (!std::is_same_v<T, ops::CreateIndex> && !std::is_same_v<T, ops::DropIndex>) {
          edit.apply(op);
        }
      }, change);
    }
  }
  for (const ops::DropIndex& drop : drop_first) run(d, conn, drop);
  // Indexes of dropped columns go now: a new column re-using the name must
  // not get them back from the rebuild.
  for (const model::Index& ix : reflect_sqlite_indexes(conn, schema, old.name)) {
    bool names_dropped = std::any_of(edit.dropped().begin(), edit.dropped().end(),
                                     [&](const std::string& c) { return index_names(ix, c); });
    if (names_dropped) run(d, conn, ops::DropIndex{.name = ix.name, .schema = schema});
  }
  if (edit.changed()) {
    const model::Table next = edit.table();
    RebuildOptions options = edit.options();
    rebuild_sqlite_table(
        conn, schema, old.name, [&](model::Table& t) { t = next; }, options);
  }
  for (const ops::CreateIndex& create : create_after) run(d, conn, create);
}

void batch(const SqliteDialect& d, driver::Connection& conn, const ops::BatchAlterTable& op) {
  bool recreate = std::any_of(op.ops.begin(), op.ops.end(), sqlite_needs_rebuild);
  bool drops = std::any_of(op.ops.begin(), op.ops.end(), [](const ops::TableOp& change) {
    return std::holds_alternative<ops::DropColumn>(change);
  });
  if (!recreate && drops) {
    // A dropped column that is in a constraint or index needs it too.
    model::Table old = reflect_sqlite_table(conn, op.schema, op.table);
    std::vector<model::Index> indexes = reflect_sqlite_indexes(conn, op.schema, old.name);
    for (const ops::TableOp& change : op.ops) {
      const auto* drop = std::get_if<ops::DropColumn>(&change);
      if (drop && has_column(old, drop->column) && constrained(old, indexes, drop->column)) {
        recreate = true;
      }
    }
  }
  if (recreate) return rebuild_with(d, conn, op.schema, op.table, op.ops);
  for (const ops::TableOp& change : op.ops) apply_native(d, conn, op.schema, op.table, change);
}

void drop_column(const SqliteDialect& d, driver::Connection& conn, const ops::DropColumn& op) {
  model::Table old = reflect_sqlite_table(conn, op.schema, op.table);
  if (!has_column(old, op.column)) {
    if (op.if_exists) return;
    throw Error(ErrorCode::kDatabase, "no such column: " + op.column);
  }
  if (constrained(old, reflect_sqlite_indexes(conn, op.schema, old.name), op.column)) {
    return rebuild_with(d, conn, op.schema, op.table, {op});
  }
  ops::DropColumn plain = op;
  plain.if_exists = false;
  run(d, conn, plain);
}

// The stored CREATE TABLE text edited in place (see the header).
bool rename_constraint_in_text(const SqliteDialect& d, driver::Connection& conn,
                               const ops::RenameConstraint& op) {
  using CKind = SqliteConstraintText::Kind;
  std::optional<CKind> kind;
  switch (op.type) {
    case ops::ConstraintType::kPrimaryKey: kind = CKind::kPrimaryKey; break;
    case ops::ConstraintType::kUnique: kind = CKind::kUnique; break;
    case ops::ConstraintType::kCheck: kind = CKind::kCheck; break;
    case ops::ConstraintType::kForeignKey: kind = CKind::kForeignKey; break;
    case ops::ConstraintType::kUnknown: break;
  }
  const std::string db = common::double_quote(op.schema.value_or("main"));
  const std::string stored = sqlite_table_sql(conn, op.schema, op.table);
  std::optional<std::string> edited =
      sqlite_rename_constraint_text(stored, op.old_name, op.new_name, kind);
  if (!edited) return false;
  // The constraint must exist and the new name be free (the model checks of
  // the rebuild path).
  SqliteTableEdit check(reflect_sqlite_table(conn, op.schema, op.table));
  check.apply(op);
  driver::QueryResult version = conn.query("PRAGMA " + db + ".schema_version");
  const long long next = std::stoll(cell(version.rows.at(0), 0)) + 1;
  driver::Savepoint savepoint(conn, "strata_rename");
  conn.execute("PRAGMA writable_schema = ON");
  try {
    conn.execute("UPDATE " + db + ".sqlite_master SET sql = " + d.literal(*edited) +
                 " WHERE type = 'table' AND name = " + d.literal(check.table().name));
    // The new schema version makes SQLite read the edited definition.
    conn.execute("PRAGMA " + db + ".schema_version = " + std::to_string(next));
  } catch (const Error&) {
    conn.execute("PRAGMA writable_schema = OFF");
    savepoint.rollback();
    return false;  // e.g. SQLITE_DBCONFIG_DEFENSIVE: the rebuild does it
  }
  conn.execute("PRAGMA writable_schema = OFF");
  savepoint.release();
  return true;
}

void rename_constraint(const SqliteDialect& d, driver::Connection& conn,
                       const ops::RenameConstraint& op) {
  if (rename_constraint_in_text(d, conn, op)) return;
  model::Table old = reflect_sqlite_table(conn, op.schema, op.table);
  SqliteTableEdit edit(old);
  edit.apply(op);
  const model::Table next = edit.table();
  rebuild_sqlite_table(conn, op.schema, old.name, [&](model::Table& t) { t = next; });
}

void rename_index(const SqliteDialect& d, driver::Connection& conn, const ops::RenameIndex& op) {
  const std::string db = op.schema.value_or("main");
  driver::QueryResult found =
      conn.query("SELECT name, tbl_name, sql FROM " + common::double_quote(db) +
                 ".sqlite_master WHERE type = 'index' AND name = " + d.literal(op.old_name) +
                 " COLLATE NOCASE");
  if (found.rows.empty()) throw Error(ErrorCode::kDatabase, "no such index: " + db + "." + op.old_name);
  const driver::Row& row = found.rows[0];
  if (!row[2]) {
    throw Error(ErrorCode::kScript, "index " + cell(row, 0) +
                                        " belongs to a UNIQUE or PRIMARY KEY constraint; "
                                        "rename the constraint instead");
  }
  for (model::Index index : reflect_sqlite_indexes(conn, op.schema, cell(row, 1))) {
    if (index.name != cell(row, 0)) continue;
    run(d, conn, ops::DropIndex{.name = index.name, .schema = op.schema});
    index.name = op.new_name;
    index.schema = op.schema;
    return run(d, conn, ops::CreateIndex{index});
  }
  throw Error(ErrorCode::kInternal, "index " + cell(row, 0) + " was not reflected");
}

// The reverse of bulk_insert with the identity the table has: its rowid
// under a name no column shadows, or a WITHOUT ROWID table's primary key.
void bulk_delete(const SqliteDialect& d, driver::Connection& conn, const ops::BulkInsert& op) {
  const SqliteTableText text =
      parse_sqlite_create_table(sqlite_table_sql(conn, op.schema, op.table));
  // table_xinfo(cid, name, type, notnull, dflt_value, pk, hidden)
  driver::QueryResult info = conn.query("PRAGMA " + common::double_quote(op.schema.value_or("main")) +
                                        ".table_xinfo(" + d.literal(op.table) + ")");
  std::vector<std::string> identity;
  if (text.without_rowid) {
    std::vector<std::pair<int, std::string>> key;
    for (const driver::Row& row : info.rows) {
      if (cell(row, 5) != "0") key.emplace_back(std::stoi(cell(row, 5)), d.quote(cell(row, 1)));
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, column] : key) identity.push_back(std::move(column));
  } else {
    for (const char* rowid : {"rowid", "_rowid_", "oid"}) {
      bool taken = std::any_of(info.rows.begin(), info.rows.end(),
                               [&](const driver::Row& row) { return iequals(cell(row, 1), rowid); });
      if (!taken) {
        identity.push_back(rowid);
        break;
      }
    }
  }
  if (identity.empty()) {
    throw Error(ErrorCode::kScript, "table " + op.table +
                                        " has columns named rowid, _rowid_ and oid: its rows "
                                        "cannot be addressed one by one");
  }
  for (const std::string& sql : d.bulk_delete(op, identity)) conn.execute(sql);
}

}  // namespace

bool sqlite_needs_rebuild(const ops::TableOp& op) {
  if (const auto* add = std::get_if<ops::AddColumn>(&op)) {
    return add->column.unique || add->column.primary_key;
  }
  if (const auto* alter = std::get_if<ops::AlterColumn>(&op)) {
    return alter->type || alter->nullable || alter->server_default;
  }
  return std::holds_alternative<ops::AddConstraint>(op) ||
         std::holds_alternative<ops::DropConstraint>(op);
}

bool sqlite_needs_live_catalog(const ops::Op& op) {
  return std::visit(
      [](const auto& o) -> bool {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::AddColumn>) {
          return o.if_not_exists && !sqlite_needs_rebuild(o);
        } else if constexpr (std::is_same_v<T, ops::AlterColumn>) {
          return sqlite_needs_rebuild(o);
        } else if constexpr (std::is_same_v<T, ops::BulkInsert>) {
          return o.delete_rows && !o.rows.empty();
        } else if constexpr (std::is_same_v<T, ops::BatchAlterTable>) {
          return std::any_of(o.ops.begin(), o.ops.end(), [](const ops::TableOp& change) {
            return sqlite_needs_rebuild(change) || sqlite_needs_live_catalog(ops::to_op(change));
          });
        } else {
          return std::is_same_v<T, ops::DropColumn> || std::is_same_v<T, ops::AddConstraint> ||
                 std::is_same_v<T, ops::DropConstraint> ||
                 std::is_same_v<T, ops::RenameConstraint> || std::is_same_v<T, ops::RenameIndex> ||
                 std::is_same_v<T, ops::MoveTable>;
        }
      },
      op);
}

void sqlite_apply_live(const SqliteDialect& d, const ops::Op& op, driver::Connection& conn) {
  try {
    driver::Savepoint savepoint(conn, "strata_live");
    std::visit(
        [&](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, ops::AddColumn>) {
            apply_native(d, conn, o.schema, o.table, o);
          } else if constexpr (std::is_same_v<T, ops::DropColumn>) {
            drop_column(d, conn, o);
          } else if constexpr (std::is_same_v<T, ops::AlterColumn> ||
                               std::is_same_v<T, ops::AddConstraint> ||
                               std::is_same_v<T, ops::DropConstraint>) {
            rebuild_with(d, conn, o.schema, o.table, {o});
          } else if constexpr (std::is_same_v<T, ops::RenameConstraint>) {
            rename_constraint(d, conn, o);
          } else if constexpr (std::is_same_v<T, ops::RenameIndex>) {
            rename_index(d, conn, o);
          } else if constexpr (std::is_same_v<T, ops::MoveTable>) {
            sqlite_move_table(d, o, conn);
          } else if constexpr (std::is_same_v<T, ops::BatchAlterTable>) {
            batch(d, conn, o);
          } else if constexpr (std::is_same_v<T, ops::BulkInsert>) {
            bulk_delete(d, conn, o);
          } else {
            run(d, conn, o);
          }
        },
        op);
    savepoint.release();
  } catch (const Error& e) {  // rolled back by the guard already
    throw Error(e.code(), ops::describe(op) + ": " + e.message());
  }
}

}  // namespace strata::dialect::sqlite
