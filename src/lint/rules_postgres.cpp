// PostgreSQL lock-risk rules: index-not-concurrent, constraint-not-valid,
// set-not-null, volatile-default, type-rewrite, unique-constraint,
// lock-timeout. Each fires only for an existing table (not created earlier
// in the same revision); see registry.cpp for the texts.
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "lint/registry.h"
#include "lint/type_change.h"

namespace strata::lint {
namespace {

std::string qualified(const std::optional<std::string>& schema, const std::string& name) {
  return schema ? *schema + "." + name : name;
}

// Ops that take a lock on an existing table (for lock-timeout).
bool takes_table_lock(const LintedOp& lop) {
  if (lop.table_new) return false;
  return std::visit(
      [](const auto& o) -> bool {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::CreateTable> || std::is_same_v<T, ops::BulkInsert>) {
          return false;
        } else if constexpr (std::is_same_v<T, ops::CreateIndex> ||
                             std::is_same_v<T, ops::DropIndex>) {
          return !o.concurrently;
        } else if constexpr (std::is_same_v<T, ops::AlterEnum>) {
          return !o.columns.empty();
        } else if constexpr (requires { o.table; }) {
          return true;
        } else {
          return std::is_same_v<T, ops::MoveTable> || std::is_same_v<T, ops::RenameTable> ||
                 std::is_same_v<T, ops::DropTable>;
        }
      },
      lop.op);
}

// A NOT VALID constraint validated in the same transaction as it was added:
// the add's ACCESS EXCLUSIVE lock is held while VALIDATE scans the table.
class SameTransactionValidate {
 public:
  void check(const LintedOp& lop, Reporter& report) {
    if (lop.table_new || lop.in_autocommit) return;
    if (const auto* add = std::get_if<ops::AddConstraint>(&lop.op)) {
      if (add->not_valid) {
        if (auto name = ops::constraint_name(add->constraint)) added_[*name] = {lop.segment, lop.line};
      }
    } else if (const auto* validate = std::get_if<ops::ValidateConstraint>(&lop.op)) {
      auto it = added_.find(validate->name);
      if (it != added_.end() && it->second.first == lop.segment) {
        report.add("constraint-not-valid", lop.line,
                   "validate_constraint " + validate->name + " runs in the same transaction as "
                   "its NOT VALID add (line " + std::to_string(it->second.second) +
                   "): the add's ACCESS EXCLUSIVE lock is held while every row is checked",
                   "validate it inside op.autocommit_block (after a COMMIT) or in a later "
                   "revision with transaction_per_migration = true");
      }
    }
  }

 private:
  std::map<std::string, std::pair<int, int>> added_;  // name -> (segment, line)
};

void check_op(const LintedOp& lop, Reporter& report) {
  if (lop.table_new) return;
  const int line = lop.line;
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::CreateIndex>) {
          if (!o.concurrently) {
            report.add("index-not-concurrent", line,
                       "create_index " + o.index.name + " on existing table " +
                           qualified(o.index.schema, o.index.table) +
                           " without concurrently: writes to the table wait until the index "
                           "is built");
          }
        } else if constexpr (std::is_same_v<T, ops::AddConstraint>) {
          const std::string table = qualified(o.schema, o.table);
          const std::string name = ops::constraint_name(o.constraint).value_or("(unnamed)");
          const ops::ConstraintType type = ops::constraint_type(o.constraint);
          if ((type == ops::ConstraintType::kForeignKey || type == ops::ConstraintType::kCheck) &&
              !o.not_valid) {
            report.add("constraint-not-valid", line,
                       std::string(type == ops::ConstraintType::kCheck ? "check" : "foreign key") +
                           " " + name + " added to existing table " + table +
                           " without NOT VALID: every row is checked under an ACCESS "
                           "EXCLUSIVE lock");
          }
          if (type == ops::ConstraintType::kUnique || type == ops::ConstraintType::kPrimaryKey) {
            report.add("unique-constraint", line,
                       std::string(type == ops::ConstraintType::kUnique ? "unique constraint "
                                                                        : "primary key ") +
                           name + " added directly to existing table " + table +
                           ": its index is built under an ACCESS EXCLUSIVE lock");
          }
        } else if constexpr (std::is_same_v<T, ops::AlterColumn>) {
          const std::string column = qualified(o.schema, o.table) + "." + o.column;
          if (o.nullable && !*o.nullable && !lop.column_new && !o.online) {
            report.add("set-not-null", line,
                       "SET NOT NULL on existing column " + column +
                           ": the table is scanned under an ACCESS EXCLUSIVE lock");
          }
          if (o.type) {
            TypeChange change = classify_type_change(o.existing_type, *o.type);
            if (change.rewrites && !change.narrows && !lop.column_new) {
              report.add("type-rewrite", line,
                         "alter_column " + column + " type " + change.why +
                             (change.known ? "" : ", assumed to") +
                             " rewrite" + (change.known ? "s" : "") +
                             " the table under an ACCESS EXCLUSIVE lock");
            }
          }
        } else if constexpr (std::is_same_v<T, ops::AddColumn>) {
          const std::string column = qualified(o.schema, o.table) + "." + o.column.name;
          std::string what;
          if (o.column.server_default) {
            if (std::string fn = volatile_function(*o.column.server_default); !fn.empty()) {
              what = "the volatile default " + fn;
            }
          }
          if (what.empty() && o.column.identity) what = "an identity";
          if (what.empty() && is_serial(o.column.type)) what = "a serial type";
          if (!what.empty()) {
            report.add("volatile-default", line,
                       "add_column " + column + " with " + what +
                           " to an existing table: every row is written (table rewrite under "
                           "an ACCESS EXCLUSIVE lock)");
          }
        }
      },
      lop.op);
}

}  // namespace

void check_postgres_locks(const RevisionRun& run, Reporter& report) {
  if (report.dialect() != "postgresql") return;
  const LintedOp* first_lock = nullptr;
  SameTransactionValidate validates;
  for (const LintedOp& lop : run.upgrade) {
    check_op(lop, report);
    validates.check(lop, report);
    if (first_lock == nullptr && takes_table_lock(lop)) first_lock = &lop;
  }
  if (first_lock != nullptr && !run.has_lock_timeout) {
    report.add("lock-timeout", first_lock->line,
               ops::describe(first_lock->op) +
                   " locks an existing table and the revision sets no lock_timeout: waiting "
                   "for the lock blocks every query queued behind it");
  }
}

}  // namespace strata::lint
