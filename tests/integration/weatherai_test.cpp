// The WeatherAI example (examples/weatherai) end to end, copied into a temp
// dir and driven through the strata binary on SQLite (the example's default
// URL), PostgreSQL and MariaDB: rows seeded into the legacy rag tables before
// revision 0004 survive the move into schema `rag`, the move back and the
// move again, checked by a content checksum of every row; the catalog after
// the downgrade equals the catalog before the upgrade; the chunk -> document
// foreign key works in the new location. Also: the SQL Server rendering of
// the same revisions, and the embedding example (examples/embed) that
// upgrades at start-up through libstrata.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.h"
#include "driver/connection.h"
#include "inspect/catalog_snapshot.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

enum class Backend { kSqlite, kPostgres, kMariadb };

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  switch (info.param) {
    case Backend::kSqlite: return "Sqlite";
    case Backend::kPostgres: return "Postgres";
    case Backend::kMariadb: return "Mariadb";
  }
  return "";
}

// The lines only `want` has ("- ") and only `got` has ("+ ").
std::string catalog_diff(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  std::string out;
  for (const auto& l : want) {
    if (std::find(got.begin(), got.end(), l) == got.end()) out += "  - " + l + "\n";
  }
  for (const auto& l : got) {
    if (std::find(want.begin(), want.end(), l) == want.end()) out += "  + " + l + "\n";
  }
  return out;
}

void copy_example(const TempDir& dir) {
  fs::copy(std::string(STRATA_SOURCE_DIR) + "/examples/weatherai", dir.path(),
           fs::copy_options::recursive);
}

const char* const kHistory =
    "20250812_0003 -> 20250826_0004 (head), move rag to schema\n"
    "20250805_0002 -> 20250812_0003, core analytics tables\n"
    "20250801_0001 -> 20250805_0002, legacy rag tables in public\n"
    "<base> -> 20250801_0001, core schema: users and locations\n";

// Checksums of the rag tables and of every core table.
struct Sums {
  std::string documents, chunks, users, locations, requests, usage;
  bool operator==(const Sums&) const = default;
};

void PrintTo(const Sums& s, std::ostream* os) {
  *os << "documents: " << s.documents << "\nchunks: " << s.chunks << "\nusers: " << s.users
      << "\nlocations: " << s.locations << "\nrequests: " << s.requests
      << "\nusage: " << s.usage;
}

