// OpSink: where a running revision script sends its operations. The runtime
// implements it once for online execution and once for offline (--sql)
// output; scripts cannot tell the difference except through query().
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "driver/connection.h"
#include "ops/ops.h"

namespace strata::runtime {

class OpSink {
 public:
  virtual ~OpSink() = default;
  // The dialect name scripts see as op.dialect.
  virtual std::string_view dialect_name() const = 0;
  // Render and execute (online) or print (offline) one operation, in order.
  virtual void emit(const ops::Op& op) = 0;
  // Run a query and return its rows (online only). Offline: throws
  // strata::Error(kScript) "op.query is not available in --sql mode"; the op
  // API reports kScript errors at the script's calling line ("path:line: ...").
  virtual driver::QueryResult query(const std::string& sql) = 0;
  // A `-x key=value` argument from the command line.
  virtual std::optional<std::string> x_arg(const std::string& key) const = 0;
};

}  // namespace strata::runtime
