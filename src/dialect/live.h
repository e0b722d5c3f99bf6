// LiveApplier: the part of a dialect that works against a live database —
// the ops it cannot (or, online, should not) express as rendered SQL alone,
// which read the catalog first. Rendering (dialect/dialect.h) never needs a
// connection; this interface is the only dialect entry point that takes one.
//
// Contract:
//  - needs_live_catalog(op): the ops this dialect applies online against the
//    live catalog (SQLite table rebuilds; a MySQL constraint rename restates
//    the constraint it reads back; a MySQL column restated with the facts
//    the catalog holds). Online the runtime (runtime::SqlEmitter) calls
//    apply_live() for them. Offline (--sql) Dialect::render() either throws
//    Error(kScript) "<op>: on <dialect> this needs a live database ..." when
//    no script can express the op, or returns a script form that checks the
//    catalog itself (a guard, or rows addressed by rowid) when one can.
//  - apply_live(op, conn). REQUIRES: needs_live_catalog(op); `conn` is
//    inside the migration's transaction (where the dialect has transactional
//    DDL). Reads the catalog with conn.query() and makes every change with
//    conn.execute(), so the runtime sees (and logs) each statement.
//  - make_live_applier(dialect): SQLite's (dialect/sqlite/live.h) and
//    MySQL's (dialect/mysql/live.h) appliers; PostgreSQL and SQL Server
//    apply every op as rendered, so theirs says no to every op
//    (needs_live_catalog is false; apply_live executes render(op)).
//    REQUIRES: `dialect` outlives the applier.
//
// Thread-safety: immutable after construction, like the dialect.
#pragma once

#include <memory>

#include "dialect/dialect.h"
#include "driver/connection.h"
#include "ops/ops.h"

namespace strata::dialect {

class LiveApplier {
 public:
  virtual ~LiveApplier() = default;
  virtual bool needs_live_catalog(const ops::Op& op) const = 0;
  virtual void apply_live(const ops::Op& op, driver::Connection& conn) const = 0;
};

// The applier of a dialect with no live-catalog ops: needs_live_catalog is
// false for every op, and apply_live executes dialect.render(op) one
// statement at a time.
class RenderOnlyApplier : public LiveApplier {
 public:
  explicit RenderOnlyApplier(const Dialect& dialect) : dialect_(dialect) {}
  bool needs_live_catalog(const ops::Op&) const override { return false; }
  void apply_live(const ops::Op& op, driver::Connection& conn) const override;

 private:
  const Dialect& dialect_;
};

// The applier for `dialect` (by dialect.name(); see the contract above).
std::unique_ptr<LiveApplier> make_live_applier(const Dialect& dialect);

}  // namespace strata::dialect
