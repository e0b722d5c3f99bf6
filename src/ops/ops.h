// Operations as plain data. A revision script's `op.*` calls build these;
// a Dialect renders them to SQL; the runtime executes the SQL or prints it.
// Ops know nothing of SQL or of connections.
//
// Drop operations optionally carry what they drop (`dropped`), which is what
// makes them reversible (see ops/reverse.h).
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
struct Execute {
  std::optional<std::string> sql;
  std::map<std::string, std::string> per_dialect;
};

struct CreateSchema {
  std::string name;
  bool if_not_exists = false;
};

struct DropSchema {
  std::string name;
  bool if_exists = false;
  bool cascade = false;
};

struct CreateTable {
  model::Table table;
  bool if_not_exists = false;
};

struct DropTable {
  std::optional<std::string> schema;
  std::string name;
  bool if_exists = false;
  std::optional<model::Table> dropped;  // for reverse()
};

struct AddColumn {
  std::optional<std::string> schema;
  std::string table;
  model::Column column;
  bool if_not_exists = false;
};

struct DropColumn {
  std::optional<std::string> schema;
  std::string table;
  std::string column;
  bool if_exists = false;
  std::optional<model::Column> dropped;  // for reverse()
};

struct CreateIndex {
  model::Index index;
  bool if_not_exists = false;
};

struct DropIndex {
  std::string name;
  std::optional<std::string> schema;
  std::optional<std::string> table;  // required by MySQL and SQL Server
  bool if_exists = false;
  std::optional<model::Index> dropped;  // for reverse()
};

struct RenameTable {
  std::optional<std::string> schema;
  std::string old_name;
  std::string new_name;
};

using Op = std::variant<Execute, CreateSchema, DropSchema, CreateTable, DropTable,
                        AddColumn, DropColumn, CreateIndex, DropIndex, RenameTable>;

// A short human description ("create_table core.users"), for progress output
// and error messages.
std::string describe(const Op& op);

}  // namespace strata::ops
