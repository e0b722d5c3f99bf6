// Internal to the MySQL dialect: the renderers of the ops that take more than
// a line (alter.cpp, column.cpp, bulk.cpp, schema_ops.cpp) and the pieces the
// live-catalog path (live.h) shares with them. See dialect.h for the
// contract of each op. Nothing here needs a connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dialect/mysql/dialect.h"
#include "ops/ops.h"

namespace strata::dialect::mysql {

// Error(kScript) "<describe(op)>: <what> is not supported on MySQL/MariaDB"
// followed by " (<hint>)" when there is a hint.
[[noreturn]] void unsupported(const ops::Op& op, const std::string& what,
                              const std::string& hint = "");

// Error(kScript) "<describe(op)>: on MySQL/MariaDB this needs a live database
// (<why>)" — what render() throws, in --sql mode, for an op that
// MysqlLiveApplier::needs_live_catalog() (live.h).
[[noreturn]] void needs_live_database(const ops::Op& op, const std::string& why);

// ASCII upper case (keywords and catalog words).
std::string upper(std::string text);

// The type a drop_constraint names: `type`, else the kind of `dropped`,
// else kUnknown.
ops::ConstraintType drop_type(const ops::DropConstraint& op);

// ---- alter_column (column.cpp) ----------------------------------------

// Whether the op changes the type, nullability, comment or identity
// (AUTO_INCREMENT), which MySQL does by restating the whole column (MODIFY /
// CHANGE); such an op is applied against the live catalog online.
bool restates(const ops::AlterColumn& op);

// --sql: restated from the op's facts (each change, else its existing_*
// fact); a fact the op does not give is a kScript needs_live_database error
// naming the missing existing_* arguments. existing_autoincrement is asked
// for only when the restated type can be AUTO_INCREMENT (an integer, a
// float, a raw type); existing_identity stands in for it. An identity
// change adds AUTO_INCREMENT (and NOT NULL unless the op gives nullable) or
// removes it; identity always, sequence options (start included) and a new
// server_default beside it are refused (kScript, as for create_table).
// Without a type, nullability, comment or identity change:
// ALTER COLUMN SET / DROP DEFAULT and RENAME COLUMN.
std::vector<std::string> alter_column(const MysqlDialect& d, const ops::AlterColumn& op);

// ALTER TABLE t ADD [CONSTRAINT name] PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY.
std::string add_constraint(const MysqlDialect& d, const ops::AddConstraint& op);

// The FOREIGN KEY clause (with its CONSTRAINT prefix when named), referent
// qualified by ref_schema. `op` names the operation in errors (DEFERRABLE /
// INITIALLY DEFERRED are refused; NOT DEFERRABLE is dropped).
std::string foreign_key_clause(const MysqlDialect& d, const ops::Op& op,
                               const model::ForeignKey& fk);

// The statements that drop a constraint of the given (known) type: the
// ALTER TABLE, and for a foreign key also the index InnoDB created for it.
// InnoDB adds an index named after a foreign key when no index on its
// columns exists, and DROP FOREIGN KEY leaves that index behind; an index of
// the key's name is therefore dropped with it when it is non-unique and on
// exactly the key's columns (decided by a prepared statement over
// information_schema before the key is dropped, so the same SQL works online
// and in --sql), and the reverse of create_foreign_key restores the catalog.
// REQUIRES: type != kUnknown.
std::vector<std::string> drop_constraint(const MysqlDialect& d, const ops::DropConstraint& op,
                                         ops::ConstraintType type);
// The clause alone: "DROP FOREIGN KEY [IF EXISTS] name", ...
std::string drop_constraint_clause(const MysqlDialect& d, const std::string& name,
                                   ops::ConstraintType type, bool if_exists);

// The statements renaming a constraint of known type: RENAME INDEX for a
// unique, nothing for a primary key. REQUIRES: type is kUnique or kPrimaryKey.
std::vector<std::string> rename_index_like_constraint(const MysqlDialect& d,
                                                      const ops::RenameConstraint& op,
                                                      ops::ConstraintType type);

std::vector<std::string> bulk_insert(const MysqlDialect& d, const ops::BulkInsert& op);

// ---- drop_schema, move_table (schema_ops.cpp) ------------------------

// With cascade: DROP DATABASE. Without (the --sql form): a prepared
// statement that is the DROP when information_schema.tables lists nothing
// in the database, else SIGNAL SQLSTATE '45000' "schema s is not empty
// (n tables); use cascade = true" (views and sequences count as tables).
std::vector<std::string> drop_schema(const MysqlDialect& d, const ops::DropSchema& op);

// RENAME TABLE a.t TO b.n; nothing when nothing moves. The --sql form: the
// server refuses it (error 1435) for a table with triggers moving to
// another database.
std::vector<std::string> move_table(const MysqlDialect& d, const ops::MoveTable& op);
// schema != new_schema (an unset one is the connection's database).
bool moves_across_databases(const ops::MoveTable& op);

}  // namespace strata::dialect::mysql
