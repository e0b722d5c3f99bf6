// DataVerifier: `upgrade --verify-data` / `downgrade --verify-data` (strata.toml
// verify_data = true). An OpObserver (runtime/op_observer.h) on the online
// op stream: for every op that moves a table (move_table), renames one
// (rename_table) or copies its rows (dialect::DataChecksum::copies_rows —
// SQLite's table rebuilds), it measures the table right before the op and
// the table the op leaves right after it — row count and content checksum
// (dialect/data_checksum.h), computed in the database, inside the revision's
// transaction.
//
// Columns compared: the table's columns before the op minus those the op
// changes on purpose (a dropped column; an alter_column changing the type,
// USING expression, identity or name; a renamed column; the same inside a
// batch_alter_table). Added columns are not compared. A compared column
// missing after the op is a mismatch.
//
// A mismatch throws strata::Error(kDatabase), one line:
//   "--verify-data: <op>: <table>: 1000 rows before, 999 after"
//   "--verify-data: <op>: <table>: content checksum differs (<n> rows)"
//   "--verify-data: <op>: <table>: column <c> is missing after the op"
// (the runtime prefixes the revision and script line). It rolls back with
// the revision's transaction; where there is none (MySQL/MariaDB DDL, an
// op.autocommit_block) the migration stops and the runtime's report says
// nothing was rolled back. A table that does not exist before the op (an
// if_exists form with nothing to do) is not measured.
//
// Thread-safety: one thread, like the emitter it observes.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialect/data_checksum.h"
#include "dialect/dialect.h"
#include "driver/connection.h"
#include "runtime/op_observer.h"

namespace strata::runtime {

class DataVerifier : public OpObserver {
 public:
  // REQUIRES: dialect and connection outlive the verifier; the dialect has a
  // DataChecksum (make_data_checksum is not null) — else Error(kUsage).
  // `report` (may be empty) gets one line per table that passed:
  // "--verify-data: <table>: <n> rows, content unchanged" (or "<n> rows
  // (no unchanged column to compare)").
  DataVerifier(const dialect::Dialect& dialect, driver::Connection& connection,
               std::function<void(const std::string&)> report = {});
  ~DataVerifier() override;

  void before_op(const ops::Op& op) override;
  void after_op(const ops::Op& op) override;

 private:
  struct Pending {
    std::optional<std::string> schema;  // the table after the op
    std::string table;
    std::vector<std::string> columns;
    dialect::TableData before;
  };

  const dialect::Dialect& dialect_;
  driver::Connection& connection_;
  std::unique_ptr<dialect::DataChecksum> sums_;
  std::function<void(const std::string&)> report_;
  std::optional<Pending> pending_;
};

}  // namespace strata::runtime
