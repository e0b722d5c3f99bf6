// Internal to the SQL Server dialect (alter.cpp, data.cpp, ddl.cpp,
// render.cpp): one render function per op, and the T-SQL building blocks
// they share. The contract of the output
// is MssqlDialect's (dialect.h). Every function throws Error(kScript)
// "<ops::describe(op)>: ... is not supported on SQL Server" for what T-SQL
// cannot express.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/mssql/dialect.h"
#include "model/schema.h"
#include "ops/ops.h"

namespace strata::dialect::mssql {

using Statements = std::vector<std::string>;

// Error(kScript) "<describe(op)>: <what> is not supported on SQL Server"
// followed by "; <hint>" when there is one.
[[noreturn]] void unsupported(const ops::Op& op, const std::string& what,
                              const std::string& hint = "");

// The schema T-SQL needs spelled out: `schema`, or dbo.
std::string schema_or_dbo(const std::optional<std::string>& schema);

// "ALTER TABLE <qualified table>".
std::string alter_table(const MssqlDialect& d, const std::optional<std::string>& schema,
                        const std::string& table);

// OBJECT_ID(N'<qualified name>'[, N'<type>']).
std::string object_id(const MssqlDialect& d, const std::optional<std::string>& schema,
                      const std::string& name, std::string_view type = "");

// EXEC sp_rename N'<schema or dbo>.<parts...>', N'<new name>'[, N'<type>'].
// `parts` are quoted by the dialect inside the literal.
std::string sp_rename(const MssqlDialect& d, const std::optional<std::string>& schema,
                      const std::vector<std::string>& parts, const std::string& new_name,
                      std::string_view type = "");

// MS_Description of a table (`column` unset) or of a column:
// add_comment adds it (the object has none: it was just created),
// set_comment updates it or adds it, drop_comment drops it when it exists.
std::string add_comment(const MssqlDialect& d, const std::optional<std::string>& schema,
                        const std::string& table, const std::optional<std::string>& column,
                        const std::string& comment);
std::string set_comment(const MssqlDialect& d, const std::optional<std::string>& schema,
                        const std::string& table, const std::optional<std::string>& column,
                        const std::string& comment);
std::string drop_comment(const MssqlDialect& d, const std::optional<std::string>& schema,
                         const std::string& table, const std::optional<std::string>& column);

// T-SQL block dropping the column's default constraint (whatever SQL Server
// named it), and with `checks` also every check constraint reading the
// column; nothing when there is none or the column does not exist.
std::string drop_column_constraints(const MssqlDialect& d, const std::optional<std::string>& schema,
                                    const std::string& table, const std::string& column,
                                    bool checks);

// `fk` of table `schema`.`table` after checking SQL Server can express it:
// no DEFERRABLE, INITIALLY, MATCH or RESTRICT, and no cascading action
// (CASCADE, SET NULL, SET DEFAULT) on a key referencing its own table, which
// SQL Server refuses as a possible cycle (error 1785). Returned without its
// `deferrable = false` (what SQL Server always does). `context` names the op
// in the error.
model::ForeignKey checked_foreign_key(const ops::Op& context,
                                      const std::optional<std::string>& schema,
                                      const std::string& table, const model::ForeignKey& fk);

// One function per op (ddl.cpp, alter.cpp, data.cpp).
Statements render_op(const MssqlDialect& d, const ops::Execute& op);
Statements render_op(const MssqlDialect& d, const ops::CreateSchema& op);
Statements render_op(const MssqlDialect& d, const ops::DropSchema& op);
Statements render_op(const MssqlDialect& d, const ops::CreateTable& op);
Statements render_op(const MssqlDialect& d, const ops::DropTable& op);
Statements render_op(const MssqlDialect& d, const ops::AddColumn& op);
Statements render_op(const MssqlDialect& d, const ops::DropColumn& op);
Statements render_op(const MssqlDialect& d, const ops::AlterColumn& op);
Statements render_op(const MssqlDialect& d, const ops::RenameColumn& op);
Statements render_op(const MssqlDialect& d, const ops::AddConstraint& op);
Statements render_op(const MssqlDialect& d, const ops::DropConstraint& op);
Statements render_op(const MssqlDialect& d, const ops::RenameConstraint& op);
Statements render_op(const MssqlDialect& d, const ops::CreateIndex& op);
Statements render_op(const MssqlDialect& d, const ops::DropIndex& op);
Statements render_op(const MssqlDialect& d, const ops::RenameIndex& op);
Statements render_op(const MssqlDialect& d, const ops::RenameTable& op);
Statements render_op(const MssqlDialect& d, const ops::MoveTable& op);
Statements render_op(const MssqlDialect& d, const ops::SetTableComment& op);
Statements render_op(const MssqlDialect& d, const ops::CreateSequence& op);
Statements render_op(const MssqlDialect& d, const ops::DropSequence& op);
Statements render_op(const MssqlDialect& d, const ops::BulkInsert& op);
Statements render_op(const MssqlDialect& d, const ops::BatchAlterTable& op);
Statements render_op(const MssqlDialect& d, const ops::AutocommitBegin& op);
Statements render_op(const MssqlDialect& d, const ops::AutocommitEnd& op);
Statements render_op(const MssqlDialect& d, const ops::ValidateConstraint& op);
Statements render_op(const MssqlDialect& d, const ops::AlterSequence& op);
Statements render_op(const MssqlDialect& d, const ops::CreateEnum& op);
Statements render_op(const MssqlDialect& d, const ops::DropEnum& op);
Statements render_op(const MssqlDialect& d, const ops::AlterEnum& op);

// Error(kScript) unless SQL Server can express the column's identity (no
// minvalue, maxvalue, cache, cycle or server_default). `context` names the op.
void check_identity(const ops::Op& context, const model::Column& column);

}  // namespace strata::dialect::mssql
