// catalog_snapshot for SQLite: each requested attached database's
// sqlite_master, PRAGMA table_xinfo for columns (declared type and default
// text as stored), and the reflection of dialect/sqlite/reflect.h for what
// only the CREATE TABLE text says (constraint names, CHECK text, collations).
#include <cctype>

#include "common/text.h"
#include "dialect/sqlite/reflect.h"
#include "inspect/snapshot_lines.h"

namespace strata::inspect::detail {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string lower_words(std::optional<std::string> action) {
  if (!action) return "no_action";
  std::string out;
  for (char c : *action) out += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "main" is nullopt for the reflection helpers.
std::optional<std::string> reflect_schema(const std::string& schema) {
  if (iequals(schema, "main")) return std::nullopt;
  return schema;
}

std::string quoted(const std::string& name) { return text::double_quoted(name); }

void columns(driver::Connection& conn, const std::string& schema, const std::string& table,
             const dialect::SqliteTableText& parsed, const std::string& owner,
             std::vector<std::string>& out) {
  auto result = conn.query("SELECT name, type, \"notnull\", dflt_value, hidden FROM pragma_table_xinfo(" +
                           sql_string(table) + ", " + sql_string(schema) + ")");
  for (const driver::Row& row : result.rows) {
    std::string name = cell(row, 0);
    std::string line = owner + "column " + ident(name) + " type=" + escape(cell(row, 1)) +
                       " null=" + yes_no(cell(row, 2) == "0") +
                       " default=" + text(row.size() > 3 ? row[3] : std::nullopt) + " comment=none";
    if (cell(row, 4) == "2" || cell(row, 4) == "3") line += " generated=yes";
    for (const dialect::SqliteColumnText& c : parsed.columns) {
      if (c.name == name && c.collation) line += " collate=" + ident(*c.collation);
    }
    out.push_back(std::move(line));
  }
}

void constraints(const model::Table& table, const std::string& schema, const std::string& owner,
                 std::vector<std::string>& out) {
  auto name = [](const std::optional<std::string>& n) { return n ? ident(*n) : "none"; };
  if (table.primary_key) {
    out.push_back(owner + "primary_key " + name(table.primary_key->name) + " " +
                  list(table.primary_key->columns));
  }
  for (const model::UniqueConstraint& u : table.uniques) {
    out.push_back(owner + "unique " + name(u.name) + " " + list(u.columns));
  }
  for (const model::Column& c : table.columns) {
    if (c.unique) out.push_back(owner + "unique none " + list({c.name}));
  }
  for (const model::CheckConstraint& ck : table.checks) {
    out.push_back(owner + "check " + name(ck.name) + " " + escape(ck.sqltext));
  }
  for (const model::ForeignKey& fk : table.foreign_keys) {
    std::string deferrable = !fk.deferrable.value_or(false) ? "no"
                             : iequals(fk.initially.value_or(""), "deferred") ? "initially_deferred"
                                                                              : "yes";
    out.push_back(owner + "foreign_key " + name(fk.name) + " " + list(fk.columns) + " -> " +
                  qualified(schema, fk.ref_table) + " " + list(fk.ref_columns) +
                  " on_delete=" + lower_words(fk.ondelete) + " on_update=" + lower_words(fk.onupdate) +
                  " match=" + lower_words(fk.match ? fk.match : std::optional<std::string>("simple")) +
                  " deferrable=" + deferrable);
  }
}

void indexes(driver::Connection& conn, const std::string& schema, const std::string& table,
             const std::string& owner, std::vector<std::string>& out) {
  for (const model::Index& index : dialect::reflect_sqlite_indexes(conn, reflect_schema(schema), table)) {
    std::string elements = "(";
    for (size_t i = 0; i < index.elements.size(); ++i) {
      const model::IndexElement& e = index.elements[i];
      elements += (i ? ", " : "") + (e.is_expression ? escape(e.text) : ident(e.text));
    }
    out.push_back(owner + "index " + ident(index.name) + " unique=" + yes_no(index.unique) + " " +
                  elements + ") where=" + text(index.where));
  }
}

}  // namespace

void read_sqlite(driver::Connection& conn, const std::vector<std::string>& schemas,
                 std::vector<std::string>& out) {
  for (const driver::Row& db : conn.query("PRAGMA database_list").rows) {
    std::string schema = cell(db, 1);
    bool wanted = false;
    for (const std::string& s : schemas) wanted = wanted || iequals(s, schema);
    if (!wanted) continue;
    out.push_back(ident(schema) + ": schema");
    auto tables = conn.query("SELECT name, sql FROM " + quoted(schema) +
                             ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                             "ESCAPE '\\' AND name <> 'alembic_version' "
                             "AND sql NOT LIKE 'CREATE VIRTUAL %'");
    for (const driver::Row& row : tables.rows) {
      std::string table = cell(row, 0);
      std::string owner = qualified(schema, table) + ": ";
      out.push_back(owner + "table comment=none");
      dialect::SqliteTableText parsed = dialect::parse_sqlite_create_table(cell(row, 1));
      columns(conn, schema, table, parsed, owner, out);
      constraints(dialect::reflect_sqlite_table(conn, reflect_schema(schema), table), schema, owner,
                  out);
      indexes(conn, schema, table, owner, out);
    }
  }
}

}  // namespace strata::inspect::detail
