// MySQL/MariaDB's DataChecksum (dialect/data_checksum.h): columns from
// information_schema.columns; the checksum is the sum, as DECIMAL, of the
// first 64 bits of MD5(CONCAT_WS(',', QUOTE(col), ...)) of every row (QUOTE
// makes NULL the bare word NULL and escapes the separator inside values) —
// order-independent, duplicates counted, computed by the server.
#include <string>

#include "dialect/data_checksum.h"
#include "driver/query_cell.h"

namespace strata::dialect {
namespace {

class MysqlDataChecksum : public DataChecksum {
 public:
  explicit MysqlDataChecksum(const Dialect& d) : d_(d) {}

  // ALTER TABLE copies (when it does) inside the server, not through strata.
  bool copies_rows(const ops::Op&) const override { return false; }

  std::optional<std::vector<std::string>> columns(driver::Connection& conn,
                                                  const std::optional<std::string>& schema,
                                                  const std::string& table) const override {
    driver::QueryResult result = conn.query(
        "SELECT COLUMN_NAME FROM information_schema.columns WHERE table_schema = COALESCE(" +
        (schema ? d_.literal(*schema) : std::string("NULL")) +
        ", DATABASE()) AND table_name = " + d_.literal(table) + " ORDER BY ORDINAL_POSITION");
    if (result.rows.empty()) return std::nullopt;
    std::vector<std::string> names;
    for (const driver::Row& row : result.rows) {
      if (!row.empty() && row[0]) names.push_back(*row[0]);
    }
    return names;
  }

  TableData measure(driver::Connection& conn, const std::optional<std::string>& schema,
                    const std::string& table,
                    const std::vector<std::string>& columns) const override {
    std::string text = "CONCAT_WS(','";
    for (const std::string& column : columns) text += ", QUOTE(" + d_.quote(column) + ")";
    text += ")";
    driver::QueryResult result = conn.query(
        "SELECT COUNT(*), COALESCE(SUM(CAST(CONV(LEFT(MD5(" + text +
        "), 16), 16, 10) AS UNSIGNED)), 0) FROM " + d_.qualify(schema, table));
    return TableData{std::stoll(driver::cell(result, 0, 0)), driver::cell(result, 0, 1)};
  }

 private:
  const Dialect& d_;
};

}  // namespace

std::unique_ptr<DataChecksum> make_mysql_data_checksum(const Dialect& dialect) {
  return std::make_unique<MysqlDataChecksum>(dialect);
}

}  // namespace strata::dialect
