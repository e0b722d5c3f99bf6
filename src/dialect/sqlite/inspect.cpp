// The SQLite inspector (contract: inspect/inspect.h, dialect/sqlite/inspect.h).
//
// Queries: `PRAGMA database_list` once, then per schema (attached database)
// three: sqlite_master; sqlite_master joined with pragma_table_xinfo; joined
// with pragma_foreign_key_list. inspect_tables() runs the same three with
// "AND <name> COLLATE NOCASE IN (...)" added to each. What the PRAGMAs do not say (constraint
// names, CHECK text, UNIQUE, DEFERRABLE / INITIALLY, AUTOINCREMENT, COLLATE)
// comes from the stored CREATE TABLE text (parse_sqlite_create_table), index
// definitions from the stored CREATE INDEX text (parse_sqlite_create_index).
//
// What the Catalog holds:
//  - schemas: the asked-for schemas that `PRAGMA database_list` lists ("main"
//    when none were asked for), in the order asked; default_schema "main".
//  - Tables and views in each schema, by name; sqlite_* internal tables and
//    virtual tables are left out. Columns in cid order; hidden columns are
//    left out, and so are generated ones unless asked for (then listed with
//    reflected_generated "VIRTUAL GENERATED" / "STORED GENERATED" from
//    table_xinfo's hidden 2 / 3, and reflected_generated_expression the
//    text of AS (...)).
//  - Column::type: sqlite_type_from_declared (reflect.h) of the declared type;
//    a COLLATE clause makes it kRaw "<declared> COLLATE <name>", and
//    reflected_type is that same text (else the declared type verbatim).
//  - Defaults: one complete string literal -> a literal (unquoted); NULL ->
//    no default; anything else an expression as PRAGMA reports it (SQLite
//    drops the parentheses of DEFAULT (expr)).
//  - Primary key: Table::primary_key (columns in key order, the name the
//    CREATE text gives, else unnamed); Column::primary_key stays false.
//    autoincrement: the key column of a single-column key declared INTEGER
//    (a rowid alias) is unset, or true with the AUTOINCREMENT keyword; a
//    single-column key of another integer type is false (not a rowid
//    alias); otherwise unset.
//  - Every UNIQUE (column-level too) is a UniqueConstraint, in text order;
//    Column::unique stays false. Unnamed constraints stay unnamed (SQLite
//    generates no names); sqlite_autoindex_* indexes are these constraints,
//    not indexes.
//  - Checks: text order, the text between CHECK's parentheses verbatim.
//  - Foreign keys: text order with name, DEFERRABLE and INITIALLY from the
//    text; ref_schema = the table's schema; NO ACTION / MATCH NONE unset.
//  - Indexes: those created by CREATE INDEX, by table then name; a bare
//    column is a column element, anything else (expression, COLLATE,
//    ASC / DESC) an expression element verbatim; `where` verbatim.
//  - Views: definition = the text after the top-level AS, verbatim.
//  - No sequences, enums or comments (SQLite has none).
#include "dialect/sqlite/inspect.h"

#include <algorithm>
#include <map>

#include "dialect/common/render_common.h"
#include "dialect/sqlite/reflect.h"
#include "dialect/common/sql_tokens.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using namespace common::sqltok;  // NOLINT: the tokenizer is this file's vocabulary
using CKind = SqliteConstraintText::Kind;

std::string literal(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : "";
}

// A value that is one complete single-quoted literal -> its content.
std::optional<std::string> string_literal(std::string_view text) {
  if (text.size() < 2 || text.front() != '\'') return std::nullopt;
  std::string out;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '\'') {
      if (i + 1 < text.size() && text[i + 1] == '\'') {
        out += '\'';
        ++i;
        continue;
      }
      return i + 1 == text.size() ? std::optional<std::string>(out) : std::nullopt;
    }
    out += text[i];
  }
  return std::nullopt;
}

std::vector<std::string> folded(std::vector<std::string> v) {
  for (auto& s : v) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return v;
}

// The internal-object filter for sqlite_master rows (alias m).
constexpr const char* kUserObjects = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

// Rows of one table from the joined PRAGMA queries, keyed by table name.
using RowsByTable = std::map<std::string, std::vector<driver::Row>>;

RowsByTable by_table(driver::QueryResult result) {
  RowsByTable out;
  for (driver::Row& row : result.rows) out[cell(row, 0)].push_back(std::move(row));
  return out;
}

