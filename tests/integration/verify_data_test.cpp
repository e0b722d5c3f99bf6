// `upgrade --verify-data` / `downgrade --verify-data` (runtime/data_verifier.h)
// on PostgreSQL, SQLite and MariaDB:
//  - the CLI: a revision that rebuilds (SQLite alter_column type change),
//    drops a column, moves and renames a table with 200 rows passes both
//    ways, each verified table is reported, and the rows are there;
//    strata.toml verify_data = true does the same; --sql refuses the flag;
//  - a lossy step is caught: a LiveApplier that loses or changes a row right
//    after the real op (a test-only stand-in for a broken copy) makes the op
//    fail naming the table; the transaction rolls back (MariaDB: nothing is
//    rolled back, the migration stops);
//  - PostgreSQL end to end: an event trigger that deletes a row when the
//    table is moved fails `upgrade --verify-data` (exit 1, one line), the
//    database stays at the revision before with every row; without the flag
//    the same loss goes through (the control);
//  - examples/weatherai revision 0004 (moves tables, SQLite rebuilds) with
//    rows passes with --verify-data on SQLite and PostgreSQL, both ways.
// A missing server skips its cases, unless STRATA_REQUIRE_LIVE names it (or
// CI is set): then it fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "dialect/live.h"
#include "driver/connection.h"
#include "runtime/data_verifier.h"
#include "runtime/sql_emitter.h"
#include "strata/error.h"
#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

enum class Backend { kSqlite, kPostgres, kMariadb };

std::string dialect_of(Backend b) {
  return b == Backend::kPostgres ? "postgresql" : b == Backend::kMariadb ? "mysql" : "sqlite";
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::kSqlite: return "Sqlite";
    case Backend::kPostgres: return "Postgres";
    case Backend::kMariadb: return "Mariadb";
  }
  return "";
}

// Lines of `text` that contain `needle`.
int count_lines(const std::string& text, const std::string& needle) {
  int n = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.substr(start, end - start).find(needle) != std::string::npos) ++n;
    start = end + 1;
  }
  return n;
}

// 200 rows: text with quotes, NULLs, numbers kept as text in `qty`.
std::string seed_sql(const std::string& table) {
  std::string sql = "INSERT INTO " + table + " (id, name, qty, note) VALUES ";
  for (int i = 1; i <= 200; ++i) {
    sql += (i > 1 ? ", (" : "(") + std::to_string(i) + ", 'item O''" + std::to_string(i) +
           "', '" + std::to_string(i * 7) + "', " + (i % 3 == 0 ? "NULL" : "'note " + std::to_string(i) + "'") +
           ")";
  }
  return sql;
}

const char* const kCreateItems =
    "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50), qty VARCHAR(20), note "
    "VARCHAR(100))";

// The rows of `sql`, one line per row, values joined by '|' (NULL as NULL).
std::string rows_of(driver::Connection& conn, const std::string& sql) {
  std::string out;
  for (const driver::Row& row : conn.query(sql).rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("NULL");
    out += "\n";
  }
  return out;
}

