// CountingConnection: a driver::Connection decorator that counts the
// statements sent through it (execute and query) and forwards everything —
// for tests asserting that a reader's query count does not grow with the
// catalog. Header-only.
#pragma once

#include <string>

#include "driver/connection.h"

namespace strata::testing {

class CountingConnection : public driver::Connection {
 public:
  explicit CountingConnection(driver::Connection& inner) : inner_(inner) {}
  void execute(const std::string& sql) override {
    ++statements;
    inner_.execute(sql);
  }
  driver::QueryResult query(const std::string& sql) override {
    ++statements;
    return inner_.query(sql);
  }
  void begin() override { inner_.begin(); }
  void commit() override { inner_.commit(); }
  void rollback() override { inner_.rollback(); }
  bool in_transaction() const override { return inner_.in_transaction(); }
  long long last_affected_rows() const override { return inner_.last_affected_rows(); }

  int statements = 0;

 private:
  driver::Connection& inner_;
};

}  // namespace strata::testing
