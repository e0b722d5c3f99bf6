// SQL Server rendering of the ops that create and drop things: schemas,
// tables, columns added, indexes, sequences; op.execute and batches.
#include <utility>

#include "dialect/mssql/render_parts.h"
#include "dialect/common/alter_sequence.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mssql {
namespace {

// COL_LENGTH(N'[s].[t]', N'c'): NULL when the column does not exist.
std::string col_length(const MssqlDialect& d, const std::optional<std::string>& schema,
                       const std::string& table, const std::string& column) {
  return "COL_LENGTH(" + d.nliteral(d.qualify(schema, table)) + ", " + d.nliteral(column) + ")";
}

// EXISTS (...): the table has an index of that name.
std::string index_exists(const MssqlDialect& d, const std::optional<std::string>& schema,
                         const std::string& table, const std::string& index) {
  return "EXISTS (SELECT 1 FROM sys.indexes WHERE name = " + d.nliteral(index) +
         " AND object_id = " + object_id(d, schema, table) + ")";
}

}  // namespace

Statements render_op(const MssqlDialect& d, const ops::Execute& op) {
  return {common::execute_sql(op, d.name())};
}

Statements render_op(const MssqlDialect& d, const ops::CreateSchema& op) {
  if (op.if_not_exists) return {d.create_schema_if_not_exists(op.name)};
  return {"CREATE SCHEMA " + d.quote(op.name)};
}

Statements render_op(const MssqlDialect& d, const ops::DropSchema& op) {
  if (op.cascade) {
    unsupported(op, "drop_schema with cascade", "drop or transfer the schema's objects first");
  }
  if (!op.if_exists) return {"DROP SCHEMA " + d.quote(op.name)};
  return {"IF EXISTS (SELECT 1 FROM sys.schemas WHERE name = " + d.nliteral(op.name) +
          ") EXEC(" + d.nliteral("DROP SCHEMA " + d.quote(op.name)) + ")"};
}

Statements render_op(const MssqlDialect& d, const ops::CreateTable& op) {
  model::Table table = op.table;
  for (model::ForeignKey& fk : table.foreign_keys) {
    fk = checked_foreign_key(op, table.schema, table.name, fk);
  }
  std::vector<std::string> elements;
  for (const model::Column& column : table.columns) {
    check_identity(op, column);
    elements.push_back(d.column_spec(column, common::is_primary_key(table, column.name),
                                     common::is_autoincrement(table, column)));
  }
  auto referent = [&d](const model::ForeignKey& fk) -> std::optional<std::string> {
    return d.qualify(fk.ref_schema, fk.ref_table);
  };
  for (std::string& c : common::table_constraints(d, table, referent)) {
    elements.push_back(std::move(c));
  }
  Statements out{
      common::table_body("CREATE TABLE " + d.qualify(table.schema, table.name), elements)};
  if (table.comment) {
    out.push_back(add_comment(d, table.schema, table.name, std::nullopt, *table.comment));
  }
  for (const model::Column& column : table.columns) {
    if (column.comment) {
      out.push_back(add_comment(d, table.schema, table.name, column.name, *column.comment));
    }
  }
  if (!op.if_not_exists) return out;
  return {d.guarded(object_id(d, table.schema, table.name, "U") + " IS NULL", out)};
}

Statements render_op(const MssqlDialect& d, const ops::DropTable& op) {
  std::string sql = "DROP TABLE " + d.qualify(op.schema, op.name);
  if (!op.if_exists) return {sql};
  return {d.guarded(object_id(d, op.schema, op.name, "U") + " IS NOT NULL", {sql})};
}

Statements render_op(const MssqlDialect& d, const ops::AddColumn& op) {
  const model::Column& column = op.column;
  check_identity(op, column);
  std::string spec = d.column_spec(column, column.primary_key, false);
  if (column.primary_key) spec += " PRIMARY KEY";
  if (column.unique) spec += " UNIQUE";
  Statements out{alter_table(d, op.schema, op.table) + " ADD " + spec};
  if (column.comment) {
    out.push_back(add_comment(d, op.schema, op.table, column.name, *column.comment));
  }
  if (!op.if_not_exists) return out;
  return {d.guarded(col_length(d, op.schema, op.table, column.name) + " IS NULL", out)};
}

