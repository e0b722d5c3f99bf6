// MySQL dialect: alter_column, rendered from the op's facts for --sql
// (render_parts.h) and completed online from the column as the inspector
// (mysql::inspect_tables) reads it (live.h).
#include <optional>
#include <string>
#include <vector>

#include "dialect/mysql/inspect.h"
#include "dialect/mysql/live.h"
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

// An identity added by alter_column is AUTO_INCREMENT: refused as for
// create_table where AUTO_INCREMENT cannot say it (always, sequence
// options; the start is the table's AUTO_INCREMENT = n option).
void check_identity_change(const ops::AlterColumn& op) {
  if (!op.identity || !*op.identity) return;
  const model::Identity& identity = **op.identity;
  if (identity.always) {
    unsupported(op, "identity always (column " + op.column + ")",
                "AUTO_INCREMENT accepts explicit values: use identity = \"by_default\"");
  }
  if (identity.start || identity.increment || identity.minvalue || identity.maxvalue ||
      identity.cache || identity.cycle) {
    unsupported(op, "identity options on alter_column (column " + op.column + ")",
                "AUTO_INCREMENT = n is a table option: set it with op.execute");
  }
  if (op.server_default && *op.server_default) {
    unsupported(op, "a server_default on an identity column (" + op.column + ")");
  }
}

// The facts the op gives: a change wins over the existing_* fact. An
// identity change is AUTO_INCREMENT added (and NOT NULL, unless the op says
// nullable) or removed; existing_identity stands in for a missing
// existing_autoincrement.
Facts facts_from_op(const MysqlDialect& d, const ops::AlterColumn& op) {
  check_identity_change(op);
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
  if (op.identity) {
    f.autoincrement = op.identity->has_value();
    if (*op.identity && !op.nullable) f.nullable = false;
  } else if (f.kind && !can_autoincrement(*f.kind)) {
    f.autoincrement = false;  // the restated type cannot carry it
  } else {
    f.autoincrement = op.existing_autoincrement;
    if (!f.autoincrement && op.existing_identity) {
      f.autoincrement = op.existing_identity->has_value();
    }
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
  if (op.identity) parts.push_back("identity");
  return listed(parts);
}

// ---- online: the column as the inspector reads it -----------------------------

// Fills what `f` does not know from the column as mysql::inspect_tables
// reads it (one reading of the catalog: the inspector's).
void complete(const MysqlDialect& d, const ops::AlterColumn& op, driver::Connection& conn,
              Facts& f) {
  const model::Catalog catalog = inspect_tables(conn, {TableName{op.schema, op.table}});
  const model::Table* table = find_table(catalog, op.schema, op.table);
  const model::Column* column = table ? find_column(*table, op.column) : nullptr;
  if (!column) {
    throw Error(ErrorCode::kDatabase,
                ops::describe(op) + ": table " + (op.schema ? *op.schema + "." : "") + op.table +
                    " has no column '" + op.column + "'");
  }
  if (column->reflected_generated) {
    unsupported(op, "restating a generated column (" + *column->reflected_generated + ")",
                "use op.execute with ALTER TABLE ... MODIFY ... AS (expression)");
  }
  const std::string collate =
      column->reflected_collation ? " COLLATE " + *column->reflected_collation : "";
  const bool catalog_type = !f.type;
  if (catalog_type) {
    f.type = column->reflected_type + collate;
  } else if (f.kind && textual(*f.kind)) {
    *f.type += collate;
  }
  if (!f.nullable) f.nullable = column->nullable;
  if (!f.default_sql) {
    f.default_sql = column->server_default
                        ? std::optional<std::string>(d.default_sql(*column->server_default))
                        : std::nullopt;
  }
  if (!f.comment) f.comment = column->comment;
  if (!f.autoincrement) f.autoincrement = column->autoincrement.value_or(false);
  if (column->reflected_on_update &&
      (catalog_type || *f.kind == Kind::kDateTime || *f.kind == Kind::kRaw)) {
    f.attributes += " ON UPDATE " + *column->reflected_on_update;
  }
  if (column->reflected_invisible) f.attributes += " INVISIBLE";
  if (column->reflected_check) f.check = " CHECK (" + *column->reflected_check + ")";
}

}  // namespace

bool restates(const ops::AlterColumn& op) {
  return op.type.has_value() || op.nullable.has_value() || op.comment.has_value() ||
         op.identity.has_value();
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
  // Neither type, nullability, comment nor identity: no restating (and no
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
