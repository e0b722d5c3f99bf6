// reverse(): see reverse.h for the contract. Conventions beyond it:
//  - IF [NOT] EXISTS tolerance carries over: create ... if_not_exists reverses
//    to drop ... if_exists and back, so reverse(reverse(op)) == op.
//  - A drop op's own schema/name/table say what was dropped; they override
//    the corresponding members of `dropped` in the re-created object.
//  - AlterColumn's using_expr converts the old type to the new one and does
//    not apply backwards: the reverse has none (the database's own cast is
//    used). Every other member round-trips. An identity added to a
//    nullable column makes it NOT NULL as well (the dialects do so on their
//    own): the reverse drops the identity and keeps NOT NULL unless the op
//    also says nullable = false with existing_nullable (as autogenerate
//    writes it).
//  - A DropSequence's `dropped.if_not_exists` is not part of the sequence's
//    description: the reverse create takes if_not_exists from if_exists.
//  - AlterSequence changes back exactly the options it changes, from
//    `existing`: an unset existing increment is 1 (every database's
//    default), an unset existing minvalue / maxvalue is NO MINVALUE /
//    NO MAXVALUE; an unset existing cache is a missing fact (the default
//    differs between databases). The reverse's `existing` is `existing`
//    with the forward changes applied. RESTART never reverses (the
//    sequence's position is data, not schema).
//  - ValidateConstraint reverses to itself (a valid constraint validates
//    again without a change); AddConstraint's not_valid is not carried to
//    the DropConstraint's `dropped` (a re-added constraint is validated).
//  - CreateEnum <-> DropEnum (`dropped` = the values); AlterEnum swaps
//    values and existing_values and keeps its columns (so the reverse of an
//    ADD VALUE is the type swap that removes the value again).
#include "ops/reverse.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <variant>

#include "strata/error.h"

namespace strata::ops {
namespace {

[[noreturn]] void cannot(const Op& op, const std::string& missing) {
  throw Error(ErrorCode::kScript, describe(op) + " cannot be reversed: " + missing);
}

// Swap one changed property of an AlterColumn with its existing_* fact.
// `change`: the forward's new value (unset = unchanged); `existing`: the fact.
// Records the fact's name in `missing` when the property changes without it.
template <typename T>
void swap_fact(std::optional<T>& change, std::optional<T>& existing, const char* fact_name,
               std::vector<std::string>& missing) {
  if (!change) return;  // unchanged: the existing fact still holds
  if (!existing) {
    missing.push_back(fact_name);
    return;
  }
  std::swap(change, existing);
}

TableOp as_table_op(const Op& op) {
  return std::visit(
      [&](const auto& o) -> TableOp {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_constructible_v<TableOp, const T&>) {
          return o;
        } else {
          throw Error(ErrorCode::kInternal,
                      "the reverse of a batch op is not a table op: " + describe(op));
        }
      },
      op);
}

struct Reverser {
  const Op& self;

  Op operator()(const Execute& op) const {
    if (!op.reverse_sql && op.reverse_per_dialect.empty()) {
      cannot(self, "no reverse SQL was given (op.execute's `reverse` option)");
    }
    return Execute{.sql = op.reverse_sql,
                   .per_dialect = op.reverse_per_dialect,
                   .reverse_sql = op.sql,
                   .reverse_per_dialect = op.per_dialect};
  }

  Op operator()(const CreateSchema& op) const {
    return DropSchema{.name = op.name, .if_exists = op.if_not_exists, .cascade = false};
  }

  Op operator()(const DropSchema&) const {
    cannot(self, "a dropped schema's contents are not carried");
  }

  Op operator()(const CreateTable& op) const {
    return DropTable{.schema = op.table.schema,
                     .name = op.table.name,
                     .if_exists = op.if_not_exists,
                     .dropped = op.table};
  }

  Op operator()(const DropTable& op) const {
    if (!op.dropped) cannot(self, "the dropped table's definition is not given (dropped)");
    model::Table table = *op.dropped;
    table.schema = op.schema;
    table.name = op.name;
    return CreateTable{.table = std::move(table), .if_not_exists = op.if_exists};
  }

