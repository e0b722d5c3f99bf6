#include "runtime/sql_emitter.h"

#include <cctype>

#include "strata/error.h"

namespace strata::runtime {

SqlEmitter::SqlEmitter(const dialect::Dialect& dialect, driver::Connection& connection,
                       std::map<std::string, std::string> x_args)
    : dialect_(dialect), connection_(&connection), x_args_(std::move(x_args)) {}

SqlEmitter::SqlEmitter(const dialect::Dialect& dialect, std::ostream& out,
                       std::map<std::string, std::string> x_args)
    : dialect_(dialect), out_(&out), x_args_(std::move(x_args)) {}

void SqlEmitter::emit_begin() {
  emit_sql(dialect_.begin_transaction_sql());
  in_transaction_ = true;
}

void SqlEmitter::emit_commit() {
  emit_sql(dialect_.commit_sql());
  in_transaction_ = false;
  std::vector<std::string> waiting = std::move(after_commit_);
  after_commit_.clear();
  for (const std::string& statement : waiting) write(statement);
}

void SqlEmitter::write(const std::string& statement) {
  *out_ << statement << ";\n\n";
  const std::string separator = dialect_.batch_separator();
  if (!separator.empty()) *out_ << separator << "\n\n";
}

void SqlEmitter::emit_sql(const std::string& statement) {
  if (out_) {
    if (in_transaction_ && dialect_.runs_after_commit(statement)) {
      after_commit_.push_back(statement);
    } else {
      write(statement);
    }
    return;
  }
  try {
    connection_->execute(statement);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kDatabase) throw;
    throw Error(ErrorCode::kDatabase, e.message() + "; statement: " + one_line(statement));
  }
  step_log_.push_back(statement);
}

void SqlEmitter::comment(const std::string& text) {
  if (out_) *out_ << "-- " << text << "\n\n";
}

void SqlEmitter::emit(const ops::Op& op) {
  for (const std::string& statement : dialect_.render(op)) emit_sql(statement);
}

driver::QueryResult SqlEmitter::query(const std::string& sql) {
  // The op API reports kScript errors at the script's calling line:
  // `versions/x.lua:12: op.query is not available in --sql mode`.
  if (out_) throw Error(ErrorCode::kScript, "op.query is not available in --sql mode");
  try {
    return connection_->query(sql);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kDatabase) throw;
    throw Error(ErrorCode::kDatabase, e.message() + "; statement: " + one_line(sql));
  }
}

std::optional<std::string> SqlEmitter::x_arg(const std::string& key) const {
  auto it = x_args_.find(key);
  if (it == x_args_.end()) return std::nullopt;
  return it->second;
}

std::string one_line(const std::string& sql, size_t limit) {
  std::string out;
  bool in_space = false;
  for (char c : sql) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      in_space = !out.empty();
      continue;
    }
    if (in_space) out += ' ';
    in_space = false;
    out += c;
  }
  if (out.size() > limit) out = out.substr(0, limit - 3) + "...";
  return out;
}

}  // namespace strata::runtime
