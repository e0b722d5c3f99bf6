// DataChecksum: what `upgrade --verify-data` (runtime/data_verifier.h)
// measures of a table, per dialect, computed in the database.
//
// Contract:
//  - copies_rows(op): the ops (other than move_table and rename_table, which
//    the verifier checks on every dialect) that this dialect applies online
//    by copying a table's rows through strata's own statements: SQLite's
//    table rebuilds (alter_column of type / nullable / default, add and drop
//    constraint, drop_column, rename_constraint, a batch_alter_table that
//    needs the live catalog; dialect/sqlite/live.h). PostgreSQL and MySQL:
//    none (their ALTER TABLE keeps the rows inside the server).
//  - columns(conn, schema, table): the table's column names in table order;
//    nullopt when the table does not exist. An unset schema is the
//    connection's default (as the ops use it).
//  - measure(conn, schema, table, columns): the row count and a content
//    checksum over exactly `columns` (in that order; non-empty). Equal
//    multisets of rows give equal checksums whatever the physical order:
//      PostgreSQL: sum of the first 64 bits of md5(ROW(cols)::text) per row;
//      MariaDB/MySQL: sum of the first 64 bits of MD5(CONCAT_WS(',',
//        QUOTE(col)...)) per row (QUOTE tells NULL from 'NULL');
//      SQLite (no hash function built in): the rows' quote(col)||','||...
//        text, sorted and concatenated by the database, hashed by strata
//        (FNV-1a 64); memory in the order of the table's text.
//    The checksum is an opaque string; compare for equality only.
//  - make_data_checksum(dialect): by dialect.name(); nullptr for a dialect
//    strata has no live driver for (SQL Server).
//
// Thread-safety: immutable; the connection is the caller's.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialect/dialect.h"
#include "driver/connection.h"
#include "ops/ops.h"

namespace strata::dialect {

struct TableData {
  long long rows = 0;
  std::string checksum;
};

class DataChecksum {
 public:
  virtual ~DataChecksum() = default;
  virtual bool copies_rows(const ops::Op& op) const = 0;
  virtual std::optional<std::vector<std::string>> columns(
      driver::Connection& conn, const std::optional<std::string>& schema,
      const std::string& table) const = 0;
  virtual TableData measure(driver::Connection& conn, const std::optional<std::string>& schema,
                            const std::string& table,
                            const std::vector<std::string>& columns) const = 0;
};

std::unique_ptr<DataChecksum> make_data_checksum(const Dialect& dialect);

// One per dialect (dialect/<d>/data_checksum.cpp). REQUIRES: `dialect` is
// that dialect and outlives the result.
std::unique_ptr<DataChecksum> make_postgres_data_checksum(const Dialect& dialect);
std::unique_ptr<DataChecksum> make_sqlite_data_checksum(const Dialect& dialect);
std::unique_ptr<DataChecksum> make_mysql_data_checksum(const Dialect& dialect);

}  // namespace strata::dialect
