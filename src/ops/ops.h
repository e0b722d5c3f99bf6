// Operations as plain data. A revision script's `op.*` calls build these;
// a Dialect renders them to SQL; the runtime executes the SQL or prints it.
// Ops know nothing of SQL or of connections.
//
// Reversibility: every op has a reverse (ops/reverse.h). Drop operations
// optionally carry what they drop (`dropped`), and alter operations the facts
// before the change (`existing_*`); without them reverse() reports what is
// missing.
//
// Optional-of-optional members (`std::optional<std::optional<T>>`) mean:
// outer unset = leave alone / unknown; inner nullopt = remove / there was none.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/schema.h"

namespace strata::ops {

// op.execute(sql) or op.execute{postgresql = ..., sqlite = ..., mssql = ...}.
// `sql` is used for every dialect without an entry in `per_dialect`.
// `reverse_sql`: what undoes it, when the script says so (op.execute's
// `reverse` option); reverse() of an Execute without it is an error.
struct Execute {
  std::optional<std::string> sql;
  std::map<std::string, std::string> per_dialect;
  std::optional<std::string> reverse_sql;
  std::map<std::string, std::string> reverse_per_dialect;
  friend bool operator==(const Execute&, const Execute&) = default;
};

struct CreateSchema {
  std::string name;
  bool if_not_exists = false;
  friend bool operator==(const CreateSchema&, const CreateSchema&) = default;
};

struct DropSchema {
  std::string name;
  bool if_exists = false;
  bool cascade = false;
  friend bool operator==(const DropSchema&, const DropSchema&) = default;
};

struct CreateTable {
  model::Table table;
  bool if_not_exists = false;
  friend bool operator==(const CreateTable&, const CreateTable&) = default;
};

struct DropTable {
  std::optional<std::string> schema;
  std::string name;
  bool if_exists = false;
  std::optional<model::Table> dropped;  // for reverse()
  friend bool operator==(const DropTable&, const DropTable&) = default;
};

struct AddColumn {
  std::optional<std::string> schema;
  std::string table;
  model::Column column;
  bool if_not_exists = false;
  friend bool operator==(const AddColumn&, const AddColumn&) = default;
};

struct DropColumn {
  std::optional<std::string> schema;
  std::string table;
  std::string column;
  bool if_exists = false;
  std::optional<model::Column> dropped;  // for reverse()
  friend bool operator==(const DropColumn&, const DropColumn&) = default;
};

// op.alter_column. Each change member unset = that property is not changed.
// A rename (new_column_name) is applied after the other changes.
struct AlterColumn {
  std::optional<std::string> schema;
  std::string table;
  std::string column;
  std::optional<bool> nullable;
  std::optional<model::Type> type;
  std::optional<std::string> using_expr;  // PostgreSQL: ALTER ... TYPE t USING expr
  std::optional<std::optional<model::ServerDefault>> server_default;  // inner nullopt: DROP DEFAULT
  std::optional<std::string> new_column_name;
  std::optional<std::optional<std::string>> comment;  // inner nullopt: remove the comment
  // The column's identity after the change; inner nullopt: drop the
  // identity. Adding one makes the column NOT NULL (see the dialects).
  std::optional<std::optional<model::Identity>> identity;
  // What the column was (needed by dialects that restate the whole column —
  // MySQL's MODIFY, SQL Server's ALTER COLUMN — and by reverse()).
  std::optional<model::Type> existing_type;
  std::optional<bool> existing_nullable;
  std::optional<std::optional<model::ServerDefault>> existing_server_default;
  std::optional<std::optional<std::string>> existing_comment;
  std::optional<bool> existing_autoincrement;
  std::optional<std::optional<model::Identity>> existing_identity;  // inner nullopt: none
  // PostgreSQL, with nullable = false: SET NOT NULL through a NOT VALID
  // check (add it NOT VALID, VALIDATE, SET NOT NULL, drop the check), so no
  // ACCESS EXCLUSIVE lock is held during the scan. The op API accepts it
  // only inside op.autocommit_block (each statement its own transaction).
  // Ignored with nullable unset or true, and by the other dialects.
  bool online = false;
  friend bool operator==(const AlterColumn&, const AlterColumn&) = default;
};

struct RenameColumn {
  std::optional<std::string> schema;
  std::string table;
  std::string old_name;
  std::string new_name;
  friend bool operator==(const RenameColumn&, const RenameColumn&) = default;
};

// A table constraint on its own (op.create_unique_constraint etc.).
using Constraint = std::variant<model::PrimaryKey, model::UniqueConstraint,
                                model::CheckConstraint, model::ForeignKey>;

enum class ConstraintType { kUnknown, kPrimaryKey, kUnique, kCheck, kForeignKey };

// The kind of a constraint value; its name ("" when unnamed).
ConstraintType constraint_type(const Constraint& constraint);
std::optional<std::string> constraint_name(const Constraint& constraint);
// "primary", "unique", "check", "foreignkey" (Alembic's type_ spellings);
// "" for kUnknown.
std::string constraint_type_name(ConstraintType type);

// `not_valid` (foreign keys and checks; op option not_valid): PostgreSQL
// adds the constraint NOT VALID — existing rows are not checked, so the
// ACCESS EXCLUSIVE lock is short; a ValidateConstraint checks them later.
// Other dialects render the plain (validated) form.
struct AddConstraint {
  std::optional<std::string> schema;
  std::string table;
  Constraint constraint;  // a ForeignKey's ref_schema may differ from `schema`
  bool not_valid = false;
  friend bool operator==(const AddConstraint&, const AddConstraint&) = default;
};

// op.drop_constraint(name, table, {type_ = ...}). MySQL and SQL Server need
// the type for some drops; `dropped` (when known) implies it.
struct DropConstraint {
  std::optional<std::string> schema;
  std::string table;
  std::string name;
  ConstraintType type = ConstraintType::kUnknown;
  bool if_exists = false;
  std::optional<Constraint> dropped;  // for reverse()
  friend bool operator==(const DropConstraint&, const DropConstraint&) = default;
};

// op.validate_constraint(table, name, {schema}): PostgreSQL ALTER TABLE ...
// VALIDATE CONSTRAINT (checks the rows of a constraint added NOT VALID,
// under a SHARE UPDATE EXCLUSIVE lock). Other dialects render nothing: their
// constraints are validated when added. Its reverse is itself (validating a
// valid constraint changes nothing).
struct ValidateConstraint {
  std::optional<std::string> schema;
  std::string table;
  std::string name;
  friend bool operator==(const ValidateConstraint&, const ValidateConstraint&) = default;
};

struct RenameConstraint {
  std::optional<std::string> schema;
  std::string table;
  std::string old_name;
  std::string new_name;
  ConstraintType type = ConstraintType::kUnknown;
  friend bool operator==(const RenameConstraint&, const RenameConstraint&) = default;
};

// `concurrently`: PostgreSQL CREATE INDEX CONCURRENTLY (other dialects ignore
// it). The op API only accepts it inside op.autocommit_block.
struct CreateIndex {
  model::Index index;
  bool if_not_exists = false;
  bool concurrently = false;
  friend bool operator==(const CreateIndex&, const CreateIndex&) = default;
};

struct DropIndex {
  std::string name;
  std::optional<std::string> schema;
  std::optional<std::string> table;  // required by MySQL and SQL Server
  bool if_exists = false;
  bool concurrently = false;
  std::optional<model::Index> dropped;  // for reverse()
  friend bool operator==(const DropIndex&, const DropIndex&) = default;
};

// op.rename_index. `table` is required by MySQL and SQL Server.
struct RenameIndex {
  std::optional<std::string> schema;
  std::optional<std::string> table;
  std::string old_name;
  std::string new_name;
  friend bool operator==(const RenameIndex&, const RenameIndex&) = default;
};

struct RenameTable {
  std::optional<std::string> schema;
  std::string old_name;
  std::string new_name;
  friend bool operator==(const RenameTable&, const RenameTable&) = default;
};

// op.move_table(name, {schema = from, new_schema = to, new_name = ...}).
// Rows, indexes, constraints and foreign keys in both directions survive.
// An unset schema / new_schema is the default schema (PostgreSQL public,
// SQLite main, SQL Server dbo, MySQL the connection's database); the op API
// requires at least one of them to be set.
struct MoveTable {
  std::optional<std::string> schema;
  std::string name;
  std::optional<std::string> new_schema;
  std::optional<std::string> new_name;  // unset: keep the name
  friend bool operator==(const MoveTable&, const MoveTable&) = default;
};

// op.create_table_comment / op.drop_table_comment: `comment` nullopt drops.
struct SetTableComment {
  std::optional<std::string> schema;
  std::string table;
  std::optional<std::string> comment;
  std::optional<std::optional<std::string>> existing_comment;  // for reverse()
  friend bool operator==(const SetTableComment&, const SetTableComment&) = default;
};

struct CreateSequence {
  std::optional<std::string> schema;
  std::string name;
  std::optional<long long> start;
  std::optional<long long> increment;
  std::optional<long long> minvalue;
  std::optional<long long> maxvalue;
  std::optional<long long> cache;
  bool cycle = false;
  bool if_not_exists = false;
  friend bool operator==(const CreateSequence&, const CreateSequence&) = default;
};

struct DropSequence {
  std::optional<std::string> schema;
  std::string name;
  bool if_exists = false;
  std::optional<CreateSequence> dropped;  // for reverse()
  friend bool operator==(const DropSequence&, const DropSequence&) = default;
};

// op.alter_sequence: each member unset = unchanged. `existing` (the
// sequence's options before the change) is needed by reverse().
struct AlterSequence {
  std::optional<std::string> schema;
  std::string name;
  std::optional<long long> increment;
  std::optional<std::optional<long long>> minvalue;  // inner nullopt: NO MINVALUE
  std::optional<std::optional<long long>> maxvalue;  // inner nullopt: NO MAXVALUE
  std::optional<long long> cache;
  std::optional<bool> cycle;
  std::optional<long long> restart;  // RESTART WITH (not reversible: the position is data)
  std::optional<CreateSequence> existing;
  friend bool operator==(const AlterSequence&, const AlterSequence&) = default;
};

// PostgreSQL enum types (op.create_enum / op.drop_enum / op.alter_enum).
// Other dialects refuse them (MySQL's inline ENUM(...) is a column type).
struct CreateEnum {
  std::optional<std::string> schema;
  std::string name;
  std::vector<std::string> values;
  bool if_not_exists = false;
  friend bool operator==(const CreateEnum&, const CreateEnum&) = default;
};

struct DropEnum {
  std::optional<std::string> schema;
  std::string name;
  bool if_exists = false;
  std::optional<std::vector<std::string>> dropped;  // its values, for reverse()
  friend bool operator==(const DropEnum&, const DropEnum&) = default;
};

// A column whose type is the enum AlterEnum changes (for the type swap).
struct EnumColumn {
  std::optional<std::string> schema;
  std::string table;
  std::string column;
  // The column's default, dropped before the retype and set again after.
  std::optional<model::ServerDefault> server_default;
  friend bool operator==(const EnumColumn&, const EnumColumn&) = default;
};

// op.alter_enum(name, values, {schema, existing_values, columns}).
// When `values` is `existing_values` with values added (anywhere), it renders
// ALTER TYPE ... ADD VALUE [BEFORE|AFTER] per new value. Otherwise (a value
// removed or the order changed) the type-swap recipe: rename the old type to
// <name>_old, create the new type, retype every listed column with
// USING col::text::<new>, drop the old type. Rows holding a removed value make
// the retype fail (nothing is lost: the migration's transaction rolls back).
struct AlterEnum {
  std::optional<std::string> schema;
  std::string name;
  std::vector<std::string> values;
  std::vector<std::string> existing_values;
  std::vector<EnumColumn> columns;
  friend bool operator==(const AlterEnum&, const AlterEnum&) = default;
};

// A literal value for op.bulk_insert: NULL, boolean, integer, float or text.
using Value = std::variant<std::monostate, bool, long long, double, std::string>;

// op.bulk_insert: rows of values for `columns` (each row has one value per
// column, in order). Rendered as multi-row INSERTs.
struct BulkInsert {
  std::optional<std::string> schema;
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  // Optional types of the columns (same order; may be empty): lets a
  // dialect render a value for the column's type (e.g. booleans).
  std::vector<std::optional<model::Type>> types;
  // reverse(): a BulkInsert with `delete_rows` deletes each listed row
  // (every column equal, NULL matching NULL) instead of inserting it.
  bool delete_rows = false;
  friend bool operator==(const BulkInsert&, const BulkInsert&) = default;
};

// The operations op.batch_alter_table groups for one table. Their schema and
// table members repeat the batch's. On SQLite the changes that need a table
// rebuild are made by one rebuild; elsewhere they run one by one.
using TableOp = std::variant<AddColumn, DropColumn, AlterColumn, RenameColumn, AddConstraint,
                             DropConstraint, CreateIndex, DropIndex>;

struct BatchAlterTable {
  std::optional<std::string> schema;
  std::string table;
  std::vector<TableOp> ops;
  friend bool operator==(const BatchAlterTable&, const BatchAlterTable&) = default;
};

// op.autocommit_block(function() ... end): the enclosed ops run outside the
// migration's transaction (COMMIT before, BEGIN after; online and in --sql).
struct AutocommitBegin {
  friend bool operator==(const AutocommitBegin&, const AutocommitBegin&) = default;
};
struct AutocommitEnd {
  friend bool operator==(const AutocommitEnd&, const AutocommitEnd&) = default;
};

using Op = std::variant<Execute, CreateSchema, DropSchema, CreateTable, DropTable, AddColumn,
                        DropColumn, AlterColumn, RenameColumn, AddConstraint, DropConstraint,
                        RenameConstraint, CreateIndex, DropIndex, RenameIndex, RenameTable,
                        MoveTable, SetTableComment, CreateSequence, DropSequence, BulkInsert,
                        BatchAlterTable, AutocommitBegin, AutocommitEnd, AlterSequence,
                        CreateEnum, DropEnum, AlterEnum, ValidateConstraint>;

// A TableOp as an Op.
Op to_op(const TableOp& op);

// A short human description ("create_table core.users"), for progress output
// and error messages.
std::string describe(const Op& op);

}  // namespace strata::ops
