// Rules over what an op changes, on every dialect: destructive changes
// (drop-table, drop-column, drop-schema, narrowing-type), data-dependent
// ones (not-null-no-default, new-unique), renames (rename), SQLite table
// rebuilds (sqlite-rebuild) and raw SQL (raw-execute). New tables (created
// earlier in the same revision) raise none of them.
#include <set>
#include <type_traits>
#include <variant>

#include "dialect/sqlite/dialect.h"
#include "lint/registry.h"
#include "lint/type_change.h"

namespace strata::lint {
namespace {

std::string qualified(const std::optional<std::string>& schema, const std::string& name) {
  return schema ? *schema + "." + name : name;
}

// How SQLite rebuilds (copies) the table for `op`; "" when it does not.
// (drop_column rebuilds only when the column is in a constraint or an
// index, which the op does not tell: not reported.)
std::string sqlite_rebuild_reason(const ops::Op& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::AddColumn> || std::is_same_v<T, ops::AlterColumn> ||
                      std::is_same_v<T, ops::AddConstraint> ||
                      std::is_same_v<T, ops::DropConstraint>) {
          return dialect::sqlite::sqlite_needs_rebuild(ops::TableOp{o}) ? "is a table rebuild" : "";
        } else if constexpr (std::is_same_v<T, ops::MoveTable>) {
          return "copies the table into the other schema's file";
        } else {
          return "";
        }
      },
      op);
}

class Changes {
 public:
  explicit Changes(Reporter& report) : report_(report) {}

  void check(const LintedOp& lop) {
    const int line = lop.line;
    std::visit(
        [&](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, ops::Execute>) {
            report_.add("raw-execute", line, ops::describe(lop.op) + ": raw SQL is not checked");
          } else if constexpr (std::is_same_v<T, ops::CreateSchema>) {
            new_schemas_.insert(o.name);
          } else if constexpr (std::is_same_v<T, ops::DropSchema>) {
            if (new_schemas_.count(o.name) == 0) {
              report_.add("drop-schema", line,
                          "drop_schema " + o.name + (o.cascade ? " (cascade)" : "") +
                              ": everything in the schema is lost");
            }
          }
        },
        lop.op);
    if (lop.table_new) return;
    std::visit([&](const auto& o) { existing(lop, o); }, lop.op);
    if (report_.dialect() == "sqlite") sqlite(lop);
  }

 private:
  template <class T>
  void existing(const LintedOp& lop, const T& o) {
    const int line = lop.line;
    if constexpr (std::is_same_v<T, ops::DropTable>) {
      report_.add("drop-table", line,
                  "drop_table " + qualified(o.schema, o.name) + ": its rows are lost");
    } else if constexpr (std::is_same_v<T, ops::DropColumn>) {
      if (!lop.column_new) {
        report_.add("drop-column", line,
                    "drop_column " + qualified(o.schema, o.table) + "." + o.column +
                        ": its values are lost, and code still reading it fails");
      }
    } else if constexpr (std::is_same_v<T, ops::AlterColumn>) {
      const std::string column = qualified(o.schema, o.table) + "." + o.column;
      if (o.type && !lop.column_new) {
        TypeChange change = classify_type_change(o.existing_type, *o.type);
        if (change.narrows) {
          report_.add("narrowing-type", line,
                      "alter_column " + column + " type " + change.why +
                          " narrows the column: values that do not fit are refused or cut");
        }
      }
      if (o.new_column_name && !lop.column_new) {
        report_.add("rename", line,
                    "alter_column " + column + " renames it to " + *o.new_column_name +
                        ": code using the old name breaks");
      }
    } else if constexpr (std::is_same_v<T, ops::RenameColumn>) {
      if (!lop.column_new) {
        report_.add("rename", line, ops::describe(lop.op) + ": code using the old name breaks");
      }
    } else if constexpr (std::is_same_v<T, ops::RenameTable> || std::is_same_v<T, ops::MoveTable>) {
      report_.add("rename", line, ops::describe(lop.op) + ": code using the old name breaks");
    } else if constexpr (std::is_same_v<T, ops::AddColumn>) {
      const model::Column& c = o.column;
      if (!c.nullable && !c.server_default && !c.identity && !is_serial(c.type) &&
          !c.autoincrement.value_or(false)) {
        report_.add("not-null-no-default", line,
                    "add_column " + qualified(o.schema, o.table) + "." + c.name +
                        " NOT NULL without a default: fails when the table has rows");
      }
    } else if constexpr (std::is_same_v<T, ops::AddConstraint>) {
      const ops::ConstraintType type = ops::constraint_type(o.constraint);
      if (type == ops::ConstraintType::kUnique || type == ops::ConstraintType::kPrimaryKey) {
        report_.add("new-unique", line,
                    ops::describe(lop.op) + ": fails if existing rows hold duplicates");
      }
    } else if constexpr (std::is_same_v<T, ops::CreateIndex>) {
      if (o.index.unique) {
        report_.add("new-unique", line,
                    "unique index " + o.index.name + " on existing table " +
                        qualified(o.index.schema, o.index.table) +
                        ": fails if existing rows hold duplicates");
      }
    }
  }

  void sqlite(const LintedOp& lop) {
    std::string reason = sqlite_rebuild_reason(lop.op);
    if (reason.empty()) return;
    if (lop.batch >= 0) {
      if (!rebuilt_batches_.insert(lop.batch).second) return;  // one finding per batch
      auto table = ops::describe(lop.op);
      report_.add("sqlite-rebuild", lop.line,
                  "op.batch_alter_table (" + table + ", ...) " + reason +
                      " on SQLite: every row is copied, and --sql cannot render it");
      return;
    }
    report_.add("sqlite-rebuild", lop.line,
                ops::describe(lop.op) + " " + reason +
                    " on SQLite: every row is copied, and --sql cannot render it");
  }

  Reporter& report_;
  std::set<std::string> new_schemas_;
  std::set<int> rebuilt_batches_;
};

}  // namespace

void check_changes(const RevisionRun& run, Reporter& report) {
  Changes changes(report);
  for (const LintedOp& lop : run.upgrade) changes.check(lop);
}

}  // namespace strata::lint