Statements render_op(const MssqlDialect& d, const ops::DropColumn& op) {
  std::string drop = alter_table(d, op.schema, op.table) + " DROP COLUMN " + d.quote(op.column);
  if (op.if_exists) {
    drop = d.guarded(col_length(d, op.schema, op.table, op.column) + " IS NOT NULL", {drop});
  }
  return {drop_column_constraints(d, op.schema, op.table, op.column, true), drop};
}

// `concurrently` is PostgreSQL's and ignored.
Statements render_op(const MssqlDialect& d, const ops::CreateIndex& op) {
  const model::Index& index = op.index;
  for (const model::IndexElement& element : index.elements) {
    if (element.is_expression) {
      unsupported(op, "index expression '" + element.text + "'",
                  "index a computed column instead");
    }
  }
  std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                    d.quote(index.name) + " ON " + d.qualify(index.schema, index.table) + " " +
                    common::index_elements(d, index);
  if (!index.include.empty()) sql += " INCLUDE (" + common::quoted_list(d, index.include) + ")";
  if (index.where) sql += " WHERE " + *index.where;
  if (!op.if_not_exists) return {sql};
  return {d.guarded("NOT " + index_exists(d, index.schema, index.table, index.name), {sql})};
}

Statements render_op(const MssqlDialect& d, const ops::DropIndex& op) {
  if (!op.table) {
    throw Error(ErrorCode::kScript, "drop_index '" + op.name +
                                        "' needs the table name on SQL Server (DROP INDEX " +
                                        d.quote(op.name) + " ON <table>)");
  }
  std::string sql = "DROP INDEX " + d.quote(op.name) + " ON " + d.qualify(op.schema, *op.table);
  if (!op.if_exists) return {sql};
  return {d.guarded(index_exists(d, op.schema, *op.table, op.name), {sql})};
}

// START WITH is always written: SQL Server would otherwise start at the
// type's minimum (-2^63), where Alembic's other databases start at 1 (or at
// MINVALUE; descending: MAXVALUE, else -1).
Statements render_op(const MssqlDialect& d, const ops::CreateSequence& op) {
  const bool descending = op.increment.value_or(1) < 0;
  const long long start = op.start        ? *op.start
                          : descending    ? op.maxvalue.value_or(-1)
                                          : op.minvalue.value_or(1);
  std::string sql = "CREATE SEQUENCE " + d.qualify(op.schema, op.name) + " AS BIGINT START WITH " +
                    std::to_string(start);
  if (op.increment) sql += " INCREMENT BY " + std::to_string(*op.increment);
  if (op.minvalue) sql += " MINVALUE " + std::to_string(*op.minvalue);
  if (op.maxvalue) sql += " MAXVALUE " + std::to_string(*op.maxvalue);
  if (op.cache) sql += " CACHE " + std::to_string(*op.cache);
  if (op.cycle) sql += " CYCLE";
  if (!op.if_not_exists) return {sql};
  return {d.guarded(object_id(d, op.schema, op.name, "SO") + " IS NULL", {sql})};
}

Statements render_op(const MssqlDialect& d, const ops::DropSequence& op) {
  std::string sql = "DROP SEQUENCE " + d.qualify(op.schema, op.name);
  if (!op.if_exists) return {sql};
  return {d.guarded(object_id(d, op.schema, op.name, "SO") + " IS NOT NULL", {sql})};
}

Statements render_op(const MssqlDialect& d, const ops::AlterSequence& op) {
  return common::alter_sequence_sql(d, op);
}

Statements render_op(const MssqlDialect&, const ops::CreateEnum& op) {
  unsupported(op, "an enum type", "use a CHECK constraint");
}
Statements render_op(const MssqlDialect&, const ops::DropEnum& op) {
  unsupported(op, "an enum type", "use a CHECK constraint");
}
Statements render_op(const MssqlDialect&, const ops::AlterEnum& op) {
  unsupported(op, "an enum type", "use a CHECK constraint");
}

void check_identity(const ops::Op& context, const model::Column& column) {
  if (!column.identity) return;
  const model::Identity& identity = *column.identity;
  if (identity.minvalue || identity.maxvalue || identity.cache || identity.cycle) {
    unsupported(context, "identity minvalue, maxvalue, cache or cycle (column " + column.name + ")",
                "IDENTITY takes a start and an increment only");
  }
  if (column.server_default) {
    unsupported(context, "a server_default on an identity column (" + column.name + ")");
  }
}

Statements render_op(const MssqlDialect& d, const ops::BatchAlterTable& op) {
  return common::render_batch(d, op);
}

}  // namespace strata::dialect::mssql
