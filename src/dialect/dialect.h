// Dialect: everything that differs between databases at the SQL level —
// identifier quoting, type names, rendering each operation, the version-table
// statements and the shape of offline scripts. Dialects are interchangeable:
// the runtime only talks to this interface. Rendering needs no database:
// the ops a dialect applies against a live catalog go through its
// LiveApplier (dialect/live.h), made by make_live_applier().
//
// Layout: each dialect is a folder and a namespace, strata::dialect::<name>
// (postgres, sqlite, mysql, mssql; classes keep their prefix:
// postgres::PostgresDialect, ...), with the same file set where the dialect
// has the part:
//   dialect.h + render.cpp  the Dialect (its contract) and op rendering;
//                           longer renderers in further files (render_parts.h)
//   live.h / live.cpp       the LiveApplier: sqlite and mysql only —
//                           PostgreSQL and SQL Server apply every op as
//                           rendered (make_live_applier gives them one that
//                           says no)
//   types.h / types.cpp     catalog type text <-> model::Type: postgres and
//                           mysql; SQLite's declared-type mapping lives in
//                           reflect.h (sqlite_type_from_declared)
//   inspect.h / .cpp        live catalog -> model::Catalog (not mssql)
//   normalize.h / .cpp      the Normalizer hooks (normalizer.h; not mssql)
// plus sqlite/rebuild/ (table rebuilds) and sqlite/reflect (what a rebuild
// reads). common/ (strata::dialect::common) holds what several dialects
// share: rendering helpers, ALTER SEQUENCE, the SQL tokenizer and sql_key.
// Only live, inspect, rebuild and reflect files include driver/.
//
// Thread-safety: a Dialect is immutable after construction.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/schema.h"
#include "ops/ops.h"

namespace strata::dialect {

// Where the version table lives.
struct VersionTableName {
  std::string table = "alembic_version";
  std::optional<std::string> schema;
};

class Dialect {
 public:
  virtual ~Dialect() = default;

  // "postgresql", "sqlite", "mssql", "mysql".
  virtual std::string_view name() const = 0;

  // An identifier as this dialect writes it: as is when it needs no quoting
  // (common::needs_quoting: a lower-case [a-z_][a-z0-9_$]* name that is no
  // reserved word of PostgreSQL, SQLite, SQL Server or MySQL), else between
  // the dialect's delimiters ("a""b", `a``b`, [a]]b]) with the closing one
  // doubled inside. Empty names, capitals, spaces and reserved words are
  // therefore quoted; `users` is not.
  virtual std::string quote(std::string_view identifier) const = 0;
  // quote(schema) + "." + quote(name); no schema → just quote(name).
  virtual std::string qualify(const std::optional<std::string>& schema,
                              std::string_view name) const;
  // A string literal ('it''s').
  virtual std::string literal(std::string_view value) const;

  virtual std::string render_type(const model::Type& type) const = 0;

  // Render one operation to zero or more statements (no terminators).
  // Throws strata::Error(kScript) for an operation the dialect cannot express.
  virtual std::vector<std::string> render(const ops::Op& op) const = 0;

  // Capabilities.
  virtual bool transactional_ddl() const = 0;
  // Offline scripts: text written after each statement ("GO" for SQL Server),
  // empty when none.
  virtual std::string batch_separator() const { return ""; }
  virtual std::string begin_transaction_sql() const { return "BEGIN"; }
  virtual std::string commit_sql() const { return "COMMIT"; }
  // Offline scripts: a statement the database refuses inside a transaction
  // (SQLite's DETACH), which the script therefore places after the COMMIT.
  virtual bool runs_after_commit(const std::string& statement) const { return false; }

  // Version table. `create_version_table` is idempotent (IF NOT EXISTS or the
  // dialect's equivalent) and creates the schema first when one is set.
  virtual std::vector<std::string> create_version_table(const VersionTableName& vt) const = 0;
  virtual std::string select_versions(const VersionTableName& vt) const;
  virtual std::string insert_version(const VersionTableName& vt, std::string_view rev) const;
  virtual std::string update_version(const VersionTableName& vt, std::string_view from,
                                     std::string_view to) const;
  virtual std::string delete_version(const VersionTableName& vt, std::string_view rev) const;
  // Offline scripts (--sql): the version table and its first row as Alembic
  // 1.8 writes them — a plain CREATE TABLE (the script starts at base, so
  // there is nothing to check) after create_version_table's schema
  // statements, and the INSERT with the dialect's RETURNING form (PostgreSQL
  // `RETURNING <vt>.version_num`, SQL Server `OUTPUT inserted.version_num`).
  // Online runs check existence first and use the forms above.
  // REQUIRES (every create_version_table): its last statement creates the
  // table, any before it the schema.
  std::vector<std::string> create_version_table_offline(const VersionTableName& vt) const;
  virtual std::string insert_version_offline(const VersionTableName& vt,
                                             std::string_view rev) const;

  // Online existence check of `schema.table` (runtime/version_store.h):
  // queries run in order, each returning one cell that is true ('t', or a
  // non-zero count) when the check passes; the first false means "missing".
  // Default: Error(kConfig) (no live driver).
  virtual std::vector<std::string> table_exists_queries(const std::optional<std::string>& schema,
                                                        std::string_view table) const;
  // The history table (columns: see runtime/version_store.h) in the version
  // table's schema, idempotent; run after create_version_table. Default:
  // none (the dialect keeps no history).
  virtual std::vector<std::string> create_history_table(const VersionTableName& vt,
                                                        std::string_view table) const;
  // An SQL expression naming who applies a step: the database user and the
  // client host. Default: `fallback` as a literal (SQLite has no user).
  virtual std::string applied_by_sql(std::string_view fallback) const;
  // SQL expression for "now" in a history row.
  virtual std::string now_sql() const { return "CURRENT_TIMESTAMP"; }
};

// Create a dialect by name. `sqlite_main_path` is the main database file of a
// SQLite URL; the SQLite dialect places schema `s` in `<main>.<s>.db`.
// Throws strata::Error(kConfig) for an unknown name.
std::unique_ptr<Dialect> make_dialect(std::string_view name,
                                      std::string_view sqlite_main_path = "");

}  // namespace strata::dialect
