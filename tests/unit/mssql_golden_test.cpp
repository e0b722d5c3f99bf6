// SQL Server (T-SQL) specifics beyond the per-op golden cases of
// dialect_test.cpp: awkward identifiers in sp_rename and extended-property
// arguments, drop_column's constraint cleanup, alter_column restating type
// and nullability (and its errors), IF NOT EXISTS schema creation, and a
// whole offline script with its GO separators. Golden files are
// tests/golden/mssql/tsql_<case>.sql (STRATA_UPDATE_GOLDEN=1 rewrites them);
// the exact-string tests pin the quoting rules independently of them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "dialect/dialect.h"
#include "ops/ops.h"
#include "runtime/sql_emitter.h"
#include "strata/error.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata::dialect {
namespace {

using Kind = model::Type::Kind;
namespace fs = std::filesystem;

model::Type type(Kind kind, std::optional<int> length = std::nullopt) {
  return model::Type{.kind = kind, .length = length};
}

model::Column col(std::string name, model::Type t, bool nullable = true) {
  return model::Column{.name = std::move(name), .type = std::move(t), .nullable = nullable};
}

const Dialect& mssql() {
  static const std::unique_ptr<Dialect> d = make_dialect("mssql");
  return *d;
}

std::vector<std::string> render(const ops::Op& op) { return mssql().render(op); }

// The message of the Error(kScript) rendering `op` throws ("" if none).
std::string script_error(const ops::Op& op) {
  try {
    render(op);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript) << e.message();
    return e.message();
  }
  return "";
}

// ---- golden files -----------------------------------------------------------

fs::path golden_path(const std::string& name) {
  return fs::path(STRATA_SOURCE_DIR) / "tests" / "golden" / "mssql" / ("tsql_" + name + ".sql");
}

// Compares `rendered` with the golden file (rewriting it first under
// STRATA_UPDATE_GOLDEN=1).
void expect_golden(const std::string& name, const std::string& rendered) {
  fs::path path = golden_path(name);
  const char* update = std::getenv("STRATA_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") std::ofstream(path, std::ios::binary) << rendered;
  ASSERT_TRUE(fs::exists(path)) << path << " missing; run with STRATA_UPDATE_GOLDEN=1";
  std::ifstream in(path, std::ios::binary);
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(golden.str(), rendered) << "golden file " << path;
}

// Each op under a "-- <describe>" line, its statements ended by ';', or the
// error it raises as "-- error: ...".
std::string render_ops(const std::string& name, const std::vector<ops::Op>& list) {
  std::string out = "-- Rendered by tests/unit/mssql_golden_test.cpp, case '" + name + "'.\n";
  for (const ops::Op& op : list) {
    out += "\n-- " + ops::describe(op) + "\n";
    try {
      for (const std::string& statement : render(op)) out += statement + ";\n";
    } catch (const Error& e) {
      out += "-- error: " + e.message() + "\n";
    }
  }
  return out;
}

const std::string kOdd = "my \"odd\" schema";

