// SqlEmitter: the ONE output path for SQL. Every statement strata produces —
// from a revision's operations or from version-table bookkeeping — goes
// through emit(). Online it is executed on the connection; offline (--sql) it
// is written to a stream in the dialect's script form (terminator, batch
// separator, blank line), exactly like Alembic's offline output.
//
// Thread-safety: one thread at a time.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "dialect/live.h"
#include "driver/connection.h"
#include "runtime/op_observer.h"
#include "runtime/op_sink.h"

namespace strata::runtime {

class SqlEmitter : public OpSink {
 public:
  // Online. `live` applies the ops the dialect applies against the live
  // catalog (dialect::make_live_applier(dialect)). REQUIRES: dialect, live
  // and connection outlive this emitter.
  SqlEmitter(const dialect::Dialect& dialect, const dialect::LiveApplier& live,
             driver::Connection& connection, std::map<std::string, std::string> x_args);
  // Offline: statements are written to `out`.
  SqlEmitter(const dialect::Dialect& dialect, std::ostream& out,
             std::map<std::string, std::string> x_args);

  bool offline() const { return out_ != nullptr; }
  const dialect::Dialect& dialect() const { return dialect_; }
  driver::Connection* connection() const { return connection_; }

  // Execute or write one statement. Online failures throw
  // strata::Error(kDatabase) whose message ends with the statement.
  void emit_sql(const std::string& statement);
  // Statements executed (online) since the last clear_step_log(): what a
  // failed step had already applied, for dialects without transactional DDL.
  void clear_step_log() { step_log_.clear(); }
  const std::vector<std::string>& step_log() const { return step_log_; }
  // Online (`upgrade --resume`): the next `count` statements are not sent —
  // they ran before a failure — but are logged in step_log() as if they ran.
  void skip_statements(size_t count) { skip_ = count; }

  // Offline transaction boundaries: BEGIN; and COMMIT; followed by the
  // statements that had to wait for it (Dialect::runs_after_commit).
  void emit_begin();
  void emit_commit();

  // Offline only: a comment line ("-- Running upgrade a -> b").
  void comment(const std::string& text);

  // OpSink
  std::string_view dialect_name() const override { return dialect_.name(); }
  // Ops a dialect must apply against the live catalog (online only; see
  // LiveApplier::needs_live_catalog) go through LiveApplier::apply_live, whose
  // statements come back through emit_sql(). AutocommitBegin/End end the
  // open transaction (COMMIT online and in --sql) and start a new one after.
  void emit(const ops::Op& op) override;
  // Online only: `observer` (may be null) is told before and after each op
  // (runtime/op_observer.h; e.g. --verify-data). REQUIRES: it outlives its use.
  void set_observer(OpObserver* observer) { observer_ = observer; }
  driver::QueryResult query(const std::string& sql) override;
  std::optional<std::string> x_arg(const std::string& key) const override;

 private:
  void write(const std::string& statement);  // offline: statement + terminator
  void enter_autocommit();
  void leave_autocommit();

  const dialect::Dialect& dialect_;
  const dialect::LiveApplier* live_ = nullptr;  // online only
  driver::Connection* connection_ = nullptr;
  std::ostream* out_ = nullptr;
  std::map<std::string, std::string> x_args_;
  std::vector<std::string> step_log_;
  size_t skip_ = 0;  // statements still to skip (skip_statements)
  std::vector<std::string> after_commit_;  // offline, waiting for emit_commit()
  bool in_transaction_ = false;              // offline: between emit_begin/commit
  int autocommit_depth_ = 0;                 // nesting of autocommit blocks
  bool resume_transaction_ = false;          // a transaction was ended by the block
  OpObserver* observer_ = nullptr;           // online only
};

// One line for error messages: whitespace runs collapsed, cut at `limit`.
std::string one_line(const std::string& sql, size_t limit = 240);

}  // namespace strata::runtime