  Op operator()(const AddColumn& op) const {
    return DropColumn{.schema = op.schema,
                      .table = op.table,
                      .column = op.column.name,
                      .if_exists = op.if_not_exists,
                      .dropped = op.column};
  }

  Op operator()(const DropColumn& op) const {
    if (!op.dropped) cannot(self, "the dropped column's definition is not given (dropped)");
    model::Column column = *op.dropped;
    column.name = op.column;
    return AddColumn{.schema = op.schema,
                     .table = op.table,
                     .column = std::move(column),
                     .if_not_exists = op.if_exists};
  }

  Op operator()(const AlterColumn& op) const {
    AlterColumn out = op;
    std::vector<std::string> missing;
    swap_fact(out.type, out.existing_type, "existing_type", missing);
    swap_fact(out.nullable, out.existing_nullable, "existing_nullable", missing);
    swap_fact(out.server_default, out.existing_server_default, "existing_server_default",
              missing);
    swap_fact(out.comment, out.existing_comment, "existing_comment", missing);
    swap_fact(out.identity, out.existing_identity, "existing_identity", missing);
    if (!missing.empty()) {
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
      cannot(self, "missing " + list);
    }
    out.using_expr.reset();
    if (op.new_column_name) {
      out.column = *op.new_column_name;
      out.new_column_name = op.column;
    }
    return out;
  }

  Op operator()(const RenameColumn& op) const {
    return RenameColumn{
        .schema = op.schema, .table = op.table, .old_name = op.new_name, .new_name = op.old_name};
  }

  Op operator()(const AddConstraint& op) const {
    std::optional<std::string> name = constraint_name(op.constraint);
    if (!name || name->empty()) cannot(self, "the constraint has no name to drop it by");
    return DropConstraint{.schema = op.schema,
                          .table = op.table,
                          .name = *name,
                          .type = constraint_type(op.constraint),
                          .dropped = op.constraint};
  }

  Op operator()(const DropConstraint& op) const {
    if (!op.dropped) cannot(self, "the dropped constraint's definition is not given (dropped)");
    if (op.type != ConstraintType::kUnknown && op.type != constraint_type(*op.dropped)) {
      cannot(self, "type_ is " + constraint_type_name(op.type) + " but the dropped constraint is " +
                       constraint_type_name(constraint_type(*op.dropped)));
    }
    Constraint constraint = *op.dropped;
    std::visit([&](auto& c) { c.name = op.name; }, constraint);
    return AddConstraint{.schema = op.schema, .table = op.table, .constraint = std::move(constraint)};
  }

  Op operator()(const RenameConstraint& op) const {
    return RenameConstraint{.schema = op.schema,
                            .table = op.table,
                            .old_name = op.new_name,
                            .new_name = op.old_name,
                            .type = op.type};
  }

  Op operator()(const CreateIndex& op) const {
    return DropIndex{.name = op.index.name,
                     .schema = op.index.schema,
                     .table = op.index.table,
                     .if_exists = op.if_not_exists,
                     .concurrently = op.concurrently,
                     .dropped = op.index};
  }

  Op operator()(const DropIndex& op) const {
    if (!op.dropped) cannot(self, "the dropped index's definition is not given (dropped)");
    model::Index index = *op.dropped;
    index.name = op.name;
    index.schema = op.schema;
    if (op.table) index.table = *op.table;
    return CreateIndex{
        .index = std::move(index), .if_not_exists = op.if_exists, .concurrently = op.concurrently};
  }

  Op operator()(const RenameIndex& op) const {
    return RenameIndex{
        .schema = op.schema, .table = op.table, .old_name = op.new_name, .new_name = op.old_name};
  }

  Op operator()(const RenameTable& op) const {
    return RenameTable{.schema = op.schema, .old_name = op.new_name, .new_name = op.old_name};
  }

  Op operator()(const MoveTable& op) const {
    return MoveTable{.schema = op.new_schema,
                     .name = op.new_name.value_or(op.name),
                     .new_schema = op.schema,
                     .new_name = op.new_name ? std::optional<std::string>(op.name) : std::nullopt};
  }

