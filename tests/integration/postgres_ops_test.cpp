// PostgreSQL ops against a live server (scripts/with-postgres.sh), checked in
// pg_catalog rather than by reading SQL:
//   - move_table with new_name: the table's serial and identity sequences
//     follow it (renamed to <new>_<column>_seq exactly as PostgreSQL would
//     have named them, also for long and non-ASCII names), column defaults
//     point at them, inserts work, foreign keys and indexes come along; and
//     the move back into the default schema; constraints and indexes with
//     PostgreSQL's default names follow the new name and come back with the
//     move back. Online (statements executed one by one) and offline (the
//     script run by psql, as `strata upgrade --sql` output is);
//   - bulk_insert / its delete form: every kind of value reads back exactly,
//     batches beyond 1000 rows, NULLs matched on delete; the reverse deletes
//     exactly the inserted rows (not equal rows that were there, each
//     duplicate once per listing, JSON and REAL compared as stored, online
//     and offline, across partitions); NUL bytes refused in text.
// Skipped unless STRATA_TEST_PG_URL is set.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "dialect/dialect.h"
#include "driver/connection.h"
#include "ops/ops.h"
#include "ops/reverse.h"
#include "strata/error.h"
#include "support/test_support.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata::testing {
namespace {

using Kind = model::Type::Kind;

model::Column serial_key(std::string name) {
  return model::Column{
      .name = std::move(name), .type = {.kind = Kind::kInteger}, .primary_key = true};
}

model::Column column(std::string name, Kind kind, bool nullable = true) {
  return model::Column{.name = std::move(name), .type = {.kind = kind}, .nullable = nullable};
}

ops::CreateTable table(std::optional<std::string> schema, std::string name,
                       std::vector<model::Column> columns) {
  ops::CreateTable op;
  op.table.schema = std::move(schema);
  op.table.name = std::move(name);
  op.table.columns = std::move(columns);
  return op;
}

class PostgresOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!pg_url()) GTEST_SKIP() << "STRATA_TEST_PG_URL is not set (run under scripts/with-postgres.sh)";
    url_ = create_pg_database("strata_ops");
    conn_ = driver::connect(config::parse_url(url_));
  }

  // The op's statements in one transaction, one by one (the online runtime).
  void apply(const ops::Op& op) {
    conn_->begin();
    for (const std::string& statement : dialect_->render(op)) conn_->execute(statement);
    conn_->commit();
  }

  // The op as an offline script run by psql (BEGIN; ...; COMMIT;).
  void apply_offline(const ops::Op& op) {
    std::string script = "BEGIN;\n";
    for (const std::string& statement : dialect_->render(op)) script += statement + ";\n";
    script += "COMMIT;\n";
    TempDir dir;
    write_file(dir.file("up.sql"), script);
    CommandResult r = run_command(
        {"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url_, "-f", dir.file("up.sql")}, "");
    ASSERT_EQ(r.exit_code, 0) << r.err << "\n" << script;
  }

  // The first column of the first row ("NULL" for SQL NULL, "" for no row).
  std::string value(const std::string& sql) {
    driver::QueryResult result = conn_->query(sql);
    if (result.rows.empty()) return "";
    return result.rows[0].at(0).value_or("NULL");
  }

  // "<schema>.<sequence>" of each sequence owned by a column of `table` (a
  // regclass literal such as '"s"."t"'), by column name order: read from
  // pg_depend, unquoted.
  std::vector<std::string> owned_sequences(const std::string& table_literal) {
    driver::QueryResult result = conn_->query(
        "SELECT a.attname || ': ' || sn.nspname || '.' || s.relname FROM pg_depend d "
        "JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
        "JOIN pg_namespace sn ON sn.oid = s.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
        "WHERE d.refobjid = " + table_literal + "::regclass AND d.deptype IN ('a', 'i') "
        "ORDER BY a.attname");
    std::vector<std::string> out;
    for (const driver::Row& row : result.rows) out.push_back(row.at(0).value_or("NULL"));
    return out;
  }

  // The column's default expression as PostgreSQL prints it.
  std::string column_default(const std::string& table_literal, const std::string& column) {
    return value("SELECT pg_get_expr(ad.adbin, ad.adrelid) FROM pg_attrdef ad "
                 "JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum "
                 "WHERE ad.adrelid = " + table_literal + "::regclass AND a.attname = " +
                 dialect_->literal(column));
  }

  // public.rag_documents (serial id, identity seq_no, title with an index and
  // a sequence of its own), public.rag_chunks with a foreign key into it, two
  // documents and a chunk.
  void create_rag_tables() {
    apply(ops::CreateSchema{.name = "rag"});
    apply(table(std::nullopt, "rag_documents",
                {serial_key("id"), column("title", Kind::kText, false)}));
    conn_->execute(
        "ALTER TABLE rag_documents ADD COLUMN seq_no integer GENERATED BY DEFAULT AS IDENTITY;"
        "CREATE SEQUENCE title_counter OWNED BY rag_documents.title");
    ops::CreateTable chunks = table(std::nullopt, "rag_chunks",
                                    {serial_key("id"), column("document_id", Kind::kInteger, false)});
    chunks.table.foreign_keys = {{.name = "fk_rag_chunks_document",
                                  .columns = {"document_id"},
                                  .ref_table = "rag_documents",
                                  .ref_columns = {"id"},
                                  .ondelete = "CASCADE"}};
    apply(chunks);
    apply(ops::CreateIndex{model::Index{.name = "ix_rag_documents_title",
                                        .table = "rag_documents",
                                        .elements = {{"title"}}}});
    conn_->execute(
        "INSERT INTO rag_documents (title) VALUES ('a'), ('b');"
        "INSERT INTO rag_chunks (document_id) VALUES (1)");
  }

  // After the move into rag.documents: everything came along and works.
  void expect_in_rag(long long next_id) {
    EXPECT_EQ(value("SELECT to_regclass('public.rag_documents') IS NULL"), "t");
    EXPECT_EQ(owned_sequences("'rag.documents'"),
              (std::vector<std::string>{"id: rag.documents_id_seq", "seq_no: rag.documents_seq_no_seq",
                                        "title: rag.title_counter"}));
    EXPECT_EQ(value("SELECT count(*) FROM pg_class "
                    "WHERE relkind = 'S' AND relname LIKE 'rag\\_documents%'"),
              "0");
    EXPECT_EQ(column_default("'rag.documents'", "id"), "nextval('rag.documents_id_seq'::regclass)");
    EXPECT_EQ(value("SELECT pg_get_serial_sequence('rag.documents', 'id')"), "rag.documents_id_seq");
    EXPECT_EQ(value("INSERT INTO rag.documents (title) VALUES ('c') RETURNING id || '/' || seq_no"),
              std::to_string(next_id) + "/" + std::to_string(next_id));
    EXPECT_EQ(value("SELECT schemaname || '.' || tablename FROM pg_indexes "
                    "WHERE indexname = 'ix_rag_documents_title'"),
              "rag.documents");
    EXPECT_EQ(value("SELECT confrelid::regclass::text FROM pg_constraint "
                    "WHERE conname = 'fk_rag_chunks_document'"),
              "rag.documents");
    expect_foreign_key_enforced();
  }

  // Back in public.rag_documents, under the old names.
  void expect_in_public(long long next_id) {
    EXPECT_EQ(value("SELECT to_regclass('rag.documents') IS NULL"), "t");
    EXPECT_EQ(owned_sequences("'public.rag_documents'"),
              (std::vector<std::string>{"id: public.rag_documents_id_seq",
                                        "seq_no: public.rag_documents_seq_no_seq",
                                        "title: public.title_counter"}));
    EXPECT_EQ(column_default("'public.rag_documents'", "id"),
              "nextval('rag_documents_id_seq'::regclass)");
    EXPECT_EQ(value("INSERT INTO rag_documents (title) VALUES ('d') RETURNING id || '/' || seq_no"),
              std::to_string(next_id) + "/" + std::to_string(next_id));
    EXPECT_EQ(value("SELECT schemaname || '.' || tablename FROM pg_indexes "
                    "WHERE indexname = 'ix_rag_documents_title'"),
              "public.rag_documents");
    expect_foreign_key_enforced();
  }

  void expect_foreign_key_enforced() {
    try {
      conn_->execute("INSERT INTO rag_chunks (document_id) VALUES (999)");
      ADD_FAILURE() << "a chunk of a missing document was accepted";
    } catch (const Error& e) {
      EXPECT_NE(e.message().find("fk_rag_chunks_document"), std::string::npos) << e.message();
    }
  }

  std::string url_;
  std::unique_ptr<driver::Connection> conn_;
  std::unique_ptr<dialect::Dialect> dialect_ = dialect::make_dialect("postgresql");
};

const ops::MoveTable kToRag{.name = "rag_documents", .new_schema = "rag", .new_name = "documents"};
const ops::MoveTable kBack{.schema = "rag", .name = "documents", .new_name = "rag_documents"};

TEST_F(PostgresOpsTest, MoveTableWithNewNameOnline) {
  create_rag_tables();
  apply(kToRag);
  expect_in_rag(3);
  apply(kBack);
  expect_in_public(4);
  // ON DELETE CASCADE still reaches the chunks.
  conn_->execute("DELETE FROM rag_documents WHERE id = 1");
  EXPECT_EQ(value("SELECT count(*) FROM rag_chunks"), "0");
}

TEST_F(PostgresOpsTest, MoveTableWithNewNameOffline) {
  create_rag_tables();
  apply_offline(kToRag);
  expect_in_rag(3);
  apply_offline(kBack);
  expect_in_public(4);
}

TEST_F(PostgresOpsTest, MoveTableWithoutNewNameKeepsSequenceNames) {
  create_rag_tables();
  apply(ops::MoveTable{.name = "rag_documents", .new_schema = "rag"});
  EXPECT_EQ(owned_sequences("'rag.rag_documents'"),
            (std::vector<std::string>{"id: rag.rag_documents_id_seq",
                                      "seq_no: rag.rag_documents_seq_no_seq",
                                      "title: rag.title_counter"}));
  EXPECT_EQ(value("INSERT INTO rag.rag_documents (title) VALUES ('c') RETURNING id"), "3");
}

TEST_F(PostgresOpsTest, MoveTableQuotesAwkwardIdentifiers) {
  const std::string from = "Ünïcode sch", to = "Zïel \"x\" sch", name = "order",
                    renamed = "bestellung \"x\"", key = "we\"ird col";
  apply(ops::CreateSchema{.name = from});
  apply(ops::CreateSchema{.name = to});
  apply(table(from, name, {serial_key(key), column("it's", Kind::kText)}));
  apply(ops::MoveTable{.schema = from, .name = name, .new_schema = to, .new_name = renamed});
  const std::string moved = dialect_->literal(dialect_->qualify(to, renamed));
  EXPECT_EQ(owned_sequences(moved),
            std::vector<std::string>{key + ": " + to + "." + renamed + "_" + key + "_seq"});
  EXPECT_EQ(value("INSERT INTO " + dialect_->qualify(to, renamed) + " (\"it's\") VALUES ('v') "
                  "RETURNING " + dialect_->quote(key)),
            "1");
  apply(ops::MoveTable{.schema = to, .name = renamed, .new_schema = from, .new_name = name});
  EXPECT_EQ(owned_sequences(dialect_->literal(dialect_->qualify(from, name))),
            std::vector<std::string>{key + ": " + from + ".order_" + key + "_seq"});
}

// The constraint ("c:") and index ("i:") names of a table (a regclass
// literal), sorted.
std::vector<std::string> constraint_and_index_names(driver::Connection& conn,
                                                    const std::string& table_literal) {
  driver::QueryResult result = conn.query(
      "SELECT 'c:' || conname FROM pg_constraint WHERE conrelid = " + table_literal +
      "::regclass UNION ALL SELECT 'i:' || indexrelid::regclass::text FROM pg_index "
      "WHERE indrelid = " + table_literal + "::regclass ORDER BY 1");
  std::vector<std::string> out;
  for (const driver::Row& row : result.rows) out.push_back(row.at(0).value_or("NULL"));
  return out;
}

// move_table with new_name renames what carries PostgreSQL's default name
// for the old table name (primary key, unique, foreign key, checks, plain
// indexes, clash-numbered ones) and keeps names chosen otherwise and names
// already taken; the move back restores every name. Online and offline.
TEST_F(PostgresOpsTest, MoveTableRenamesDefaultNamedConstraintsAndIndexes) {
  conn_->execute(
      "CREATE SCHEMA rag;"
      "CREATE TABLE owners (id integer PRIMARY KEY);"
      "CREATE TABLE rag_documents (id serial PRIMARY KEY, source_url text UNIQUE,"
      " owner_id integer REFERENCES owners (id), score integer CHECK (score > 0),"
      " a integer, b integer, title text, CHECK (a < b), CONSTRAINT custom_uq UNIQUE (title));"
      "CREATE INDEX ON rag_documents (title); CREATE INDEX ON rag_documents (lower(title));"
      "CREATE INDEX ON rag_documents (a); CREATE INDEX ON rag_documents (a);"
      "CREATE INDEX keep_me ON rag_documents (b);"
      "CREATE TABLE rag.other (x integer); CREATE INDEX documents_b_idx ON rag.other (x);"
      "CREATE INDEX ON rag_documents (b);");
  const std::vector<std::string> before = constraint_and_index_names(*conn_, "'rag_documents'");
  ASSERT_EQ(before,
            (std::vector<std::string>{
                "c:custom_uq", "c:rag_documents_check", "c:rag_documents_owner_id_fkey",
                "c:rag_documents_pkey", "c:rag_documents_score_check",
                "c:rag_documents_source_url_key", "i:custom_uq", "i:keep_me",
                "i:rag_documents_a_idx", "i:rag_documents_a_idx1", "i:rag_documents_b_idx",
                "i:rag_documents_lower_idx", "i:rag_documents_pkey",
                "i:rag_documents_source_url_key", "i:rag_documents_title_idx"}));
  const std::vector<std::string> after{
      "c:custom_uq", "c:documents_check", "c:documents_owner_id_fkey", "c:documents_pkey",
      "c:documents_score_check", "c:documents_source_url_key", "i:rag.custom_uq",
      "i:rag.documents_a_idx", "i:rag.documents_a_idx1", "i:rag.documents_lower_idx",
      "i:rag.documents_pkey", "i:rag.documents_source_url_key", "i:rag.documents_title_idx",
      "i:rag.keep_me",
      "i:rag.rag_documents_b_idx"};  // documents_b_idx is taken in rag: kept
  apply(kToRag);
  EXPECT_EQ(constraint_and_index_names(*conn_, "'rag.documents'"), after);
  EXPECT_EQ(value("INSERT INTO rag.documents (source_url, a, b) VALUES ('u', 1, 2) RETURNING id"),
            "1");
  apply(kBack);
  EXPECT_EQ(constraint_and_index_names(*conn_, "'rag_documents'"), before);
  apply_offline(kToRag);
  EXPECT_EQ(constraint_and_index_names(*conn_, "'rag.documents'"), after);
  apply_offline(kBack);
  EXPECT_EQ(constraint_and_index_names(*conn_, "'rag_documents'"), before);
}

// Names near the 63-byte limit: PostgreSQL shortens "<table>_<column>_seq"
// (makeObjectName). After a move the sequence must have exactly the name
// PostgreSQL gives a table created under the new name.
TEST_F(PostgresOpsTest, MoveTableRenamesSequencesOfLongNamesAsPostgresWould) {
  struct Names {
    std::string old_table, new_table, key;
  };
  const std::vector<Names> cases = {
      {std::string(60, 'a'), std::string(61, 'b'), "id"},
      {"documents", std::string(40, 'c'), std::string(40, 'k')},
      {std::string(50, 'd'), "short", std::string(30, 'k')},
      // Two-byte letters: the cut falls on a character boundary.
      {"dökümänts_öf_thë_wörld_ïn_ä_väry_löng_nämë", "äöüäöüäöüäöüäöüäöüäöüäöüäöüä",
       "ïdëntïfïër_öf_thë_röw"},
  };
  apply(ops::CreateSchema{.name = "s1"});
  apply(ops::CreateSchema{.name = "s2"});
  apply(ops::CreateSchema{.name = "probe"});
  for (const Names& n : cases) {
    SCOPED_TRACE(n.old_table + " -> " + n.new_table + " (" + n.key + ")");
    apply(table("s1", n.old_table, {serial_key(n.key)}));
    apply(table("probe", n.new_table, {serial_key(n.key)}));
    const std::vector<std::string> before =
        owned_sequences(dialect_->literal(dialect_->qualify("s1", n.old_table)));
    apply(ops::MoveTable{
        .schema = "s1", .name = n.old_table, .new_schema = "s2", .new_name = n.new_table});
    std::vector<std::string> expected =
        owned_sequences(dialect_->literal(dialect_->qualify("probe", n.new_table)));
    ASSERT_EQ(expected.size(), 1u);
    expected[0].replace(expected[0].find(": probe."), 8, ": s2.");
    const std::vector<std::string> after =
        owned_sequences(dialect_->literal(dialect_->qualify("s2", n.new_table)));
    EXPECT_EQ(after, expected);
    EXPECT_NE(before, after);
  }
}

TEST_F(PostgresOpsTest, BulkInsertValuesReadBackExactly) {
  ops::CreateTable t = table(std::nullopt, "readings",
                             {column("n", Kind::kBigInteger), column("flag", Kind::kBoolean),
                              column("x", Kind::kFloat), column("s", Kind::kText)});
  t.table.columns[2].type.precision = 53;  // FLOAT(53): double precision
  apply(t);
  using V = ops::Value;
  const std::vector<std::vector<V>> rows = {
      {V(std::numeric_limits<long long>::min()), V(true), V(0.1), V(std::string("it's \"q\""))},
      {V(std::numeric_limits<long long>::max()), V(false), V(0.30000000000000004),
       V(std::string("größe\n– ü"))},
      {V(), V(), V(-2.5e-300), V(std::string(""))},
      {V(0LL), V(true), V(1.7976931348623157e308), V()},
      {V(1LL), V(false), V(std::nan("")), V(std::string("\\no escape"))},
      {V(2LL), V(), V(-std::numeric_limits<double>::infinity()), V()},
  };
  const std::vector<std::string> columns = {"n", "flag", "x", "s"};
  apply(ops::BulkInsert{.table = "readings", .columns = columns, .rows = rows});
  driver::QueryResult result = conn_->query(
      "SELECT coalesce(n::text, 'NULL') || '|' || coalesce(flag::text, 'NULL') || '|' || "
      "x::text || '|' || coalesce(s, 'NULL') FROM readings ORDER BY n NULLS FIRST");
  std::vector<std::string> read;
  for (const driver::Row& row : result.rows) read.push_back(row.at(0).value_or("?"));
  EXPECT_EQ(read, (std::vector<std::string>{
                      "NULL|NULL|-2.5e-300|",
                      "-9223372036854775808|true|0.1|it's \"q\"",
                      "0|true|1.7976931348623157e+308|NULL",
                      "1|false|NaN|\\no escape",
                      "2|NULL|-Infinity|NULL",
                      "9223372036854775807|false|0.30000000000000004|größe\n– ü",
                  }));
  // Deleting by value: every row matches itself, NULLs included.
  apply(ops::BulkInsert{
      .table = "readings", .columns = columns, .rows = rows, .delete_rows = true});
  EXPECT_EQ(value("SELECT count(*) FROM readings"), "0");
}

TEST_F(PostgresOpsTest, BulkInsertBeyondOneBatch) {
  apply(table(std::nullopt, "many", {column("n", Kind::kInteger), column("s", Kind::kText)}));
  ops::BulkInsert insert{.table = "many", .columns = {"n", "s"}};
  for (long long i = 0; i < 2345; ++i) insert.rows.push_back({i, std::to_string(i)});
  apply(insert);
  EXPECT_EQ(value("SELECT count(*) || '/' || count(DISTINCT n) || '/' || max(n) FROM many "
                  "WHERE s = n::text"),
            "2345/2345/2344");
  insert.delete_rows = true;
  insert.rows.resize(2001);
  apply(insert);
  EXPECT_EQ(value("SELECT count(*) || '/' || min(n) FROM many"), "344/2001");
}

TEST_F(PostgresOpsTest, BulkInsertReverseDeletesOnlyTheRowsItInserted) {
  conn_->execute(
      "CREATE TABLE r (id serial PRIMARY KEY, name text, n integer, x real, doc json, b bytea);"
      "INSERT INTO r (name) VALUES ('a');"
      "INSERT INTO r (name, x, doc) VALUES ('b', 0.1, '{\"k\": [1, 2]}')");
  using V = ops::Value;
  ops::BulkInsert insert{.table = "r", .columns = {"name", "n", "x", "doc", "b"}};
  insert.types = {model::Type{.kind = Kind::kText}, model::Type{.kind = Kind::kInteger},
                  model::Type{.kind = Kind::kFloat, .precision = 24},
                  model::Type{.kind = Kind::kJson}, model::Type{.kind = Kind::kLargeBinary}};
  insert.rows = {
      {V(std::string("a")), V(), V(), V(), V()},  // equal to the row that was there
      {V(std::string("b")), V(), V(0.1), V(std::string("{\"k\": [1, 2]}")), V()},  // twice
      {V(std::string("b")), V(), V(0.1), V(std::string("{\"k\": [1, 2]}")), V()},
      {V(std::string("c")), V(7LL), V(-2.5), V(), V(std::string("\0\xff", 2))},
  };
  const std::string listing = "SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM r";
  apply(insert);
  EXPECT_EQ(value(listing), "1:a,2:b,3:a,4:b,5:b,6:c");
  EXPECT_EQ(value("SELECT encode(b, 'hex') FROM r WHERE name = 'c'"), "00ff");
  apply(ops::reverse(insert));
  // Exactly the inserted rows went — the serial keys show which.
  EXPECT_EQ(value(listing), "1:a,2:b");

  // Inserted twice, reversed once (offline, as a psql script): one copy stays.
  apply(insert);
  apply(insert);
  apply_offline(ops::reverse(insert));
  EXPECT_EQ(value(listing), "1:a,2:b,7:a,8:b,9:b,10:c");
}

TEST_F(PostgresOpsTest, BulkInsertReverseOnAPartitionedTable) {
  // The same ctid in two partitions: each delete removes one row, the newest.
  conn_->execute(
      "CREATE TABLE p (k integer, name text) PARTITION BY LIST (k);"
      "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1);"
      "CREATE TABLE p2 PARTITION OF p FOR VALUES IN (2);"
      "INSERT INTO p VALUES (1, 'a'), (2, 'a')");
  ops::BulkInsert insert{.table = "p", .columns = {"name"}, .rows = {{std::string("a")}}};
  conn_->execute("INSERT INTO p VALUES (2, 'a')");
  apply(ops::reverse(insert));
  EXPECT_EQ(value("SELECT string_agg(tableoid::regclass || '/' || ctid, ',' ORDER BY k) FROM p"),
            "p1/(0,1),p2/(0,1)");
}

TEST_F(PostgresOpsTest, BulkInsertOfNulInTextIsRefused) {
  ops::BulkInsert insert{.table = "t", .columns = {"s"}, .rows = {{std::string("a\0b", 3)}}};
  try {
    dialect_->render(insert);
    ADD_FAILURE() << "rendered";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_EQ(e.message(), "bulk_insert t: row 1 column s: PostgreSQL text cannot contain NUL bytes");
  }
}

}  // namespace
}  // namespace strata::testing