TEST(MssqlGolden, AwkwardNames) {
  ops::AlterColumn comment{.schema = kOdd, .table = "order", .column = "x]y it's"};
  comment.comment = std::optional<std::string>("Größe ']' \"quoted\"");
  ops::AlterColumn uncomment{.schema = kOdd, .table = "order", .column = "x]y it's"};
  uncomment.comment.emplace();  // set, to "no comment"
  expect_golden(
      "awkward_names",
      render_ops(
          "awkward_names",
          {ops::CreateSchema{.name = kOdd, .if_not_exists = true},
           ops::CreateSchema{.name = "Straße ]x[ 'q'", .if_not_exists = true},
           ops::RenameTable{.schema = kOdd, .old_name = "order", .new_name = "group ]x's"},
           ops::RenameTable{.old_name = "select", .new_name = "from"},
           ops::RenameColumn{
               .schema = kOdd, .table = "order", .old_name = "x]y it's", .new_name = "größe neu"},
           ops::RenameColumn{.table = "Users", .old_name = "user", .new_name = "login name"},
           ops::RenameIndex{.schema = kOdd,
                            .table = "order",
                            .old_name = "ix \"odd\"",
                            .new_name = "ix_order's ]x"},
           ops::RenameConstraint{
               .schema = kOdd, .table = "order", .old_name = "check", .new_name = "ck ]it's"},
           ops::MoveTable{.schema = kOdd, .name = "order", .new_schema = "Ünïcode"},
           ops::MoveTable{.name = "order", .new_schema = kOdd, .new_name = "order ]2"},
           ops::MoveTable{.schema = kOdd, .name = "order ]2", .new_name = "order"},
           ops::MoveTable{.schema = "crm", .name = "same", .new_schema = "crm", .new_name = "moved"},
           comment, uncomment,
           ops::SetTableComment{.schema = kOdd, .table = "order", .comment = "it's \"the\" ]table["},
           ops::SetTableComment{.table = "plain"},
           ops::DropColumn{.schema = kOdd, .table = "order", .column = "x]y it's"},
           ops::DropConstraint{
               .schema = kOdd, .table = "order", .name = "ck ]it's", .if_exists = true}}));
}

TEST(MssqlGolden, DropColumnCleanup) {
  expect_golden("drop_column",
                render_ops("drop_column",
                           {ops::DropColumn{.schema = "crm", .table = "accounts", .column = "flag"},
                            ops::DropColumn{.table = "loose", .column = "extra", .if_exists = true},
                            ops::BatchAlterTable{
                                .schema = "crm",
                                .table = "accounts",
                                .ops = {ops::DropColumn{
                                            .schema = "crm", .table = "accounts", .column = "a"},
                                        ops::DropColumn{
                                            .schema = "crm", .table = "accounts", .column = "b"}}}}));
}

TEST(MssqlGolden, AlterColumn) {
  using ops::AlterColumn;
  auto alter = [](std::function<void(AlterColumn&)> set) {
    AlterColumn op{.schema = "crm", .table = "accounts", .column = "name"};
    set(op);
    return op;
  };
  const model::ServerDefault zero{"0", false}, now{"SYSUTCDATETIME()", true};
  expect_golden(
      "alter_column",
      render_ops(
          "alter_column",
          {alter([](AlterColumn& op) {  // both given
             op.type = type(Kind::kString, 200);
             op.nullable = false;
           }),
           alter([](AlterColumn& op) {  // type only: nullability restated
             op.type = type(Kind::kText);
             op.existing_nullable = true;
           }),
           alter([](AlterColumn& op) {  // nullability only: type restated
             op.nullable = false;
             op.existing_type = type(Kind::kString, 100);
           }),
           alter([](AlterColumn& op) {  // PostgreSQL's USING is ignored
             op.type = type(Kind::kBigInteger);
             op.nullable = true;
             op.using_expr = "name::bigint";
           }),
           alter([&](AlterColumn& op) { op.server_default = std::optional(zero); }),
           alter([&](AlterColumn& op) {
             op.server_default = std::optional(now);
             op.existing_server_default = std::optional(zero);
           }),
           alter([](AlterColumn& op) { op.server_default.emplace(); }),  // drop it
           alter([](AlterColumn& op) { op.new_column_name = "full name"; }),
           alter([&](AlterColumn& op) {  // everything, in T-SQL's order
             op.type = type(Kind::kDateTime);
             op.existing_nullable = false;
             op.server_default = std::optional(now);
             op.comment = std::optional<std::string>("when");
             op.new_column_name = "created_at";
           }),
           alter([](AlterColumn& op) { op.nullable = true; }),
           alter([](AlterColumn& op) { op.type = type(Kind::kInteger); })}));
}

