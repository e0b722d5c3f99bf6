// The MySQL ops applied against the live catalog (dialect/live.h):
// MysqlLiveApplier and the online halves of the ops whose --sql form
// render_parts.h declares. Reads go through the inspector
// (mysql::inspect_tables); every change goes through conn.execute().
//
// Which ops (see MysqlDialect's contract in dialect.h): alter_column
// restating the column, drop_schema without cascade, move_table to another
// database, drop_constraint without a type (and without `dropped`), drop of
// a primary key with if_exists, rename_constraint of a foreign key, a check
// or a constraint of unknown type, and a batch_alter_table holding one of
// those (its ops run one by one, each live or as rendered).
#pragma once

#include "dialect/live.h"
#include "dialect/mysql/dialect.h"
#include "driver/connection.h"
#include "ops/ops.h"

namespace strata::dialect::mysql {

class MysqlLiveApplier : public LiveApplier {
 public:
  // REQUIRES: `dialect` outlives the applier.
  explicit MysqlLiveApplier(const MysqlDialect& dialect) : dialect_(dialect) {}
  bool needs_live_catalog(const ops::Op& op) const override;
  void apply_live(const ops::Op& op, driver::Connection& conn) const override;

 private:
  const MysqlDialect& dialect_;
};

// ---- alter_column (column.cpp) ----------------------------------------

// Online: the facts the op does not give are read from the column as
// mysql::inspect_tables reads it (COLUMN_TYPE, nullability, default — as
// MysqlDialect::default_sql restates it —, comment, AUTO_INCREMENT); what
// only the catalog knows is restated too: the column's own collation (when
// it differs from the table's and the type is a character type or
// unchanged), ON UPDATE (unchanged or DATETIME / raw type) and INVISIBLE,
// and a CHECK written in the column's definition (MariaDB drops it on
// MODIFY otherwise). A generated column is refused (kScript); a missing
// column is kDatabase.
void apply_alter_column(const MysqlDialect& d, const ops::AlterColumn& op,
                        driver::Connection& conn);

// ---- drop_schema, move_table (schema_ops.cpp) ------------------------

// Online without cascade: Error(kDatabase) "<op>: schema s is not empty
// (2 tables, 1 view, 1 sequence); use cascade = true" when the catalog lists
// anything in the database, else DROP DATABASE [IF EXISTS].
void apply_drop_schema(const MysqlDialect& d, const ops::DropSchema& op,
                       driver::Connection& conn);

// Online: a table with triggers has them dropped (DROP TRIGGER), is moved,
// and gets them created again in the target database on the moved table
// (same names, timing, event, firing order, body, definer and sql_mode;
// unqualified names in a body now resolve in the target database). When a
// step fails, what was done is undone and the error rethrown.
void apply_move_table(const MysqlDialect& d, const ops::MoveTable& op,
                      driver::Connection& conn);

}  // namespace strata::dialect::mysql
