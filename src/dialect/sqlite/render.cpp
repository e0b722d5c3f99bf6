#include "dialect/sqlite/dialect.h"

#include <cmath>
#include <variant>

#include "dialect/common/render_common.h"
#include "common/sqlite_paths.h"
#include "strata/error.h"

namespace strata::dialect::sqlite {
namespace {

using Kind = model::Type::Kind;

// Why alter_column's identity change is refused (also by the rebuild).
constexpr const char* kSqliteIdentityChange =
    "changing a column's identity is not supported on SQLite (an identity is the rowid: the "
    "table's INTEGER PRIMARY KEY, which ALTER TABLE cannot add or remove; create the table "
    "with it)";

[[noreturn]] void unsupported(const std::string& what) {
  throw Error(ErrorCode::kScript, what + " is not supported on SQLite");
}

// The --sql error of an op that needs the live catalog (needs_live_catalog).
template <class OpT>
[[noreturn]] void live_only(const OpT& op, const std::string& why) {
  throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) +
                                      ": on sqlite this needs a live database (" + why +
                                      "); run it online");
}

template <class OpT>
[[noreturn]] void no_sequences(const OpT& op) {
  throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) + ": SQLite has no sequences");
}

template <class OpT>
[[noreturn]] void no_enums(const OpT& op) {
  throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) + ": SQLite has no enum types");
}

// An identity on SQLite is the rowid: the table's one INTEGER PRIMARY KEY
// column, numbered by SQLite, which cannot refuse explicit values (no
// `always`) and has no sequence options.
void check_identity(const ops::CreateTable& op, const model::Column& column) {
  if (!column.identity) return;
  auto refuse = [&](const std::string& why) {
    throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) + ": identity column " +
                                        column.name + ": " + why);
  };
  const model::Identity& identity = *column.identity;
  if (identity.always) {
    refuse("SQLite cannot refuse explicit values (identity always); use by_default");
  }
  if (identity.start || identity.increment || identity.minvalue || identity.maxvalue ||
      identity.cache || identity.cycle) {
    refuse("SQLite's rowid takes no sequence options");
  }
  const std::vector<std::string> key = common::primary_key_columns(op.table);
  if (!common::is_integer(column.type) || key.size() != 1 || key.front() != column.name) {
    refuse("on SQLite an identity must be the table's INTEGER PRIMARY KEY (the rowid)");
  }
  if (column.server_default) refuse("an identity column cannot have a server_default");
}

// Renders each op; one statement list per op.
class SqliteRenderer {
 public:
  explicit SqliteRenderer(const SqliteDialect& d) : d_(d) {}

  std::vector<std::string> operator()(const ops::Execute& op) const {
    return {common::execute_sql(op, d_.name())};
  }

  std::vector<std::string> operator()(const ops::CreateSchema& op) const {
    return {d_.attach(op.name)};
  }

  std::vector<std::string> operator()(const ops::DropSchema& op) const {
    return {"DETACH DATABASE " + d_.quote(op.name)};
  }

  std::vector<std::string> operator()(const ops::CreateTable& op) const {
    const model::Table& table = op.table;
    std::vector<std::string> elements;
    for (const model::Column& column : table.columns) {
      check_identity(op, column);
      elements.push_back(d_.column_spec(column, common::is_primary_key(table, column.name),
                                        common::is_autoincrement(table, column)));
    }
    // Same schema (or both unset): unqualified referent. Otherwise: omitted.
    auto referent = [&](const model::ForeignKey& fk) -> std::optional<std::string> {
      if (fk.ref_schema != table.schema) return std::nullopt;
      return d_.quote(fk.ref_table);
    };
    for (std::string& c : common::table_constraints(d_, table, referent)) {
      elements.push_back(std::move(c));
    }
    std::string head = std::string("CREATE TABLE ") + (op.if_not_exists ? "IF NOT EXISTS " : "") +
                       d_.qualify(table.schema, table.name);
    return {common::table_body(head, elements)};
  }

  std::vector<std::string> operator()(const ops::DropTable& op) const {
    return {std::string("DROP TABLE ") + (op.if_exists ? "IF EXISTS " : "") +
            d_.qualify(op.schema, op.name)};
  }

