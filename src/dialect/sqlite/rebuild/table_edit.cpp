// Table-level ops applied to a reflected SQLite table (see sqlite_table_edit.h).
#include "dialect/sqlite/rebuild/table_edit.h"

#include <algorithm>
#include <variant>

#include "common/text.h"
#include "dialect/sqlite/text.h"
#include "dialect/common/sql_tokens.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using common::sqltok::iequals;
using CType = ops::ConstraintType;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return iequals(n, name); });
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  for (std::string& n : names) {
    if (iequals(n, from)) n = to;
  }
}

bool same_database(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return iequals(a.value_or("main"), b.value_or("main"));
}

// The SQL a re-used column name is filled with: its DEFAULT, else NULL.
std::string default_sql(const model::Column& column) {
  if (!column.server_default) return "NULL";
  const model::ServerDefault& d = *column.server_default;
  if (d.is_expression) return "(" + d.value + ")";
  return text::single_quoted(d.value);
}

std::string kind_name(CType type) {
  switch (type) {
    case CType::kPrimaryKey: return "primary key";
    case CType::kUnique: return "unique constraint";
    case CType::kCheck: return "check constraint";
    case CType::kForeignKey: return "foreign key";
    case CType::kUnknown: break;
  }
  return "constraint";
}

}  // namespace

SqliteTableEdit::SqliteTableEdit(model::Table table) : table_(std::move(table)) {
  for (const model::Column& c : table_.columns) {
    origin_[c.name] = c.name;
    original_names_.push_back(c.name);
  }
}

std::string SqliteTableEdit::where() const {
  return "table " + table_.schema.value_or("main") + "." + table_.name;
}

model::Column* SqliteTableEdit::find(const std::string& name) {
  for (model::Column& c : table_.columns) {
    if (iequals(c.name, name)) return &c;
  }
  return nullptr;
}

RebuildOptions SqliteTableEdit::options() const {
  RebuildOptions out;
  for (const auto& [current, original] : origin_) {
    if (current != original) out.renamed[original] = current;
  }
  out.fill = fill_;
  return out;
}

void SqliteTableEdit::apply(const ops::AddColumn& op) {
  if (find(op.column.name)) {
    if (op.if_not_exists) return;
    throw Error(ErrorCode::kDatabase, where() + ": duplicate column name: " + op.column.name);
  }
  if (op.column.primary_key) {
    throw Error(ErrorCode::kScript, "add_column of a primary key column is not supported on SQLite");
  }
  model::Column column = op.column;
  column.comment.reset();
  table_.columns.push_back(column);
  changed_ = true;
  if (contains(original_names_, column.name)) fill_[column.name] = default_sql(column);
}

void SqliteTableEdit::apply(const ops::DropColumn& op) {
  model::Column* column = find(op.column);
  if (!column) {
    if (op.if_exists) return;
    throw Error(ErrorCode::kDatabase, where() + ": no such column: " + op.column);
  }
  const std::string name = column->name;
  std::erase_if(table_.columns, [&](const model::Column& c) { return c.name == name; });
  changed_ = true;
  if (table_.primary_key && contains(table_.primary_key->columns, name)) table_.primary_key.reset();
  std::erase_if(table_.uniques,
                [&](const model::UniqueConstraint& u) { return contains(u.columns, name); });
  std::erase_if(table_.foreign_keys, [&](const model::ForeignKey& fk) {
    bool self = same_database(fk.ref_schema, table_.schema) && iequals(fk.ref_table, table_.name);
    return contains(fk.columns, name) || (self && contains(fk.ref_columns, name));
  });
  std::erase_if(table_.checks, [&](const model::CheckConstraint& c) {
    return sqlite_sql_mentions(c.sqltext, name);
  });
  auto origin = origin_.find(name);
  if (origin != origin_.end()) {
    dropped_.push_back(origin->second);
    origin_.erase(origin);
  }
  fill_.erase(name);
}

void SqliteTableEdit::apply(const ops::AlterColumn& op) {
  model::Column* column = find(op.column);
  if (!column) throw Error(ErrorCode::kDatabase, where() + ": no such column: " + op.column);
  if (op.identity) {  // as SqliteDialect::render refuses it
    throw Error(ErrorCode::kScript,
                ops::describe(ops::Op(op)) +
                    ": changing a column's identity is not supported on SQLite (an identity is "
                    "the rowid: the table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or "
                    "remove; create the table with it)");
  }
  changed_ = true;
  if (op.type) column->type = *op.type;
  if (op.nullable) column->nullable = *op.nullable;
  if (op.server_default) column->server_default = *op.server_default;
  if (op.new_column_name) rename(column->name, *op.new_column_name);
}

void SqliteTableEdit::apply(const ops::RenameColumn& op) {
  model::Column* column = find(op.old_name);
  if (!column) throw Error(ErrorCode::kDatabase, where() + ": no such column: " + op.old_name);
  rename(column->name, op.new_name);
}

