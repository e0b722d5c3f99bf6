#include <fmt/format.h>

#include "ops/ops.h"

namespace strata::ops {
namespace {

std::string qualified(const std::optional<std::string>& schema, const std::string& name) {
  return schema ? *schema + "." + name : name;
}

struct Describer {
  std::string operator()(const Execute& op) const {
    std::string sql = op.sql ? *op.sql : (op.per_dialect.empty() ? "" : op.per_dialect.begin()->second);
    if (sql.size() > 60) sql = sql.substr(0, 57) + "...";
    return "execute " + sql;
  }
  std::string operator()(const CreateSchema& op) const { return "create_schema " + op.name; }
  std::string operator()(const DropSchema& op) const { return "drop_schema " + op.name; }
  std::string operator()(const CreateTable& op) const {
    return "create_table " + qualified(op.table.schema, op.table.name);
  }
  std::string operator()(const DropTable& op) const { return "drop_table " + qualified(op.schema, op.name); }
  std::string operator()(const AddColumn& op) const {
    return fmt::format("add_column {}.{}", qualified(op.schema, op.table), op.column.name);
  }
  std::string operator()(const DropColumn& op) const {
    return fmt::format("drop_column {}.{}", qualified(op.schema, op.table), op.column);
  }
  std::string operator()(const CreateIndex& op) const {
    return fmt::format("create_index {} on {}", op.index.name, qualified(op.index.schema, op.index.table));
  }
  std::string operator()(const DropIndex& op) const { return "drop_index " + qualified(op.schema, op.name); }
  std::string operator()(const RenameTable& op) const {
    return fmt::format("rename_table {} to {}", qualified(op.schema, op.old_name), op.new_name);
  }
};

}  // namespace

std::string describe(const Op& op) { return std::visit(Describer{}, op); }

}  // namespace strata::ops