TEST(MssqlGolden, OtherOps) {
  model::ForeignKey fk{.name = "fk_child_parent",
                       .columns = {"parent_id"},
                       .ref_schema = "crm",
                       .ref_table = "parent",
                       .ref_columns = {"id"},
                       .ondelete = "cascade",
                       .deferrable = false};
  expect_golden(
      "other_ops",
      render_ops(
          "other_ops",
          {ops::AddConstraint{.schema = "crm",
                              .table = "child",
                              .constraint = model::PrimaryKey{.name = "pk_child", .columns = {"id"}}},
           ops::AddConstraint{.table = "t", .constraint = model::UniqueConstraint{.columns = {"a", "b"}}},
           ops::AddConstraint{.table = "t",
                              .constraint = model::CheckConstraint{.name = "ck", .sqltext = "a > 0"}},
           ops::AddConstraint{.schema = "crm", .table = "child", .constraint = fk},
           ops::DropConstraint{.schema = "crm", .table = "child", .name = "fk_child_parent"},
           ops::DropConstraint{.table = "t", .name = "ck", .if_exists = true},
           ops::CreateSequence{.schema = "crm", .name = "seq"},
           ops::CreateSequence{.name = "down",
                               .increment = -1,
                               .minvalue = -100,
                               .cache = 20,
                               .cycle = true,
                               .if_not_exists = true},
           ops::CreateSequence{.name = "from_ten", .start = 10, .increment = 5, .maxvalue = 1000},
           ops::DropSequence{.schema = "crm", .name = "seq"},
           ops::DropSequence{.name = "down", .if_exists = true},
           ops::BulkInsert{.schema = "crm",
                           .table = "people",
                           .columns = {"id", "name", "active", "score", "photo"},
                           .rows = {{1LL, std::string("O'Brien"), true, 1.5, std::string("\x01\xff")},
                                    {2LL, std::string("Zoë"), false, std::monostate{},
                                     std::monostate{}}},
                           .types = {std::nullopt, std::nullopt, type(Kind::kBoolean),
                                     std::nullopt, type(Kind::kLargeBinary)}},
           ops::BulkInsert{.table = "ratios",
                           .columns = {"r", "note"},
                           .rows = {{0.1, std::monostate{}}, {0.1, std::monostate{}},
                                    {1e-7, std::string("x")}},
                           .types = {model::Type{.kind = Kind::kFloat, .precision = 24},
                                     std::nullopt},
                           .delete_rows = true},
           ops::AutocommitBegin{},
           ops::CreateIndex{.index = {.name = "ix_t_a", .table = "t", .elements = {{"a"}}},
                            .concurrently = true},
           ops::AutocommitEnd{}}));
}

// A whole --sql script as the runtime writes it: every statement its own
// batch, the T-SQL blocks included.
TEST(MssqlGolden, OfflineScriptBatches) {
  std::ostringstream out;
  runtime::SqlEmitter emitter(mssql(), out, {});
  const VersionTableName vt{.schema = "ops"};
  for (const std::string& s : mssql().create_version_table_offline(vt)) emitter.emit_sql(s);
  emitter.emit_begin();
  emitter.comment("Running upgrade  -> a1");
  ops::CreateTable table{.table = {.schema = "crm",
                                   .name = "accounts",
                                   .columns = {model::Column{.name = "id",
                                                             .type = type(Kind::kInteger),
                                                             .primary_key = true},
                                               col("flag", type(Kind::kBoolean))}}};
  ops::AlterColumn set_default{.schema = "crm", .table = "accounts", .column = "flag"};
  set_default.server_default = std::optional(model::ServerDefault{"0", false});
  for (const ops::Op& op : std::vector<ops::Op>{
           ops::CreateSchema{.name = "crm", .if_not_exists = true}, table, set_default,
           ops::BulkInsert{.schema = "crm",
                           .table = "accounts",
                           .columns = {"id", "flag"},
                           .rows = {{1LL, true}}},
           ops::AutocommitBegin{},
           ops::CreateIndex{.index = {.name = "ix_flag",
                                      .schema = "crm",
                                      .table = "accounts",
                                      .elements = {{"flag"}}},
                            .concurrently = true},
           ops::AutocommitEnd{},
           ops::DropIndex{.name = "ix_flag", .schema = "crm", .table = "accounts"},
           ops::DropColumn{.schema = "crm", .table = "accounts", .column = "flag"}}) {
    emitter.emit(op);
  }
  emitter.emit_sql(mssql().insert_version_offline(vt, "a1"));
  emitter.emit_commit();
  const std::string script = out.str();
  expect_golden("offline_script", script);

  // Every statement, however many lines it has, ends its batch.
  size_t statements = 0, separators = 0;
  for (size_t pos = 0; (pos = script.find(";\n\nGO\n\n", pos)) != std::string::npos; ++pos) {
    ++statements;
  }
  for (size_t pos = 0; (pos = script.find("GO\n", pos)) != std::string::npos; ++pos) {
    ++separators;
  }
  EXPECT_EQ(statements, separators);
  EXPECT_EQ(script.find("BEGIN TRANSACTION;\n\nGO\n\n"), script.find("BEGIN TRANSACTION"));
  EXPECT_EQ(script.substr(script.size() - 13), "COMMIT;\n\nGO\n\n");
}