  Op operator()(const SetTableComment& op) const {
    if (!op.existing_comment) cannot(self, "missing existing_comment");
    return SetTableComment{.schema = op.schema,
                           .table = op.table,
                           .comment = *op.existing_comment,
                           .existing_comment = op.comment};
  }

  Op operator()(const CreateSequence& op) const {
    CreateSequence dropped = op;
    dropped.if_not_exists = false;
    return DropSequence{.schema = op.schema,
                        .name = op.name,
                        .if_exists = op.if_not_exists,
                        .dropped = std::move(dropped)};
  }

  Op operator()(const DropSequence& op) const {
    if (!op.dropped) cannot(self, "the dropped sequence's definition is not given (dropped)");
    CreateSequence create = *op.dropped;
    create.schema = op.schema;
    create.name = op.name;
    create.if_not_exists = op.if_exists;
    return create;
  }

  Op operator()(const AlterSequence& op) const {
    if (op.restart) cannot(self, "restart is not reversible (the sequence's position is data)");
    const bool changes = op.increment || op.minvalue || op.maxvalue || op.cache || op.cycle;
    if (!changes) return op;
    if (!op.existing) {
      cannot(self, "the sequence's options before the change are not given (existing)");
    }
    const CreateSequence& was = *op.existing;
    if (op.cache && !was.cache) cannot(self, "missing existing.cache");
    AlterSequence out{.schema = op.schema, .name = op.name, .existing = was};
    CreateSequence& now = *out.existing;
    if (op.increment) {
      out.increment = was.increment.value_or(1);
      now.increment = op.increment;
    }
    if (op.minvalue) {
      out.minvalue = was.minvalue;
      now.minvalue = *op.minvalue;
    }
    if (op.maxvalue) {
      out.maxvalue = was.maxvalue;
      now.maxvalue = *op.maxvalue;
    }
    if (op.cache) {
      out.cache = was.cache;
      now.cache = op.cache;
    }
    if (op.cycle) {
      out.cycle = was.cycle;
      now.cycle = *op.cycle;
    }
    return out;
  }

  Op operator()(const CreateEnum& op) const {
    return DropEnum{.schema = op.schema,
                    .name = op.name,
                    .if_exists = op.if_not_exists,
                    .dropped = op.values};
  }

  Op operator()(const DropEnum& op) const {
    if (!op.dropped) cannot(self, "the dropped enum's values are not given (dropped)");
    return CreateEnum{.schema = op.schema,
                      .name = op.name,
                      .values = *op.dropped,
                      .if_not_exists = op.if_exists};
  }

  Op operator()(const AlterEnum& op) const {
    if (op.existing_values.empty()) cannot(self, "missing existing_values");
    return AlterEnum{.schema = op.schema,
                     .name = op.name,
                     .values = op.existing_values,
                     .existing_values = op.values,
                     .columns = op.columns};
  }

  Op operator()(const BulkInsert& op) const {
    BulkInsert out = op;
    out.delete_rows = !op.delete_rows;
    return out;
  }

  Op operator()(const BatchAlterTable& op) const {
    BatchAlterTable out{.schema = op.schema, .table = op.table, .ops = {}};
    out.ops.reserve(op.ops.size());
    for (auto it = op.ops.rbegin(); it != op.ops.rend(); ++it) {
      out.ops.push_back(as_table_op(reverse(to_op(*it))));
    }
    return out;
  }

  Op operator()(const ValidateConstraint& op) const { return op; }
  Op operator()(const AutocommitBegin&) const { return AutocommitEnd{}; }
  Op operator()(const AutocommitEnd&) const { return AutocommitBegin{}; }
};

}  // namespace

Op reverse(const Op& op) { return std::visit(Reverser{op}, op); }

std::vector<Op> reverse_all(const std::vector<Op>& ops) {
  std::vector<Op> out;
  out.reserve(ops.size());
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) out.push_back(reverse(*it));
  return out;
}

}  // namespace strata::ops
