// move_table on SQLite, the live side (SqliteLiveApplier): a copy into
// another attached database (see live.h, sqlite_move_table, for the contract).
#include <algorithm>
#include <cctype>
#include <map>

#include "dialect/common/render_common.h"
#include "dialect/sqlite/dialect.h"
#include "dialect/sqlite/rebuild/fk.h"
#include "dialect/sqlite/live.h"
#include "dialect/sqlite/reflect.h"
#include "dialect/sqlite/text.h"
#include "dialect/common/sql_tokens.h"
#include "driver/savepoint.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using common::sqltok::iequals;

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : "";
}

std::string db_of(const std::optional<std::string>& schema) { return schema.value_or("main"); }

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class Move {
 public:
  Move(const SqliteDialect& d, const ops::MoveTable& op, driver::Connection& conn)
      : d_(d),
        conn_(conn),
        from_(op.schema),
        to_(op.new_schema),
        name_(op.name),
        new_name_(op.new_name.value_or(op.name)) {}

  void run();

 private:
  std::string where() const {
    return "move of table " + db_of(from_) + "." + name_ + " to " + db_of(to_) + "." + new_name_;
  }
  bool any(const std::string& sql) { return !conn_.query(sql).rows.empty(); }
  void require_target();
  // The quoted columns the copy lists (ordinary columns, plus the rowid when
  // it is not an INTEGER PRIMARY KEY alias).
  std::vector<std::string> copied_columns(const SqliteTableText& text);
  // A foreign key that would cross database files (the contract); throws
  // before anything changes.
  void refuse_crossing_keys();
  void copy(const SqliteTableText& text, const std::string& stored, bool has_rows);

  const SqliteDialect& d_;
  driver::Connection& conn_;
  std::optional<std::string> from_;
  std::optional<std::string> to_;
  std::string name_;
  std::string new_name_;
};

void Move::require_target() {
  for (const driver::Row& row : conn_.query("PRAGMA database_list").rows) {
    if (iequals(cell(row, 1), db_of(to_))) return;
  }
  throw Error(ErrorCode::kDatabase, where() + ": schema " + db_of(to_) +
                                        " does not exist (no such attached database); create "
                                        "it first (op.create_schema)");
}

std::vector<std::string> Move::copied_columns(const SqliteTableText& text) {
  // table_xinfo(cid, name, type, notnull, dflt_value, pk, hidden)
  driver::QueryResult info = conn_.query("PRAGMA " + common::double_quote(db_of(from_)) +
                                         ".table_xinfo(" + d_.literal(name_) + ")");
  std::vector<std::string> out;
  std::vector<std::string> all;
  int keys = 0;
  bool integer_key = false;
  for (const driver::Row& row : info.rows) {
    all.push_back(cell(row, 1));
    if (cell(row, 6) == "0") out.push_back(d_.quote(cell(row, 1)));
    if (cell(row, 5) != "0") {
      ++keys;
      integer_key = upper(cell(row, 2)) == "INTEGER";
    }
  }
  if (text.without_rowid || (keys == 1 && integer_key)) return out;
  for (const char* rowid : {"rowid", "_rowid_", "oid"}) {
    bool taken = std::any_of(all.begin(), all.end(),
                             [&](const std::string& c) { return iequals(c, rowid); });
    if (!taken) {
      out.insert(out.begin(), rowid);
      break;
    }
  }
  return out;
}

void Move::refuse_crossing_keys() {
  const std::string advice =
      "; SQLite foreign keys cannot cross database files: drop the foreign key first "
      "(op.drop_constraint), move the tables, and create it again once both tables are in the "
      "same database (op.create_foreign_key), as examples/weatherai revision 0004 does";
  // The moved table's own keys: foreign_key_list(id, seq, table, from, ...).
  std::map<int, std::pair<std::string, std::vector<std::string>>> keys;
  for (const driver::Row& row : conn_.query("PRAGMA " + common::double_quote(db_of(from_)) +
                                            ".foreign_key_list(" + d_.literal(name_) + ")")
                                    .rows) {
    auto& [parent, columns] = keys[std::stoi(cell(row, 0))];
    parent = cell(row, 2);
    columns.push_back(cell(row, 3));
  }
  for (const auto& [id, key] : keys) {
    const auto& [parent, columns] = key;
    if (iequals(parent, name_)) continue;  // a self-reference moves along
    if (any("SELECT 1 FROM " + common::double_quote(db_of(to_)) +
            ".sqlite_master WHERE type = 'table' AND name = " + d_.literal(parent) +
            " COLLATE NOCASE")) {
      continue;  // it names a table the target has: it works there
    }
    throw Error(ErrorCode::kScript,
                where() + " refused: its foreign key (" + common::join(columns, ", ") +
                    ") references table " + parent + ", which database " + db_of(to_) +
                    " does not have" + advice);
  }
  for (const SqliteChildKey& child : sqlite_child_keys(conn_, from_, name_)) {
    throw Error(ErrorCode::kScript,
                where() + " refused: table " + child.table + " references it (" +
                    common::join(child.columns, ", ") + ") and stays in database " +
                    db_of(from_) + advice);
  }
}

