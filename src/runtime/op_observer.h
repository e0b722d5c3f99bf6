// OpObserver: watches the ops a SqlEmitter applies online (runtime/
// sql_emitter.h set_observer). before_op runs right before the op's
// statements, after_op right after they all succeeded, on the same
// connection and inside the same transaction (if one is open). Either may
// throw strata::Error: the op (or, from before_op, its statements) then
// counts as failed, exactly like a failing statement. Autocommit block
// markers and offline (--sql) runs are not observed.
#pragma once

#include "ops/ops.h"

namespace strata::runtime {

class OpObserver {
 public:
  virtual ~OpObserver() = default;
  virtual void before_op(const ops::Op& op) = 0;
  virtual void after_op(const ops::Op& op) = 0;
};

}  // namespace strata::runtime