// ---- exact strings ------------------------------------------------------------

TEST(MssqlSpRename, QuotesEachPartInsideTheLiteral) {
  EXPECT_EQ(render(ops::RenameColumn{
                .schema = kOdd, .table = "order", .old_name = "x]y it's", .new_name = "a]b 'c'"}),
            std::vector<std::string>{
                "EXEC sp_rename N'[my \"odd\" schema].[order].[x]]y it''s]', N'a]b ''c''', "
                "N'COLUMN'"});
  EXPECT_EQ(render(ops::RenameTable{.old_name = "users", .new_name = "members"}),
            std::vector<std::string>{"EXEC sp_rename N'dbo.users', N'members'"});
  EXPECT_EQ(render(ops::RenameIndex{
                .schema = "rag", .table = "chunks", .old_name = "ix_a", .new_name = "ix_b"}),
            std::vector<std::string>{"EXEC sp_rename N'rag.chunks.ix_a', N'ix_b', N'INDEX'"});
  EXPECT_EQ(render(ops::RenameConstraint{.table = "t", .old_name = "Pk", .new_name = "pk_t"}),
            std::vector<std::string>{"EXEC sp_rename N'dbo.[Pk]', N'pk_t', N'OBJECT'"});
  EXPECT_EQ(render(ops::RenameColumn{.table = "t", .old_name = "größe", .new_name = "größe2"}),
            std::vector<std::string>{"EXEC sp_rename N'dbo.t.[größe]', N'größe2', N'COLUMN'"});
}

TEST(MssqlMoveTable, TransferThenRename) {
  EXPECT_EQ(render(ops::MoveTable{.name = "docs", .new_schema = "rag", .new_name = "documents"}),
            (std::vector<std::string>{"ALTER SCHEMA rag TRANSFER dbo.docs",
                                      "EXEC sp_rename N'rag.docs', N'documents'"}));
  EXPECT_EQ(render(ops::MoveTable{.schema = "rag", .name = "documents"}),
            std::vector<std::string>{"ALTER SCHEMA dbo TRANSFER rag.documents"});
  EXPECT_EQ(render(ops::MoveTable{.schema = "dbo", .name = "t"}), std::vector<std::string>{});
}

TEST(MssqlSchemas, CreateIfNotExistsRunsAloneInItsBatch) {
  EXPECT_EQ(render(ops::CreateSchema{.name = "o'brien", .if_not_exists = true}),
            std::vector<std::string>{"IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = "
                                     "N'o''brien') EXEC(N'CREATE SCHEMA [o''brien]')"});
}

// ---- errors ---------------------------------------------------------------------