void Move::copy(const SqliteTableText& text, const std::string& stored, bool has_rows) {
  const std::string source = d_.qualify(from_, name_);
  const std::string target = d_.qualify(to_, new_name_);
  std::vector<model::Index> indexes = reflect_sqlite_indexes(conn_, from_, name_);
  driver::QueryResult triggers =
      conn_.query("SELECT sql FROM " + common::double_quote(db_of(from_)) +
                  ".sqlite_master WHERE type = 'trigger' AND tbl_name = " + d_.literal(name_) +
                  " COLLATE NOCASE AND sql IS NOT NULL ORDER BY rowid");

  conn_.execute(sqlite_retarget_create_table(stored, to_, name_, new_name_));
  if (has_rows) {
    const std::string columns = common::join(copied_columns(text), ", ");
    try {
      conn_.execute("INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM " +
                    source);
    } catch (const Error& e) {
      throw Error(ErrorCode::kDatabase, where() + ": copying the rows failed: " + e.message());
    }
  }
  if (text.autoincrement) {
    driver::QueryResult seq =
        conn_.query("SELECT seq FROM " + common::double_quote(db_of(from_)) +
                    ".sqlite_sequence WHERE name = " + d_.literal(name_));
    if (!seq.rows.empty() && seq.rows[0][0]) {
      const std::string sequence = common::double_quote(db_of(to_)) + ".sqlite_sequence";
      conn_.execute("DELETE FROM " + sequence + " WHERE name = " + d_.literal(new_name_));
      conn_.execute("INSERT INTO " + sequence + " (name, seq) VALUES (" + d_.literal(new_name_) +
                    ", " + *seq.rows[0][0] + ")");
    }
  }
  conn_.execute("DROP TABLE " + source);
  for (model::Index index : indexes) {
    index.schema = to_;
    index.table = new_name_;
    for (const std::string& sql : d_.render(ops::CreateIndex{index})) conn_.execute(sql);
  }
  for (const driver::Row& row : triggers.rows) {
    conn_.execute(sqlite_retarget_trigger(cell(row, 0), to_, new_name_));
  }
  // Its own keys, and the keys of target tables that named a missing table
  // of this name and now reach it.
  std::vector<std::string> found = sqlite_fk_violations(conn_, to_, new_name_, std::nullopt);
  for (const SqliteChildKey& child : sqlite_child_keys(conn_, to_, new_name_)) {
    for (std::string& v : sqlite_fk_violations(conn_, to_, child.table, new_name_)) {
      if (std::find(found.begin(), found.end(), v) == found.end()) found.push_back(std::move(v));
    }
  }
  sqlite_throw_fk_violations(where(), found);
}

void Move::run() {
  if (iequals(db_of(from_), db_of(to_))) {
    if (name_ == new_name_) return;
    for (const std::string& sql :
         d_.render(ops::RenameTable{.schema = from_, .old_name = name_, .new_name = new_name_})) {
      conn_.execute(sql);
    }
    return;
  }
  require_target();
  const std::string stored = sqlite_table_sql(conn_, from_, name_);
  const SqliteTableText text = parse_sqlite_create_table(stored);
  name_ = text.name;  // the stored spelling
  const bool has_rows = any("SELECT 1 FROM " + d_.qualify(from_, name_) + " LIMIT 1");
  refuse_crossing_keys();
  SqliteFkDeferral deferral(conn_);
  {
    driver::Savepoint savepoint(conn_, "strata_move", [&] { deferral.restore(); });
    deferral.defer();
    copy(text, stored, has_rows);
    savepoint.release();
  }
  deferral.cleared();
}

}  // namespace

void sqlite_move_table(const SqliteDialect& dialect, const ops::MoveTable& op,
                       driver::Connection& conn) {
  Move(dialect, op, conn).run();
}

}  // namespace strata::dialect::sqlite
