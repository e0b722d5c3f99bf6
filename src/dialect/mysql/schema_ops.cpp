// MySQL dialect: drop_schema and move_table, rendered for --sql
// (render_parts.h) and applied against the live catalog online (live.h).
#include <string>
#include <vector>

#include "common/text.h"
#include "dialect/mysql/live.h"
#include "dialect/mysql/render_parts.h"
#include "dialect/common/render_common.h"
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

// ---- move_table's triggers ----------------------------------------------------

// A trigger as information_schema.triggers describes it.
struct Trigger {
  std::string name, timing, event, statement, definer, sql_mode;
};

// `user`@`host` from information_schema's "user@host" (the host follows the
// last @); "" when there is no definer.
std::string definer_sql(const std::string& definer) {
  size_t at = definer.rfind('@');
  if (at == std::string::npos) return "";
  auto backquote = [](const std::string& part) { return text::quote_with(part, '`', '`'); };
  return backquote(definer.substr(0, at)) + "@" + backquote(definer.substr(at + 1));
}

// The triggers of the table, in firing order per timing and event (so that
// creating them in this order keeps ACTION_ORDER).
std::vector<Trigger> read_triggers(const MysqlDialect& d, driver::Connection& conn,
                                   const std::optional<std::string>& schema,
                                   const std::string& table) {
  driver::QueryResult r = conn.query(
      "SELECT trigger_name, action_timing, event_manipulation, action_statement, definer, "
      "sql_mode FROM information_schema.triggers WHERE event_object_schema = " +
      (schema ? d.literal(*schema) : std::string("DATABASE()")) +
      " AND event_object_table = " + d.literal(table) +
      " ORDER BY action_timing, event_manipulation, action_order");
  std::vector<Trigger> out;
  for (const driver::Row& row : r.rows) {
    out.push_back({row.at(0).value_or(""), row.at(1).value_or(""), row.at(2).value_or(""),
                   row.at(3).value_or(""), row.at(4).value_or(""), row.at(5).value_or("")});
  }
  return out;
}

// The statements that create `t` on table schema.table: CREATE TRIGGER
// under the trigger's definer, wrapped in SET SESSION sql_mode when it was
// created under another sql_mode than the session's (its body was parsed
// under that mode).
std::vector<std::string> create_trigger(const MysqlDialect& d, const Trigger& t,
                                        const std::optional<std::string>& schema,
                                        const std::string& table,
                                        const std::string& session_mode) {
  std::string definer = definer_sql(t.definer);
  std::string create = "CREATE " + (definer.empty() ? "" : "DEFINER=" + definer + " ") +
                       "TRIGGER " + d.qualify(schema, t.name) + " " + t.timing + " " + t.event +
                       " ON " + d.qualify(schema, table) + " FOR EACH ROW " + t.statement;
  if (t.sql_mode == session_mode) return {create};
  return {"SET SESSION sql_mode = " + d.literal(t.sql_mode), create,
          "SET SESSION sql_mode = " + d.literal(session_mode)};
}

// Runs `undo` after `failure`; rethrows `failure`, noting a failed undo
// and what it would have run.
[[noreturn]] void undo_then_rethrow(const Error& failure, driver::Connection& conn,
                                    const std::vector<std::string>& undo) {
  for (const std::string& sql : undo) {
    try {
      conn.execute(sql);
    } catch (const Error& again) {
      throw Error(failure.code(),
                  failure.message() + " (putting the table's triggers back failed too: " +
                      again.message() + "; still to run: " + common::join(undo, "; ") + ")");
    }
  }
  throw failure;
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
  // Objects DROP DATABASE would take along: tables, views and sequences
  // (information_schema.tables), stored routines and events.
  const std::string schema = d.literal(op.name);
  const std::string held =
      "(SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = " + schema +
      ") + (SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = " + schema +
      ") + (SELECT COUNT(*) FROM information_schema.events WHERE event_schema = " + schema + ")";
  return {"SET @strata_held = " + held,
          "SET @strata_sql = IF(@strata_held = 0, " + d.literal(drop) + ", CONCAT(" +
              d.literal(signal_head) + ", @strata_held, IF(@strata_held = 1, ' object', ' objects'), " +
              d.literal(signal_tail) + "))",
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
    auto scalar = [&conn](const std::string& sql) {
      driver::QueryResult held = conn.query(sql);
      return std::stoll(held.rows.at(0).at(0).value_or("0"));
    };
    count(scalar("SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = " +
                 d.literal(op.name)),
          "routine");
    count(scalar("SELECT COUNT(*) FROM information_schema.events WHERE event_schema = " +
                 d.literal(op.name)),
          "event");
    if (!held.empty()) {
      throw Error(ErrorCode::kDatabase, ops::describe(ops::Op(op)) + ": schema " + op.name +
                                            " is not empty (" + common::join(held, ", ") +
                                            "); use cascade = true");
    }
  }
  conn.execute(drop_database(d, op));
}