TEST(MssqlErrors, AlterColumnNamesTheMissingExistingFact) {
  ops::AlterColumn op{.table = "t", .column = "c", .nullable = false};
  EXPECT_EQ(script_error(op),
            "alter_column t.c: SQL Server restates the type with the nullability (ALTER COLUMN "
            "c <type> NULL|NOT NULL); pass existing_type");
  op = ops::AlterColumn{.table = "t", .column = "c", .type = type(Kind::kBigInteger)};
  EXPECT_EQ(script_error(op),
            "alter_column t.c: SQL Server restates the nullability with the type (ALTER COLUMN "
            "c BIGINT NULL|NOT NULL); pass nullable or existing_nullable");
  op.existing_nullable = false;
  // A column known to have no default needs no default handling around it.
  op.existing_server_default.emplace();
  EXPECT_EQ(render(op), std::vector<std::string>{"ALTER TABLE t ALTER COLUMN c BIGINT NOT NULL"});
  // Otherwise the type change is wrapped in one batch that drops whatever
  // default SQL Server holds and adds it back (a column with a default
  // cannot change type).
  op.existing_server_default.reset();
  const std::vector<std::string> wrapped = render(op);
  ASSERT_EQ(wrapped.size(), 1u);
  EXPECT_NE(wrapped[0].find("IF @name IS NOT NULL EXEC (N'ALTER TABLE t DROP CONSTRAINT ' + "
                            "QUOTENAME(@name));\nALTER TABLE t ALTER COLUMN c BIGINT NOT NULL;\n"
                            "IF @name IS NOT NULL EXEC (N'ALTER TABLE t ADD CONSTRAINT ' + "
                            "QUOTENAME(@name) + N' DEFAULT ' + @definition + N' FOR c')"),
            std::string::npos)
      << wrapped[0];
}

TEST(MssqlErrors, ForeignKeyFeaturesSqlServerLacks) {
  auto add_fk = [](model::ForeignKey fk) {
    fk.name = "fk";
    fk.columns = {"p"};
    fk.ref_table = "parent";
    fk.ref_columns = {"id"};
    return ops::AddConstraint{.table = "t", .constraint = fk};
  };
  EXPECT_EQ(script_error(add_fk({.deferrable = true})),
            "create_foreign_key fk on t: a deferrable foreign key is not supported on SQL Server; "
            "SQL Server checks constraints at once");
  EXPECT_EQ(script_error(add_fk({.initially = "DEFERRED"})),
            "create_foreign_key fk on t: INITIALLY on a foreign key is not supported on SQL Server");
  EXPECT_EQ(script_error(add_fk({.match = "FULL"})),
            "create_foreign_key fk on t: MATCH on a foreign key is not supported on SQL Server");
  EXPECT_NE(script_error(add_fk({.onupdate = "restrict"})).find("use NO ACTION"),
            std::string::npos);
  EXPECT_EQ(render(add_fk({.deferrable = false})),
            std::vector<std::string>{
                "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY(p) REFERENCES parent (id)"});
}

TEST(MssqlErrors, WhatTsqlCannotExpress) {
  EXPECT_EQ(script_error(ops::RenameIndex{.old_name = "ix", .new_name = "ix2"}),
            "rename_index 'ix' needs the table name on SQL Server");
  EXPECT_EQ(script_error(ops::DropSchema{.name = "s", .cascade = true}),
            "drop_schema s: drop_schema with cascade is not supported on SQL Server; drop or "
            "transfer the schema's objects first");
  EXPECT_EQ(script_error(ops::CreateIndex{.index = {.name = "ix",
                                                    .table = "t",
                                                    .elements = {{"lower(a)", true}}}}),
            "create_index ix on t: index expression 'lower(a)' is not supported on SQL Server; "
            "index a computed column instead");
  EXPECT_EQ(script_error(ops::BulkInsert{.table = "t", .columns = {"a", "b"}, .rows = {{1LL}}}),
            "bulk_insert t (1 rows): a row has 1 values for 2 columns");
  EXPECT_EQ(script_error(ops::BulkInsert{.table = "t", .columns = {"a"}, .rows = {{NAN}}}),
            "bulk_insert t (1 rows): NaN or infinity as a value is not supported on SQL Server");
}

