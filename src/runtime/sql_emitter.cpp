#include "runtime/sql_emitter.h"

#include <cctype>

#include "common/sql_nul.h"
#include "strata/error.h"

namespace strata::runtime {

SqlEmitter::SqlEmitter(const dialect::Dialect& dialect, const dialect::LiveApplier& live,
                       driver::Connection& connection,
                       std::map<std::string, std::string> x_args)
    : dialect_(dialect), live_(&live), connection_(&connection), x_args_(std::move(x_args)) {}

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
  // Every statement, online and --sql, passes here: a NUL is a script error.
  reject_nul_sql(statement, ErrorCode::kScript);
  if (out_) {
    if (in_transaction_ && dialect_.runs_after_commit(statement)) {
      after_commit_.push_back(statement);
    } else {
      write(statement);
    }
    return;
  }
  if (skip_ > 0) {
    --skip_;
    step_log_.push_back(statement);
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

namespace {

// The connection a LiveApplier's apply_live() sees: reads go straight to the
// database, writes go through the emitter (step log, error context).
class EmittingConnection : public driver::Connection {
 public:
  EmittingConnection(SqlEmitter& emitter, driver::Connection& real)
      : emitter_(emitter), real_(real) {}
  void execute(const std::string& sql) override { emitter_.emit_sql(sql); }
  driver::QueryResult query(const std::string& sql) override { return real_.query(sql); }
  void begin() override { real_.begin(); }
  void commit() override { real_.commit(); }
  void rollback() override { real_.rollback(); }
  bool in_transaction() const override { return real_.in_transaction(); }
  long long last_affected_rows() const override { return real_.last_affected_rows(); }

 private:
  SqlEmitter& emitter_;
  driver::Connection& real_;
};

}  // namespace

void SqlEmitter::emit(const ops::Op& op) {
  if (std::holds_alternative<ops::AutocommitBegin>(op)) return enter_autocommit();
  if (std::holds_alternative<ops::AutocommitEnd>(op)) return leave_autocommit();
  OpObserver* observer = out_ ? nullptr : observer_;
  if (observer) observer->before_op(op);
  if (!out_ && live_->needs_live_catalog(op)) {
    EmittingConnection conn(*this, *connection_);
    live_->apply_live(op, conn);
  } else {
    for (const std::string& statement : dialect_.render(op)) emit_sql(statement);
  }
  if (observer) observer->after_op(op);
}

void SqlEmitter::enter_autocommit() {
  if (autocommit_depth_++ > 0) return;
  if (out_) {
    if (!in_transaction_) return;
    emit_commit();
    resume_transaction_ = true;
    return;
  }
  if (connection_->in_transaction()) {
    connection_->commit();
    resume_transaction_ = true;
  }
}

void SqlEmitter::leave_autocommit() {
  if (autocommit_depth_ == 0 || --autocommit_depth_ > 0) return;
  if (!resume_transaction_) return;
  resume_transaction_ = false;
  if (out_) {
    emit_begin();
  } else {
    connection_->begin();
  }
}

driver::QueryResult SqlEmitter::query(const std::string& sql) {
  // The op API reports kScript errors at the script's calling line:
  // `versions/x.lua:12: op.query is not available in --sql mode`.
  if (out_) throw Error(ErrorCode::kScript, "op.query is not available in --sql mode");
  reject_nul_sql(sql, ErrorCode::kScript);
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
