// catalog_snapshot for MySQL/MariaDB: information_schema, one query per kind
// of fact over the requested databases; sequences (MariaDB) are read from
// the sequence tables themselves.
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "common/text.h"
#include "inspect/snapshot_lines.h"

namespace strata::inspect::detail {
namespace {

std::string backquoted(const std::string& name) { return text::quote_with(name, '`', '`'); }

std::string lower_words(const std::string& rule) {
  std::string out;
  for (char c : rule) out += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "" (MySQL's way of saying none, e.g. for comments) → nullopt.
std::optional<std::string> non_empty(const driver::Row& row, size_t i) {
  std::string v = cell(row, i);
  if (v.empty()) return std::nullopt;
  return v;
}

// MariaDB reports "NULL" (unquoted) for a column whose default is NULL,
// and SQL NULL for one without a default: the same thing.
std::optional<std::string> column_default(const driver::Row& row, size_t i) {
  if (i >= row.size() || !row[i] || *row[i] == "NULL") return std::nullopt;
  return row[i];
}

using TableKey = std::pair<std::string, std::string>;  // schema, table

void tables(driver::Connection& conn, const std::string& in, std::vector<std::string>& out,
            std::map<TableKey, std::string>& collations) {
  auto result = conn.query(
      "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COMMENT, TABLE_COLLATION FROM information_schema.TABLES "
      "WHERE TABLE_SCHEMA IN " + in + " AND TABLE_TYPE = 'BASE TABLE' "
      "AND TABLE_NAME <> 'alembic_version'");
  for (const driver::Row& row : result.rows) {
    out.push_back(qualified(cell(row, 0), cell(row, 1)) + ": table comment=" + text(non_empty(row, 2)));
    collations[{cell(row, 0), cell(row, 1)}] = cell(row, 3);
  }
}

void columns(driver::Connection& conn, const std::string& in,
             const std::map<TableKey, std::string>& collations, std::vector<std::string>& out) {
  auto result = conn.query(
      "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, "
      "COLUMN_COMMENT, EXTRA, GENERATION_EXPRESSION, COLLATION_NAME "
      "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN " + in);
  for (const driver::Row& row : result.rows) {
    auto table = collations.find({cell(row, 0), cell(row, 1)});
    if (table == collations.end()) continue;  // a view, sequence or alembic_version
    std::string line = qualified(cell(row, 0), cell(row, 1)) + ": column " + ident(cell(row, 2)) +
                       " type=" + escape(cell(row, 3)) + " null=" + yes_no(cell(row, 4) == "YES") +
                       " default=" + text(column_default(row, 5)) +
                       " comment=" + text(non_empty(row, 6));
    if (!cell(row, 7).empty()) line += " extra=" + text(cell(row, 7));
    if (!cell(row, 8).empty()) line += " generated=" + text(cell(row, 8));
    if (!cell(row, 9).empty() && cell(row, 9) != table->second) line += " collate=" + ident(cell(row, 9));
    out.push_back(std::move(line));
  }
}

// Constraint identity in KEY_COLUMN_USAGE: a foreign key may share its name
// with an index of the same table, so foreign-key-ness is part of the key.
using ConstraintKey = std::tuple<std::string, std::string, std::string, bool>;

struct KeyColumns {
  std::vector<std::string> columns;
  std::string ref_schema, ref_table;
  std::vector<std::string> ref_columns;
};

void constraints(driver::Connection& conn, const std::string& in,
                 const std::map<TableKey, std::string>& tables, std::vector<std::string>& out,
                 std::set<std::tuple<std::string, std::string, std::string>>& key_indexes) {
  std::map<ConstraintKey, KeyColumns> keys;
  for (const driver::Row& row :
       conn.query("SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, "
                  "REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME "
                  "FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA IN " + in +
                  " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")
           .rows) {
    bool fk = row.size() > 5 && row[5].has_value();
    KeyColumns& k = keys[{cell(row, 0), cell(row, 1), cell(row, 2), fk}];
    k.columns.push_back(cell(row, 3));
    if (fk) {
      k.ref_schema = cell(row, 4);
      k.ref_table = cell(row, 5);
      k.ref_columns.push_back(cell(row, 6));
    }
  }
  std::map<std::tuple<std::string, std::string, std::string>, driver::Row> rules;
  for (const driver::Row& row :
       conn.query("SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE, "
                  "MATCH_OPTION FROM information_schema.REFERENTIAL_CONSTRAINTS "
                  "WHERE CONSTRAINT_SCHEMA IN " + in)
           .rows) {
    rules[{cell(row, 0), cell(row, 1), cell(row, 2)}] = row;
  }
  for (const driver::Row& row :
       conn.query("SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE "
                  "FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA IN " + in)
           .rows) {
    std::string schema = cell(row, 0), table = cell(row, 1), name = cell(row, 2), type = cell(row, 3);
    if (!tables.count({schema, table})) continue;
    std::string owner = qualified(schema, table) + ": ";
    if (type == "PRIMARY KEY" || type == "UNIQUE") {
      key_indexes.insert({schema, table, name});
      out.push_back(owner + (type == "UNIQUE" ? "unique " : "primary_key ") + ident(name) + " " +
                    list(keys[{schema, table, name, false}].columns));
    } else if (type == "FOREIGN KEY") {
      const KeyColumns& k = keys[{schema, table, name, true}];
      const driver::Row& rule = rules[{schema, table, name}];
      out.push_back(owner + "foreign_key " + ident(name) + " " + list(k.columns) + " -> " +
                    qualified(k.ref_schema, k.ref_table) + " " + list(k.ref_columns) +
                    " on_delete=" + lower_words(cell(rule, 3)) +
                    " on_update=" + lower_words(cell(rule, 4)) +
                    " match=" + lower_words(cell(rule, 5) == "NONE" ? "simple" : cell(rule, 5)) +
                    " deferrable=no");
    }
  }
}

void checks(driver::Connection& conn, const std::string& in,
            const std::map<TableKey, std::string>& tables, std::vector<std::string>& out) {
  // MariaDB's CHECK_CONSTRAINTS names the table (check names are per table
  // there); MySQL 8's does not (they are per schema), so join for it.
  bool has_table = !conn.query("SELECT 1 FROM information_schema.COLUMNS "
                               "WHERE TABLE_SCHEMA = 'information_schema' "
                               "AND TABLE_NAME = 'CHECK_CONSTRAINTS' AND COLUMN_NAME = 'TABLE_NAME'")
                         .rows.empty();
  std::string sql =
      has_table
          ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE "
            "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN " + in
          : "SELECT cc.CONSTRAINT_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE "
            "FROM information_schema.CHECK_CONSTRAINTS cc JOIN information_schema.TABLE_CONSTRAINTS tc "
            "ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME "
            "AND tc.CONSTRAINT_TYPE = 'CHECK' WHERE cc.CONSTRAINT_SCHEMA IN " + in;
  for (const driver::Row& row : conn.query(sql).rows) {
    if (!tables.count({cell(row, 0), cell(row, 1)})) continue;
    out.push_back(qualified(cell(row, 0), cell(row, 1)) + ": check " + ident(cell(row, 2)) + " " +
                  escape(cell(row, 3)));
  }
}

void indexes(driver::Connection& conn, const std::string& in,
             const std::map<TableKey, std::string>& tables,
             const std::set<std::tuple<std::string, std::string, std::string>>& key_indexes,
             std::vector<std::string>& out) {
  struct Index {
    bool unique = false;
    std::string type;
    std::vector<std::string> elements;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Index> found;
  for (const driver::Row& row :
       conn.query("SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, "
                  "INDEX_TYPE, COLLATION FROM information_schema.STATISTICS "
                  "WHERE TABLE_SCHEMA IN " + in +
                  " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")
           .rows) {
    std::tuple<std::string, std::string, std::string> key{cell(row, 0), cell(row, 1), cell(row, 2)};
    if (!tables.count({cell(row, 0), cell(row, 1)}) || key_indexes.count(key)) continue;
    Index& index = found[key];
    index.unique = cell(row, 3) == "0";
    index.type = cell(row, 6);
    std::string element = ident(cell(row, 4));
    if (!cell(row, 5).empty()) element += "(" + cell(row, 5) + ")";
    if (cell(row, 7) == "D") element += " DESC";
    index.elements.push_back(element);
  }
  for (const auto& [key, index] : found) {
    std::string line = qualified(std::get<0>(key), std::get<1>(key)) + ": index " +
                       ident(std::get<2>(key)) + " unique=" + yes_no(index.unique) + " " +
                       list(index.elements, true);
    if (index.type != "BTREE") line += " method=" + lower_words(index.type);
    out.push_back(line + " where=none");
  }
}

void sequences(driver::Connection& conn, const std::string& in, std::vector<std::string>& out) {
  auto result = conn.query("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                           "WHERE TABLE_SCHEMA IN " + in + " AND TABLE_TYPE = 'SEQUENCE'");
  for (const driver::Row& seq : result.rows) {
    auto rows = conn.query("SELECT start_value, increment, minimum_value, maximum_value, cache_size, "
                           "cycle_option FROM " + backquoted(cell(seq, 0)) + "." +
                           backquoted(cell(seq, 1)))
                    .rows;
    if (rows.empty()) continue;
    const driver::Row& row = rows.front();
    out.push_back(ident(cell(seq, 0)) + ": sequence " + ident(cell(seq, 1)) +
                  " type=bigint start=" + cell(row, 0) + " increment=" + cell(row, 1) +
                  " min=" + cell(row, 2) + " max=" + cell(row, 3) + " cache=" + cell(row, 4) +
                  " cycle=" + yes_no(cell(row, 5) == "1"));
  }
}

}  // namespace

void read_mysql(driver::Connection& conn, const std::vector<std::string>& schemas,
                std::vector<std::string>& out) {
  // String literals double backslashes too (MySQL's default escaping).
  std::vector<std::string> escaped;
  for (const std::string& schema : schemas) {
    escaped.push_back(text::double_char(schema, '\\'));
  }
  const std::string in = in_list(escaped);
  for (const driver::Row& row :
       conn.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN " + in)
           .rows) {
    out.push_back(ident(cell(row, 0)) + ": schema");
  }
  std::map<TableKey, std::string> table_collations;
  tables(conn, in, out, table_collations);
  columns(conn, in, table_collations, out);
  std::set<std::tuple<std::string, std::string, std::string>> key_indexes;
  constraints(conn, in, table_collations, out, key_indexes);
  checks(conn, in, table_collations, out);
  indexes(conn, in, table_collations, key_indexes, out);
  sequences(conn, in, out);
}

}  // namespace strata::inspect::detail
