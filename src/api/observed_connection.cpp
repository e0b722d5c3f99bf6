#include "api/observed_connection.h"

#include "strata/error.h"

namespace strata::api {

void ObservedConnection::execute(const std::string& sql) {
  context_.before_statement(sql, inner_->in_transaction());
  try {
    inner_->execute(sql);
  } catch (Error& e) {
    context_.statement_failed(sql);
    if (!e.statement()) e.set_statement(sql);
    throw;
  }
}

driver::QueryResult ObservedConnection::query(const std::string& sql) {
  context_.before_statement(sql, inner_->in_transaction());
  try {
    return inner_->query(sql);
  } catch (Error& e) {
    context_.statement_failed(sql);
    if (!e.statement()) e.set_statement(sql);
    throw;
  }
}

void ObservedConnection::commit() {
  context_.before_statement("COMMIT", inner_->in_transaction());
  inner_->commit();
}

}  // namespace strata::api
