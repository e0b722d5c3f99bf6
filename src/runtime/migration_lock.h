// MigrationLock: the lock that makes concurrent `upgrade` / `downgrade` /
// `stamp` runs against one database apply each revision exactly once. The
// runner takes it before it reads the version table and holds it until the
// run ends; the version table is never read without it (except by read-only
// commands, which take no lock).
//
// Per dialect (the statements live in dialect/<name>/lock.cpp):
//  - PostgreSQL: a session advisory lock keyed on the version table's
//    qualified name (hashtextextended('strata:' || schema.table, 0)), taken by
//    polling pg_try_advisory_lock — a waiting process holds no lock, so it
//    never queues behind (or deadlocks with) a running CREATE INDEX
//    CONCURRENTLY. The server releases it when the holder's session ends.
//  - MariaDB/MySQL: GET_LOCK('strata:<db>.<table>', 0), polled; released when
//    the session ends.
//  - SQLite: the run's transactions are BEGIN EXCLUSIVE with a busy timeout;
//    acquire() itself only sets the busy timeout. With
//    transaction_per_migration the runner re-reads the version table at the
//    start of every step's exclusive transaction and re-plans when another
//    process moved it.
//
// Contract:
//  - acquire(timeout): returns when held; polls every ~50-200 ms (jittered).
//    On timeout throws Error(kDatabase) "could not take the migration lock on
//    <table> within N s; held by <holder>" where <holder> is
//    describe_holder() (PostgreSQL: pid, application_name, client address).
//  - release(): idempotent; the destructor releases quietly.
//  - describe_holder(): who holds it now, or nullopt (also for SQLite).
//
// Thread-safety: one thread at a time, like its connection.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "dialect/dialect.h"
#include "driver/connection.h"

namespace strata::runtime {

class MigrationLock {
 public:
  virtual ~MigrationLock() = default;
  virtual void acquire(std::chrono::milliseconds timeout) = 0;
  virtual void release() = 0;
  virtual std::optional<std::string> describe_holder() = 0;
};

// The lock for `dialect` on `connection`, keyed on the version table.
// REQUIRES: connection outlives the lock.
std::unique_ptr<MigrationLock> make_migration_lock(const dialect::Dialect& dialect,
                                                   driver::Connection& connection,
                                                   const dialect::VersionTableName& vt);

}  // namespace strata::runtime