class VerifyData : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string why;
    db_ = LiveDb::open(dialect_of(GetParam()), &why);
    if (!db_) {
      if (live_required(dialect_of(GetParam()))) FAIL() << why;
      GTEST_SKIP() << why;
    }
    // The schema tables move to: server-wide on MariaDB, so unique there.
    schema_ = GetParam() == Backend::kMariadb ? "arch_" + unique_suffix() : "arch";
    db_->own(schema_);
  }
  bool sqlite() const { return GetParam() == Backend::kSqlite; }
  bool maria() const { return GetParam() == Backend::kMariadb; }
  // The default schema's qualified table name for queries.
  std::string legacy(const std::string& table) const {
    return maria() ? table : db_->default_schema() + "." + table;
  }

  void write_project(const std::string& extra_config = "") {
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + db_->url() + "\"\n" + extra_config);
    fs::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("migrations/versions/r1.lua"),
               "revision = \"r1\"\ndown_revision = nil\n"
               "function upgrade()\n"
               "  op.create_schema(\"" + schema_ + "\")\n"
               "  op.create_table(\"items\", op.column(\"id\", op.Integer, {primary_key = true}),\n"
               "    op.column(\"name\", op.String(50)), op.column(\"qty\", op.String(20)),\n"
               "    op.column(\"note\", op.String(100)))\n"
               "end\n"
               "function downgrade()\n"
               "  op.drop_table(\"items\")\n"
               "  op.drop_schema(\"" + schema_ + "\")\n"
               "end\n");
    // A rebuild on SQLite (type change), a dropped column, a move, a rename.
    write_file(dir_.file("migrations/versions/r2.lua"),
               "revision = \"r2\"\ndown_revision = \"r1\"\n"
               "function upgrade()\n"
               "  op.alter_column(\"items\", \"qty\", {type_ = op.Integer, existing_type = "
               "op.String(20), postgresql_using = \"qty::integer\"})\n"
               "  op.drop_column(\"items\", \"note\")\n"
               "  op.move_table(\"items\", {new_schema = \"" + schema_ + "\"})\n"
               "  op.rename_table(\"items\", \"things\", {schema = \"" + schema_ + "\"})\n"
               "end\n"
               "function downgrade()\n"
               "  op.rename_table(\"things\", \"items\", {schema = \"" + schema_ + "\"})\n"
               "  op.move_table(\"items\", {schema = \"" + schema_ + "\"})\n"
               "  op.add_column(\"items\", op.column(\"note\", op.String(100)))\n"
               "  op.alter_column(\"items\", \"qty\", {type_ = op.String(20), existing_type = "
               "op.Integer})\n"
               "end\n");
  }
  CommandResult strata(const std::vector<std::string>& args) {
    return run_strata(args, dir_.path());
  }
  // A fresh connection (SQLite: attaches the schema files strata created).
  std::unique_ptr<driver::Connection> connect() {
    return driver::connect(config::parse_url(db_->url()));
  }

  // Upgrade to r1 and seed 200 rows.
  void at_r1_with_rows() {
    CommandResult r = strata({"upgrade", "r1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    connect()->execute(seed_sql(legacy("items")));
  }

  void check_cli_round_trip(const std::vector<std::string>& flag) {
    ASSERT_NO_FATAL_FAILURE(at_r1_with_rows());
    std::vector<std::string> up = {"upgrade", "head"};
    up.insert(up.end(), flag.begin(), flag.end());
    CommandResult r = strata(up);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string out = r.out + r.err;
    EXPECT_EQ(count_lines(out, "--verify-data: " + schema_ + ".items: 200 rows, content unchanged"), 1)
        << out;
    EXPECT_EQ(count_lines(out, "--verify-data: " + schema_ + ".things: 200 rows, content unchanged"), 1)
        << out;
    // SQLite rebuilds the table for the type change; drop_column is verified
    // there too. PostgreSQL and MariaDB alter in place: not measured.
    EXPECT_EQ(count_lines(out, "--verify-data: "), sqlite() ? 4 : 2) << out;
    auto conn = connect();
    EXPECT_EQ(rows_of(*conn, "SELECT count(*), sum(qty), min(name), max(name) FROM " + schema_ +
                                 ".things"),
              "200|140700|item O'1|item O'99\n");

    std::vector<std::string> down = {"downgrade", "base"};
    down.insert(down.end(), flag.begin(), flag.end());
    down[1] = "r1";
    r = strata(down);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GE(count_lines(r.out + r.err, "--verify-data: "), 2) << r.out << r.err;
    conn = connect();
    EXPECT_EQ(rows_of(*conn, "SELECT count(*), count(note), min(name) FROM " + legacy("items")),
              "200|0|item O'1\n");
  }

  TempDir dir_;
  std::unique_ptr<LiveDb> db_;
  std::string schema_;
};

TEST_P(VerifyData, CliMoveRenameRebuildPassBothWays) {
  write_project();
  check_cli_round_trip({"--verify-data"});
}

TEST_P(VerifyData, ConfigKeyTurnsItOn) {
  write_project("verify_data = true\n");
  check_cli_round_trip({});
}

TEST_P(VerifyData, RefusedWithSql) {
  write_project();
  CommandResult r = strata({"upgrade", "head", "--sql", "--verify-data"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--verify-data needs a live database; it cannot be used with --sql"),
            std::string::npos)
      << r.err;
  // The config key is ignored offline: the script is written.
  write_project("verify_data = true\n");
  r = strata({"upgrade", "r1", "--sql"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("items"), std::string::npos) << r.out;
}

// A LiveApplier that applies every op as strata does, then runs `lossy_sql`
// after the op `hit` names: a broken copy, as the verifier must see it.
class LossyApplier : public dialect::LiveApplier {
 public:
  LossyApplier(const dialect::Dialect& d, std::string lossy_sql)
      : d_(d), real_(dialect::make_live_applier(d)), lossy_sql_(std::move(lossy_sql)) {}
  bool needs_live_catalog(const ops::Op&) const override { return true; }
  void apply_live(const ops::Op& op, driver::Connection& conn) const override {
    if (real_->needs_live_catalog(op)) {
      real_->apply_live(op, conn);
    } else {
      for (const std::string& statement : d_.render(op)) conn.execute(statement);
    }
    conn.execute(lossy_sql_);
  }

 private:
  const dialect::Dialect& d_;
  std::unique_ptr<dialect::LiveApplier> real_;
  std::string lossy_sql_;
};

class VerifyDataLoss : public VerifyData {
 protected:
  // items with 200 rows in the default schema, the target schema created.
  void make_items() {
    db_->apply({ops::CreateSchema{schema_, false}});
    db_->conn().execute(kCreateItems);
    db_->conn().execute(seed_sql("items"));
  }
  // Apply `op` through a LossyApplier with the verifier on; returns the
  // error message ("" when it passed). Rolled back where transactional.
  std::string apply_lossy(const ops::Op& op, const std::string& lossy_sql) {
    driver::Connection& conn = db_->conn();
    LossyApplier lossy(db_->dialect(), lossy_sql);
    runtime::SqlEmitter emitter(db_->dialect(), lossy, conn, {});
    runtime::DataVerifier verifier(db_->dialect(), conn);
    emitter.set_observer(&verifier);
    const bool transactional = db_->dialect().transactional_ddl();
    if (transactional) conn.begin();
    std::string message;
    try {
      emitter.emit(op);
      if (transactional) conn.commit();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kDatabase);
      message = e.message();
      if (conn.in_transaction()) conn.rollback();
    }
    return message;
  }
  std::string items_summary(const std::string& table) {
    return rows_of(db_->conn(), "SELECT count(*), min(name), max(note) FROM " + table);
  }
  const std::string kAllRows = "200|item O'1|note 98\n";
};

TEST_P(VerifyDataLoss, MoveLosingARowFailsAndRollsBack) {
  make_items();
  const std::string message =
      apply_lossy(ops::MoveTable{std::nullopt, "items", schema_, std::nullopt},
                  "DELETE FROM " + schema_ + ".items WHERE id = 7");
  EXPECT_NE(message.find("--verify-data: move_table"), std::string::npos) << message;
  EXPECT_NE(message.find(schema_ + ".items: 200 rows before, 199 after"), std::string::npos)
      << message;
  if (maria()) {
    // No transactional DDL: the move stays, and so does the loss.
    EXPECT_EQ(items_summary(schema_ + ".items"), "199|item O'1|note 98\n");
    return;
  }
  EXPECT_EQ(items_summary(legacy("items")), kAllRows);
  EXPECT_THROW(db_->conn().query("SELECT count(*) FROM " + schema_ + ".items"), Error);
}

TEST_P(VerifyDataLoss, RenameChangingAValueFailsOnChecksum) {
  make_items();
  const std::string message =
      apply_lossy(ops::RenameTable{std::nullopt, "items", "things"},
                  "UPDATE things SET name = 'changed' WHERE id = 2");
  EXPECT_NE(message.find("--verify-data: rename_table"), std::string::npos) << message;
  EXPECT_NE(message.find("things: content checksum differs (200 rows)"), std::string::npos)
      << message;
  if (maria()) return;  // the rename stays
  EXPECT_EQ(rows_of(db_->conn(), "SELECT name FROM items WHERE id = 2"), "item O'2\n");
}

TEST_P(VerifyDataLoss, MoveLosingAColumnFails) {
  make_items();
  const std::string message =
      apply_lossy(ops::MoveTable{std::nullopt, "items", schema_, std::nullopt},
                  "ALTER TABLE " + schema_ + ".items DROP COLUMN note");
  EXPECT_NE(message.find(schema_ + ".items: column note is missing after the op"),
            std::string::npos)
      << message;
  if (!maria()) {
    EXPECT_EQ(items_summary(legacy("items")), kAllRows);
  }
}

TEST_P(VerifyDataLoss, SameApplierWithoutLossPasses) {
  make_items();
  // The LossyApplier's extra statement changes nothing here: the verifier
  // says nothing, so the failures above come from the lost rows alone.
  EXPECT_EQ(apply_lossy(ops::MoveTable{std::nullopt, "items", schema_, std::nullopt},
                        "DELETE FROM " + schema_ + ".items WHERE id = 1000"),
            "");
  EXPECT_EQ(items_summary(schema_ + ".items"), kAllRows);
}

// A table rebuild is SQLite's.
class VerifyDataRebuild : public VerifyDataLoss {};

TEST_P(VerifyDataRebuild, SqliteRebuildLosingARowFails) {
  make_items();
  ops::AlterColumn alter;
  alter.table = "items";
  alter.column = "qty";
  alter.type = model::Type{};  // Integer
  // The type-changed column itself is not compared; a lost row is caught.
  const std::string message = apply_lossy(alter, "DELETE FROM items WHERE id = 3");
  EXPECT_NE(message.find("--verify-data: alter_column"), std::string::npos) << message;
  EXPECT_NE(message.find("items: 200 rows before, 199 after"), std::string::npos) << message;
  EXPECT_EQ(items_summary("items"), kAllRows);
  EXPECT_EQ(rows_of(db_->conn(), "SELECT type FROM pragma_table_info('items') WHERE name = 'qty'"),
            "VARCHAR(20)\n");
  // A changed value in an unchanged column: the checksum.
  const std::string changed = apply_lossy(alter, "UPDATE items SET note = 'x' WHERE id = 4");
  EXPECT_NE(changed.find("items: content checksum differs (200 rows)"), std::string::npos)
      << changed;
}

INSTANTIATE_TEST_SUITE_P(Backends, VerifyData,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kMariadb),
                         backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, VerifyDataLoss,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres, Backend::kMariadb),
                         backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, VerifyDataRebuild, ::testing::Values(Backend::kSqlite),
                         backend_name);