void add_columns(const SqliteTableText& text, const std::vector<driver::Row>& rows,
                 bool generated, model::Table* out) {
  // Rows: table, cid, name, type, notnull, dflt_value, pk, hidden.
  std::map<int, std::string> key;  // pk position -> column
  std::map<std::string, std::string> declared_of;
  for (const driver::Row& row : rows) {
    const std::string hidden = cell(row, 7);
    const bool computed = hidden == "2" || hidden == "3";
    if (hidden != "0" && !(computed && generated)) continue;  // generated or hidden
    model::Column column;
    column.name = cell(row, 2);
    if (computed) {
      column.reflected_generated = hidden == "2" ? "VIRTUAL GENERATED" : "STORED GENERATED";
      for (const SqliteColumnText& c : text.columns) {
        if (iequals(c.name, column.name)) column.reflected_generated_expression = c.generated_expression;
      }
    }
    std::string declared = cell(row, 3);
    column.type = sqlite_type_from_declared(declared);
    column.reflected_type = declared;
    for (const SqliteColumnText& c : text.columns) {
      if (!iequals(c.name, column.name) || !c.collation) continue;
      column.reflected_type =
          declared.empty() ? "COLLATE " + *c.collation : declared + " COLLATE " + *c.collation;
      column.type = model::Type{.kind = model::Type::Kind::kRaw, .raw = column.reflected_type};
    }
    column.nullable = cell(row, 4) == "0";
    if (row.size() > 5 && row[5] && !iequals(*row[5], "NULL")) {
      if (auto lit = string_literal(*row[5])) {
        column.server_default = model::ServerDefault{*lit, false};
      } else {
        column.server_default = model::ServerDefault{*row[5], true};
      }
    }
    int pk = std::stoi(cell(row, 6).empty() ? "0" : cell(row, 6));
    if (pk > 0) key[pk] = column.name;
    declared_of[column.name] = declared;
    out->columns.push_back(std::move(column));
  }
  if (key.empty()) return;
  model::PrimaryKey pk;
  for (auto& [pos, name] : key) pk.columns.push_back(name);
  for (const SqliteConstraintText& c : text.constraints) {
    if (c.kind == CKind::kPrimaryKey) pk.name = c.name;
  }
  if (pk.columns.size() == 1) {
    for (model::Column& c : out->columns) {
      if (c.name != pk.columns[0]) continue;
      if (iequals(declared_of[c.name], "INTEGER")) {
        if (text.autoincrement) c.autoincrement = true;  // else unset: the rowid alias
      } else if (common::is_integer(c.type)) {
        c.autoincrement = false;  // an integer key that is not a rowid alias
      }
    }
  }
  out->primary_key = std::move(pk);
}

void add_constraints(const SqliteTableText& text, const std::string& schema,
                     const std::vector<driver::Row>& fk_rows, model::Table* out) {
  for (const SqliteConstraintText& c : text.constraints) {
    if (c.kind == CKind::kUnique) out->uniques.push_back(model::UniqueConstraint{c.name, c.columns});
    if (c.kind == CKind::kCheck) out->checks.push_back(model::CheckConstraint{c.name, c.check});
  }
  // Rows: table, id, seq, table, from, to, on_update, on_delete, match.
  std::map<int, model::ForeignKey> by_id;
  for (const driver::Row& row : fk_rows) {
    model::ForeignKey& fk = by_id[std::stoi(cell(row, 1))];
    fk.ref_schema = schema;
    fk.ref_table = cell(row, 3);
    fk.columns.push_back(cell(row, 4));
    if (row.size() > 5 && row[5]) fk.ref_columns.push_back(*row[5]);
    if (cell(row, 6) != "NO ACTION") fk.onupdate = cell(row, 6);
    if (cell(row, 7) != "NO ACTION") fk.ondelete = cell(row, 7);
    if (cell(row, 8) != "NONE") fk.match = cell(row, 8);
  }
  std::vector<model::ForeignKey> fks;
  for (auto& [id, fk] : by_id) fks.push_back(std::move(fk));
  std::vector<bool> used(fks.size(), false);
  for (const SqliteConstraintText& c : text.constraints) {  // text order, with names
    if (c.kind != CKind::kForeignKey) continue;
    for (size_t k = fks.size(); k-- > 0;) {  // ids run in reverse text order
      if (used[k] || !iequals(fks[k].ref_table, c.ref_table) ||
          folded(fks[k].columns) != folded(c.columns)) {
        continue;
      }
      used[k] = true;
      fks[k].name = c.name;
      fks[k].deferrable = c.deferrable;
      fks[k].initially = c.initially;
      out->foreign_keys.push_back(fks[k]);
      break;
    }
  }
  for (size_t k = fks.size(); k-- > 0;) {
    if (!used[k]) out->foreign_keys.push_back(fks[k]);
  }
}

