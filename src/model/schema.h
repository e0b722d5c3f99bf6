// Neutral schema model: the dialect-independent description of types,
// columns, constraints, indexes and tables that operations carry. Dialects
// render it to SQL; nothing here knows SQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata::model {

// A column type. `kind` is neutral; `raw` keeps a dialect type string that is
// passed through unchanged (Kind::kRaw).
struct Type {
  enum class Kind {
    kInteger, kBigInteger, kSmallInteger, kString, kText, kBoolean, kNumeric,
    kFloat, kDate, kDateTime, kTime, kLargeBinary, kJson, kUuid, kRaw,
  };
  Kind kind = Kind::kInteger;
  std::optional<int> length;     // String(n)
  std::optional<int> precision;  // Numeric(p, s), Float(p)
  std::optional<int> scale;
  bool timezone = false;         // DateTime{timezone = true}, Time
  std::string raw;               // Kind::kRaw only
  friend bool operator==(const Type&, const Type&) = default;
};

// A server-side default: either a literal value (quoted by the dialect) or an
// SQL expression passed through (`op.text("now()")` in Lua).
struct ServerDefault {
  std::string value;
  bool is_expression = false;
  friend bool operator==(const ServerDefault&, const ServerDefault&) = default;
};

// A column's identity (PostgreSQL GENERATED ALWAYS / BY DEFAULT AS
// IDENTITY; rendered as the dialect's auto-increment elsewhere). Unset
// options are the database's defaults.
struct Identity {
  bool always = false;  // GENERATED ALWAYS; false: BY DEFAULT
  std::optional<long long> start;
  std::optional<long long> increment;
  std::optional<long long> minvalue;
  std::optional<long long> maxvalue;
  std::optional<long long> cache;
  bool cycle = false;
  friend bool operator==(const Identity&, const Identity&) = default;
};

struct Column {
  std::string name;
  Type type;
  // Reflected columns only: the server's own spelling of the type
  // (format_type on PostgreSQL, the declared type on SQLite, COLUMN_TYPE on
  // MySQL). Empty for model and op columns.
  std::string reflected_type;
  bool nullable = true;
  std::optional<ServerDefault> server_default;
  bool primary_key = false;
  std::optional<bool> autoincrement;  // unset: dialect default for an int PK
  bool unique = false;                // column-level UNIQUE
  std::optional<std::string> comment;
  std::optional<Identity> identity;
  // Model files only: the column's previous name (a rename hint for the
  // comparator, `renamed_from` in model.column). Never rendered.
  std::optional<std::string> renamed_from;
  // Reflected only, MySQL/MariaDB (set by dialect/mysql/inspect.cpp; never
  // by model files or ops; not compared, not rendered by create ops): what
  // ALTER TABLE ... MODIFY must restate or the server drops it. (The other
  // inspectors set the ones they have: reflected_collation on PostgreSQL
  // when it differs from the type's; the generated pair on all three.)
  //  - reflected_collation: the column's COLLATION_NAME when it differs from
  //    its table's TABLE_COLLATION;
  //  - reflected_on_update: EXTRA's ON UPDATE expression
  //    ("current_timestamp()");
  //  - reflected_invisible: EXTRA says INVISIBLE;
  //  - reflected_check: the CHECK clause written in the column's own
  //    definition (MariaDB's LEVEL 'Column' check named after the column; a
  //    JSON column's json_valid(`c`) too);
  //  - reflected_generated: "VIRTUAL GENERATED" / "STORED GENERATED"
  //    ("PERSISTENT GENERATED" on MariaDB; PostgreSQL "STORED GENERATED"),
  //    and
  //    reflected_generated_expression: the generation expression as the
  //    server reports it (MySQL GENERATION_EXPRESSION; SQLite: also set, the
  //    text of AS (...) in the stored CREATE TABLE). Generated columns are
  //    listed only where asked for (mysql::inspect_tables;
  //    inspect::Options::generated_columns, which the catalog snapshot
  //    uses); inspect() leaves them out by default.
  // AUTO_INCREMENT is autoincrement == true.
  std::optional<std::string> reflected_collation;
  std::optional<std::string> reflected_on_update;
  bool reflected_invisible = false;
  std::optional<std::string> reflected_check;
  std::optional<std::string> reflected_generated;
  std::optional<std::string> reflected_generated_expression;
  friend bool operator==(const Column&, const Column&) = default;
};

