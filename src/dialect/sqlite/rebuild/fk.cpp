// Foreign-key bookkeeping for SQLite table changes (see sqlite_fk.h).
#include "dialect/sqlite/rebuild/fk.h"

#include "common/text.h"
#include "dialect/common/render_common.h"
#include "dialect/common/sql_tokens.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : "";
}

std::string db_name(const std::optional<std::string>& schema) { return schema.value_or("main"); }

std::string pragma(const std::optional<std::string>& schema, const std::string& name,
                   const std::string& table) {
  return "PRAGMA " + common::double_quote(db_name(schema)) + "." + name + "(" +
         text::single_quoted(table) + ")";
}

std::string scalar(driver::Connection& conn, const std::string& sql) {
  driver::QueryResult r = conn.query(sql);
  return r.rows.empty() ? "" : cell(r.rows[0], 0);
}

}  // namespace

std::vector<SqliteChildKey> sqlite_child_keys(driver::Connection& conn,
                                              const std::optional<std::string>& schema,
                                              const std::string& table) {
  std::vector<SqliteChildKey> out;
  driver::QueryResult tables =
      conn.query("SELECT name FROM " + common::double_quote(db_name(schema)) +
                 ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                 "ORDER BY name");
  for (const driver::Row& t : tables.rows) {
    std::string child = cell(t, 0);
    if (common::sqltok::iequals(child, table)) continue;
    // foreign_key_list(id, seq, table, from, to, on_update, on_delete, match)
    for (const driver::Row& row : conn.query(pragma(schema, "foreign_key_list", child)).rows) {
      if (!common::sqltok::iequals(cell(row, 2), table)) continue;
      int id = std::stoi(cell(row, 0));
      if (out.empty() || out.back().table != child || out.back().id != id) {
        out.push_back(SqliteChildKey{child, id, {}, cell(row, 6)});
      }
      out.back().columns.push_back(cell(row, 3));
    }
  }
  return out;
}

bool sqlite_child_has_keyed_rows(driver::Connection& conn,
                                 const std::optional<std::string>& schema,
                                 const SqliteChildKey& key) {
  std::vector<std::string> conditions;
  for (const std::string& c : key.columns) {
    conditions.push_back(common::ansi_quote(c) + " IS NOT NULL");
  }
  return !scalar(conn, "SELECT 1 FROM " + common::double_quote(db_name(schema)) + "." +
                           common::ansi_quote(key.table) + " WHERE " +
                           common::join(conditions, " AND ") + " LIMIT 1")
              .empty();
}

std::vector<std::string> sqlite_fk_violations(driver::Connection& conn,
                                              const std::optional<std::string>& schema,
                                              const std::string& table,
                                              const std::optional<std::string>& parent) {
  std::vector<std::string> out;
  driver::QueryResult rows;
  try {
    rows = conn.query(pragma(schema, "foreign_key_check", table));
  } catch (const Error& e) {
    throw Error(ErrorCode::kDatabase, "foreign key check of " + db_name(schema) + "." + table +
                                          " failed: " + e.message());
  }
  driver::QueryResult keys;
  if (!rows.rows.empty()) keys = conn.query(pragma(schema, "foreign_key_list", table));
  for (const driver::Row& row : rows.rows) {  // table, rowid, parent, fkid
    if (parent && !common::sqltok::iequals(cell(row, 2), *parent)) continue;
    std::vector<std::string> columns;
    for (const driver::Row& k : keys.rows) {
      if (cell(k, 0) == cell(row, 3)) columns.push_back(cell(k, 3));
    }
    out.push_back(cell(row, 0) + " rowid " + (row[1] ? *row[1] : "NULL") + " (" +
                  common::join(columns, ", ") + ") has no parent row in " + cell(row, 2));
  }
  return out;
}

void sqlite_throw_fk_violations(const std::string& what, const std::vector<std::string>& found) {
  if (found.empty()) return;
  std::string message = what + " violates foreign keys (" + std::to_string(found.size()) +
                        " row" + (found.size() == 1 ? "" : "s") + "): ";
  for (size_t i = 0; i < found.size() && i < 10; ++i) message += (i ? "; " : "") + found[i];
  if (found.size() > 10) message += "; ...";
  throw Error(ErrorCode::kDatabase, message);
}

SqliteFkDeferral::SqliteFkDeferral(driver::Connection& conn)
    : conn_(conn),
      fks_on_(scalar(conn, "PRAGMA foreign_keys") == "1"),
      deferred_before_(scalar(conn, "PRAGMA defer_foreign_keys") == "1") {}

void SqliteFkDeferral::defer() {
  if (fks_on_) conn_.execute("PRAGMA defer_foreign_keys = ON");
}

void SqliteFkDeferral::cleared() {
  if (!fks_on_) return;
  if (deferred_before_) {
    for (const driver::Row& db : conn_.query("PRAGMA database_list").rows) {
      if (!conn_.query("PRAGMA " + common::double_quote(cell(db, 1)) + ".foreign_key_check")
               .rows.empty()) {
        return;  // the caller's own pending violations: keep the counter
      }
    }
  }
  conn_.execute("PRAGMA defer_foreign_keys = OFF");
  if (deferred_before_) conn_.execute("PRAGMA defer_foreign_keys = ON");
}

void SqliteFkDeferral::restore() {
  conn_.execute(std::string("PRAGMA defer_foreign_keys = ") + (deferred_before_ ? "ON" : "OFF"));
}

}  // namespace strata::dialect::sqlite
