// MySQL dialect: MysqlLiveApplier (live.h), the ops applied against the
// live catalog (see MysqlDialect's contract). Reads go through the inspector
// (mysql::inspect_tables: the table as a model::Table, the one reading of
// the catalog); every change goes through conn.execute().
//
// Constraint names are compared the way the server compares them in
// information_schema (ASCII case ignored); tables are found as
// mysql::find_table finds them, and an unset schema is the connection's
// database.
#include <algorithm>
#include <cctype>
#include <variant>

#include "dialect/mysql/live.h"

#include "dialect/mysql/inspect.h"
#include "dialect/mysql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

using ops::ConstraintType;

// The table a constraint op works on, as the inspector reads it.
struct TableRef {
  std::optional<std::string> schema;  // unset: the connection's database
  std::string table;                  // as the script named it
  std::string display;                // schema.table as the script named it
};

TableRef table_ref(const std::optional<std::string>& schema, const std::string& table) {
  return {schema, table, schema ? *schema + "." + table : table};
}

// The table as mysql::inspect_tables reads it (one reading of the catalog:
// the inspector's), with its indexes; the table is empty (no name) when it
// does not exist.
struct Inspected {
  model::Table table;
  std::vector<model::Index> indexes;
};

Inspected inspect_table(driver::Connection& conn, const TableRef& t) {
  model::Catalog catalog = mysql::inspect_tables(conn, {{t.schema, t.table}});
  const model::Table* table = mysql::find_table(catalog, t.schema, t.table);
  if (!table) return {};
  Inspected out{*table, {}};
  for (model::Index& ix : catalog.indexes) {
    if (ix.schema == table->schema && ix.table == table->name) out.indexes.push_back(std::move(ix));
  }
  return out;
}

// Whether a constraint name equals `name` as information_schema compares
// them (ASCII case ignored).
bool same_name(const std::optional<std::string>& a, const std::string& name) {
  if (!a || a->size() != name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>((*a)[i])) !=
        std::tolower(static_cast<unsigned char>(name[i]))) {
      return false;
    }
  }
  return true;
}

const char* type_name(ConstraintType type) {
  switch (type) {
    case ConstraintType::kPrimaryKey: return "PRIMARY KEY";
    case ConstraintType::kUnique: return "UNIQUE";
    case ConstraintType::kForeignKey: return "FOREIGN KEY";
    case ConstraintType::kCheck: return "CHECK";
    default: return "?";
  }
}

// The type of constraint `name` on the table; nullopt when there is none.
// Throws Error(kScript) when several constraints of different kinds share
// the name (a unique index and a foreign key may). The kinds, as
// information_schema.TABLE_CONSTRAINTS lists them: the primary key (named
// PRIMARY), unique constraints and unique indexes, foreign keys, checks
// (MariaDB's column checks included, JSON's json_valid too).
std::optional<ConstraintType> find_constraint(driver::Connection& conn, const ops::Op& op,
                                              const TableRef& t, const std::string& name) {
  const Inspected inspected = inspect_table(conn, t);
  const model::Table& table = inspected.table;
  std::vector<ConstraintType> found;
  if (table.primary_key && same_name(std::string("PRIMARY"), name)) {
    found.push_back(ConstraintType::kPrimaryKey);
  }
  for (const auto& u : table.uniques) {
    if (same_name(u.name, name)) found.push_back(ConstraintType::kUnique);
  }
  for (const auto& fk : table.foreign_keys) {
    if (same_name(fk.name, name)) found.push_back(ConstraintType::kForeignKey);
  }
  bool check = false;
  for (const auto& ck : table.checks) check = check || same_name(ck.name, name);
  for (const auto& c : table.columns) check = check || (c.reflected_check && same_name(c.name, name));
  if (check) found.push_back(ConstraintType::kCheck);
  for (const model::Index& ix : inspected.indexes) {  // a unique index with a prefix or DESC
    if (ix.unique && same_name(ix.name, name)) found.push_back(ConstraintType::kUnique);
  }
  if (found.empty()) return std::nullopt;
  if (found.size() > 1) {
    std::vector<std::string> kinds;
    for (ConstraintType type : found) kinds.push_back(type_name(type));
    throw Error(ErrorCode::kScript, ops::describe(op) + ": table " + t.display +
                                        " has several constraints named '" + name + "' (" +
                                        common::join(kinds, ", ") + "); pass type_");
  }
  return found.front();
}

[[noreturn]] void no_constraint(const ops::Op& op, const TableRef& t, const std::string& name) {
  throw Error(ErrorCode::kDatabase,
              ops::describe(op) + ": table " + t.display + " has no constraint named '" + name +
                  "' (a primary key is always named PRIMARY on MySQL/MariaDB: pass type_ = "
                  "\"primary\" for it)");
}

bool has_primary_key(driver::Connection& conn, const TableRef& t) {
  return inspect_table(conn, t).table.primary_key.has_value();
}

// The foreign key `name` of the table as the inspector reads it, renamed.
// Its actions are restated when they are not the default (RESTRICT, which
// InnoDB does not tell from NO ACTION).
model::ForeignKey read_foreign_key(driver::Connection& conn, const ops::Op& op, const TableRef& t,
                                   const std::string& name, const std::string& new_name) {
  const model::Table table = inspect_table(conn, t).table;
  for (const model::ForeignKey& fk : table.foreign_keys) {
    if (!same_name(fk.name, name)) continue;
    model::ForeignKey renamed = fk;
    renamed.name = new_name;
    return renamed;
  }
  no_constraint(op, t, name);
}

