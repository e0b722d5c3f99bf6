// PostgreSQL's DataChecksum (dialect/data_checksum.h): columns from
// pg_attribute; the checksum is the sum, as numeric, of the first 64 bits of
// md5(ROW(columns)::text) of every row — order-independent, duplicates
// counted, computed by the server without holding the table in memory.
#include <string>

#include "dialect/data_checksum.h"
#include "driver/query_cell.h"

namespace strata::dialect {
namespace {

class PostgresDataChecksum : public DataChecksum {
 public:
  explicit PostgresDataChecksum(const Dialect& d) : d_(d) {}

  bool copies_rows(const ops::Op&) const override { return false; }

  std::optional<std::vector<std::string>> columns(driver::Connection& conn,
                                                  const std::optional<std::string>& schema,
                                                  const std::string& table) const override {
    const std::string regclass = "to_regclass(" + d_.literal(d_.qualify(schema, table)) + ")";
    if (driver::cell(conn.query("SELECT " + regclass + " IS NOT NULL"), 0, 0) != "t") return std::nullopt;
    driver::QueryResult result = conn.query(
        "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = " + regclass +
        " AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    std::vector<std::string> names;
    for (const driver::Row& row : result.rows) {
      if (!row.empty() && row[0]) names.push_back(*row[0]);
    }
    return names;
  }

  TableData measure(driver::Connection& conn, const std::optional<std::string>& schema,
                    const std::string& table,
                    const std::vector<std::string>& columns) const override {
    std::string row = "ROW(";
    for (size_t i = 0; i < columns.size(); ++i) {
      row += (i ? ", " : "") + std::string("strata_t.") + d_.quote(columns[i]);
    }
    row += ")::text";
    driver::QueryResult result = conn.query(
        "SELECT count(*), coalesce(sum(('x' || left(md5(" + row +
        "), 16))::bit(64)::bigint), 0) FROM " + d_.qualify(schema, table) + " AS strata_t");
    return TableData{std::stoll(driver::cell(result, 0, 0)), driver::cell(result, 0, 1)};
  }

 private:
  const Dialect& d_;
};

}  // namespace

std::unique_ptr<DataChecksum> make_postgres_data_checksum(const Dialect& dialect) {
  return std::make_unique<PostgresDataChecksum>(dialect);
}

}  // namespace strata::dialect