  std::vector<std::string> operator()(const ops::AddColumn& op) const {
    if (op.if_not_exists) unsupported("add_column with if_not_exists (offline)");
    if (op.column.primary_key) unsupported("add_column of a primary key column");
    if (op.column.identity) {
      unsupported("add_column of an identity column (an identity is the rowid: the table's "
                  "INTEGER PRIMARY KEY)");
    }
    if (op.column.unique) {
      unsupported("add_column of a unique column (add it, then create a unique index)");
    }
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " ADD COLUMN " +
            d_.column_spec(op.column, false, false)};
  }

  std::vector<std::string> operator()(const ops::DropColumn& op) const {
    if (op.if_exists) unsupported("drop_column with if_exists (offline)");
    return {"ALTER TABLE " + d_.qualify(op.schema, op.table) + " DROP COLUMN " +
            d_.quote(op.column)};
  }

  std::vector<std::string> operator()(const ops::AlterColumn& op) const {
    if (op.identity) {
      throw Error(ErrorCode::kScript,
                  ops::describe(ops::Op(op)) + ": " + kSqliteIdentityChange);
    }
    // type / nullable / server_default: a rebuild (needs_live_catalog);
    // the comment alone is nothing on SQLite; a rename is ALTER TABLE.
    if (sqlite_needs_rebuild(op)) live_only(op, "table rebuild");
    if (!op.new_column_name) return {};
    return rename_column(op.schema, op.table, op.column, *op.new_column_name);
  }

  std::vector<std::string> operator()(const ops::RenameColumn& op) const {
    return rename_column(op.schema, op.table, op.old_name, op.new_name);
  }

  std::vector<std::string> operator()(const ops::AddConstraint& op) const {
    live_only(op, "table rebuild");
  }
  std::vector<std::string> operator()(const ops::DropConstraint& op) const {
    live_only(op, "table rebuild");
  }
  std::vector<std::string> operator()(const ops::RenameConstraint& op) const {
    live_only(op, "the table definition is read back");
  }

  std::vector<std::string> operator()(const ops::CreateIndex& op) const {
    const model::Index& index = op.index;
    if (!index.include.empty()) {
      throw Error(ErrorCode::kScript, ops::describe(ops::Op(op)) +
                                          ": INCLUDE columns are not supported on SQLite");
    }
    std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                      (op.if_not_exists ? "IF NOT EXISTS " : "") +
                      d_.qualify(index.schema, index.name) + " ON " + d_.quote(index.table) + " " +
                      common::index_elements(d_, index);
    if (index.where) sql += " WHERE " + *index.where;
    return {sql};
  }

  std::vector<std::string> operator()(const ops::DropIndex& op) const {
    return {common::drop_index_sql(d_, op)};
  }

  std::vector<std::string> operator()(const ops::RenameIndex& op) const {
    live_only(op, "the index definition is read back");
  }

  std::vector<std::string> operator()(const ops::RenameTable& op) const {
    return {common::rename_table_sql(d_, op)};
  }

  std::vector<std::string> operator()(const ops::MoveTable& op) const {
    live_only(op, "the table is copied into the other database");
  }

  // SQLite keeps no comments (SQLAlchemy renders nothing either).
  std::vector<std::string> operator()(const ops::SetTableComment&) const { return {}; }

  std::vector<std::string> operator()(const ops::CreateSequence& op) const {
    no_sequences(op);
  }
  std::vector<std::string> operator()(const ops::DropSequence& op) const { no_sequences(op); }
  std::vector<std::string> operator()(const ops::AlterSequence& op) const { no_sequences(op); }

  std::vector<std::string> operator()(const ops::CreateEnum& op) const { no_enums(op); }
  std::vector<std::string> operator()(const ops::DropEnum& op) const { no_enums(op); }
  std::vector<std::string> operator()(const ops::AlterEnum& op) const { no_enums(op); }

  std::vector<std::string> operator()(const ops::BulkInsert& op) const {
    // Offline the reverse addresses rows by rowid; online sqlite_apply_live
    // picks the identity from the catalog (WITHOUT ROWID: the primary key).
    if (op.delete_rows) return d_.bulk_delete(op, {"rowid"});
    // Statements of at most 500 rows (SQLite's compound-select limit).
    return common::bulk_rows_sql(
        d_, op,
        [this](const ops::Value& value, const std::optional<model::Type>& type) {
          return d_.bulk_value(value, type);
        },
        500);
  }

  std::vector<std::string> operator()(const ops::BatchAlterTable& op) const {
    // Offline, only a batch of changes ALTER TABLE makes renders (as they
    // are); one that needs a rebuild needs the table's definition.
    for (const ops::TableOp& inner : op.ops) {
      if (sqlite_needs_rebuild(inner)) live_only(op, "table rebuild");
    }
    return common::render_batch(d_, op);
  }

  // The runtime's business (COMMIT before, BEGIN after); nothing to render.
  std::vector<std::string> operator()(const ops::AutocommitBegin&) const { return {}; }
  std::vector<std::string> operator()(const ops::AutocommitEnd&) const { return {}; }
  // Constraints are checked when added (NOT VALID does not exist here).
  std::vector<std::string> operator()(const ops::ValidateConstraint&) const { return {}; }

 private:
  std::vector<std::string> rename_column(const std::optional<std::string>& schema,
                                         const std::string& table, const std::string& from,
                                         const std::string& to) const {
    return {"ALTER TABLE " + d_.qualify(schema, table) + " RENAME COLUMN " + d_.quote(from) +
            " TO " + d_.quote(to)};
  }

  const SqliteDialect& d_;
};

}  // namespace