std::vector<std::string> move_table(const MysqlDialect& d, const ops::MoveTable& op) {
  const std::string& new_name = op.new_name.value_or(op.name);
  if (op.schema == op.new_schema && new_name == op.name) return {};  // nothing moves
  return {"RENAME TABLE " + d.qualify(op.schema, op.name) + " TO " +
          d.qualify(op.new_schema, new_name)};
}

bool moves_across_databases(const ops::MoveTable& op) { return op.schema != op.new_schema; }

void apply_move_table(const MysqlDialect& d, const ops::MoveTable& op,
                      driver::Connection& conn) {
  const std::vector<std::string> rename = move_table(d, op);
  const std::vector<Trigger> triggers = read_triggers(d, conn, op.schema, op.name);
  if (triggers.empty()) {
    for (const std::string& sql : rename) conn.execute(sql);
    return;
  }
  // RENAME TABLE refuses to move a table with triggers to another database
  // (error 1435): they are dropped, the table moved, and they are created
  // again beside it. On a failure what was done is undone.
  const std::string new_name = op.new_name.value_or(op.name);
  const std::string mode =
      conn.query("SELECT @@SESSION.sql_mode").rows.at(0).at(0).value_or("");
  std::vector<std::string> restore;  // the triggers back on the original table
  for (const Trigger& t : triggers) {
    for (std::string& sql : create_trigger(d, t, op.schema, op.name, mode)) {
      restore.push_back(std::move(sql));
    }
  }
  for (size_t i = 0; i < triggers.size(); ++i) {
    try {
      conn.execute("DROP TRIGGER " + d.qualify(op.schema, triggers[i].name));
    } catch (const Error& e) {
      // Re-create the triggers already dropped (in firing order), then fail.
      std::vector<std::string> dropped;
      for (size_t j = 0; j < i; ++j) {
        for (std::string& sql : create_trigger(d, triggers[j], op.schema, op.name, mode)) {
          dropped.push_back(std::move(sql));
        }
      }
      undo_then_rethrow(e, conn, dropped);
    }
  }
  try {
    for (const std::string& sql : rename) conn.execute(sql);
  } catch (const Error& e) {
    undo_then_rethrow(e, conn, restore);
  }
  std::vector<std::string> undo;  // drop what was created, move back, restore
  for (const Trigger& t : triggers) {
    try {
      for (const std::string& sql : create_trigger(d, t, op.new_schema, new_name, mode)) {
        conn.execute(sql);
      }
    } catch (const Error& e) {
      undo.push_back("SET SESSION sql_mode = " + d.literal(mode));
      for (const std::string& sql :
           move_table(d, ops::MoveTable{.schema = op.new_schema, .name = new_name,
                                        .new_schema = op.schema, .new_name = op.name})) {
        undo.push_back(sql);
      }
      undo.insert(undo.end(), restore.begin(), restore.end());
      undo_then_rethrow(e, conn, undo);
    }
    undo.push_back("DROP TRIGGER IF EXISTS " + d.qualify(op.new_schema, t.name));
  }
}

}  // namespace strata::dialect::mysql
