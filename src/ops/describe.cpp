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
  std::string operator()(const AlterColumn& op) const {
    return fmt::format("alter_column {}.{}", qualified(op.schema, op.table), op.column);
  }
  std::string operator()(const RenameColumn& op) const {
    return fmt::format("rename_column {}.{} to {}", qualified(op.schema, op.table), op.old_name,
                       op.new_name);
  }
  std::string operator()(const AddConstraint& op) const {
    static const char* const kVerbs[] = {"create_primary_key", "create_unique_constraint",
                                         "create_check_constraint", "create_foreign_key"};
    return fmt::format("{} {} on {}", kVerbs[op.constraint.index()],
                       constraint_name(op.constraint).value_or("(unnamed)"),
                       qualified(op.schema, op.table));
  }
  std::string operator()(const DropConstraint& op) const {
    return fmt::format("drop_constraint {} on {}", op.name, qualified(op.schema, op.table));
  }
  std::string operator()(const ValidateConstraint& op) const {
    return fmt::format("validate_constraint {} on {}", op.name, qualified(op.schema, op.table));
  }
  std::string operator()(const RenameConstraint& op) const {
    return fmt::format("rename_constraint {} on {} to {}", op.old_name,
                       qualified(op.schema, op.table), op.new_name);
  }
  std::string operator()(const CreateIndex& op) const {
    return fmt::format("create_index {} on {}", op.index.name, qualified(op.index.schema, op.index.table));
  }
  std::string operator()(const DropIndex& op) const { return "drop_index " + qualified(op.schema, op.name); }
  std::string operator()(const RenameIndex& op) const {
    return fmt::format("rename_index {} to {}", qualified(op.schema, op.old_name), op.new_name);
  }
  std::string operator()(const RenameTable& op) const {
    return fmt::format("rename_table {} to {}", qualified(op.schema, op.old_name), op.new_name);
  }
  std::string operator()(const MoveTable& op) const {
    return fmt::format("move_table {} to {}", qualified(op.schema, op.name),
                       qualified(op.new_schema, op.new_name.value_or(op.name)));
  }
  std::string operator()(const SetTableComment& op) const {
    return (op.comment ? "create_table_comment " : "drop_table_comment ") +
           qualified(op.schema, op.table);
  }
  std::string operator()(const CreateSequence& op) const {
    return "create_sequence " + qualified(op.schema, op.name);
  }
  std::string operator()(const DropSequence& op) const {
    return "drop_sequence " + qualified(op.schema, op.name);
  }
  std::string operator()(const AlterSequence& op) const {
    return "alter_sequence " + qualified(op.schema, op.name);
  }
  std::string operator()(const CreateEnum& op) const {
    return "create_enum " + qualified(op.schema, op.name);
  }
  std::string operator()(const DropEnum& op) const {
    return "drop_enum " + qualified(op.schema, op.name);
  }
  std::string operator()(const AlterEnum& op) const {
    return "alter_enum " + qualified(op.schema, op.name);
  }
  std::string operator()(const BulkInsert& op) const {
    return fmt::format("bulk_{} {} ({} rows)", op.delete_rows ? "delete" : "insert",
                       qualified(op.schema, op.table), op.rows.size());
  }
  std::string operator()(const BatchAlterTable& op) const {
    return fmt::format("batch_alter_table {} ({} changes)", qualified(op.schema, op.table),
                       op.ops.size());
  }
  std::string operator()(const AutocommitBegin&) const { return "autocommit_block begin"; }
  std::string operator()(const AutocommitEnd&) const { return "autocommit_block end"; }
};

}  // namespace

ConstraintType constraint_type(const Constraint& constraint) {
  switch (constraint.index()) {
    case 0: return ConstraintType::kPrimaryKey;
    case 1: return ConstraintType::kUnique;
    case 2: return ConstraintType::kCheck;
    default: return ConstraintType::kForeignKey;
  }
}

std::optional<std::string> constraint_name(const Constraint& constraint) {
  return std::visit([](const auto& c) { return c.name; }, constraint);
}

std::string constraint_type_name(ConstraintType type) {
  switch (type) {
    case ConstraintType::kPrimaryKey: return "primary";
    case ConstraintType::kUnique: return "unique";
    case ConstraintType::kCheck: return "check";
    case ConstraintType::kForeignKey: return "foreignkey";
    case ConstraintType::kUnknown: break;
  }
  return "";
}

Op to_op(const TableOp& op) {
  return std::visit([](const auto& o) { return Op(o); }, op);
}

std::string describe(const Op& op) { return std::visit(Describer{}, op); }

}  // namespace strata::ops