void SqliteTableEdit::rename(const std::string from, const std::string& to) {
  if (from == to) return;
  changed_ = true;
  if (!iequals(from, to) && find(to)) {
    throw Error(ErrorCode::kDatabase, where() + ": duplicate column name: " + to);
  }
  find(from)->name = to;
  if (table_.primary_key) rename_in(table_.primary_key->columns, from, to);
  for (model::UniqueConstraint& u : table_.uniques) rename_in(u.columns, from, to);
  for (model::ForeignKey& fk : table_.foreign_keys) {
    rename_in(fk.columns, from, to);
    if (same_database(fk.ref_schema, table_.schema) && iequals(fk.ref_table, table_.name)) {
      rename_in(fk.ref_columns, from, to);
    }
  }
  for (model::CheckConstraint& c : table_.checks) {
    c.sqltext = sqlite_rename_identifiers(c.sqltext, {{from, to}});
  }
  auto origin = origin_.find(from);
  if (origin != origin_.end()) {
    std::string original = origin->second;
    origin_.erase(origin);
    origin_[to] = original;
  }
  auto fill = fill_.find(from);
  if (fill != fill_.end()) {
    std::string sql = fill->second;
    fill_.erase(fill);
    fill_[to] = sql;
  }
}

std::optional<SqliteTableEdit::Found> SqliteTableEdit::find_constraint(const std::string& name,
                                                                       CType type) const {
  auto wanted = [&](CType t) { return type == CType::kUnknown || type == t; };
  auto named = [&](const std::optional<std::string>& n) { return n && iequals(*n, name); };
  if (wanted(CType::kPrimaryKey) && table_.primary_key &&
      (named(table_.primary_key->name) ||
       (type == CType::kPrimaryKey && !table_.primary_key->name))) {
    return Found{CType::kPrimaryKey, 0};
  }
  for (size_t i = 0; wanted(CType::kUnique) && i < table_.uniques.size(); ++i) {
    if (named(table_.uniques[i].name)) return Found{CType::kUnique, i};
  }
  for (size_t i = 0; wanted(CType::kCheck) && i < table_.checks.size(); ++i) {
    if (named(table_.checks[i].name)) return Found{CType::kCheck, i};
  }
  for (size_t i = 0; wanted(CType::kForeignKey) && i < table_.foreign_keys.size(); ++i) {
    if (named(table_.foreign_keys[i].name)) return Found{CType::kForeignKey, i};
  }
  return std::nullopt;
}

void SqliteTableEdit::apply(const ops::AddConstraint& op) {
  std::optional<std::string> name = ops::constraint_name(op.constraint);
  changed_ = true;
  if (name && find_constraint(*name, CType::kUnknown)) {
    throw Error(ErrorCode::kDatabase, where() + ": constraint " + *name + " already exists");
  }
  // Column lists in the stored spelling; every column must exist.
  auto columns = [&](std::vector<std::string> names) {
    for (std::string& n : names) {
      model::Column* c = find(n);
      if (!c) throw Error(ErrorCode::kDatabase, where() + ": no such column: " + n);
      n = c->name;
    }
    return names;
  };
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, model::PrimaryKey>) {
          if (table_.primary_key) {
            throw Error(ErrorCode::kDatabase, where() + " already has a primary key");
          }
          table_.primary_key = model::PrimaryKey{c.name, columns(c.columns)};
        } else if constexpr (std::is_same_v<T, model::UniqueConstraint>) {
          table_.uniques.push_back(model::UniqueConstraint{c.name, columns(c.columns)});
        } else if constexpr (std::is_same_v<T, model::CheckConstraint>) {
          table_.checks.push_back(c);
        } else {
          if (c.ref_schema && !same_database(c.ref_schema, table_.schema)) {
            throw Error(ErrorCode::kScript,
                        "foreign key " + c.name.value_or("(unnamed)") + " references " +
                            *c.ref_schema + "." + c.ref_table +
                            ": SQLite foreign keys cannot reference a table in another "
                            "database file");
          }
          model::ForeignKey fk = c;
          fk.ref_schema = table_.schema;
          fk.columns = columns(fk.columns);
          table_.foreign_keys.push_back(std::move(fk));
        }
      },
      op.constraint);
}

void SqliteTableEdit::apply(const ops::DropConstraint& op) {
  std::optional<Found> found = find_constraint(op.name, op.type);
  if (!found) {
    if (op.if_exists) return;
    throw Error(ErrorCode::kDatabase, where() + " has no " + kind_name(op.type) + " named " + op.name);
  }
  changed_ = true;
  switch (found->type) {
    case CType::kPrimaryKey: table_.primary_key.reset(); break;
    case CType::kUnique: table_.uniques.erase(table_.uniques.begin() + found->index); break;
    case CType::kCheck: table_.checks.erase(table_.checks.begin() + found->index); break;
    default: table_.foreign_keys.erase(table_.foreign_keys.begin() + found->index); break;
  }
}

void SqliteTableEdit::apply(const ops::RenameConstraint& op) {
  std::optional<Found> found = find_constraint(op.old_name, op.type);
  if (!found) {
    throw Error(ErrorCode::kDatabase,
                where() + " has no " + kind_name(op.type) + " named " + op.old_name);
  }
  std::optional<Found> clash = find_constraint(op.new_name, CType::kUnknown);
  if (clash && (clash->type != found->type || clash->index != found->index)) {
    throw Error(ErrorCode::kDatabase, where() + ": constraint " + op.new_name + " already exists");
  }
  changed_ = true;
  switch (found->type) {
    case CType::kPrimaryKey: table_.primary_key->name = op.new_name; break;
    case CType::kUnique: table_.uniques[found->index].name = op.new_name; break;
    case CType::kCheck: table_.checks[found->index].name = op.new_name; break;
    default: table_.foreign_keys[found->index].name = op.new_name; break;
  }
}

}  // namespace strata::dialect::sqlite
