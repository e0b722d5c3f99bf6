// Dialect tests: every op and the version-table statements rendered for each
// dialect and compared with golden files (tests/golden/<dialect>/<case>.sql;
// STRATA_UPDATE_GOLDEN=1 rewrites them). The cases then run live, to prove
// they parse and work: on SQLite in memory, on PostgreSQL (STRATA_TEST_PG_URL)
// inside a rolled-back transaction, on MySQL/MariaDB (STRATA_TEST_MYSQL_URL)
// in scratch databases. An op a dialect cannot express shows up in its golden
// file as a "-- error: ..." line; the explicit error tests follow at the end.
// The cases of the ops beyond create/drop are in dialect_op_cases.h.
#include "dialect/dialect.h"
#include "dialect/live.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <variant>

#include "config/config.h"
#include "driver/connection.h"
#include "driver/sqlite_connection.h"
#include "ops/ops.h"
#include "strata/error.h"
#include "unit/dialect_case.h"
#include "unit/dialect_op_cases.h"

namespace strata::dialect {
namespace {

using namespace golden;  // NOLINT: the case builders
namespace fs = std::filesystem;

// ---- cases ----------------------------------------------------------------

Case types_case() {
  model::Type numeric = type(Kind::kNumeric), numeric_p = numeric, numeric_ps = numeric;
  numeric_p.precision = 12;
  numeric_ps.precision = 10;
  numeric_ps.scale = 2;
  model::Type str = type(Kind::kString), str_n = str, flt_p = type(Kind::kFloat);
  str_n.length = 50;
  flt_p.precision = 53;
  model::Type tz = type(Kind::kDateTime), time_tz = type(Kind::kTime), raw = type(Kind::kRaw);
  tz.timezone = true;
  time_tz.timezone = true;
  raw.raw = "CHAR(3)";
  return {"types",
          {op(create(std::nullopt, "all_types",
                     {id_col(),
                      col("integer", type(Kind::kInteger)),
                      col("big", type(Kind::kBigInteger)),
                      col("small", type(Kind::kSmallInteger)),
                      col("string", str),
                      col("string_50", str_n),
                      col("text", type(Kind::kText)),
                      col("boolean", type(Kind::kBoolean)),
                      col("numeric", numeric),
                      col("numeric_12", numeric_p),
                      col("numeric_10_2", numeric_ps),
                      col("float", type(Kind::kFloat)),
                      col("float_53", flt_p),
                      col("date", type(Kind::kDate)),
                      col("datetime", type(Kind::kDateTime)),
                      col("datetime_tz", tz),
                      col("time", type(Kind::kTime)),
                      col("time_tz", time_tz),
                      col("binary", type(Kind::kLargeBinary)),
                      col("json", type(Kind::kJson)),
                      col("uuid", type(Kind::kUuid)),
                      col("raw", raw)})),
           op(ops::DropTable{.name = "all_types"})}};
}

Case tables_case() {
  model::Type name50 = type(Kind::kString);
  name50.length = 50;
  ops::CreateTable users = create(
      "crm", "users",
      {model::Column{.name = "id",
                     .type = type(Kind::kInteger),
                     .primary_key = true,
                     .comment = "surrogate key"},
       model::Column{.name = "email", .type = name50, .nullable = false, .unique = true},
       model::Column{.name = "name",
                     .type = name50,
                     .nullable = false,
                     .server_default = literal_default("it's me"),
                     .comment = "the user's name"},
       model::Column{.name = "created_at",
                     .type = type(Kind::kDateTime),
                     .nullable = false,
                     .server_default = expr_default("CURRENT_TIMESTAMP")},
       model::Column{
           .name = "score", .type = type(Kind::kInteger), .server_default = literal_default("0")},
       col("age", type(Kind::kSmallInteger))});
  users.table.primary_key = model::PrimaryKey{.name = "pk_users", .columns = {"id"}};
  users.table.uniques = {{.name = "uq_users_name_age", .columns = {"name", "age"}},
                         {.name = std::nullopt, .columns = {"age", "score"}}};
  users.table.checks = {{.name = "ck_users_age", .sqltext = "age >= 0"},
                        {.name = std::nullopt, .sqltext = "score < 1000"}};
  users.table.comment = "people who log in";
  ops::CreateTable again = users;
  again.if_not_exists = true;
  return {
      "tables",
      {op(ops::CreateSchema{.name = "crm"}), op(users), op(again),
       op(ops::RenameTable{.schema = "crm", .old_name = "users", .new_name = "members"}),
       op(create(std::nullopt, "plain", {col("note", type(Kind::kText))})),
       op(ops::RenameTable{.old_name = "plain", .new_name = "plain2"}),
       op(ops::DropTable{.name = "plain2"}), op(ops::DropTable{.schema = "crm", .name = "members"}),
       op(ops::DropTable{.schema = "crm", .name = "members", .if_exists = true})}};
}

Case autoincrement_case() {
  auto keyed = [](std::string name, std::vector<model::Column> columns) {
    return op(create(std::nullopt, std::move(name), std::move(columns)));
  };
  model::Column no_auto = id_col();
  no_auto.autoincrement = false;
  model::Column with_default = id_col();
  with_default.server_default = literal_default("1");
  model::Column string_key = id_col("code", Kind::kString);
  string_key.type.length = 10;
  model::Column explicit_auto = id_col("b");
  explicit_auto.autoincrement = true;
  ops::CreateTable table_level =
      create(std::nullopt, "table_level_pk", {col("id", type(Kind::kBigInteger), false)});
  table_level.table.primary_key = model::PrimaryKey{.columns = {"id"}};
  return {"autoincrement",
          {keyed("int_pk", {id_col()}), keyed("bigint_pk", {id_col("id", Kind::kBigInteger)}),
           keyed("smallint_pk", {id_col("id", Kind::kSmallInteger)}),
           keyed("no_autoincrement", {no_auto}), keyed("pk_with_default", {with_default}),
           keyed("string_pk", {string_key}), keyed("composite_pk", {id_col("a"), id_col("b")}),
           keyed("composite_explicit", {id_col("a"), explicit_auto}), op(table_level)}};
}

Case foreign_keys_case() {
  auto parent = [](std::optional<std::string> schema) {
    return op(create(std::move(schema), "parent", {id_col()}));
  };
  ops::CreateTable child =
      create("crm", "child",
             {id_col(), col("parent_id", type(Kind::kInteger)),
              col("ledger_parent_id", type(Kind::kInteger)), col("root_id", type(Kind::kInteger))});
  child.table.foreign_keys = {
      {.name = "fk_child_parent",
       .columns = {"parent_id"},
       .ref_schema = "crm",
       .ref_table = "parent",
       .ref_columns = {"id"},
       .ondelete = "CASCADE",
       .onupdate = "set null"},
      {.columns = {"ledger_parent_id"},
       .ref_schema = "ledger",
       .ref_table = "parent",
       .ref_columns = {"id"},
       .ondelete = "SET NULL"},
      {.columns = {"root_id"}, .ref_table = "parent", .ref_columns = {"id"}}};
  ops::CreateTable local =
      create(std::nullopt, "local_child", {id_col(), col("parent_id", type(Kind::kInteger))});
  local.table.foreign_keys = {{.columns = {"parent_id"},
                               .ref_table = "parent",
                               .ref_columns = {"id"},
                               .ondelete = "no action",
                               .onupdate = "CASCADE"}};
  ops::CreateTable deferred =
      create(std::nullopt, "deferred_child", {id_col(), col("parent_id", type(Kind::kInteger))});
  deferred.table.foreign_keys = {{.columns = {"parent_id"},
                                  .ref_table = "parent",
                                  .ref_columns = {"id"},
                                  .deferrable = true,
                                  .initially = "deferred",
                                  .match = "full"}};
  ops::CreateTable restrict =
      create(std::nullopt, "restrict_child", {id_col(), col("parent_id", type(Kind::kInteger))});
  restrict.table.foreign_keys = {{.columns = {"parent_id"},
                                  .ref_table = "parent",
                                  .ref_columns = {"id"},
                                  .ondelete = "RESTRICT",
                                  .deferrable = false}};
  return {
      "foreign_keys",
      {op(ops::CreateSchema{.name = "crm"}), op(ops::CreateSchema{.name = "ledger"}), parent("crm"),
       parent("ledger"), parent(std::nullopt), op(child), op(local), op(deferred), op(restrict)}};
}

Case columns_case() {
  model::Column flag = col("flag", type(Kind::kBoolean), false);
  flag.server_default = literal_default("0");
  flag.comment = "on/off";
  model::Type code_type = type(Kind::kString);
  code_type.length = 20;
  model::Column code = col("code", code_type);
  code.unique = true;
  return {"columns",
          {op(ops::CreateSchema{.name = "crm"}), op(create("crm", "accounts", {id_col()})),
           op(ops::AddColumn{
               .schema = "crm", .table = "accounts", .column = col("note", type(Kind::kText))}),
           op(ops::AddColumn{.schema = "crm", .table = "accounts", .column = flag}),
           op(ops::AddColumn{.schema = "crm", .table = "accounts", .column = code}),
           op(ops::AddColumn{.schema = "crm",
                             .table = "accounts",
                             .column = col("note", type(Kind::kText)),
                             .if_not_exists = true}),
           op(ops::DropColumn{.schema = "crm", .table = "accounts", .column = "flag"}),
           op(ops::DropColumn{.schema = "crm", .table = "accounts", .column = "note"}),
           op(ops::DropColumn{
               .schema = "crm", .table = "accounts", .column = "note", .if_exists = true}),
           op(create(std::nullopt, "loose", {id_col()})),
           op(ops::AddColumn{.table = "loose", .column = col("extra", type(Kind::kInteger))}),
           op(ops::DropColumn{.table = "loose", .column = "extra"})}};
}

Case indexes_case() {
  model::IndexElement name{"name"}, email{"email"}, lower{"lower(email)", true};
  model::Index plain = index(std::nullopt, "people", "ix_people_name", {name});
  model::Index unique = index(std::nullopt, "people", "uq_people_email", {email, name});
  unique.unique = true;
  model::Index partial = index(std::nullopt, "people", "ix_people_active", {name});
  partial.where = "active = 1";
  partial.include = {"email"};
  model::Index expression = index(std::nullopt, "people", "ix_people_lower", {lower});
  model::Index qualified = index("crm", "accounts", "ix_accounts_name", {name});
  qualified.unique = true;
  model::Type text = type(Kind::kString);
  text.length = 100;
  return {"indexes",
          {op(ops::CreateSchema{.name = "crm"}),
           op(create(std::nullopt, "people",
                     {id_col(), col("name", text), col("email", text),
                      col("active", type(Kind::kInteger))})),
           op(create("crm", "accounts", {id_col(), col("name", text)})),
           op(ops::CreateIndex{plain}), op(ops::CreateIndex{unique}), op(ops::CreateIndex{partial}),
           op(ops::CreateIndex{expression}), op(ops::CreateIndex{qualified}),
           op(ops::CreateIndex{plain, true}),
           op(ops::DropIndex{.name = "ix_people_name", .table = "people"}),
           op(ops::DropIndex{.name = "ix_people_name", .table = "people", .if_exists = true}),
           op(ops::DropIndex{.name = "ix_accounts_name", .schema = "crm", .table = "accounts"}),
           op(ops::DropIndex{.name = "uq_people_email"})}};
}

Case quoting_case() {
  const std::string schema = "my \"odd\" schema";
  model::Column odd = col("a\"b", type(Kind::kText));
  odd.comment = "quote ' and \" and ]";
  model::Column reserved = col("select", type(Kind::kInteger));
  reserved.unique = true;
  ops::CreateTable order = create(
      schema, "order", {id_col("größe"), odd, reserved, col("x]y it's", type(Kind::kInteger))});
  order.table.checks = {{.name = "check", .sqltext = "\"select\" > 0"}};
  order.table.comment = "Bestellungen – größer";
  model::Index ix = index(schema, "order", "ix \"odd\"", {{"a\"b"}, {"x]y it's"}});
  return {"quoting",
          {op(ops::CreateSchema{.name = schema}), op(order), op(ops::CreateIndex{ix}),
           op(ops::DropIndex{.name = "ix \"odd\"", .schema = schema, .table = "order"}),
           op(ops::AddColumn{
               .schema = schema, .table = "order", .column = col("user", type(Kind::kInteger))}),
           op(ops::DropColumn{.schema = schema, .table = "order", .column = "x]y it's"}),
           op(ops::RenameTable{.schema = schema, .old_name = "order", .new_name = "group"}),
           op(ops::DropTable{.schema = schema, .name = "group"})}};
}

Case schemas_case() {
  return {
      "schemas",
      {op(ops::CreateSchema{.name = "crm"}),
       op(ops::CreateSchema{.name = "ledger", .if_not_exists = true}),
       op(ops::DropSchema{.name = "crm"}), op(ops::DropSchema{.name = "ledger", .if_exists = true}),
       op(ops::CreateSchema{.name = "archive"}),
       op(ops::DropSchema{.name = "archive", .cascade = true})}};
}

Case execute_case() {
  return {"execute",
          {op(ops::Execute{.sql = "SELECT 1"}),
           op(ops::Execute{.sql = "SELECT 'generic'",
                           .per_dialect = {{"postgresql", "SELECT 'postgres only'"},
                                           {"mssql", "SELECT N'sql server only'"}}}),
           op(ops::Execute{.per_dialect = {{"sqlite", "SELECT sqlite_version()"}}})}};
}

Case version_table_case() {
  std::vector<Step> steps;
  for (const VersionTableName& vt :
       {VersionTableName{}, VersionTableName{.schema = "ledger"},
        VersionTableName{.table = "my_versions", .schema = "o'brien"}}) {
    std::string where = (vt.schema ? *vt.schema + "." : "") + vt.table;
    steps.push_back({"create_version_table " + where,
                     [vt](const Dialect& d) { return d.create_version_table(vt); }});
    steps.push_back({"insert_version " + where, [vt](const Dialect& d) {
                       return std::vector<std::string>{d.insert_version(vt, "ae1027a6acf")};
                     }});
    steps.push_back({"update_version " + where, [vt](const Dialect& d) {
                       return std::vector<std::string>{
                           d.update_version(vt, "ae1027a6acf", "27c6a30d7c24")};
                     }});
    steps.push_back({"select_versions " + where, [vt](const Dialect& d) {
                       return std::vector<std::string>{d.select_versions(vt)};
                     }});
    steps.push_back({"delete_version " + where, [vt](const Dialect& d) {
                       return std::vector<std::string>{d.delete_version(vt, "27c6a30d7c24")};
                     }});
  }
  return {"version_table", steps};
}

// The version table as an offline (--sql) script writes it, Alembic's way:
// plain CREATE TABLE and the first row with the dialect's RETURNING form.
// (offline_versions: MySQL's live run keeps `o'brien` from version_table.)
Case version_table_offline_case() {
  std::vector<Step> steps;
  for (const VersionTableName& vt :
       {VersionTableName{}, VersionTableName{.schema = "ledger"},
        VersionTableName{.table = "offline_versions", .schema = "o'brien"}}) {
    std::string where = (vt.schema ? *vt.schema + "." : "") + vt.table;
    steps.push_back({"create_version_table_offline " + where,
                     [vt](const Dialect& d) { return d.create_version_table_offline(vt); }});
    steps.push_back({"insert_version_offline " + where, [vt](const Dialect& d) {
                       return std::vector<std::string>{d.insert_version_offline(vt, "ae1027a6acf")};
                     }});
  }
  return {"version_table_offline", steps};
}

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> out = {types_case(),        tables_case(),  autoincrement_case(),
                             foreign_keys_case(), columns_case(), indexes_case(),
                             quoting_case(),      schemas_case(), execute_case(),
                             version_table_case(), version_table_offline_case()};
    for (Case& c : op_cases()) out.push_back(std::move(c));
    return out;
  }();
  return cases;
}

