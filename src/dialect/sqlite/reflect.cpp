// SQLite reflection (see reflect.h): the CREATE TABLE / CREATE INDEX text
// parsers, and reflect_sqlite_table / reflect_sqlite_indexes as views of the
// inspector's reading (sqlite::inspect_tables).
#include "dialect/sqlite/reflect.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "common/text.h"
#include "dialect/common/render_common.h"
#include "dialect/sqlite/inspect.h"
#include "dialect/common/sql_tokens.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using namespace common::sqltok;  // NOLINT: the tokenizer is this file's vocabulary

bool starts_constraint(const Token& t) {
  return is_any(t, {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE",
                    "REFERENCES", "GENERATED", "AS"});
}

// REFERENCES tbl [(cols)] [ON ...|MATCH ...|[NOT] DEFERRABLE [INITIALLY x]]...
// starting at `i` (the REFERENCES token); returns the index after the clause.
size_t parse_references(const std::vector<Token>& t, size_t i, size_t end,
                        SqliteConstraintText* c) {
  ++i;
  if (i < end) c->ref_table = t[i++].text;
  if (i < end && is_punct(t[i], '(')) {
    size_t close;
    c->ref_columns = name_list(t, i, &close);
    i = close + 1;
  }
  while (i < end) {
    if (is_word(t[i], "NOT") && i + 1 < end && is_word(t[i + 1], "DEFERRABLE")) {
      c->deferrable = false;
      i += 2;
    } else if (is_word(t[i], "DEFERRABLE")) {
      c->deferrable = true;
      ++i;
    } else if (is_word(t[i], "INITIALLY") && i + 1 < end) {
      std::string v = t[i + 1].text;
      for (char& ch : v) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      c->initially = v;
      i += 2;
    } else if (is_any(t[i], {"ON", "MATCH", "SET", "CASCADE", "RESTRICT", "NO", "ACTION", "DELETE",
                             "UPDATE", "NULL", "DEFAULT", "SIMPLE", "FULL", "PARTIAL"})) {
      // MATCH <name> takes any word; SET NULL / SET DEFAULT / NO ACTION.
      if (is_word(t[i], "MATCH")) ++i;
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// Parses a column definition's constraints from `i` to `end`.
void parse_column_constraints(std::string_view sql, const std::vector<Token>& t, size_t i,
                              size_t end, SqliteColumnText* col, SqliteTableText* out) {
  std::optional<std::string> name;
  while (i < end) {
    const Token& k = t[i];
    SqliteConstraintText c;
    c.column = col->name;
    if (is_word(k, "CONSTRAINT") && i + 1 < end) {
      name = t[i + 1].text;
      i += 2;
      continue;
    }
    if (is_word(k, "PRIMARY")) {
      c.kind = SqliteConstraintText::Kind::kPrimaryKey;
      c.columns = {col->name};
      i += 2;  // PRIMARY KEY
    } else if (is_word(k, "UNIQUE")) {
      c.kind = SqliteConstraintText::Kind::kUnique;
      c.columns = {col->name};
      ++i;
    } else if (is_word(k, "CHECK") && i + 1 < end && is_punct(t[i + 1], '(')) {
      size_t close = matching(t, i + 1);
      c.kind = SqliteConstraintText::Kind::kCheck;
      c.check = slice(sql, t, i + 2, close);
      i = close + 1;
    } else if (is_word(k, "REFERENCES")) {
      c.kind = SqliteConstraintText::Kind::kForeignKey;
      c.columns = {col->name};
      i = parse_references(t, i, end, &c);
    } else if (is_word(k, "COLLATE") && i + 1 < end) {
      col->collation = t[i + 1].text;
      i += 2;
      name.reset();
      continue;
    } else if (is_word(k, "AS") && i + 1 < end && is_punct(t[i + 1], '(')) {
      size_t close = matching(t, i + 1);
      col->generated = true;
      col->generated_expression = slice(sql, t, i + 2, close);
      i = close + 1;
      continue;
    } else if (is_word(k, "GENERATED") || is_word(k, "AS")) {
      col->generated = true;
      ++i;
      continue;
    } else if (is_word(k, "AUTOINCREMENT")) {
      out->autoincrement = true;
      ++i;
      continue;
    } else {
      // DEFAULT values, NOT NULL, ON CONFLICT, ASC/DESC, ...: skip one token
      // (a parenthesised group as a whole). A pending CONSTRAINT name
      // belongs to the NOT NULL / DEFAULT it precedes.
      if (starts_constraint(k)) name.reset();
      i = is_punct(k, '(') ? matching(t, i) + 1 : i + 1;
      continue;
    }
    c.name = std::move(name);
    name.reset();
    out->constraints.push_back(std::move(c));
  }
}

void parse_table_constraint(std::string_view sql, const std::vector<Token>& t, size_t i, size_t end,
                            SqliteTableText* out) {
  SqliteConstraintText c;
  if (is_word(t[i], "CONSTRAINT") && i + 1 < end) {
    c.name = t[i + 1].text;
    i += 2;
  }
  if (i >= end) return;
  size_t close = 0;
  auto open_after = [&](size_t k) {
    while (k < end && !is_punct(t[k], '(')) ++k;
    return k;
  };
  if (is_word(t[i], "PRIMARY") || is_word(t[i], "UNIQUE")) {
    c.kind = is_word(t[i], "PRIMARY") ? SqliteConstraintText::Kind::kPrimaryKey
                                      : SqliteConstraintText::Kind::kUnique;
    size_t open = open_after(i);
    if (open >= end) return;
    c.columns = name_list(t, open, &close);
    for (size_t k = open; k < close; ++k) {  // PRIMARY KEY ("id" AUTOINCREMENT)
      if (is_word(t[k], "AUTOINCREMENT")) out->autoincrement = true;
    }
  } else if (is_word(t[i], "CHECK")) {
    size_t open = open_after(i);
    if (open >= end) return;
    close = matching(t, open);
    c.kind = SqliteConstraintText::Kind::kCheck;
    c.check = slice(sql, t, open + 1, close);
  } else if (is_word(t[i], "FOREIGN")) {
    size_t open = open_after(i);
    if (open >= end) return;
    c.kind = SqliteConstraintText::Kind::kForeignKey;
    c.columns = name_list(t, open, &close);
    if (close + 1 < end && is_word(t[close + 1], "REFERENCES")) {
      parse_references(t, close + 1, end, &c);
    }
  } else {
    return;
  }
  out->constraints.push_back(std::move(c));
}

std::string schema_name(const std::optional<std::string>& schema) {
  return schema ? *schema : "main";
}

std::string literal(std::string_view value) { return text::single_quoted(value); }

std::string cell(const driver::Row& row, size_t i) {
  return i < row.size() && row[i] ? *row[i] : "";
}

}  // namespace

SqliteTableText parse_sqlite_create_table(std::string_view sql) {
  std::vector<Token> t = tokenize(sql);
  SqliteTableText out;
  size_t i = 0;
  while (i < t.size() && !is_word(t[i], "TABLE")) ++i;
  if (i >= t.size())
    throw Error(ErrorCode::kDatabase, "not a CREATE TABLE statement: " + std::string(sql));
  if (i > 0 && is_word(t[i - 1], "VIRTUAL")) {
    throw Error(ErrorCode::kDatabase, "a virtual table has no column list: " + std::string(sql));
  }
  ++i;
  if (i + 2 < t.size() && is_word(t[i], "IF") && is_word(t[i + 1], "NOT")) i += 3;
  size_t open = i;
  while (open < t.size() && !is_punct(t[open], '(')) {
    if (is_word(t[open], "AS")) break;
    if (is_name(t[open])) out.name = t[open].text;  // the last name part (after schema.)
    ++open;
  }
  if (open >= t.size() || !is_punct(t[open], '(')) {
    throw Error(ErrorCode::kDatabase, "CREATE TABLE without a column list: " + std::string(sql));
  }
  size_t close = matching(t, open);
  for (auto [b, e] : split_commas(t, open + 1, close)) {
    if (b >= e) continue;
    const Token& first = t[b];
    if (is_any(first, {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})) {
      parse_table_constraint(sql, t, b, e, &out);
      continue;
    }
    SqliteColumnText col;
    col.name = first.text;
    size_t k = b + 1;
    size_t type_begin = k;
    while (k < e && !starts_constraint(t[k])) {
      k = is_punct(t[k], '(') ? matching(t, k) + 1 : k + 1;
    }
    col.declared_type = slice(sql, t, type_begin, k);
    parse_column_constraints(sql, t, k, e, &col, &out);
    out.columns.push_back(std::move(col));
  }
  for (size_t k = close + 1; k < t.size(); ++k) {
    if (is_word(t[k], "ROWID")) out.without_rowid = true;
    if (is_word(t[k], "STRICT")) out.strict = true;
  }
  return out;
}

model::Type sqlite_type_from_declared(std::string_view declared) {
  using Kind = model::Type::Kind;
  static const std::map<std::string, Kind, std::less<>> plain = {{"INTEGER", Kind::kInteger},
                                                                 {"BIGINT", Kind::kBigInteger},
                                                                 {"SMALLINT", Kind::kSmallInteger},
                                                                 {"VARCHAR", Kind::kString},
                                                                 {"TEXT", Kind::kText},
                                                                 {"BOOLEAN", Kind::kBoolean},
                                                                 {"NUMERIC", Kind::kNumeric},
                                                                 {"FLOAT", Kind::kFloat},
                                                                 {"DATE", Kind::kDate},
                                                                 {"DATETIME", Kind::kDateTime},
                                                                 {"TIME", Kind::kTime},
                                                                 {"BLOB", Kind::kLargeBinary},
                                                                 {"JSON", Kind::kJson}};
  model::Type type;
  auto it = plain.find(declared);
  if (it != plain.end()) {
    type.kind = it->second;
    return type;
  }
  static const std::regex varchar(R"(VARCHAR\(([1-9][0-9]{0,8})\))");
  static const std::regex numeric(R"(NUMERIC\(([1-9][0-9]{0,8})(, ([0-9]{1,9}))?\))");
  static const std::regex floating(R"(FLOAT\(([1-9][0-9]{0,8})\))");
  std::string text(declared);
  std::smatch m;
  if (std::regex_match(text, m, varchar)) {
    type.kind = Kind::kString;
    type.length = std::stoi(m[1]);
  } else if (std::regex_match(text, m, numeric)) {
    type.kind = Kind::kNumeric;
    type.precision = std::stoi(m[1]);
    if (m[3].matched) type.scale = std::stoi(m[3]);
  } else if (std::regex_match(text, m, floating)) {
    type.kind = Kind::kFloat;
    type.precision = std::stoi(m[1]);
  } else {
    type.kind = Kind::kRaw;
    type.raw = text;
  }
  return type;
}

std::string sqlite_table_sql(driver::Connection& conn, const std::optional<std::string>& schema,
                             const std::string& table) {
  driver::QueryResult r = conn.query(
      "SELECT sql FROM " + common::double_quote(schema_name(schema)) +
      ".sqlite_master WHERE type = 'table' AND name = " + literal(table) + " COLLATE NOCASE");
  if (r.rows.empty() || !r.rows[0][0]) {
    throw Error(ErrorCode::kDatabase, "no such table: " + schema_name(schema) + "." + table);
  }
  return *r.rows[0][0];
}

namespace {

// The inspector's reading of one table (sqlite::inspect_tables), with every
// schema as the caller spelled it (nullopt for main).
model::Catalog inspect_one(driver::Connection& conn, const std::optional<std::string>& schema,
                           const std::string& table) {
  model::Catalog catalog = sqlite::inspect_tables(conn, schema_name(schema), {table});
  for (model::Table& t : catalog.tables) {
    t.schema = schema;
    for (model::ForeignKey& fk : t.foreign_keys) fk.ref_schema = schema;
  }
  for (model::Index& ix : catalog.indexes) ix.schema = schema;
  return catalog;
}

}  // namespace

model::Table reflect_sqlite_table(driver::Connection& conn,
                                  const std::optional<std::string>& schema,
                                  const std::string& table) {
  model::Catalog catalog = inspect_one(conn, schema, table);
  if (catalog.tables.empty() || catalog.tables.front().columns.empty()) {
    throw Error(ErrorCode::kDatabase, "no such table: " + schema_name(schema) + "." + table);
  }
  return std::move(catalog.tables.front());
}

model::Index parse_sqlite_create_index(const std::string& name, std::string_view sql_text) {
  std::string sql(sql_text);
  std::vector<Token> t = tokenize(sql);
  model::Index index;
  index.name = name;
  size_t on = 0;
  while (on < t.size() && !is_word(t[on], "ON")) {
    if (is_word(t[on], "UNIQUE")) index.unique = true;
    ++on;
  }
  if (on + 1 < t.size()) index.table = t[on + 1].text;
  size_t open = on;
  while (open < t.size() && !is_punct(t[open], '(')) ++open;
  if (open >= t.size()) throw Error(ErrorCode::kDatabase, "cannot parse index SQL: " + sql);
  size_t close = matching(t, open);
  for (auto [b, e] : split_commas(t, open + 1, close)) {
    if (e == b + 1 &&
        (t[b].kind == Token::Kind::kWord || t[b].kind == Token::Kind::kIdentifier)) {
      index.elements.push_back(model::IndexElement{t[b].text, false});
    } else {
      index.elements.push_back(model::IndexElement{slice(sql, t, b, e), true});
    }
  }
  if (close + 1 < t.size() && is_word(t[close + 1], "WHERE")) {
    size_t end = t.size();
    while (end > close + 2 && is_punct(t[end - 1], ';')) --end;
    index.where = slice(sql, t, close + 2, end);
  }
  return index;
}

std::vector<model::Index> reflect_sqlite_indexes(driver::Connection& conn,
                                                 const std::optional<std::string>& schema,
                                                 const std::string& table) {
  return inspect_one(conn, schema, table).indexes;
}

std::vector<std::string> reflect_sqlite_triggers(driver::Connection& conn,
                                                 const std::optional<std::string>& schema,
                                                 const std::string& table) {
  driver::QueryResult r =
      conn.query("SELECT sql FROM " + common::double_quote(schema_name(schema)) +
                 ".sqlite_master WHERE type = 'trigger' AND tbl_name = " + literal(table) +
                 " COLLATE NOCASE AND sql IS NOT NULL ORDER BY rowid");
  std::vector<std::string> out;
  for (const driver::Row& row : r.rows) {
    std::string sql = cell(row, 0);
    if (schema) {  // qualify the trigger name: an unqualified one lands in main
      std::vector<Token> t = tokenize(sql);
      size_t i = 0;
      while (i < t.size() && !is_word(t[i], "TRIGGER")) ++i;
      if (i + 3 < t.size() && is_word(t[i + 1], "IF") && is_word(t[i + 2], "NOT")) i += 3;
      if (i + 2 < t.size() && !is_punct(t[i + 2], '.')) {
        sql.insert(t[i + 1].begin, common::double_quote(*schema) + ".");
      }
    }
    out.push_back(std::move(sql));
  }
  return out;
}

}  // namespace strata::dialect::sqlite

