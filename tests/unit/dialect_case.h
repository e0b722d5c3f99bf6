// The shape of a dialect golden case (tests/unit/dialect_test.cpp): a named
// list of labelled steps, each an op (or a version-table call) to render,
// plus builders for the schema model the cases use. Header-only; included by
// the dialect test alone.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dialect/dialect.h"
#include "model/schema.h"
#include "ops/ops.h"

// Designated initializers leave the other members at their defaults on
// purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata::dialect::golden {

using Kind = model::Type::Kind;

// ---- model builders ---------------------------------------------------------

inline model::Type type(Kind kind) { return model::Type{.kind = kind}; }

inline model::Type string_type(int length) {
  return model::Type{.kind = Kind::kString, .length = length};
}

inline model::Column col(std::string name, model::Type t, bool nullable = true) {
  return model::Column{.name = std::move(name), .type = std::move(t), .nullable = nullable};
}

inline model::Column id_col(std::string name = "id", Kind kind = Kind::kInteger) {
  return model::Column{.name = std::move(name), .type = type(kind), .primary_key = true};
}

inline model::ServerDefault literal_default(std::string value) { return {std::move(value), false}; }
inline model::ServerDefault expr_default(std::string value) { return {std::move(value), true}; }

inline ops::CreateTable create(std::optional<std::string> schema, std::string name,
                               std::vector<model::Column> columns) {
  ops::CreateTable op;
  op.table.schema = std::move(schema);
  op.table.name = std::move(name);
  op.table.columns = std::move(columns);
  return op;
}

inline model::Index index(std::optional<std::string> schema, std::string table, std::string name,
                          std::vector<model::IndexElement> elements) {
  return model::Index{.name = std::move(name),
                      .schema = std::move(schema),
                      .table = std::move(table),
                      .elements = std::move(elements)};
}

// ---- cases ------------------------------------------------------------------

// One labelled unit of rendering: an op (kept in `op`, so a live run can
// treat it as the runtime does) or a version-table call (no `op`).
struct Step {
  std::string label;
  std::function<std::vector<std::string>(const Dialect&)> render;
  std::optional<ops::Op> op;
};

inline Step op(ops::Op o) {
  std::string label = ops::describe(o);
  for (char& c : label) c = c == '\n' ? ' ' : c;
  return {label, [o](const Dialect& d) { return d.render(o); }, o};
}

struct Case {
  std::string name;
  std::vector<Step> steps;
};

}  // namespace strata::dialect::golden
