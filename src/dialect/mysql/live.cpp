// MySQL dialect: the ops applied against the live catalog (see
// MysqlDialect's contract). Reads go to information_schema through
// conn.query(); every change goes through conn.execute().
//
// Catalog names are compared the way the server compares them in
// information_schema (case-insensitively; a check's table, read back from
// MariaDB's TABLE_NAME column, exactly), and an unset schema is the
// connection's database (DATABASE()).
#include <algorithm>
#include <variant>

#include "dialect/mysql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect {
namespace {

using ops::ConstraintType;

// The table a constraint op works on, as catalog predicates.
struct TableRef {
  std::string schema_sql;  // a literal, or DATABASE()
  std::string table_sql;   // a literal
  std::string table;       // as the script named it
  std::string display;     // schema.table as the script named it
};

TableRef table_ref(const MysqlDialect& d, const std::optional<std::string>& schema,
                   const std::string& table) {
  return {schema ? d.literal(*schema) : "DATABASE()", d.literal(table), table,
          schema ? *schema + "." + table : table};
}

ConstraintType type_of(const std::string& catalog_type) {
  if (catalog_type == "PRIMARY KEY") return ConstraintType::kPrimaryKey;
  if (catalog_type == "UNIQUE") return ConstraintType::kUnique;
  if (catalog_type == "FOREIGN KEY") return ConstraintType::kForeignKey;
  if (catalog_type == "CHECK") return ConstraintType::kCheck;
  return ConstraintType::kUnknown;
}

// The type of constraint `name` on the table; nullopt when there is none.
// Throws Error(kScript) when several constraints of different kinds share
// the name (a unique index and a foreign key may).
std::optional<ConstraintType> find_constraint(const MysqlDialect& d, driver::Connection& conn,
                                              const ops::Op& op, const TableRef& t,
                                              const std::string& name) {
  driver::QueryResult r = conn.query(
      "SELECT constraint_type FROM information_schema.table_constraints WHERE "
      "constraint_schema = " + t.schema_sql + " AND table_name = " + t.table_sql +
      " AND constraint_name = " + d.literal(name));
  if (r.rows.empty()) return std::nullopt;
  if (r.rows.size() > 1) {
    std::vector<std::string> kinds;
    for (const driver::Row& row : r.rows) kinds.push_back(row.at(0).value_or("?"));
    throw Error(ErrorCode::kScript, ops::describe(op) + ": table " + t.display +
                                        " has several constraints named '" + name + "' (" +
                                        common::join(kinds, ", ") + "); pass type_");
  }
  ConstraintType type = type_of(r.rows[0].at(0).value_or(""));
  if (type == ConstraintType::kUnknown) {
    throw Error(ErrorCode::kInternal,
                "unknown constraint_type '" + r.rows[0].at(0).value_or("") + "'");
  }
  return type;
}

[[noreturn]] void no_constraint(const ops::Op& op, const TableRef& t, const std::string& name) {
  throw Error(ErrorCode::kDatabase,
              ops::describe(op) + ": table " + t.display + " has no constraint named '" + name +
                  "' (a primary key is always named PRIMARY on MySQL/MariaDB: pass type_ = "
                  "\"primary\" for it)");
}

bool has_primary_key(driver::Connection& conn, const TableRef& t) {
  return !conn.query("SELECT 1 FROM information_schema.table_constraints WHERE "
                     "constraint_schema = " + t.schema_sql + " AND table_name = " + t.table_sql +
                     " AND constraint_type = 'PRIMARY KEY'")
              .rows.empty();
}

// The foreign key `name` of the table as the catalog has it, renamed.
model::ForeignKey read_foreign_key(const MysqlDialect& d, driver::Connection& conn,
                                   const ops::Op& op, const TableRef& t, const std::string& name,
                                   const std::string& new_name) {
  driver::QueryResult r = conn.query(
      "SELECT k.column_name, k.referenced_table_schema, k.referenced_table_name, "
      "k.referenced_column_name, c.update_rule, c.delete_rule "
      "FROM information_schema.key_column_usage k "
      "JOIN information_schema.referential_constraints c ON c.constraint_schema = "
      "k.constraint_schema AND c.table_name = k.table_name AND c.constraint_name = "
      "k.constraint_name WHERE k.table_schema = " + t.schema_sql + " AND k.table_name = " +
      t.table_sql + " AND k.constraint_name = " + d.literal(name) +
      " AND k.referenced_table_name IS NOT NULL ORDER BY k.ordinal_position");
  if (r.rows.empty()) no_constraint(op, t, name);
  model::ForeignKey fk;
  fk.name = new_name;
  for (const driver::Row& row : r.rows) {
    fk.columns.push_back(row.at(0).value_or(""));
    fk.ref_columns.push_back(row.at(3).value_or(""));
  }
  const driver::Row& first = r.rows.front();
  fk.ref_schema = first.at(1);
  fk.ref_table = first.at(2).value_or("");
  // RESTRICT is the default: restated only when it is something else.
  if (first.at(4) && *first.at(4) != "RESTRICT") fk.onupdate = first.at(4);
  if (first.at(5) && *first.at(5) != "RESTRICT") fk.ondelete = first.at(5);
  return fk;
}

// The expression of check `name` on the table. MariaDB lists checks per
// table (TABLE_NAME) and marks those written in a column definition
// (LEVEL = 'Column'), which cannot be dropped by name; MySQL's check names
// are unique per schema and have neither column.
std::string read_check(const MysqlDialect& d, driver::Connection& conn, const ops::Op& op,
                       const TableRef& t, const std::string& name) {
  driver::QueryResult r = conn.query(
      "SELECT * FROM information_schema.check_constraints WHERE constraint_schema = " +
      t.schema_sql + " AND constraint_name = " + d.literal(name));
  std::optional<size_t> table = mysql::column_index(r, "TABLE_NAME");
  std::optional<size_t> level = mysql::column_index(r, "LEVEL");
  std::optional<size_t> clause = mysql::column_index(r, "CHECK_CLAUSE");
  if (!clause) {
    throw Error(ErrorCode::kInternal, "information_schema.check_constraints has no CHECK_CLAUSE");
  }
  for (const driver::Row& row : r.rows) {
    if (table && row.at(*table) != std::optional<std::string>(t.table)) continue;
    if (level && row.at(*level) == std::optional<std::string>("Column")) {
      throw Error(ErrorCode::kScript,
                  ops::describe(op) + ": '" + name + "' is the check written in the definition " +
                      "of column '" + name + "'; MariaDB cannot drop or rename such a check " +
                      "by name (restate the column without it and add a named table check)");
    }
    return row.at(*clause).value_or("");
  }
  no_constraint(op, t, name);
}

// Foreign key or check: drop and re-add under the new name, one statement.
void restate_constraint(const MysqlDialect& d, driver::Connection& conn,
                        const ops::RenameConstraint& op, ConstraintType type) {
  const TableRef t = table_ref(d, op.schema, op.table);
  std::string add;
  if (type == ConstraintType::kForeignKey) {
    model::ForeignKey fk = read_foreign_key(d, conn, op, t, op.old_name, op.new_name);
    add = mysql::foreign_key_clause(d, op, fk);
  } else {
    add = "CONSTRAINT " + d.quote(op.new_name) + " CHECK (" +
          read_check(d, conn, op, t, op.old_name) + ")";
  }
  conn.execute(d.alter_table(op.schema, op.table) + " " +
               mysql::drop_constraint_clause(d, op.old_name, type, false) + ", ADD " + add);
}

void apply_rename_constraint(const MysqlDialect& d, const ops::RenameConstraint& op,
                             driver::Connection& conn) {
  ConstraintType type = op.type;
  if (type == ConstraintType::kUnknown) {
    const TableRef t = table_ref(d, op.schema, op.table);
    std::optional<ConstraintType> found = find_constraint(d, conn, op, t, op.old_name);
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
  const TableRef t = table_ref(d, op.schema, op.table);
  ConstraintType type = mysql::drop_type(op);
  if (type == ConstraintType::kUnknown) {
    std::optional<ConstraintType> found = find_constraint(d, conn, op, t, op.name);
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

bool MysqlDialect::needs_live_catalog(const ops::Op& op) const {
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

void MysqlDialect::apply_live(const ops::Op& op, driver::Connection& conn) const {
  if (const auto* alter = std::get_if<ops::AlterColumn>(&op)) {
    return mysql::apply_alter_column(*this, *alter, conn);
  }
  if (const auto* drop = std::get_if<ops::DropSchema>(&op)) {
    return mysql::apply_drop_schema(*this, *drop, conn);
  }
  if (const auto* move = std::get_if<ops::MoveTable>(&op)) {
    return mysql::apply_move_table(*this, *move, conn);
  }
  if (const auto* drop = std::get_if<ops::DropConstraint>(&op)) {
    return apply_drop_constraint(*this, *drop, conn);
  }
  if (const auto* rename = std::get_if<ops::RenameConstraint>(&op)) {
    return apply_rename_constraint(*this, *rename, conn);
  }
  if (const auto* batch = std::get_if<ops::BatchAlterTable>(&op)) {
    for (const ops::TableOp& inner : batch->ops) {
      const ops::Op one = ops::to_op(inner);
      if (needs_live_catalog(one)) {
        apply_live(one, conn);
      } else {
        for (const std::string& sql : render(one)) conn.execute(sql);
      }
    }
    return;
  }
  Dialect::apply_live(op, conn);
}

}  // namespace strata::dialect