struct ForeignKey {
  std::optional<std::string> name;
  std::vector<std::string> columns;
  std::optional<std::string> ref_schema;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::optional<std::string> ondelete;
  std::optional<std::string> onupdate;
  std::optional<bool> deferrable;
  std::optional<std::string> initially;
  std::optional<std::string> match;
  friend bool operator==(const ForeignKey&, const ForeignKey&) = default;
};

struct CheckConstraint {
  std::optional<std::string> name;
  std::string sqltext;
  friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};

struct UniqueConstraint {
  std::optional<std::string> name;
  std::vector<std::string> columns;
  // Reflected only (PostgreSQL DEFERRABLE keys; never set by model files or
  // ops, not rendered): deferrable = true and initially = "DEFERRED" only
  // when so, else unset — as ForeignKey's.
  std::optional<bool> deferrable;
  std::optional<std::string> initially;
  friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};

struct PrimaryKey {
  std::optional<std::string> name;
  std::vector<std::string> columns;
  // Reflected only, as UniqueConstraint's.
  std::optional<bool> deferrable;
  std::optional<std::string> initially;
  friend bool operator==(const PrimaryKey&, const PrimaryKey&) = default;
};

// Reflected only: a PostgreSQL exclusion constraint (EXCLUDE USING ...),
// which the model cannot express otherwise. Never set by model files or
// ops, not rendered; the comparator leaves it alone.
struct ExclusionConstraint {
  std::string name;
  std::string definition;  // pg_get_constraintdef(): "EXCLUDE USING gist (...)"
  std::optional<bool> deferrable;
  std::optional<std::string> initially;
  friend bool operator==(const ExclusionConstraint&, const ExclusionConstraint&) = default;
};

struct Table {
  std::optional<std::string> schema;
  std::string name;
  std::vector<Column> columns;
  std::optional<PrimaryKey> primary_key;  // table-level; merged with column flags
  std::vector<UniqueConstraint> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  std::optional<std::string> comment;
  // Model files only: the table's previous "[schema.]name" (a rename / move
  // hint for the comparator), and where the table was declared
  // ("models/core.lua:12"), for messages. Never rendered.
  std::optional<std::string> renamed_from;
  std::string origin;
  std::vector<ExclusionConstraint> exclusions;  // reflected only (PostgreSQL)
  friend bool operator==(const Table&, const Table&) = default;
};

// An index element is a column name or, when `is_expression`, raw SQL.
// `opclass` is its PostgreSQL operator class ("jsonb_path_ops",
// "text_pattern_ops"), empty for the default one; set by ops and model
// files (`ops` / `postgresql_ops`) and reflected on PostgreSQL; other
// dialects ignore it.
struct IndexElement {
  std::string text;
  bool is_expression = false;
  std::string opclass;
  friend bool operator==(const IndexElement&, const IndexElement&) = default;
};

struct Index {
  std::string name;
  std::optional<std::string> schema;
  std::string table;
  std::vector<IndexElement> elements;
  bool unique = false;
  std::optional<std::string> where;      // partial index predicate
  std::vector<std::string> include;      // INCLUDE columns
  // The index's access method when it is not the server's default b-tree,
  // lower-case. Reflected (PostgreSQL pg_am.amname; MySQL/MariaDB
  // INDEX_TYPE "fulltext", "spatial", "hash"; unset for SQLite) and set by
  // ops and model files (`using` / `postgresql_using`: PostgreSQL renders
  // USING <method>; other dialects ignore it, as Alembic does). Autogenerate
  // compares it (and the elements' opclasses) on PostgreSQL only.
  std::optional<std::string> method;
  friend bool operator==(const Index&, const Index&) = default;
};

}  // namespace strata::model
