// SQLite's DataChecksum (dialect/data_checksum.h): columns from PRAGMA
// table_xinfo (hidden virtual-table columns left out); SQLite has no hash
// function built in, so the database builds each row's text
// quote(col) || ',' || ..., sorts the rows and concatenates them, and
// strata hashes that text (FNV-1a 64). copies_rows: the table rebuilds
// (dialect/sqlite/live.h); move_table (a copy too) the verifier checks anyway.
#include <cstdint>
#include <cstdio>
#include <string>
#include <type_traits>
#include <variant>

#include "dialect/data_checksum.h"
#include "dialect/sqlite/live.h"
#include "driver/query_cell.h"

namespace strata::dialect {
namespace {

std::string fnv1a64(const std::string& text) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

class SqliteDataChecksum : public DataChecksum {
 public:
  explicit SqliteDataChecksum(const Dialect& d) : d_(d) {}

  bool copies_rows(const ops::Op& op) const override {
    const bool rebuild_kind = std::visit(
        [](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          return std::is_same_v<T, ops::AlterColumn> || std::is_same_v<T, ops::AddConstraint> ||
                 std::is_same_v<T, ops::DropConstraint> || std::is_same_v<T, ops::DropColumn> ||
                 std::is_same_v<T, ops::RenameConstraint> ||
                 std::is_same_v<T, ops::BatchAlterTable>;
        },
        op);
    return rebuild_kind && sqlite::sqlite_needs_live_catalog(op);
  }

  std::optional<std::vector<std::string>> columns(driver::Connection& conn,
                                                  const std::optional<std::string>& schema,
                                                  const std::string& table) const override {
    const std::string pragma =
        "PRAGMA " + (schema ? d_.quote(*schema) + "." : std::string()) + "table_xinfo(" +
        d_.literal(table) + ")";
    driver::QueryResult result = conn.query(pragma);
    if (result.rows.empty()) return std::nullopt;
    std::vector<std::string> names;
    for (const driver::Row& row : result.rows) {
      // cid, name, type, notnull, dflt_value, pk, hidden (1: hidden column
      // of a virtual table).
      if (row.size() > 6 && row[6] && *row[6] == "1") continue;
      if (row.size() > 1 && row[1]) names.push_back(*row[1]);
    }
    return names;
  }

  TableData measure(driver::Connection& conn, const std::optional<std::string>& schema,
                    const std::string& table,
                    const std::vector<std::string>& columns) const override {
    std::string text;
    for (size_t i = 0; i < columns.size(); ++i) {
      text += (i ? " || ',' || " : "") + std::string("quote(") + d_.quote(columns[i]) + ")";
    }
    driver::QueryResult result = conn.query(
        "SELECT count(*), coalesce(group_concat(strata_r, char(10)), '') FROM (SELECT " + text +
        " AS strata_r FROM " + d_.qualify(schema, table) + " ORDER BY strata_r)");
    return TableData{std::stoll(driver::cell(result, 0, 0)), fnv1a64(driver::cell(result, 0, 1))};
  }

 private:
  const Dialect& d_;
};

}  // namespace

std::unique_ptr<DataChecksum> make_sqlite_data_checksum(const Dialect& dialect) {
  return std::make_unique<SqliteDataChecksum>(dialect);
}

}  // namespace strata::dialect