// PostgreSQL end to end: an event trigger deletes a row when the table is
// moved (ALTER TABLE ... SET SCHEMA), inside the migration's transaction.
class VerifyDataPostgres : public VerifyData {};

TEST_P(VerifyDataPostgres, EventTriggerLossIsCaughtAndRolledBack) {
  write_project();
  // r2 moves only: the event trigger fires on its ALTER TABLE.
  write_file(dir_.file("migrations/versions/r2.lua"),
             "revision = \"r2\"\ndown_revision = \"r1\"\n"
             "function upgrade()\n  op.move_table(\"items\", {new_schema = \"arch\"})\nend\n"
             "function downgrade()\n  op.move_table(\"items\", {schema = \"arch\"})\nend\n");
  ASSERT_NO_FATAL_FAILURE(at_r1_with_rows());
  psql(db_->url(),
       "CREATE FUNCTION lose_a_row() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN "
       "IF to_regclass('arch.items') IS NOT NULL THEN DELETE FROM arch.items WHERE id = 5; "
       "END IF; END $$; "
       "CREATE EVENT TRIGGER lose_a_row ON ddl_command_end WHEN TAG IN ('ALTER TABLE') "
       "EXECUTE FUNCTION lose_a_row();");
  CommandResult r = strata({"upgrade", "head", "--verify-data"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  ASSERT_EQ(count_lines(r.err, "strata: error: "), 1) << r.err;
  const std::string line = r.err.substr(r.err.find("strata: error: "));
  EXPECT_EQ(line.find("strata: error: upgrade r1 -> r2"), 0u) << line;
  EXPECT_NE(line.find("--verify-data: move_table"), std::string::npos) << line;
  EXPECT_NE(line.find("arch.items: 200 rows before, 199 after"), std::string::npos) << line;
  auto conn = connect();
  EXPECT_EQ(rows_of(*conn, "SELECT version_num FROM alembic_version"), "r1\n");
  EXPECT_EQ(rows_of(*conn, "SELECT count(*) FROM public.items"), "200\n");
  EXPECT_EQ(rows_of(*conn, "SELECT to_regclass('arch.items') IS NULL"), "t\n");
  // The control: without the flag the same loss goes through.
  r = strata({"upgrade", "head"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rows_of(*conn, "SELECT count(*) FROM arch.items"), "199\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, VerifyDataPostgres, ::testing::Values(Backend::kPostgres),
                         backend_name);

// examples/weatherai revision 0004 moves the rag tables (SQLite: copies, and
// rebuilds for the foreign key): with rows, --verify-data passes both ways.
class VerifyDataWeatherAi : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      REQUIRE_PG_SERVER();
      url_ = create_pg_database("strata_vd_weatherai");
    } else {
      url_ = "sqlite:///" + dir_.file("weatherai.db");
    }
    fs::copy(std::string(STRATA_SOURCE_DIR) + "/examples/weatherai", dir_.path(),
             fs::copy_options::recursive);
  }
  CommandResult strata(const std::vector<std::string>& args) {
    return run_strata(args, dir_.path(), {"WEATHERAI_DB_URL=" + url_});
  }
  std::string query(const std::string& sql) {
    auto conn = driver::connect(config::parse_url(url_));
    return rows_of(*conn, sql);
  }
  TempDir dir_;
  std::string url_;
};

TEST_P(VerifyDataWeatherAi, MoveRevisionPassesBothWays) {
  const bool pg = GetParam() == Backend::kPostgres;
  CommandResult r = strata({"upgrade", "20250812_0003"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  {
    auto conn = driver::connect(config::parse_url(url_));
    std::string docs = "INSERT INTO rag_documents (id, title, source_url, content) VALUES ";
    std::string chunks =
        "INSERT INTO rag_document_chunks (id, document_id, chunk_index, content, embedding) VALUES ";
    for (int i = 1; i <= 50; ++i) {
      docs += (i > 1 ? ", (" : "(") + std::to_string(i) + ", 'Doc ''" + std::to_string(i) +
              "', " + (i % 4 ? "'https://x/" + std::to_string(i) + "'" : "NULL") + ", 'text')";
      for (int c = 0; c < 3; ++c) {
        const int id = i * 10 + c;
        chunks += std::string(i == 1 && c == 0 ? "(" : ", (") + std::to_string(id) + ", " +
                  std::to_string(i) + ", " + std::to_string(c) + ", 'chunk', " +
                  (pg ? "'\\x0a0b'::bytea" : "x'0a0b'") + ")";
      }
    }
    conn->execute(docs);
    conn->execute(chunks);
  }
  r = strata({"upgrade", "head", "--verify-data"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = r.out + r.err;
  EXPECT_GE(count_lines(out, "--verify-data: rag.documents: 50 rows, content unchanged"), 1)
      << out;
  EXPECT_GE(count_lines(out, "--verify-data: rag.document_chunks: 150 rows, content unchanged"), 1)
      << out;
  EXPECT_EQ(query("SELECT count(*), count(embedding) FROM rag.document_chunks"), "150|150\n");
  EXPECT_EQ(query("SELECT count(*), count(source_url) FROM rag.documents"), "50|38\n");

  r = strata({"downgrade", "20250812_0003", "--verify-data"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(count_lines(r.out + r.err, "--verify-data: rag_document_chunks: 150 rows"), 1)
      << r.out << r.err;
  EXPECT_EQ(query("SELECT count(*) FROM rag_document_chunks"), "150\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, VerifyDataWeatherAi,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backend_name);

}  // namespace
}  // namespace strata::testing
