// MySQL dialect: alter_column (render_parts.h), rendered from the op's facts
// for --sql and completed from information_schema.columns online.
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "dialect/mysql/render_parts.h"
#include "dialect/common/render_common.h"
#include "strata/error.h"

namespace strata::dialect::mysql {
namespace {

using Kind = model::Type::Kind;

// What a MODIFY / CHANGE restates, each fact as SQL; an unset member is not
// known yet.
struct Facts {
  std::optional<std::string> type;  // online with COLLATE when the column has its own
  std::optional<Kind> kind;         // of the op's (new or existing) type; unset: read back
  std::optional<bool> nullable;
  std::optional<std::optional<std::string>> default_sql;  // inner nullopt: no default
  std::optional<std::optional<std::string>> comment;      // inner nullopt or "": none
  std::optional<bool> autoincrement;
  std::string attributes;  // online only: " ON UPDATE ..." and " INVISIBLE"
  std::string check;       // online only: " CHECK (...)" written in the column's definition
};

// The kinds of type a column can be AUTO_INCREMENT with (integers and
// floats; a raw type may be one). BOOL is left out: an AUTO_INCREMENT
// TINYINT(1) is not a thing scripts make.
bool can_autoincrement(Kind kind) {
  return kind == Kind::kInteger || kind == Kind::kBigInteger || kind == Kind::kSmallInteger ||
         kind == Kind::kFloat || kind == Kind::kRaw;
}

// Character types: a column's own collation is restated with them.
bool textual(Kind kind) {
  return kind == Kind::kString || kind == Kind::kText || kind == Kind::kUuid;
}

// The facts the op gives: a change wins over the existing_* fact.
Facts facts_from_op(const MysqlDialect& d, const ops::AlterColumn& op) {
  Facts f;
  const std::optional<model::Type>& type = op.type ? op.type : op.existing_type;
  if (type) {
    f.type = d.render_type(*type);
    f.kind = type->kind;
  }
  f.nullable = op.nullable ? op.nullable : op.existing_nullable;
  const auto& def = op.server_default ? op.server_default : op.existing_server_default;
  if (def) {
    f.default_sql = *def ? std::optional<std::string>(d.default_sql(**def)) : std::nullopt;
  }
  f.comment = op.comment ? op.comment : op.existing_comment;
  if (f.kind && !can_autoincrement(*f.kind)) {
    f.autoincrement = false;  // the restated type cannot carry it
  } else {
    f.autoincrement = op.existing_autoincrement;
  }
  return f;
}

// The op arguments that would supply the facts still unknown.
std::vector<std::string> missing(const Facts& f) {
  std::vector<std::string> out;
  if (!f.type) out.push_back("existing_type");
  if (!f.nullable) out.push_back("existing_nullable");
  if (!f.default_sql) out.push_back("existing_server_default");
  if (!f.comment) out.push_back("existing_comment");
  if (!f.autoincrement) out.push_back("existing_autoincrement");
  return out;
}

bool is_null_keyword(const std::string& sql) { return upper(sql) == "NULL"; }

// "<type> NULL|NOT NULL [AUTO_INCREMENT] [DEFAULT d] [ON UPDATE x]
// [INVISIBLE] [COMMENT 'c'] [CHECK (e)]" (Alembic's _mysql_colspec plus what
// only the catalog knows). A DEFAULT NULL is left out: a nullable column
// without a default defaults to NULL, and a NOT NULL one cannot.
// REQUIRES: missing(f) is empty.
std::string column_spec(const MysqlDialect& d, const Facts& f) {
  std::string spec = *f.type + (*f.nullable ? " NULL" : " NOT NULL");
  if (*f.autoincrement) spec += " AUTO_INCREMENT";
  if (*f.default_sql && !is_null_keyword(**f.default_sql)) spec += " DEFAULT " + **f.default_sql;
  spec += f.attributes;
  if (*f.comment && !(*f.comment)->empty()) spec += " COMMENT " + d.literal(**f.comment);
  return spec + f.check;
}

// One CHANGE when the column is renamed too, except with a column-level
// CHECK: that names the old column, which CHANGE would remove under it, so
// MODIFY first and RENAME COLUMN after (which rewrites the check).
std::vector<std::string> restate(const MysqlDialect& d, const ops::AlterColumn& op,
                                 const Facts& f) {
  const std::string table = d.alter_table(op.schema, op.table);
  if (op.new_column_name && f.check.empty()) {
    return {table + " CHANGE " + d.quote(op.column) + " " + d.quote(*op.new_column_name) + " " +
            column_spec(d, f)};
  }
  std::vector<std::string> out{table + " MODIFY " + d.quote(op.column) + " " + column_spec(d, f)};
  if (op.new_column_name) {
    out.push_back(table + " RENAME COLUMN " + d.quote(op.column) + " TO " +
                  d.quote(*op.new_column_name));
  }
  return out;
}

// "a", "a and b", "a, b and c".
std::string listed(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  return out;
}

std::string what_changes(const ops::AlterColumn& op) {
  std::vector<std::string> parts;
  if (op.type) parts.push_back("type");
  if (op.nullable) parts.push_back("nullability");
  if (op.comment) parts.push_back("comment");
  return listed(parts);
}

// ---- online: the column as information_schema has it -----------------------

bool contains_word(const std::string& extra, const std::string& word) {
  return (" " + upper(extra) + " ").find(" " + word + " ") != std::string::npos;
}

// The ON UPDATE expression of EXTRA ("on update current_timestamp()" on
// MariaDB, "DEFAULT_GENERATED on update CURRENT_TIMESTAMP" on MySQL), or "".
std::string on_update(const std::string& extra) {
  const std::string key = "ON UPDATE ";
  size_t at = upper(extra).find(key);
  if (at == std::string::npos) return "";
  size_t begin = at + key.size();
  size_t end = begin;
  while (end < extra.size() && !std::isspace(static_cast<unsigned char>(extra[end]))) ++end;
  return extra.substr(begin, end - begin);
}

// The text of check `column` written in the column's definition (MariaDB
// keeps such a check under the column's name, LEVEL 'Column', and MODIFY
// drops it unless restated); nullopt when there is none (always on MySQL,
// whose column checks are table checks that MODIFY keeps).
std::optional<std::string> column_check(const MysqlDialect& d, driver::Connection& conn,
                                        const std::string& schema_sql, const std::string& table,
                                        const std::string& column) {
  driver::QueryResult r = conn.query(
      "SELECT * FROM information_schema.check_constraints WHERE constraint_schema = " +
      schema_sql + " AND constraint_name = " + d.literal(column));
  std::optional<size_t> table_at = column_index(r, "TABLE_NAME");
  std::optional<size_t> level_at = column_index(r, "LEVEL");
  std::optional<size_t> clause_at = column_index(r, "CHECK_CLAUSE");
  if (!table_at || !level_at || !clause_at) return std::nullopt;
  for (const driver::Row& row : r.rows) {
    if (row.at(*table_at) == std::optional<std::string>(table) &&
        row.at(*level_at) == std::optional<std::string>("Column")) {
      return row.at(*clause_at);
    }
  }
  return std::nullopt;
}

// Fills what `f` does not know from the catalog's row for the column.
void complete(const MysqlDialect& d, const ops::AlterColumn& op, driver::Connection& conn,
              Facts& f) {
  const std::string schema_sql = op.schema ? d.literal(*op.schema) : "DATABASE()";
  driver::QueryResult r = conn.query(
      "SELECT c.column_type, c.is_nullable, c.column_default, c.column_comment, c.extra, "
      "c.collation_name, t.table_collation, c.table_name, VERSION() "
      "FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = "
      "c.table_schema AND t.table_name = c.table_name WHERE c.table_schema = " + schema_sql +
      " AND c.table_name = " + d.literal(op.table) + " AND c.column_name = " +
      d.literal(op.column));
  if (r.rows.empty()) {
    throw Error(ErrorCode::kDatabase,
                ops::describe(op) + ": table " + (op.schema ? *op.schema + "." : "") + op.table +
                    " has no column '" + op.column + "'");
  }
  const driver::Row& row = r.rows.front();
  const std::string extra = row.at(4).value_or("");
  for (const char* generated : {"VIRTUAL GENERATED", "STORED GENERATED", "PERSISTENT GENERATED"}) {
    if (upper(extra).find(generated) != std::string::npos) {
      unsupported(op, "restating a generated column (" + extra + ")",
                  "use op.execute with ALTER TABLE ... MODIFY ... AS (expression)");
    }
  }
  const bool mariadb = upper(row.at(8).value_or("")).find("MARIADB") != std::string::npos;
  std::string collate;
  if (row.at(5) && row.at(6) && *row.at(5) != *row.at(6)) collate = " COLLATE " + *row.at(5);
  const bool catalog_type = !f.type;
  if (catalog_type) {
    f.type = row.at(0).value_or("") + collate;
  } else if (f.kind && textual(*f.kind)) {
    *f.type += collate;
  }
  if (!f.nullable) f.nullable = row.at(1) == std::optional<std::string>("YES");
  if (!f.default_sql) f.default_sql = catalog_default(d, row.at(2), extra, mariadb);
  if (!f.comment) f.comment = row.at(3);
  if (!f.autoincrement) f.autoincrement = contains_word(extra, "AUTO_INCREMENT");
  const std::string update = on_update(extra);
  if (!update.empty() &&
      (catalog_type || *f.kind == Kind::kDateTime || *f.kind == Kind::kRaw)) {
    f.attributes += " ON UPDATE " + update;
  }
  if (contains_word(extra, "INVISIBLE")) f.attributes += " INVISIBLE";
  std::optional<std::string> check =
      column_check(d, conn, schema_sql, row.at(7).value_or(op.table), op.column);
  if (check) f.check = " CHECK (" + *check + ")";
}

}  // namespace

bool restates(const ops::AlterColumn& op) {
  return op.type.has_value() || op.nullable.has_value() || op.comment.has_value();
}

std::optional<std::string> catalog_default(const MysqlDialect& d,
                                           const std::optional<std::string>& column_default,
                                           const std::string& extra, bool mariadb) {
  if (!column_default) return std::nullopt;
  const std::string& v = *column_default;
  // MariaDB 10.2.7+ writes COLUMN_DEFAULT as SHOW CREATE TABLE does: a
  // quoted literal ('it''s', 'a\\b'), a number, b'1', NULL, or an
  // expression (current_timestamp(), concat('a','b'), (1 + 1)) — each
  // restated as written.
  if (mariadb) return v;
  // MySQL 8 writes the bare value; an expression default is marked
  // DEFAULT_GENERATED in EXTRA and restated in parentheses, except
  // CURRENT_TIMESTAMP, which MySQL writes without.
  if (upper(extra).find("DEFAULT_GENERATED") == std::string::npos) return d.literal(v);
  if (upper(v).rfind("CURRENT_TIMESTAMP", 0) == 0) return v;
  return "(" + v + ")";
}

std::vector<std::string> alter_column(const MysqlDialect& d, const ops::AlterColumn& op) {
  if (restates(op)) {
    Facts f = facts_from_op(d, op);
    std::vector<std::string> absent = missing(f);
    if (!absent.empty()) {
      needs_live_database(
          op, "MySQL restates the whole column (ALTER TABLE ... MODIFY) to change its " +
                  what_changes(op) +
                  ", so strata reads what the op does not say from the catalog rather than "
                  "drop it; for --sql pass " + listed(absent) +
                  " (false for a default, comment or AUTO_INCREMENT the column does not have)");
    }
    return restate(d, op, f);
  }
  // Neither type, nullability nor comment: no restating (and no
  // existing_type) needed. MariaDB refuses SET DEFAULT and RENAME COLUMN of
  // the same column in one ALTER TABLE, hence two statements.
  const std::string table = d.alter_table(op.schema, op.table);
  std::vector<std::string> out;
  if (op.server_default) {
    const std::optional<model::ServerDefault>& def = *op.server_default;
    std::string action = " DROP DEFAULT";
    if (def) {
      // SET DEFAULT takes a literal or a parenthesised expression (MySQL 8
      // insists on the parentheses; MariaDB accepts them).
      action = " SET DEFAULT " +
               (def->is_expression ? "(" + def->value + ")" : d.literal(def->value));
    }
    out.push_back(table + " ALTER COLUMN " + d.quote(op.column) + action);
  }
  if (op.new_column_name) {
    out.push_back(table + " RENAME COLUMN " + d.quote(op.column) + " TO " +
                  d.quote(*op.new_column_name));
  }
  return out;
}

void apply_alter_column(const MysqlDialect& d, const ops::AlterColumn& op,
                        driver::Connection& conn) {
  if (!restates(op)) {
    for (const std::string& sql : alter_column(d, op)) conn.execute(sql);
    return;
  }
  Facts f = facts_from_op(d, op);
  complete(d, op, conn, f);
  for (const std::string& sql : restate(d, op, f)) conn.execute(sql);
}

}  // namespace strata::dialect::mysql
