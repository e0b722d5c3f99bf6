// SQL Server rendering of the ops that change what exists: alter_column,
// constraints, renames (sp_rename), move_table, table comments.
#include <variant>

#include "dialect/mssql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mssql {

namespace {

// SQL Server refuses to change the type of a column that has a default
// constraint: one batch that drops the default (whatever SQL Server named
// it), runs `alter`, and adds the same default back under the same name.
// Not used when existing_server_default says the column has none.
std::string keeping_default(const MssqlDialect& d, const ops::AlterColumn& op,
                            const std::string& alter) {
  const std::string table = alter_table(d, op.schema, op.table);
  return "DECLARE @name SYSNAME, @definition NVARCHAR(max);\n"
         "SELECT @name = df.name, @definition = df.definition\n"
         "FROM sys.default_constraints AS df\n"
         "JOIN sys.columns AS c ON c.default_object_id = df.object_id\n"
         "WHERE c.object_id = " + object_id(d, op.schema, op.table) +
         " AND c.name = " + d.nliteral(op.column) + ";\n"
         "IF @name IS NOT NULL EXEC (" + d.nliteral(table + " DROP CONSTRAINT ") +
         " + QUOTENAME(@name));\n" + alter + ";\n"
         "IF @name IS NOT NULL EXEC (" + d.nliteral(table + " ADD CONSTRAINT ") +
         " + QUOTENAME(@name) + N' DEFAULT ' + @definition + " +
         d.nliteral(" FOR " + d.quote(op.column)) + ")";
}

}  // namespace

// Order: drop the old default (a changed type would collide with it), restate
// type and nullability, add the new default, the comment, the rename last.
Statements render_op(const MssqlDialect& d, const ops::AlterColumn& op) {
  if (op.identity) {
    unsupported(op, "changing a column's identity (" + op.column + ")",
                "IDENTITY cannot be added to or removed from an existing column: add a new "
                "column (or create a new table) and copy the data");
  }
  Statements out;
  if (op.server_default) {
    out.push_back(drop_column_constraints(d, op.schema, op.table, op.column, false));
  }
  if (op.type || op.nullable) {
    const std::optional<model::Type>& type = op.type ? op.type : op.existing_type;
    const std::optional<bool>& nullable = op.nullable ? op.nullable : op.existing_nullable;
    if (!type) {
      throw Error(ErrorCode::kScript,
                  ops::describe(op) +
                      ": SQL Server restates the type with the nullability (ALTER COLUMN " +
                      d.quote(op.column) + " <type> NULL|NOT NULL); pass existing_type");
    }
    if (!nullable) {
      throw Error(ErrorCode::kScript,
                  ops::describe(op) +
                      ": SQL Server restates the nullability with the type (ALTER COLUMN " +
                      d.quote(op.column) + " " + d.render_type(*type) +
                      " NULL|NOT NULL); pass nullable or existing_nullable");
    }
    std::string alter = alter_table(d, op.schema, op.table) + " ALTER COLUMN " +
                        d.quote(op.column) + " " + d.render_type(*type) +
                        (*nullable ? " NULL" : " NOT NULL");
    const bool has_no_default = op.existing_server_default && !*op.existing_server_default;
    if (op.type && !op.server_default && !has_no_default) alter = keeping_default(d, op, alter);
    out.push_back(alter);
  }
  if (op.server_default && *op.server_default) {
    out.push_back(alter_table(d, op.schema, op.table) + " ADD DEFAULT " +
                  d.default_sql(**op.server_default) + " FOR " + d.quote(op.column));
  }
  if (op.comment) {
    out.push_back(*op.comment ? set_comment(d, op.schema, op.table, op.column, **op.comment)
                              : drop_comment(d, op.schema, op.table, op.column));
  }
  if (op.new_column_name) {
    out.push_back(
        sp_rename(d, op.schema, {op.table, op.column}, *op.new_column_name, "COLUMN"));
  }
  return out;
}

Statements render_op(const MssqlDialect& d, const ops::RenameColumn& op) {
  return {sp_rename(d, op.schema, {op.table, op.old_name}, op.new_name, "COLUMN")};
}

Statements render_op(const MssqlDialect& d, const ops::AddConstraint& op) {
  ops::Constraint constraint = op.constraint;
  if (auto* fk = std::get_if<model::ForeignKey>(&constraint)) {
    *fk = checked_foreign_key(op, op.schema, op.table, *fk);
  }
  auto referent = [&d](const model::ForeignKey& fk) { return d.qualify(fk.ref_schema, fk.ref_table); };
  return {alter_table(d, op.schema, op.table) + " ADD " +
          common::constraint_clause(d, constraint, referent)};
}

// The type does not matter: every constraint is dropped by name.
Statements render_op(const MssqlDialect& d, const ops::DropConstraint& op) {
  std::string sql = alter_table(d, op.schema, op.table) + " DROP CONSTRAINT " + d.quote(op.name);
  if (!op.if_exists) return {sql};
  return {d.guarded("EXISTS (SELECT 1 FROM sys.objects WHERE name = " + d.nliteral(op.name) +
                        " AND parent_object_id = " + object_id(d, op.schema, op.table) + ")",
                    {sql})};
}

// A constraint is a schema-scoped object; renaming a primary key or unique
// constraint renames its index too.
Statements render_op(const MssqlDialect& d, const ops::RenameConstraint& op) {
  return {sp_rename(d, op.schema, {op.old_name}, op.new_name, "OBJECT")};
}

Statements render_op(const MssqlDialect& d, const ops::RenameIndex& op) {
  if (!op.table) {
    throw Error(ErrorCode::kScript,
                "rename_index '" + op.old_name + "' needs the table name on SQL Server");
  }
  return {sp_rename(d, op.schema, {*op.table, op.old_name}, op.new_name, "INDEX")};
}

Statements render_op(const MssqlDialect& d, const ops::RenameTable& op) {
  return {sp_rename(d, op.schema, {op.old_name}, op.new_name)};
}

// ALTER SCHEMA needs both schemas spelled out: unset is dbo. Moving within a
// schema is just the rename.
Statements render_op(const MssqlDialect& d, const ops::MoveTable& op) {
  const std::string from = schema_or_dbo(op.schema), to = schema_or_dbo(op.new_schema);
  Statements out;
  if (from != to) {
    out.push_back("ALTER SCHEMA " + d.quote(to) + " TRANSFER " + d.qualify(from, op.name));
  }
  if (op.new_name && *op.new_name != op.name) {
    out.push_back(sp_rename(d, to, {op.name}, *op.new_name));
  }
  return out;
}

Statements render_op(const MssqlDialect& d, const ops::SetTableComment& op) {
  if (!op.comment) return {drop_comment(d, op.schema, op.table, std::nullopt)};
  return {set_comment(d, op.schema, op.table, std::nullopt, *op.comment)};
}

}  // namespace strata::dialect::mssql
