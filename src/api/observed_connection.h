// ObservedConnection: the driver::Connection every public-API call runs on.
// It wraps the connection strata opened (or the one the program lent,
// borrowed: never closed) and, before each statement, asks the RunContext
// (run_context.h) to report it and to check the cancellation token; a
// statement that fails is recorded for Error::statement(). begin, commit
// (cancellation checked first) and rollback pass through.
//
// Thread-safety: one thread at a time, as any Connection.
#pragma once

#include <memory>

#include "api/run_context.h"
#include "driver/connection.h"

namespace strata::api {

class ObservedConnection : public driver::Connection {
 public:
  // `inner` is owned when `owned` is set, else borrowed.
  ObservedConnection(driver::Connection* inner, std::unique_ptr<driver::Connection> owned,
                     RunContext& context)
      : inner_(inner), owned_(std::move(owned)), context_(context) {}

  void execute(const std::string& sql) override;
  driver::QueryResult query(const std::string& sql) override;
  void begin() override { inner_->begin(); }
  void commit() override;
  void rollback() override { inner_->rollback(); }
  bool in_transaction() const override { return inner_->in_transaction(); }
  long long last_affected_rows() const override { return inner_->last_affected_rows(); }
  driver::Connection* underlying() override { return inner_->underlying(); }

 private:
  driver::Connection* inner_;
  std::unique_ptr<driver::Connection> owned_;
  RunContext& context_;
};

}  // namespace strata::api
