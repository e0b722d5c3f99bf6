// DataVerifier (runtime/data_verifier.h).
#include "runtime/data_verifier.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <type_traits>
#include <variant>

#include "strata/error.h"

namespace strata::runtime {
namespace {

// The table an op measures, where it is afterwards, and the columns whose
// values the op changes on purpose.
struct Target {
  std::optional<std::string> schema;
  std::string table;
  std::optional<std::string> new_schema;
  std::string new_table;
  std::vector<std::string> changed;
};

void note_changes(const ops::Op& op, std::vector<std::string>& changed) {
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::AlterColumn>) {
          if (o.type || o.using_expr || o.identity || o.new_column_name) {
            changed.push_back(o.column);
          }
        } else if constexpr (std::is_same_v<T, ops::DropColumn>) {
          changed.push_back(o.column);
        } else if constexpr (std::is_same_v<T, ops::RenameColumn>) {
          changed.push_back(o.old_name);
        } else if constexpr (std::is_same_v<T, ops::BatchAlterTable>) {
          for (const ops::TableOp& change : o.ops) note_changes(ops::to_op(change), changed);
        }
      },
      op);
}

template <typename T>
Target same_table(const T& o) {
  return Target{o.schema, o.table, o.schema, o.table, {}};
}

std::optional<Target> target_of(const ops::Op& op, const dialect::DataChecksum& sums) {
  if (const auto* move = std::get_if<ops::MoveTable>(&op)) {
    return Target{move->schema, move->name, move->new_schema, move->new_name.value_or(move->name),
                  {}};
  }
  if (const auto* rename = std::get_if<ops::RenameTable>(&op)) {
    return Target{rename->schema, rename->old_name, rename->schema, rename->new_name, {}};
  }
  if (!sums.copies_rows(op)) return std::nullopt;
  std::optional<Target> target = std::visit(
      [](const auto& o) -> std::optional<Target> {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, ops::AlterColumn> || std::is_same_v<T, ops::AddConstraint> ||
                      std::is_same_v<T, ops::DropConstraint> || std::is_same_v<T, ops::DropColumn> ||
                      std::is_same_v<T, ops::RenameConstraint> ||
                      std::is_same_v<T, ops::BatchAlterTable>) {
          return same_table(o);
        } else {
          return std::nullopt;
        }
      },
      op);
  if (target) note_changes(op, target->changed);
  return target;
}

bool same_name(const dialect::Dialect& d, const std::string& a, const std::string& b) {
  if (d.name() == "postgresql") return a == b;
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string display(const std::optional<std::string>& schema, const std::string& table) {
  return schema ? *schema + "." + table : table;
}

}  // namespace

DataVerifier::DataVerifier(const dialect::Dialect& dialect, driver::Connection& connection,
                           std::function<void(const std::string&)> report)
    : dialect_(dialect),
      connection_(connection),
      sums_(dialect::make_data_checksum(dialect)),
      report_(std::move(report)) {
  if (!sums_) {
    throw Error(ErrorCode::kUsage, "--verify-data is not available for " +
                                       std::string(dialect.name()) + " (no live database)");
  }
}

DataVerifier::~DataVerifier() = default;

void DataVerifier::before_op(const ops::Op& op) {
  pending_.reset();
  std::optional<Target> target = target_of(op, *sums_);
  if (!target) return;
  std::optional<std::vector<std::string>> columns =
      sums_->columns(connection_, target->schema, target->table);
  if (!columns) return;  // nothing there (if_exists forms); the op decides
  std::vector<std::string> kept;
  for (const std::string& column : *columns) {
    const bool changed = std::any_of(target->changed.begin(), target->changed.end(),
                                     [&](const std::string& c) { return same_name(dialect_, c, column); });
    if (!changed) kept.push_back(column);
  }
  Pending pending;
  pending.schema = target->new_schema;
  pending.table = target->new_table;
  pending.columns = kept;
  if (!kept.empty()) {
    pending.before = sums_->measure(connection_, target->schema, target->table, kept);
  } else {
    pending.before.rows = sums_->measure(connection_, target->schema, target->table, *columns).rows;
  }
  pending_ = std::move(pending);
}

void DataVerifier::after_op(const ops::Op& op) {
  if (!pending_) return;
  Pending pending = std::move(*pending_);
  pending_.reset();
  const std::string where = "--verify-data: " + ops::describe(op) + ": " +
                            display(pending.schema, pending.table) + ": ";
  std::optional<std::vector<std::string>> after =
      sums_->columns(connection_, pending.schema, pending.table);
  if (!after) throw Error(ErrorCode::kDatabase, where + "the table is missing after the op");
  std::vector<std::string> columns;  // the compared columns, as spelled now
  for (const std::string& column : pending.columns) {
    auto found = std::find_if(after->begin(), after->end(),
                              [&](const std::string& c) { return same_name(dialect_, c, column); });
    if (found == after->end()) {
      throw Error(ErrorCode::kDatabase, where + "column " + column + " is missing after the op");
    }
    columns.push_back(*found);
  }
  dialect::TableData now =
      sums_->measure(connection_, pending.schema, pending.table, columns.empty() ? *after : columns);
  if (now.rows != pending.before.rows) {
    throw Error(ErrorCode::kDatabase, where + std::to_string(pending.before.rows) +
                                          " rows before, " + std::to_string(now.rows) + " after");
  }
  if (!columns.empty() && now.checksum != pending.before.checksum) {
    throw Error(ErrorCode::kDatabase, where + "content checksum differs (" +
                                          std::to_string(now.rows) + " rows)");
  }
  if (report_) {
    report_("--verify-data: " + display(pending.schema, pending.table) + ": " +
            std::to_string(now.rows) +
            (columns.empty() ? " rows (no unchanged column to compare)" : " rows, content unchanged"));
  }
}

}  // namespace strata::runtime
