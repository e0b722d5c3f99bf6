// catalog_ops() (see catalog_ops.h).
#include "autogen/catalog_ops.h"

namespace strata::autogen {
namespace {

template <typename T>
bool in_schema(const T& object, const std::string& schema) {
  return object.schema && *object.schema == schema;
}

}  // namespace

ops::CreateSequence create_sequence_op(const model::Sequence& sequence,
                                       std::optional<std::string> schema) {
  ops::CreateSequence op;
  op.schema = std::move(schema);
  op.name = sequence.name;
  op.start = sequence.start;
  op.increment = sequence.increment;
  op.minvalue = sequence.minvalue;
  op.maxvalue = sequence.maxvalue;
  op.cache = sequence.cache;
  op.cycle = sequence.cycle;
  return op;
}

SchemaOps catalog_ops(const model::Catalog& catalog, const std::string& schema,
                      const std::string& default_schema, bool split_foreign_keys) {
  auto op_schema = [&](const std::optional<std::string>& s) -> std::optional<std::string> {
    if (!s || *s == default_schema) return std::nullopt;
    return s;
  };
  SchemaOps out;
  for (const model::Enum& e : catalog.enums) {
    if (in_schema(e, schema)) out.creates.push_back(ops::CreateEnum{op_schema(e.schema), e.name, e.values, false});
  }
  for (const model::Sequence& s : catalog.sequences) {
    if (in_schema(s, schema)) out.creates.push_back(create_sequence_op(s, op_schema(s.schema)));
  }
  for (model::Table table : catalog.tables) {
    if (!in_schema(table, schema)) continue;
    table.schema = op_schema(table.schema);
    for (model::ForeignKey& fk : table.foreign_keys) fk.ref_schema = op_schema(fk.ref_schema);
    for (model::Column& column : table.columns) column.reflected_type.clear();
    if (split_foreign_keys) {
      for (const model::ForeignKey& fk : table.foreign_keys) {
        out.foreign_keys.push_back(ops::AddConstraint{table.schema, table.name, fk});
      }
      table.foreign_keys.clear();
    }
    out.creates.push_back(ops::CreateTable{std::move(table), false});
  }
  for (model::Index index : catalog.indexes) {
    if (!in_schema(index, schema)) continue;
    index.schema = op_schema(index.schema);
    out.creates.push_back(ops::CreateIndex{std::move(index), false, false});
  }
  return out;
}

}  // namespace strata::autogen
