#include "lint/table_tracker.h"

#include <set>
#include <type_traits>
#include <variant>

namespace strata::lint {
namespace {

using TableRef = std::pair<std::optional<std::string>, std::string>;

class Tracker {
 public:
  explicit Tracker(std::string_view dialect) {
    if (dialect == "postgresql") default_schema_ = "public";
    if (dialect == "sqlite") default_schema_ = "main";
    if (dialect == "mssql") default_schema_ = "dbo";
  }

  std::string key(const std::optional<std::string>& schema, const std::string& name) const {
    std::string s = schema && *schema != default_schema_ ? *schema : "";
    return s + '\x1f' + name;
  }
  std::string column_key(const std::string& table_key, const std::string& column) const {
    return table_key + '\x1f' + column;
  }

  void visit(LintedOp& lop) {
    std::optional<TableRef> table = op_table(lop.op);
    std::string tkey = table ? key(table->first, table->second) : std::string();
    lop.table_new = table && tables_.count(tkey) > 0;
    std::visit(
        [&](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, ops::CreateTable>) {
            tables_.insert(key(o.table.schema, o.table.name));
          } else if constexpr (std::is_same_v<T, ops::DropTable>) {
            tables_.erase(tkey);
          } else if constexpr (std::is_same_v<T, ops::RenameTable>) {
            if (lop.table_new) {
              tables_.erase(tkey);
              tables_.insert(key(o.schema, o.new_name));
            }
          } else if constexpr (std::is_same_v<T, ops::MoveTable>) {
            if (lop.table_new) {
              tables_.erase(tkey);
              tables_.insert(key(o.new_schema, o.new_name.value_or(o.name)));
            }
          } else if constexpr (std::is_same_v<T, ops::AddColumn>) {
            if (!lop.table_new) columns_.insert(column_key(tkey, o.column.name));
          } else if constexpr (std::is_same_v<T, ops::DropColumn>) {
            lop.column_new = columns_.erase(column_key(tkey, o.column)) > 0;
          } else if constexpr (std::is_same_v<T, ops::AlterColumn>) {
            lop.column_new = columns_.count(column_key(tkey, o.column)) > 0;
            if (lop.column_new && o.new_column_name) {
              columns_.erase(column_key(tkey, o.column));
              columns_.insert(column_key(tkey, *o.new_column_name));
            }
          } else if constexpr (std::is_same_v<T, ops::RenameColumn>) {
            lop.column_new = columns_.count(column_key(tkey, o.old_name)) > 0;
            if (lop.column_new) {
              columns_.erase(column_key(tkey, o.old_name));
              columns_.insert(column_key(tkey, o.new_name));
            }
          }
        },
        lop.op);
  }

 private:
  std::string default_schema_;
  std::set<std::string> tables_;   // created in this revision
  std::set<std::string> columns_;  // added to an existing table in this revision
};

}  // namespace

std::optional<TableRef> op_table(const ops::Op& op) {
  return std::visit(
      [](const auto& o) -> std::optional<TableRef> {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::CreateTable>) {
          return TableRef{o.table.schema, o.table.name};
        } else if constexpr (std::is_same_v<T, ops::DropTable> || std::is_same_v<T, ops::MoveTable>) {
          return TableRef{o.schema, o.name};
        } else if constexpr (std::is_same_v<T, ops::RenameTable>) {
          return TableRef{o.schema, o.old_name};
        } else if constexpr (std::is_same_v<T, ops::CreateIndex>) {
          return TableRef{o.index.schema, o.index.table};
        } else if constexpr (std::is_same_v<T, ops::DropIndex> ||
                             std::is_same_v<T, ops::RenameIndex>) {
          if (!o.table) return std::nullopt;
          return TableRef{o.schema, *o.table};
        } else if constexpr (requires { o.table; o.schema; }) {
          if constexpr (std::is_same_v<std::decay_t<decltype(o.table)>, std::string>) {
            return TableRef{o.schema, o.table};
          } else {
            return std::nullopt;
          }
        } else {
          return std::nullopt;
        }
      },
      op);
}

void mark_new_tables(std::vector<LintedOp>& ops, std::string_view dialect) {
  Tracker tracker(dialect);
  for (LintedOp& op : ops) tracker.visit(op);
}

}  // namespace strata::lint