// The expression of check `name` on the table. MariaDB lists checks per
// table and marks those written in a column definition (LEVEL = 'Column',
// Column::reflected_check), which cannot be dropped or renamed by name.
std::string read_check(driver::Connection& conn, const ops::Op& op, const TableRef& t,
                       const std::string& name) {
  const model::Table table = inspect_table(conn, t).table;
  for (const model::Column& c : table.columns) {
    if (c.reflected_check && same_name(c.name, name)) {
      throw Error(ErrorCode::kScript,
                  ops::describe(op) + ": '" + name + "' is the check written in the definition " +
                      "of column '" + c.name + "'; MariaDB cannot drop or rename such a check " +
                      "by name (restate the column without it and add a named table check)");
    }
  }
  for (const model::CheckConstraint& ck : table.checks) {
    if (same_name(ck.name, name)) return ck.sqltext;
  }
  no_constraint(op, t, name);
}

// Foreign key or check: drop and re-add under the new name, one statement.
void restate_constraint(const MysqlDialect& d, driver::Connection& conn,
                        const ops::RenameConstraint& op, ConstraintType type) {
  const TableRef t = table_ref(op.schema, op.table);
  std::string add;
  if (type == ConstraintType::kForeignKey) {
    model::ForeignKey fk = read_foreign_key(conn, op, t, op.old_name, op.new_name);
    add = mysql::foreign_key_clause(d, op, fk);
  } else {
    add = "CONSTRAINT " + d.quote(op.new_name) + " CHECK (" +
          read_check(conn, op, t, op.old_name) + ")";
  }
  conn.execute(d.alter_table(op.schema, op.table) + " " +
               mysql::drop_constraint_clause(d, op.old_name, type, false) + ", ADD " + add);
}

void apply_rename_constraint(const MysqlDialect& d, const ops::RenameConstraint& op,
                             driver::Connection& conn) {
  ConstraintType type = op.type;
  if (type == ConstraintType::kUnknown) {
    const TableRef t = table_ref(op.schema, op.table);
    std::optional<ConstraintType> found = find_constraint(conn, op, t, op.old_name);
    if (!found) no_constraint(op, t, op.old_name);
    type = *found;
  }
  if (type == ConstraintType::kForeignKey || type == ConstraintType::kCheck) {
    return restate_constraint(d, conn, op, type);
  }
  for (const std::string& sql : mysql::rename_index_like_constraint(d, op, type)) conn.execute(sql);
}

void apply_drop_constraint(const MysqlDialect& d, const ops::DropConstraint& op,
                           driver::Connection& conn) {
  const TableRef t = table_ref(op.schema, op.table);
  ConstraintType type = mysql::drop_type(op);
  if (type == ConstraintType::kUnknown) {
    std::optional<ConstraintType> found = find_constraint(conn, op, t, op.name);
    if (!found) {
      if (op.if_exists) return;
      no_constraint(op, t, op.name);
    }
    type = *found;
  }
  if (type == ConstraintType::kPrimaryKey) {
    if (op.if_exists && !has_primary_key(conn, t)) return;
    ops::DropConstraint plain = op;
    plain.if_exists = false;
    for (const std::string& sql : mysql::drop_constraint(d, plain, type)) conn.execute(sql);
    return;
  }
  for (const std::string& sql : mysql::drop_constraint(d, op, type)) conn.execute(sql);
}

}  // namespace

bool MysqlLiveApplier::needs_live_catalog(const ops::Op& op) const {
  if (const auto* alter = std::get_if<ops::AlterColumn>(&op)) return mysql::restates(*alter);
  if (const auto* drop = std::get_if<ops::DropSchema>(&op)) return !drop->cascade;
  if (const auto* move = std::get_if<ops::MoveTable>(&op)) {
    return mysql::moves_across_databases(*move);
  }
  if (const auto* drop = std::get_if<ops::DropConstraint>(&op)) {
    ConstraintType type = mysql::drop_type(*drop);
    return type == ConstraintType::kUnknown ||
           (type == ConstraintType::kPrimaryKey && drop->if_exists);
  }
  if (const auto* rename = std::get_if<ops::RenameConstraint>(&op)) {
    return rename->type != ConstraintType::kUnique && rename->type != ConstraintType::kPrimaryKey;
  }
  if (const auto* batch = std::get_if<ops::BatchAlterTable>(&op)) {
    return std::any_of(batch->ops.begin(), batch->ops.end(), [this](const ops::TableOp& inner) {
      return needs_live_catalog(ops::to_op(inner));
    });
  }
  return false;
}

void MysqlLiveApplier::apply_live(const ops::Op& op, driver::Connection& conn) const {
  if (const auto* alter = std::get_if<ops::AlterColumn>(&op)) {
    return mysql::apply_alter_column(dialect_, *alter, conn);
  }
  if (const auto* drop = std::get_if<ops::DropSchema>(&op)) {
    return mysql::apply_drop_schema(dialect_, *drop, conn);
  }
  if (const auto* move = std::get_if<ops::MoveTable>(&op)) {
    return mysql::apply_move_table(dialect_, *move, conn);
  }
  if (const auto* drop = std::get_if<ops::DropConstraint>(&op)) {
    return apply_drop_constraint(dialect_, *drop, conn);
  }
  if (const auto* rename = std::get_if<ops::RenameConstraint>(&op)) {
    return apply_rename_constraint(dialect_, *rename, conn);
  }
  if (const auto* batch = std::get_if<ops::BatchAlterTable>(&op)) {
    for (const ops::TableOp& inner : batch->ops) {
      const ops::Op one = ops::to_op(inner);
      if (needs_live_catalog(one)) {
        apply_live(one, conn);
      } else {
        for (const std::string& sql : dialect_.render(one)) conn.execute(sql);
      }
    }
    return;
  }
  for (const std::string& sql : dialect_.render(op)) conn.execute(sql);
}

}  // namespace strata::dialect::mysql