TEST(MssqlErrors, CascadeOnSelfReferenceIsRefused) {
  model::ForeignKey parent{.name = "fk_parent",
                           .columns = {"parent_id"},
                           .ref_schema = "dbo",
                           .ref_table = "nodes",
                           .ref_columns = {"id"},
                           .ondelete = "SET NULL"};
  ops::AddConstraint add{.table = "nodes", .constraint = parent};
  EXPECT_EQ(script_error(add),
            "create_foreign_key fk_parent on nodes: SET NULL on a foreign key referencing its own "
            "table is not supported on SQL Server; SQL Server refuses it as a possible cycle; use "
            "NO ACTION");
  std::get<model::ForeignKey>(add.constraint).ondelete = "no action";
  EXPECT_EQ(render(add), std::vector<std::string>{
                             "ALTER TABLE nodes ADD CONSTRAINT fk_parent FOREIGN KEY(parent_id) "
                             "REFERENCES dbo.nodes (id) ON DELETE NO ACTION"});
  std::get<model::ForeignKey>(add.constraint).ondelete = "cascade";
  add.schema = "other";  // another schema's nodes: no cycle
  EXPECT_EQ(render(add).size(), 1u);
}

// ---- bulk_insert -------------------------------------------------------------------

// sqlcmd would end the batch at a text line "GO" even inside N'...'.
TEST(MssqlBulkInsert, TextWithAGoLineKeepsTheBatch) {
  ops::BulkInsert op{.table = "t",
                     .columns = {"a"},
                     .rows = {{std::string("x\nGO\ny")},
                              {std::string("\r\n  go 2")},
                              {std::string("good\ngoal\n")}}};
  EXPECT_EQ(render(op).at(1),
            "INSERT INTO t (a) VALUES (CAST(N'x' AS NVARCHAR(max)) + NCHAR(10) + N'GO' + "
            "NCHAR(10) + N'y'), (CAST(N'' AS NVARCHAR(max)) + NCHAR(13) + NCHAR(10) + "
            "N'  go 2'), (N'good\ngoal\n')");
  op.delete_rows = true;
  EXPECT_EQ(render(op).at(0),
            "DELETE TOP (1) FROM t WHERE a = CAST(N'x' AS NVARCHAR(max)) + NCHAR(10) + N'GO' + "
            "NCHAR(10) + N'y'");
}

TEST(MssqlBulkInsert, AtMostThousandRowsPerInsert) {
  ops::BulkInsert op{.table = "t", .columns = {"n"}};
  for (long long i = 0; i < 2001; ++i) op.rows.push_back({i});
  std::vector<std::string> statements = render(op);
  ASSERT_EQ(statements.size(), 5u);  // IDENTITY_INSERT on, 3 INSERTs, off
  auto rows = [](const std::string& insert) {
    size_t n = 0;
    for (size_t pos = 0; (pos = insert.find('(', pos)) != std::string::npos; ++pos) ++n;
    return n - 1;  // the column list
  };
  EXPECT_EQ(rows(statements[1]), 1000u);
  EXPECT_EQ(rows(statements[2]), 1000u);
  EXPECT_EQ(rows(statements[3]), 1u);
  EXPECT_EQ(statements[3], "INSERT INTO t (n) VALUES (2000)");
  EXPECT_EQ(statements[0],
            "IF EXISTS (SELECT 1 FROM sys.identity_columns WHERE object_id = OBJECT_ID(N't') AND "
            "name IN (N'n')) SET IDENTITY_INSERT t ON");
  EXPECT_TRUE(render(ops::BulkInsert{.table = "t", .columns = {"n"}}).empty());
}

}  // namespace
}  // namespace strata::dialect
