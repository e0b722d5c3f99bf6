// for_each_schema_name (contract in ops/schema_names.h): one visit over the
// op variant (this file is one of the few that instantiate it).
#include "ops/schema_names.h"

#include <optional>
#include <type_traits>
#include <variant>

namespace strata::ops {
namespace {

class SchemaNames {
 public:
  explicit SchemaNames(const std::function<void(std::string&)>& f) : f_(f) {}

  void name(std::string& schema) const { f_(schema); }
  void name(std::optional<std::string>& schema) const {
    if (schema) name(*schema);
  }

  void table(model::Table& t) const {
    name(t.schema);
    for (model::ForeignKey& fk : t.foreign_keys) name(fk.ref_schema);
  }

  void constraint(Constraint& c) const {
    if (auto* fk = std::get_if<model::ForeignKey>(&c)) name(fk->ref_schema);
  }

  template <typename T>
  void op(T& o) const {
    if constexpr (std::is_same_v<T, CreateSchema> || std::is_same_v<T, DropSchema>) {
      name(o.name);
    }
    if constexpr (requires { o.schema; }) name(o.schema);
    if constexpr (requires { o.new_schema; }) name(o.new_schema);
    if constexpr (std::is_same_v<T, CreateTable>) table(o.table);
    if constexpr (std::is_same_v<T, DropTable>) {
      if (o.dropped) table(*o.dropped);
    }
    if constexpr (std::is_same_v<T, CreateIndex>) name(o.index.schema);
    if constexpr (std::is_same_v<T, DropIndex>) {
      if (o.dropped) name(o.dropped->schema);
    }
    if constexpr (requires { o.constraint; }) constraint(o.constraint);
    if constexpr (std::is_same_v<T, DropConstraint>) {
      if (o.dropped) constraint(*o.dropped);
    }
    if constexpr (std::is_same_v<T, AlterEnum>) {
      for (EnumColumn& c : o.columns) name(c.schema);
    }
    if constexpr (std::is_same_v<T, BatchAlterTable>) {
      for (TableOp& inner : o.ops) std::visit([this](auto& x) { op(x); }, inner);
    }
  }

 private:
  const std::function<void(std::string&)>& f_;
};

}  // namespace

void for_each_schema_name(Op& op, const std::function<void(std::string&)>& f) {
  SchemaNames names(f);
  std::visit([&names](auto& o) { names.op(o); }, op);
}

}  // namespace strata::ops