const Case& find_case(const std::string& name) {
  for (const Case& c : all_cases()) {
    if (c.name == name) return c;
  }
  throw std::logic_error("no case " + name);
}

// ---- rendering and golden files ---------------------------------------------

std::unique_ptr<Dialect> dialect_for(const std::string& name) {
  return make_dialect(name, ":memory:");
}

// The whole case as one script: a comment per step, statements ended by ';'.
std::string render_case(const Dialect& d, const Case& c) {
  std::string out = "-- Rendered by tests/unit/dialect_test.cpp, case '" + c.name + "', dialect " +
                    std::string(d.name()) + ".\n";
  for (const Step& step : c.steps) {
    out += "\n-- " + step.label + "\n";
    try {
      for (const std::string& statement : step.render(d)) out += statement + ";\n";
    } catch (const Error& e) {
      out += "-- error: " + e.message() + "\n";
    }
  }
  return out;
}

fs::path golden_path(const std::string& dialect, const std::string& name) {
  return fs::path(STRATA_SOURCE_DIR) / "tests" / "golden" / dialect / (name + ".sql");
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const Case& c : all_cases()) names.push_back(c.name);
  return names;
}

class GoldenTest : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(GoldenTest, MatchesGoldenFile) {
  const auto& [dialect_name, case_name] = GetParam();
  std::string rendered = render_case(*dialect_for(dialect_name), find_case(case_name));
  fs::path path = golden_path(dialect_name, case_name);
  const char* update = std::getenv("STRATA_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << rendered;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " missing; run with STRATA_UPDATE_GOLDEN=1";
  EXPECT_EQ(read_file(path), rendered) << "golden file " << path;
}

INSTANTIATE_TEST_SUITE_P(AllDialects, GoldenTest,
                         ::testing::Combine(::testing::Values("postgresql", "sqlite", "mssql", "mysql"),
                                            ::testing::ValuesIn(case_names())),
                         [](const auto& info) {
                           return std::get<0>(info.param) + "_" + std::get<1>(info.param);
                         });

// ---- executing the rendered SQL ------------------------------------------
//
// Each case runs on a live database the way the runtime runs a migration:
// step by step, each rendered statement executed on its own, an op the
// dialect applies against the live catalog (LiveApplier::needs_live_catalog)
// through apply_live, an autocommit block committing the open transaction and
// beginning a new one after it.
//
// A step the dialect refuses (a "-- error" line in its golden file) is left
// out. When a later statement then fails, it most likely needed what the
// refused step would have made, so the case cannot run as a unit on that
// dialect: the test is skipped, naming the refused step. Such skips are
// expected to disappear as the dialects implement the remaining ops. A
// failure before any refused step is a failure.

struct ExecResult {
  std::string failure;  // "<step>: <statement>: <error>" of the first failure
  std::string refused;  // "<step>: <error>" of the first step the dialect refused
};

ExecResult run_case(const Dialect& d, const Case& c, driver::Connection& conn) {
  ExecResult result;
  auto refuse = [&result](const Step& step, const Error& e) {
    if (result.refused.empty()) result.refused = step.label + ": " + e.message();
  };
  const std::unique_ptr<LiveApplier> live = make_live_applier(d);
  bool reopen = false;  // an autocommit block committed the open transaction
  for (const Step& step : c.steps) {
    if (step.op && std::holds_alternative<ops::AutocommitBegin>(*step.op)) {
      reopen = conn.in_transaction();
      if (reopen) conn.commit();
      continue;
    }
    if (step.op && std::holds_alternative<ops::AutocommitEnd>(*step.op)) {
      if (reopen) conn.begin();
      reopen = false;
      continue;
    }
    if (step.op && live->needs_live_catalog(*step.op)) {
      try {
        live->apply_live(*step.op, conn);
      } catch (const Error& e) {
        if (e.code() != ErrorCode::kScript) {
          result.failure = step.label + ": (applied live): " + e.message();
          return result;
        }
        refuse(step, e);
      }
      continue;
    }
    std::vector<std::string> statements;
    try {
      statements = step.render(d);
    } catch (const Error& e) {
      refuse(step, e);
      continue;
    }
    for (const std::string& statement : statements) {
      try {
        conn.execute(statement);
      } catch (const Error& e) {
        result.failure = step.label + ": " + statement + ": " + e.message();
        return result;
      }
    }
  }
  return result;
}

// Reports a run: a failure after a refused step skips, any other fails.
#define STRATA_REPORT_EXEC(result, dialect_name)                                             \
  do {                                                                                       \
    if (!(result).failure.empty() && !(result).refused.empty()) {                            \
      GTEST_SKIP() << (dialect_name) << " refuses a step of this case (" << (result).refused \
                   << "), and a later statement needs it: " << (result).failure              \
                   << "\n(expected to disappear once the dialect implements the op)";        \
    }                                                                                        \
    EXPECT_EQ((result).failure, "");                                                         \
  } while (false)

bool has_autocommit_block(const Case& c) {
  for (const Step& step : c.steps) {
    if (step.op && std::holds_alternative<ops::AutocommitBegin>(*step.op)) return true;
  }
  return false;
}

class SqliteExecTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SqliteExecTest, RunsInMemory) {
  auto d = dialect_for("sqlite");
  driver::SqliteConnection conn(":memory:");
  conn.begin();
  ExecResult result = run_case(*d, find_case(GetParam()), conn);
  if (conn.in_transaction()) {
    if (result.failure.empty()) {
      conn.commit();
    } else {
      conn.rollback();
    }
  }
  STRATA_REPORT_EXEC(result, "sqlite");
}

