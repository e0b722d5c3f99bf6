// Base-class defaults shared by every dialect (qualified names, string
// literals, the version-table DML in Alembic's spelling, online and offline)
// and the dialect factory.
#include "dialect/dialect.h"

#include "common/text.h"
#include "dialect/common/render_common.h"
#include "dialect/mssql/dialect.h"
#include "dialect/mysql/dialect.h"
#include "dialect/postgres/dialect.h"
#include "dialect/sqlite/dialect.h"
#include "strata/error.h"

namespace strata::dialect {
namespace {

// Concatenates its parts with one allocation.
template <class... Parts>
std::string concat(const Parts&... parts) {
  std::string out;
  out.reserve((std::string_view(parts).size() + ...));
  (out.append(std::string_view(parts)), ...);
  return out;
}

}  // namespace

std::string Dialect::qualify(const std::optional<std::string>& schema,
                             std::string_view name) const {
  if (!schema) return quote(name);
  return concat(quote(*schema), ".", quote(name));
}

std::string Dialect::literal(std::string_view value) const { return text::single_quoted(value); }

std::string Dialect::select_versions(const VersionTableName& vt) const {
  return concat("SELECT ", quote("version_num"), " FROM ", qualify(vt.schema, vt.table));
}

std::string Dialect::insert_version(const VersionTableName& vt, std::string_view rev) const {
  return concat("INSERT INTO ", qualify(vt.schema, vt.table), " (", quote("version_num"),
                ") VALUES (", literal(rev), ")");
}

// The WHERE clauses spell the column as Alembic does: "<qualified
// table>.version_num" (alembic_version.version_num = '...').
std::string Dialect::update_version(const VersionTableName& vt, std::string_view from,
                                    std::string_view to) const {
  const std::string table = qualify(vt.schema, vt.table);
  const std::string column = quote("version_num");
  return concat("UPDATE ", table, " SET ", column, "=", literal(to), " WHERE ", table, ".", column,
                " = ", literal(from));
}

std::string Dialect::delete_version(const VersionTableName& vt, std::string_view rev) const {
  const std::string table = qualify(vt.schema, vt.table);
  return concat("DELETE FROM ", table, " WHERE ", table, ".", quote("version_num"), " = ",
                literal(rev));
}

std::vector<std::string> Dialect::create_version_table_offline(const VersionTableName& vt) const {
  std::vector<std::string> out = create_version_table(vt);
  out.back() = common::version_table_ddl(*this, vt, /*if_not_exists=*/false);
  return out;
}

std::string Dialect::insert_version_offline(const VersionTableName& vt,
                                            std::string_view rev) const {
  return insert_version(vt, rev);
}

std::vector<std::string> Dialect::table_exists_queries(const std::optional<std::string>&,
                                                      std::string_view) const {
  throw Error(ErrorCode::kConfig, "no live driver for dialect " + std::string(name()));
}

std::vector<std::string> Dialect::create_history_table(const VersionTableName&,
                                                      std::string_view) const {
  return {};
}

std::string Dialect::applied_by_sql(std::string_view fallback) const { return literal(fallback); }

std::unique_ptr<Dialect> make_dialect(std::string_view name, std::string_view sqlite_main_path) {
  if (name == "postgresql") return std::make_unique<postgres::PostgresDialect>();
  if (name == "sqlite") return std::make_unique<sqlite::SqliteDialect>(std::string(sqlite_main_path));
  if (name == "mssql") return std::make_unique<mssql::MssqlDialect>();
  if (name == "mysql") return std::make_unique<mysql::MysqlDialect>();
  throw Error(ErrorCode::kConfig, "unknown dialect '" + std::string(name) + "'");
}

}  // namespace strata::dialect