std::string SqliteDialect::quote(std::string_view identifier) const {
  return common::ansi_quote(identifier);
}

std::string SqliteDialect::render_type(const model::Type& type) const {
  if (std::optional<std::string> sql = common::standard_type(type)) return *sql;
  switch (type.kind) {
    case Kind::kDateTime: return "DATETIME";
    case Kind::kTime: return "TIME";
    case Kind::kLargeBinary: return "BLOB";
    case Kind::kUuid: return "CHAR(32)";
    default: break;  // handled by common::standard_type
  }
  throw Error(ErrorCode::kInternal, "unhandled type kind");
}

std::string SqliteDialect::column_spec(const model::Column& column, bool in_primary_key,
                                       bool autoincrement) const {
  std::string out = quote(column.name) + " " +
                    (autoincrement || column.identity ? "INTEGER" : render_type(column.type));
  if (column.server_default) {
    const model::ServerDefault& def = *column.server_default;
    out += " DEFAULT " + (def.is_expression ? "(" + def.value + ")" : literal(def.value));
  }
  if (!column.nullable || in_primary_key) out += " NOT NULL";
  return out;
}

std::string SqliteDialect::bulk_value(const ops::Value& value,
                                     const std::optional<model::Type>& type) const {
  if (const double* f = std::get_if<double>(&value); f && std::isinf(*f)) {
    return *f > 0 ? "9e999" : "-9e999";
  }
  const std::string* text = std::get_if<std::string>(&value);
  if (text && type && type->kind == Kind::kLargeBinary) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char c : *text) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    return out + "'";
  }
  if (text && text->find('\0') != std::string::npos) {
    // SQLite's tokenizer ends a statement at a NUL byte: the pieces between
    // them are literals, each NUL is char(0).
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t at = text->find('\0'); at != std::string::npos; at = text->find('\0', start)) {
      if (at > start) parts.push_back(literal(std::string_view(*text).substr(start, at - start)));
      parts.push_back("char(0)");
      start = at + 1;
    }
    if (start < text->size()) parts.push_back(literal(std::string_view(*text).substr(start)));
    return common::join(parts, " || ");
  }
  return common::value_literal(*this, value, type, "1", "0");
}

std::vector<std::string> SqliteDialect::bulk_delete(const ops::BulkInsert& op,
                                                    const std::vector<std::string>& identity) const {
  auto compare = [this](const std::string& column, const ops::Value& value,
                        const std::optional<model::Type>& type) {
    return column + " = " + bulk_value(value, type);
  };
  // A rowid identity: the highest rowids (the rows inserted last) first.
  const std::string newest_first = identity.size() == 1 && (identity[0] == "rowid" ||
                                                           identity[0] == "_rowid_" ||
                                                           identity[0] == "oid")
                                       ? identity[0] + " DESC"
                                       : "";
  return common::delete_rows_by_identity(qualify(op.schema, op.table), identity, newest_first,
                                         common::bulk_row_matches(*this, op, compare));
}

std::string SqliteDialect::attach(const std::string& schema) const {
  // The same file rule the driver uses when it auto-attaches on connect.
  std::string file = main_path_.empty() ? ":memory:" : sqlite_paths::schema_file(main_path_, schema);
  return "ATTACH DATABASE " + literal(file) + " AS " + quote(schema);
}

std::vector<std::string> SqliteDialect::render(const ops::Op& op) const {
  return std::visit(SqliteRenderer(*this), op);
}

std::vector<std::string> SqliteDialect::create_version_table(const VersionTableName& vt) const {
  std::vector<std::string> out;
  if (vt.schema) out.push_back(attach(*vt.schema));
  out.push_back(common::version_table_ddl(*this, vt, true));
  return out;
}

}  // namespace strata::dialect::sqlite