INSTANTIATE_TEST_SUITE_P(AllCases, SqliteExecTest, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

TEST(SqliteExec, AutoincrementKeysAliasTheRowid) {
  std::string sql = render_case(*dialect_for("sqlite"), find_case("autoincrement"));
  sql +=
      "INSERT INTO bigint_pk DEFAULT VALUES; INSERT INTO smallint_pk DEFAULT VALUES;"
      "INSERT INTO int_pk DEFAULT VALUES;";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  EXPECT_EQ(rc, SQLITE_OK) << message;
  int rows = 0;
  rc = sqlite3_exec(
      db,
      "SELECT (SELECT id FROM bigint_pk) + (SELECT id FROM smallint_pk) + (SELECT id FROM int_pk)",
      [](void* out, int, char** values, char**) {
        *static_cast<int*>(out) = values[0] ? std::atoi(values[0]) : -1;
        return 0;
      },
      &rows, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(rc, SQLITE_OK);
  EXPECT_EQ(rows, 3);
}

// Unqualified names land in a private schema, away from whatever the
// database already holds. A case runs in one transaction that is rolled
// back; a case with an autocommit block (CREATE INDEX CONCURRENTLY) cannot,
// so it commits in a schema of its own that is dropped afterwards.
class PostgresExecTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PostgresExecTest, RunsInRolledBackTransaction) {
  const char* url = std::getenv("STRATA_TEST_PG_URL");
  if (!url || !*url) GTEST_SKIP() << "STRATA_TEST_PG_URL is not set";
  const Case& c = find_case(GetParam());
  const bool transactional = !has_autocommit_block(c);
  const std::string scratch =
      transactional ? "strata_dialect_test"
                    : "strata_dialect_" + std::to_string(::getpid()) + "_" + c.name;
  auto conn = driver::connect(config::parse_url(url));
  if (transactional) conn->begin();
  conn->execute("CREATE SCHEMA " + scratch + "; SET search_path TO " + scratch);
  ExecResult result = run_case(*dialect_for("postgresql"), c, *conn);
  if (conn->in_transaction()) conn->rollback();
  if (!transactional) conn->execute("DROP SCHEMA " + scratch + " CASCADE");
  STRATA_REPORT_EXEC(result, "postgresql");
}

INSTANTIATE_TEST_SUITE_P(AllCases, PostgresExecTest, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

// Every schema some case creates (a database on MySQL).
std::vector<std::string> case_schemas() {
  std::vector<std::string> names;
  for (const Case& c : all_cases()) {
    for (const Step& step : c.steps) {
      if (!step.op) continue;
      if (const auto* schema = std::get_if<ops::CreateSchema>(&*step.op)) {
        if (std::find(names.begin(), names.end(), schema->name) == names.end()) {
          names.push_back(schema->name);
        }
      }
    }
  }
  return names;
}

// MySQL/MariaDB DDL cannot be rolled back: each case runs in a scratch
// database, under a server-wide named lock (cases create the same databases:
// crm, ledger, ...), and everything it created is dropped afterwards.
class MysqlExecTest : public ::testing::TestWithParam<std::string> {};

TEST_P(MysqlExecTest, RunsInScratchDatabase) {
  const char* url = std::getenv("STRATA_TEST_MYSQL_URL");
  if (!url || !*url) GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set";
  if (GetParam() == "types") {
    GTEST_SKIP() << "the types case has a String without length, an error on MySQL";
  }
  if (GetParam() == "enums") {
    GTEST_SKIP() << "MySQL has no enum types (refused), and the enums case's table has a column "
                    "of one";
  }
  if (GetParam() == "quoting") {
    GTEST_SKIP() << "the quoting case indexes a TEXT column, which MySQL indexes only with a "
                    "prefix length";
  }
  auto d = dialect_for("mysql");
  auto conn = driver::connect(config::parse_url(url));
  ASSERT_EQ(conn->query("SELECT GET_LOCK('strata_dialect_test', 120)").rows.at(0).at(0), "1");
  std::string cleanup = "DROP DATABASE IF EXISTS strata_dialect_test";
  for (const std::string& schema : case_schemas()) {
    cleanup += "; DROP DATABASE IF EXISTS " + d->quote(schema);
  }
  conn->execute(cleanup + "; CREATE DATABASE strata_dialect_test; USE strata_dialect_test");
  ExecResult result = run_case(*d, find_case(GetParam()), *conn);
  conn->execute(cleanup);
  conn->query("SELECT RELEASE_LOCK('strata_dialect_test')");
  STRATA_REPORT_EXEC(result, "mysql");
}

INSTANTIATE_TEST_SUITE_P(AllCases, MysqlExecTest, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

// ---- errors, capabilities, helpers ----------------------------------------

template <typename Fn>
void expect_error(ErrorCode code, const std::string& fragment, Fn&& fn) {
  try {
    fn();
    ADD_FAILURE() << "expected an error containing '" << fragment << "'";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.message();
    EXPECT_NE(e.message().find(fragment), std::string::npos) << e.message();
  }
}

TEST(DialectErrors, DropIndexWithoutTableOnMssql) {
  expect_error(ErrorCode::kScript, "drop_index 'ix' needs the table name on SQL Server",
               [] { dialect_for("mssql")->render(ops::DropIndex{.name = "ix"}); });
}

TEST(DialectErrors, ExecuteWithoutSqlForDialect) {
  ops::Execute execute{.per_dialect = {{"postgresql", "SELECT 1"}}};
  EXPECT_EQ(dialect_for("postgresql")->render(execute), std::vector<std::string>{"SELECT 1"});
  for (const char* name : {"sqlite", "mssql"}) {
    expect_error(ErrorCode::kScript,
                 "op.execute has no SQL for dialect '" + std::string(name) + "'",
                 [&] { dialect_for(name)->render(execute); });
  }
}

TEST(DialectErrors, UnknownDialect) {
  expect_error(ErrorCode::kConfig, "unknown dialect 'oracle'", [] { make_dialect("oracle"); });
}

TEST(DialectErrors, SqliteAlterLimits) {
  auto d = dialect_for("sqlite");
  model::Column unique = col("c", type(Kind::kInteger));
  unique.unique = true;
  expect_error(ErrorCode::kScript, "not supported on SQLite",
               [&] { d->render(ops::AddColumn{.table = "t", .column = unique}); });
  expect_error(ErrorCode::kScript, "not supported on SQLite",
               [&] { d->render(ops::AddColumn{.table = "t", .column = id_col()}); });
  expect_error(ErrorCode::kScript, "add_column with if_not_exists", [&] {
    d->render(
        ops::AddColumn{.table = "t", .column = col("c", type(Kind::kText)), .if_not_exists = true});
  });
  expect_error(ErrorCode::kScript, "drop_column with if_exists",
               [&] { d->render(ops::DropColumn{.table = "t", .column = "c", .if_exists = true}); });
}

TEST(DialectErrors, MssqlLimits) {
  auto d = dialect_for("mssql");
  expect_error(ErrorCode::kScript, "drop_schema with cascade",
               [&] { d->render(ops::DropSchema{.name = "s", .cascade = true}); });
  expect_error(ErrorCode::kScript, "index expression", [&] {
    d->render(ops::CreateIndex{index(std::nullopt, "t", "ix", {{"lower(a)", true}})});
  });
  ops::CreateTable fk_table = create(std::nullopt, "t", {id_col(), col("p", type(Kind::kInteger))});
  fk_table.table.foreign_keys = {
      {.columns = {"p"}, .ref_table = "p", .ref_columns = {"id"}, .deferrable = true}};
  expect_error(ErrorCode::kScript, "deferrable", [&] { d->render(fk_table); });
  fk_table.table.foreign_keys[0].deferrable = std::nullopt;
  fk_table.table.foreign_keys[0].onupdate = "restrict";
  expect_error(ErrorCode::kScript, "RESTRICT", [&] { d->render(fk_table); });
}

TEST(DialectErrors, InvalidForeignKeyActionEverywhere) {
  ops::CreateTable table = create(std::nullopt, "t", {id_col(), col("p", type(Kind::kInteger))});
  table.table.foreign_keys = {{.columns = {"p"},
                               .ref_table = "p",
                               .ref_columns = {"id"},
                               .ondelete = "CASCADE; DROP TABLE t"}};
  for (const char* name : {"postgresql", "sqlite", "mssql"}) {
    expect_error(ErrorCode::kScript, "invalid ondelete value",
                 [&] { dialect_for(name)->render(table); });
  }
}

TEST(DialectCapabilities, PerDialect) {
  auto pg = dialect_for("postgresql"), lite = dialect_for("sqlite"), ms = dialect_for("mssql");
  EXPECT_EQ(pg->name(), "postgresql");
  EXPECT_EQ(lite->name(), "sqlite");
  EXPECT_EQ(ms->name(), "mssql");
  for (const Dialect* d : {pg.get(), lite.get(), ms.get()}) {
    EXPECT_TRUE(d->transactional_ddl()) << d->name();
    EXPECT_EQ(d->commit_sql(), "COMMIT");
  }
  EXPECT_EQ(pg->batch_separator(), "");
  EXPECT_EQ(pg->begin_transaction_sql(), "BEGIN");
  EXPECT_EQ(lite->begin_transaction_sql(), "BEGIN");
  EXPECT_EQ(ms->batch_separator(), "GO");
  EXPECT_EQ(ms->begin_transaction_sql(), "BEGIN TRANSACTION");
}

TEST(DialectQuoting, IdentifiersAndLiterals) {
  auto pg = dialect_for("postgresql"), ms = dialect_for("mssql");
  EXPECT_EQ(pg->quote("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(pg->qualify("s", "t"), "s.t");  // quoted only when needed
  EXPECT_EQ(pg->qualify("S", "order"), "\"S\".\"order\"");
  EXPECT_EQ(pg->qualify(std::nullopt, "t"), "t");
  EXPECT_EQ(pg->quote("größe"), "\"größe\"");
  EXPECT_EQ(pg->quote("has space"), "\"has space\"");
  EXPECT_EQ(pg->literal("it's"), "'it''s'");
  EXPECT_EQ(ms->quote("a]b"), "[a]]b]");
  EXPECT_EQ(ms->qualify("s", "t"), "s.t");
  EXPECT_EQ(ms->qualify("s", "select"), "s.[select]");
  EXPECT_EQ(ms->literal("it's"), "'it''s'");
  EXPECT_EQ(ms->literal("größe"), "N'größe'");
}

TEST(SqliteSchemas, AttachPathBesideMainFile) {
  ops::CreateSchema schema{.name = "crm"};
  EXPECT_EQ(make_dialect("sqlite", "/data/app.db")->render(schema),
            std::vector<std::string>{"ATTACH DATABASE '/data/app.crm.db' AS crm"});
  EXPECT_EQ(make_dialect("sqlite", "")->render(schema),
            std::vector<std::string>{"ATTACH DATABASE ':memory:' AS crm"});
  EXPECT_EQ(make_dialect("sqlite", "it's.db")->create_version_table({.schema = "crm"}).front(),
            "ATTACH DATABASE 'it''s.crm.db' AS crm");
}

TEST(SqliteSchemas, AttachedFileIsCreatedOnDisk) {
  fs::path dir = fs::temp_directory_path() / ("strata_dialect_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string main = (dir / "app.db").string();
  auto d = make_dialect("sqlite", main);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(main.c_str(), &db), SQLITE_OK);
  std::string sql;
  for (const std::string& s : d->create_version_table({.schema = "crm"})) sql += s + ";\n";
  sql += d->insert_version({.schema = "crm"}, "abc") + ";\n";
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  EXPECT_EQ(rc, SQLITE_OK) << message;
  EXPECT_TRUE(fs::exists((dir / "app.crm.db").string()));
  fs::remove_all(dir);
}

TEST(MysqlDialect, QuotingLiteralsAndCapabilities) {
  auto d = dialect_for("mysql");
  EXPECT_EQ(d->name(), "mysql");
  EXPECT_FALSE(d->transactional_ddl());
  EXPECT_EQ(d->quote("users"), "users");
  EXPECT_EQ(d->quote("a`b"), "`a``b`");
  EXPECT_EQ(d->qualify("s", "order"), "s.`order`");
  EXPECT_EQ(d->literal("it's a \\ path"), "'it''s a \\\\ path'");
  EXPECT_EQ(make_dialect("mysql")->name(), "mysql");
}

TEST(MysqlDialect, Limits) {
  auto d = dialect_for("mysql");
  expect_error(ErrorCode::kScript, "VARCHAR requires a length", [&] {
    d->render(ops::AddColumn{.table = "t", .column = col("c", type(Kind::kString))});
  });
  expect_error(ErrorCode::kScript, "drop_index 'ix' needs the table name on MySQL",
               [&] { d->render(ops::DropIndex{.name = "ix"}); });
  expect_error(ErrorCode::kScript, "index expression", [&] {
    d->render(ops::CreateIndex{index(std::nullopt, "t", "ix", {{"lower(a)", true}})});
  });
  model::Index partial = index(std::nullopt, "t", "ix", {{"a", false}});
  partial.where = "a > 0";
  expect_error(ErrorCode::kScript, "partial index", [&] { d->render(ops::CreateIndex{partial}); });
  ops::Execute execute{.sql = "SELECT 0", .per_dialect = {{"mariadb", "SELECT 1"}}};
  EXPECT_EQ(d->render(execute), std::vector<std::string>{"SELECT 1"});
  execute.per_dialect["mysql"] = "SELECT 2";
  EXPECT_EQ(d->render(execute), std::vector<std::string>{"SELECT 2"});
  EXPECT_EQ(d->render(ops::RenameTable{.schema = "s", .old_name = "a", .new_name = "b"}),
            std::vector<std::string>{"RENAME TABLE s.a TO s.b"});
  EXPECT_EQ(d->create_version_table({.schema = "crm"}).front(), "CREATE DATABASE IF NOT EXISTS crm");
}

}  // namespace
}  // namespace strata::dialect