class WeatherAi : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    switch (GetParam()) {
      case Backend::kPostgres:
        if (!pg_url()) GTEST_SKIP() << "no PostgreSQL (run under scripts/with-postgres.sh)";
        url_ = create_pg_database("strata_weatherai");
        break;
      case Backend::kSqlite:
        url_ = "sqlite:///" + dir.file("weatherai.db");  // sqlite:////tmp/...: absolute
        break;
      case Backend::kMariadb: {
        const char* base = std::getenv("STRATA_TEST_MYSQL_URL");
        if (base == nullptr || *base == '\0') GTEST_SKIP() << "STRATA_TEST_MYSQL_URL is not set";
        // Schemas are server-wide databases here: core and rag are shared by
        // every WeatherAI test (ctest serialises them with a RESOURCE_LOCK).
        std::string b = base;
        url_ = b.substr(0, b.rfind('/') + 1) + "strata_weatherai";
        auto admin = driver::connect(config::parse_url(b));
        admin->execute("DROP DATABASE IF EXISTS core; DROP DATABASE IF EXISTS rag; "
                       "DROP DATABASE IF EXISTS strata_weatherai; CREATE DATABASE strata_weatherai");
        break;
      }
    }
    copy_example(dir);
  }
  bool pg() const { return GetParam() == Backend::kPostgres; }
  bool maria() const { return GetParam() == Backend::kMariadb; }
  std::string dialect() const { return pg() ? "postgresql" : maria() ? "mysql" : "sqlite"; }

  CommandResult strata(const std::vector<std::string>& args) {
    return run_strata(args, dir.path(), {"WEATHERAI_DB_URL=" + url_});
  }
  void migrate(const std::vector<std::string>& args) {
    CommandResult r = strata(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  // A fresh connection through strata's own drivers (SQLite: the schema
  // files that exist are attached, foreign keys are enforced).
  std::unique_ptr<driver::Connection> connect() { return driver::connect(config::parse_url(url_)); }

  // The rows of the last statement of `text`, one line per row, values
  // joined by '|' (NULL as "NULL"). Throws strata::Error when the database
  // rejects a statement.
  std::string sql(const std::string& text) {
    auto conn = connect();
    driver::QueryResult r = conn->query(text);
    std::string out;
    for (const driver::Row& row : r.rows) {
      for (size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("NULL");
      out += "\n";
    }
    return out;
  }

  std::string blob(const std::string& hex) const {
    return pg() ? "'\\x" + hex + "'::bytea" : "x'" + hex + "'";
  }
  std::string timestamp(const std::string& text) const {
    return "'" + text + (maria() ? "'" : "+00'");  // MariaDB DATETIME has no zone
  }

  // Every row of `table` (all columns, ordered by `order`) as one value:
  // the row count and the md5 of the rows' text (PostgreSQL: row::text;
  // MariaDB: QUOTE() of each column); SQLite has no md5, so the column names
  // and every value quote()d (blobs as X'..') are the value.
  std::string checksum(const std::string& schema, const std::string& table,
                       const std::string& order) {
    if (pg()) {
      return sql("SELECT count(*) || ' rows, md5 ' || md5(string_agg(t::text, E'\\n' "
                 "ORDER BY " + order + ")) FROM " + schema + "." + table + " t");
    }
    std::string list = maria() ? sql("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_schema = '" + schema + "' AND table_name = '" +
                                      table + "' ORDER BY ordinal_position")
                               : sql("SELECT name FROM pragma_table_info('" + table + "', '" +
                                     schema + "') ORDER BY cid");
    std::string quoted;
    for (size_t start = 0, nl; (nl = list.find('\n', start)) != std::string::npos;
         start = nl + 1) {
      quoted += (quoted.empty() ? "" : ", ") + std::string(maria() ? "QUOTE(" : "quote(") +
                list.substr(start, nl - start) + ")";
    }
    EXPECT_FALSE(quoted.empty()) << schema << "." << table << " has no columns";
    const std::string from = schema + "." + table;
    if (maria()) {
      return sql("SELECT CONCAT(COUNT(*), ' rows, md5 ', MD5(GROUP_CONCAT(CONCAT_WS(',', " +
                 quoted + ") ORDER BY " + order + " SEPARATOR '\\n'))) FROM " + from);
    }
    std::string rows = sql("SELECT " + quoted + " FROM " + from + " ORDER BY " + order);
    return list + sql("SELECT count(*) || ' rows' FROM " + from) + rows;
  }

  // The legacy tables' schema: public on PostgreSQL, main on SQLite, the
  // URL's database on MariaDB.
  std::string legacy() const { return pg() ? "public" : maria() ? "strata_weatherai" : "main"; }

  bool exists(const std::string& schema, const std::string& table) {
    if (pg()) return sql("SELECT to_regclass('" + schema + "." + table + "') IS NOT NULL") == "t\n";
    if (maria()) {
      return sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema +
                 "' AND table_name = '" + table + "'") == "1\n";
    }
    if (schema != "main" && !fs::exists(dir.file("weatherai." + schema + ".db"))) return false;
    return sql("SELECT count(*) FROM " + schema + ".sqlite_master WHERE type = 'table' AND "
               "name = '" + table + "'") == "1\n";
  }

  // The catalog of every schema the example touches (strata's own snapshot:
  // tables, columns, keys, constraints, indexes, sequences, comments).
  std::vector<std::string> catalog() {
    auto conn = connect();
    return inspect::catalog_snapshot(*conn, dialect(), {legacy(), "core", "rag"});
  }

  void seed() {
    auto conn = connect();
    conn->execute(
        "INSERT INTO core.users (email, display_name) VALUES "
        "('ann@example.com', 'Ann O''Hara'), ('bo@example.com', NULL)");
    conn->execute(
        "INSERT INTO core.locations (user_id, name, latitude, longitude) VALUES "
        "(1, 'Zürich', 47.376887, 8.541694), (2, 'Quito', -0.180653, -78.467834)");
    conn->execute(
        "INSERT INTO core.forecast_requests (user_id, location_id, requested_at, model_version, "
        "latency_ms) VALUES (1, 1, " + timestamp("2025-08-20 10:00:00") + ", 'wx-2', 120), "
        "(2, 2, " + timestamp("2025-08-21 11:30:00") + ", 'wx-2', NULL)");
    conn->execute(
        "INSERT INTO core.daily_usage (user_id, day, request_count) VALUES (1, '2025-08-20', 3)");
    conn->execute(
        "INSERT INTO " + legacy() + ".rag_documents (title, source_url, content, metadata, "
        "created_at) VALUES "
        "('Föhn winds', 'https://example.com/foehn', 'Warm, dry\ndownslope wind; \"quoted\"', "
        "'{\"lang\": \"de\", \"tags\": [\"wind\"]}', " + timestamp("2025-08-01 00:00:00") + "), "
        "('Empty meta', NULL, 'it''s plain', NULL, " + timestamp("2025-08-02 12:34:56") + "), "
        "('Third', 'https://example.com/3', 'three', '[]', " + timestamp("2025-08-03 00:00:00") +
        ")");
    conn->execute(
        "INSERT INTO " + legacy() + ".rag_document_chunks (document_id, chunk_index, content, "
        "embedding) VALUES "
        "(1, 0, 'Warm, dry', " + blob("00ff10203f") + "), (1, 1, 'downslope wind', NULL), "
        "(2, 0, 'it''s plain', " + blob("deadbeef00") + "), (3, 0, 'three', " + blob("") + ")");
  }

  Sums sums(const std::string& documents_schema, const std::string& documents,
            const std::string& chunks) {
    return Sums{checksum(documents_schema, documents, "id"),
                checksum(documents_schema, chunks, "id"),
                checksum("core", "users", "id"),
                checksum("core", "locations", "id"),
                checksum("core", "forecast_requests", "id"),
                checksum("core", "daily_usage", "user_id, day")};
  }
  Sums legacy_sums() { return sums(legacy(), "rag_documents", "rag_document_chunks"); }
  Sums moved_sums() { return sums("rag", "documents", "document_chunks"); }

  // Does the database refuse `statement`?
  bool refused(const std::string& statement) {
    try {
      connect()->execute(statement);
    } catch (const Error&) {
      return true;
    }
    return false;
  }

  TempDir dir;
  std::string url_;
};

TEST_P(WeatherAi, MoveToRagSchemaKeepsEveryRow) {
  migrate({"-q", "upgrade", "20250812_0003"});
  EXPECT_EQ(strata({"current"}).out, "20250812_0003\n");
  seed();
  const Sums before = legacy_sums();
  const std::vector<std::string> catalog_before = catalog();
  if (std::getenv("STRATA_TEST_VERBOSE")) PrintTo(before, &std::cerr);
  ASSERT_NE(before.documents.find("3 rows"), std::string::npos) << before.documents;
  ASSERT_NE(before.chunks.find("4 rows"), std::string::npos) << before.chunks;
  ASSERT_GT(catalog_before.size(), 20u);

  CommandResult up = strata({"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("INFO  [strata] Running upgrade 20250812_0003 -> 20250826_0004, move rag "
                        "to schema\n"),
            std::string::npos)
      << up.err;
  EXPECT_EQ(strata({"current"}).out, "20250826_0004 (head)\n");
  EXPECT_EQ(moved_sums(), before);
  EXPECT_FALSE(exists(legacy(), "rag_documents"));
  EXPECT_FALSE(exists(legacy(), "rag_document_chunks"));
  EXPECT_NE(catalog(), catalog_before);

  // The chunk -> document foreign key lives on in rag: an orphan is refused,
  // a chunk of an existing document is accepted (in a rolled-back
  // transaction, so the checksums below still hold).
  EXPECT_TRUE(refused("INSERT INTO rag.document_chunks (document_id, chunk_index, content) "
                      "VALUES (999, 0, 'orphan')"));
  {
    auto conn = connect();
    conn->begin();
    conn->execute("INSERT INTO rag.document_chunks (document_id, chunk_index, content) "
                  "VALUES (3, 1, 'more')");
    driver::QueryResult r = conn->query("SELECT count(*) FROM rag.document_chunks");
    EXPECT_EQ(r.rows.at(0).at(0).value_or(""), "5");
    conn->rollback();
  }
  // The unique (document_id, chunk_index) index came along too.
  EXPECT_TRUE(refused("INSERT INTO rag.document_chunks (document_id, chunk_index, content) "
                      "VALUES (1, 0, 'duplicate')"));
  if (pg()) {
    EXPECT_EQ(sql("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\\n' "
                  "ORDER BY conname) FROM pg_constraint WHERE conrelid = "
                  "'rag.document_chunks'::regclass"),
              "fk_document_chunks_document_id_documents FOREIGN KEY (document_id) REFERENCES "
              "rag.documents(id) ON DELETE CASCADE\npk_document_chunks PRIMARY KEY (id)\n");
    EXPECT_EQ(sql("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes "
                  "WHERE schemaname = 'rag'"),
              "ix_rag_document_chunks_document_id,ix_rag_documents_source_url,pk_document_chunks,"
              "pk_documents\n");
    // The owned sequences followed the tables and their new names.
    EXPECT_EQ(sql("SELECT string_agg(sequence_schema || '.' || sequence_name, ',' ORDER BY "
                  "sequence_name) FROM information_schema.sequences WHERE sequence_schema IN "
                  "('public', 'rag')"),
              "rag.document_chunks_id_seq,rag.documents_id_seq\n");
  }
  if (maria()) {
    EXPECT_EQ(sql("SELECT DISTINCT constraint_name, referenced_table_schema, referenced_table_name "
                  "FROM information_schema.key_column_usage WHERE table_schema = 'rag' AND "
                  "referenced_table_name IS NOT NULL"),
              "fk_document_chunks_document_id_documents|rag|documents\n");
    EXPECT_EQ(sql("SELECT DISTINCT index_name FROM information_schema.statistics WHERE "
                  "table_schema = 'rag' AND index_name LIKE 'ix%' ORDER BY BINARY index_name"),
              "ix_rag_document_chunks_document_id\nix_rag_documents_source_url\n");
  }

  CommandResult history = strata({"history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out, kHistory);
  CommandResult indicated = strata({"history", "-i"});
  EXPECT_NE(indicated.out.find("20250812_0003 -> 20250826_0004 (head) (current), move rag to "
                               "schema\n"),
            std::string::npos)
      << indicated.out;

  // downgrade -1: the legacy tables are back, with the same rows, and the
  // catalog is what it was before the upgrade.
  CommandResult down = strata({"downgrade", "-1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(strata({"current"}).out, "20250812_0003\n");
  EXPECT_EQ(legacy_sums(), before);
  EXPECT_EQ(catalog(), catalog_before);
  EXPECT_FALSE(exists("rag", "documents"));
  EXPECT_FALSE(exists("rag", "document_chunks"));
  if (pg()) {
    EXPECT_EQ(sql("SELECT count(*) FROM pg_namespace WHERE nspname = 'rag'"), "0\n");
  } else if (maria()) {
    EXPECT_EQ(sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'rag'"),
              "0\n");
  } else {
    // op.drop_schema detaches rag at commit and removes its (empty) file.
    EXPECT_FALSE(fs::exists(dir.file("weatherai.rag.db")));
  }
  EXPECT_TRUE(refused("INSERT INTO " + legacy() + ".rag_document_chunks (document_id, "
                      "chunk_index, content) VALUES (999, 0, 'orphan')"));

  // And up again.
  migrate({"-q", "upgrade", "head"});
  EXPECT_EQ(strata({"current"}).out, "20250826_0004 (head)\n");
  EXPECT_EQ(moved_sums(), before);
  // The id sequence / rowid / AUTO_INCREMENT kept its position.
  EXPECT_EQ(sql("INSERT INTO rag.documents (title, content) VALUES ('new', 'n') RETURNING id"),
            "4\n");
}

// The guide's models (examples/weatherai/models) agree with the database
// the revisions build: `strata check` is clean at head.
TEST_P(WeatherAi, CheckIsCleanAtHead) {
  migrate({"-q", "upgrade", "head"});
  CommandResult check = strata({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out, "No new upgrade operations detected.\n");
  EXPECT_EQ(check.err, "");
  // One revision behind, the models are ahead: check says what differs.
  migrate({"-q", "downgrade", "-1"});
  CommandResult behind = strata({"check"});
  EXPECT_EQ(behind.exit_code, 1) << behind.err;
  EXPECT_NE(behind.out.find("move_table rag_documents to rag.documents"), std::string::npos)
      << behind.out;
}

// Adopting strata on the guide's database: `models dump` writes model files
// that check clean, also under the guide's naming convention.
TEST_P(WeatherAi, DumpedModelsCheckCleanAtHead) {
  migrate({"-q", "upgrade", "head"});
  CommandResult dump = strata({"-q", "models", "dump", "-o", "dumped"});
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  for (const char* schema : {"core", "rag"}) {
    EXPECT_TRUE(fs::exists(dir.file(std::string("dumped/") + schema + ".lua"))) << schema;
  }
  std::string toml = read_file(dir.file("strata.toml"));
  const std::string from = "models = [\"models/*.lua\"]";
  toml.replace(toml.find(from), from.size(), "models = [\"dumped/*.lua\"]");
  write_file(dir.file("strata.toml"), toml);
  CommandResult check = strata({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// Phase 3 written by autogenerate instead of by hand: from revision 0003
// with seeded rows, the head models give move_table ops (no drop_table);
// after upgrading, every row's checksum is unchanged and the catalog is the
// one the hand-written revision 0004 makes; the written downgrade restores
// 0003's catalog.
TEST_P(WeatherAi, AutogenerateFrom0003WritesMovesAndKeepsRows) {
  migrate({"-q", "upgrade", "head"});
  const std::vector<std::string> catalog_of_0004 = catalog();
  migrate({"-q", "downgrade", "-1"});
  seed();
  const Sums before = legacy_sums();
  const std::vector<std::string> catalog_before = catalog();
  fs::remove(dir.file("migrations/versions/20250826_0004_move_rag_to_schema.lua"));

  CommandResult gen = strata({"revision", "--autogenerate", "-m", "move rag to schema",
                              "--rev-id", "auto_0004"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::string path;
  for (const auto& entry : fs::directory_iterator(dir.file("migrations/versions"))) {
    if (entry.path().filename().string().rfind("auto_0004", 0) == 0) path = entry.path();
  }
  ASSERT_NE(path, "") << gen.out;
  const std::string text = read_file(path);
  const std::string upgrade = text.substr(0, text.find("function downgrade()"));
  EXPECT_NE(upgrade.find("op.move_table(\"rag_documents\", {new_schema = \"rag\", new_name = \"documents\"})"),
            std::string::npos) << text;
  EXPECT_NE(upgrade.find("op.move_table(\"rag_document_chunks\", {new_schema = \"rag\", new_name = \"document_chunks\"})"),
            std::string::npos) << text;
  EXPECT_EQ(upgrade.find("drop_table"), std::string::npos) << text;
  EXPECT_EQ(upgrade.find("create_table"), std::string::npos) << text;

  migrate({"-q", "upgrade", "head"});
  EXPECT_EQ(strata({"current"}).out, "auto_0004 (head)\n");
  EXPECT_EQ(moved_sums(), before);
  std::vector<std::string> after = catalog();
  EXPECT_EQ(after, catalog_of_0004) << catalog_diff(catalog_of_0004, after) << text;
  CommandResult check = strata({"check"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  migrate({"-q", "downgrade", "-1"});
  EXPECT_EQ(legacy_sums(), before);
  EXPECT_EQ(catalog(), catalog_before);
}

TEST_P(WeatherAi, FreshDatabaseToHeadAndBack) {
  CommandResult history = strata({"history"});  // reads no database
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_EQ(history.out, kHistory);
  EXPECT_EQ(strata({"current"}).out, "");

  migrate({"-q", "upgrade", "head"});
  EXPECT_EQ(strata({"current"}).out, "20250826_0004 (head)\n");
  EXPECT_TRUE(exists("rag", "documents"));
  EXPECT_TRUE(exists("core", "alembic_version"));
  EXPECT_FALSE(exists(legacy(), "alembic_version"));
  migrate({"-q", "downgrade", "-1"});
  EXPECT_TRUE(exists(legacy(), "rag_documents"));
  migrate({"-q", "upgrade", "head"});
  migrate({"-q", "downgrade", "base"});
  EXPECT_EQ(strata({"current"}).out, "");
  for (const char* table : {"users", "locations", "forecast_requests", "daily_usage"}) {
    EXPECT_FALSE(exists("core", table)) << table;
  }
  EXPECT_FALSE(exists(legacy(), "rag_documents"));
  EXPECT_EQ(sql("SELECT count(*) FROM core.alembic_version"), "0\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, WeatherAi,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres,
                                           Backend::kMariadb),
                         backend_name);

TEST(WeatherAiDefaultUrl, SqliteFilesBesideTheProject) {
  // strata.toml's default: url = "${WEATHERAI_DB_URL:-sqlite:///weatherai.db}".
  unsetenv("WEATHERAI_DB_URL");
  TempDir dir;
  copy_example(dir);
  CommandResult up = run_strata({"-q", "upgrade", "head"}, dir.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  for (const char* file : {"weatherai.db", "weatherai.core.db", "weatherai.rag.db"}) {
    EXPECT_TRUE(fs::exists(dir.file(file))) << file;
  }
  CommandResult current = run_strata({"current", "-v"}, dir.path());
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out.find("Current revision(s) for sqlite:///weatherai.db:\n"
                             "Rev: 20250826_0004 (head)\n"),
            0u)
      << current.out;
}

TEST(WeatherAiOffline, SqlServerScriptHasBatchesAndTransfers) {
  TempDir dir;
  copy_example(dir);
  CommandResult r = run_strata(
      {"-q", "--url", "mssql://sa:Sup3r%21Secret@db.example.com/weatherai", "upgrade", "head",
       "--sql"},
      dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::string& out = r.out;
  EXPECT_EQ(out.find("BEGIN TRANSACTION;\n\nGO\n\n"), 0u) << out;
  EXPECT_EQ(out.substr(out.size() - 13), "COMMIT;\n\nGO\n\n") << out;
  // Every statement is its own batch: each GO follows a terminated statement.
  size_t statements = 0, batches = 0;
  for (size_t pos = 0; (pos = out.find(";\n\nGO\n\n", pos)) != std::string::npos; ++pos) {
    ++batches;
  }
  for (size_t pos = 0; (pos = out.find("\n\nGO\n\n", pos)) != std::string::npos; ++pos) {
    ++statements;
  }
  EXPECT_GT(batches, 10u);
  EXPECT_EQ(batches, statements);
  EXPECT_NE(out.find("-- Running upgrade 20250812_0003 -> 20250826_0004\n\n"
                     "IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'rag') "
                     "EXEC(N'CREATE SCHEMA rag');\n\nGO\n\n"),
            std::string::npos)
      << out;
  for (const char* transfer :
       {"ALTER SCHEMA rag TRANSFER dbo.rag_documents;",
        "EXEC sp_rename N'rag.rag_documents', N'documents';",
        "ALTER SCHEMA rag TRANSFER dbo.rag_document_chunks;",
        "EXEC sp_rename N'rag.rag_document_chunks', N'document_chunks';",
        "ALTER TABLE rag_document_chunks DROP CONSTRAINT rag_document_chunks_document_id_fkey;",
        "ALTER TABLE rag.document_chunks ADD CONSTRAINT fk_document_chunks_document_id_documents "
        "FOREIGN KEY(document_id) REFERENCES rag.documents (id) ON DELETE CASCADE;",
        "EXEC sp_rename N'rag.rag_documents_pkey', N'pk_documents', N'OBJECT';",
        "EXEC sp_rename N'rag.document_chunks.idx_rag_chunks_document', "
        "N'ix_rag_document_chunks_document_id', N'INDEX';"}) {
    EXPECT_NE(out.find(transfer), std::string::npos) << transfer;
  }
  EXPECT_NE(out.find("UPDATE core.alembic_version SET version_num='20250826_0004' WHERE "
                     "core.alembic_version.version_num = '20250812_0003';\n\nGO\n\n"),
            std::string::npos);
  // No PostgreSQL or SQLite form leaked in, and the password never appears.
  EXPECT_EQ(out.find("SET SCHEMA"), std::string::npos);
  EXPECT_EQ(out.find("ATTACH"), std::string::npos);
  for (const char* secret : {"Sup3r", "Secret", "%21"}) {
    EXPECT_EQ(out.find(secret), std::string::npos) << secret;
  }

  CommandResult down =
      run_strata({"-q", "--url", "mssql://sa:Sup3r%21Secret@db.example.com/weatherai",
                  "downgrade", "20250826_0004:20250812_0003", "--sql"},
                 dir.path());
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("ALTER SCHEMA dbo TRANSFER rag.documents;\n\nGO\n\n"
                          "EXEC sp_rename N'dbo.documents', N'rag_documents';"),
            std::string::npos)
      << down.out;
  EXPECT_EQ(down.out.find("Secret"), std::string::npos);
}

// The embedding example: a service that upgrades its database at start-up.
class EmbedExample : public ::testing::Test {
 protected:
  void SetUp() override { copy_example(dir); }
  CommandResult run(const std::string& url) {
    return run_command({STRATA_EMBED_BINARY, dir.file("strata.toml"), url}, dir.path());
  }
  TempDir dir;
};

TEST_F(EmbedExample, UpgradesSqliteAtStartup) {
  const std::string url = "sqlite:///" + dir.file("service.db");
  CommandResult first = run(url);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "database at 20250826_0004\nservice ready\n");
  EXPECT_EQ(first.err,
            "[migrate] Running upgrade  -> 20250801_0001, core schema: users and locations\n"
            "[migrate] Running upgrade 20250801_0001 -> 20250805_0002, legacy rag tables in public\n"
            "[migrate] Running upgrade 20250805_0002 -> 20250812_0003, core analytics tables\n"
            "[migrate] Running upgrade 20250812_0003 -> 20250826_0004, move rag to schema\n");
  EXPECT_TRUE(fs::exists(dir.file("service.rag.db")));
  // The strata CLI sees the same state.
  CommandResult current = run_strata({"--url", url, "current"}, dir.path());
  EXPECT_EQ(current.out, "20250826_0004 (head)\n");

  // A second start finds nothing to do.
  CommandResult second = run(url);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, "database at 20250826_0004\nservice ready\n");
  EXPECT_EQ(second.err, "");
}

TEST_F(EmbedExample, BrokenUrlFailsWithOneLine) {
  CommandResult r = run("postgresql://svc:hunter2@127.0.0.1:1/weatherai");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.find("startup failed: cannot connect to postgresql://svc:***@127.0.0.1:1/weatherai: "),
            0u)
      << r.err;
  EXPECT_EQ(r.err.find("hunter2"), std::string::npos);

  CommandResult scheme = run("oracle://db/weatherai");
  EXPECT_EQ(scheme.exit_code, 1);
  EXPECT_EQ(scheme.out, "");
  EXPECT_EQ(scheme.err, "startup failed: unsupported database URL scheme 'oracle'\n");
}

TEST_F(EmbedExample, UpgradesPostgresAtStartup) {
  if (!pg_url()) GTEST_SKIP() << "no PostgreSQL (run under scripts/with-postgres.sh)";
  const std::string url = create_pg_database("strata_embed");
  CommandResult r = run(url);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "database at 20250826_0004\nservice ready\n");
  EXPECT_EQ(psql(url, "SELECT version_num FROM core.alembic_version"), "20250826_0004\n");
  EXPECT_EQ(psql(url, "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY "
                      "table_schema, table_name) FROM "
                      "information_schema.tables WHERE table_schema IN ('core', 'rag', 'public')"),
            "core.alembic_version,core.daily_usage,core.forecast_requests,core.locations,"
            "core.strata_history,core.users,rag.document_chunks,rag.documents\n");
}

}  // namespace
}  // namespace strata::testing
