// MySQL dialect: drop_schema (mysql_render.h), rendered for --sql and
// applied against the live catalog online.
#include <string>
#include <vector>

#include "dialect/mysql_render.h"
#include "dialect/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

std::string drop_database(const MysqlDialect& d, const ops::DropSchema& op) {
  return std::string("DROP DATABASE ") + (op.if_exists ? "IF EXISTS " : "") + d.quote(op.name);
}

// The text of d.literal(text) without its quotes: a piece of a literal.
std::string literal_body(const MysqlDialect& d, const std::string& text) {
  std::string quoted = d.literal(text);
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace

std::vector<std::string> drop_schema(const MysqlDialect& d, const ops::DropSchema& op) {
  const std::string drop = drop_database(d, op);
  if (op.cascade) return {drop};
  // Decided by the server when the script runs: the DROP when the database
  // holds no table, view or sequence, else a SIGNAL (MariaDB prepares SIGNAL;
  // MySQL refuses to prepare it, which stops the script as well).
  const std::string signal_head = "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" +
                                  literal_body(d, "schema " + op.name + " is not empty (");
  const std::string signal_tail = literal_body(d, "); use cascade = true") + "'";
  return {"SET @strata_sql = (SELECT IF(COUNT(*) = 0, " + d.literal(drop) + ", CONCAT(" +
              d.literal(signal_head) + ", COUNT(*), IF(COUNT(*) = 1, ' table', ' tables'), " +
              d.literal(signal_tail) + ")) FROM information_schema.tables WHERE table_schema = " +
              d.literal(op.name) + ")",
          "PREPARE strata_stmt FROM @strata_sql", "EXECUTE strata_stmt",
          "DEALLOCATE PREPARE strata_stmt"};
}

void apply_drop_schema(const MysqlDialect& d, const ops::DropSchema& op,
                       driver::Connection& conn) {
  if (!op.cascade) {
    driver::QueryResult r = conn.query(
        "SELECT table_type, COUNT(*) FROM information_schema.tables WHERE table_schema = " +
        d.literal(op.name) + " GROUP BY table_type");
    long long tables = 0, views = 0, sequences = 0;
    for (const driver::Row& row : r.rows) {
      const std::string type = row.at(0).value_or("");
      long long n = std::stoll(row.at(1).value_or("0"));
      (type == "VIEW" ? views : type == "SEQUENCE" ? sequences : tables) += n;
    }
    std::vector<std::string> held;
    auto count = [&held](long long n, const std::string& what) {
      if (n > 0) held.push_back(std::to_string(n) + " " + what + (n == 1 ? "" : "s"));
    };
    count(tables, "table");
    count(views, "view");
    count(sequences, "sequence");
    if (!held.empty()) {
      throw Error(ErrorCode::kDatabase, ops::describe(ops::Op(op)) + ": schema " + op.name +
                                            " is not empty (" + common::join(held, ", ") +
                                            "); use cascade = true");
    }
  }
  conn.execute(drop_database(d, op));
}

}  // namespace strata::dialect::mysql