// The SELECT of a stored CREATE VIEW: the text after the first top-level AS.
std::string view_definition(const std::string& sql) {
  std::vector<Token> t = tokenize(sql);
  for (size_t i = 0; i < t.size(); ++i) {
    if (is_punct(t[i], '(')) {
      i = matching(t, i);
    } else if (is_word(t[i], "AS") && i + 1 < t.size()) {
      size_t end = t.size();
      while (end > i + 1 && is_punct(t[end - 1], ';')) --end;
      return slice(sql, t, i + 1, end);
    }
  }
  throw Error(ErrorCode::kDatabase, "cannot parse view SQL: " + sql);
}

// What one schema's reading covers: every object, or (inspect_tables) the
// named tables and their indexes; generated columns or not.
struct Scope {
  const std::vector<std::string>* tables = nullptr;  // nullptr: all
  bool generated = false;
  // " AND <column> COLLATE NOCASE IN (<names>)", or "" for all.
  std::string only(const std::string& column) const {
    if (!tables) return "";
    std::string in;
    for (const std::string& t : *tables) in += (in.empty() ? "" : ", ") + literal(t);
    return " AND " + column + " COLLATE NOCASE IN (" + in + ")";
  }
};

void inspect_schema(driver::Connection& conn, const std::string& schema, const Scope& scope,
                    model::Catalog* out) {
  const std::string master = common::double_quote(schema) + ".sqlite_master m";
  const std::string arg = literal(schema);
  driver::QueryResult objects = conn.query(
      "SELECT m.type, m.name, m.tbl_name, m.sql FROM " + master + " WHERE m.type IN " +
      (scope.tables ? "('table', 'index')" : "('table', 'view', 'index')") +
      " AND m.sql IS NOT NULL AND " + kUserObjects + scope.only("m.tbl_name") +
      " ORDER BY m.tbl_name, m.name");
  const std::string tables_only = " WHERE m.type = 'table' AND " + std::string(kUserObjects) +
                                  " AND m.sql NOT LIKE 'CREATE VIRTUAL%'" + scope.only("m.name");
  RowsByTable columns = by_table(conn.query(
      "SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM " +
      master + ", pragma_table_xinfo(m.name, " + arg + ") p" + tables_only +
      " ORDER BY m.name, p.cid"));
  RowsByTable fks = by_table(conn.query(
      "SELECT m.name, p.id, p.seq, p.\"table\", p.\"from\", p.\"to\", p.on_update, p.on_delete, "
      "p.\"match\" FROM " +
      master + ", pragma_foreign_key_list(m.name, " + arg + ") p" + tables_only +
      " ORDER BY m.name, p.id, p.seq"));

  static const std::vector<driver::Row> kNone;
  for (const driver::Row& row : objects.rows) {
    const std::string type = cell(row, 0), name = cell(row, 1), sql = cell(row, 3);
    if (type == "view") {
      out->views.push_back(
          model::View{.schema = schema, .name = name, .definition = view_definition(sql)});
    } else if (type == "index") {
      model::Index index = parse_sqlite_create_index(name, sql);
      index.schema = schema;
      index.table = cell(row, 2);
      out->indexes.push_back(std::move(index));
    } else if (columns.count(name) > 0) {  // not virtual
      SqliteTableText text = parse_sqlite_create_table(sql);
      model::Table table{.schema = schema, .name = name};
      add_columns(text, columns[name], scope.generated, &table);
      auto fk = fks.find(name);
      add_constraints(text, schema, fk == fks.end() ? kNone : fk->second, &table);
      out->tables.push_back(std::move(table));
    }
  }
}

model::Catalog inspect_scope(driver::Connection& conn, const std::vector<std::string>& schemas,
                             const Scope& scope) {
  model::Catalog out;
  out.default_schema = "main";
  std::vector<std::string> attached;
  for (const driver::Row& row : conn.query("PRAGMA database_list").rows) {
    attached.push_back(cell(row, 1));
  }
  std::vector<std::string> wanted = schemas.empty() ? std::vector<std::string>{"main"} : schemas;
  for (const std::string& schema : wanted) {
    if (std::find(attached.begin(), attached.end(), schema) == attached.end()) continue;
    if (std::find(out.schemas.begin(), out.schemas.end(), schema) != out.schemas.end()) continue;
    out.schemas.push_back(schema);
    inspect_schema(conn, schema, scope, &out);
  }
  return out;
}

}  // namespace

std::string default_schema(driver::Connection&) { return "main"; }

model::Catalog inspect(driver::Connection& conn, const std::vector<std::string>& schemas,
                       bool generated_columns) {
  return inspect_scope(conn, schemas, Scope{.generated = generated_columns});
}

model::Catalog inspect_tables(driver::Connection& conn, const std::string& schema,
                              const std::vector<std::string>& tables) {
  if (tables.empty()) return model::Catalog{.default_schema = "main"};
  return inspect_scope(conn, {schema}, Scope{.tables = &tables});
}

}  // namespace strata::dialect::sqlite
