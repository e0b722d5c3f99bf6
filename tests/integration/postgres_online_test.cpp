// The strata binary against a real PostgreSQL 15: a two-schema project
// (`core`, `rag`) written into a temp dir, upgraded online and offline.
//   - online: the exact catalog (columns, indexes, constraints, comments),
//     data written by a data migration (op.query), `current`, and that
//     downgrade -1 / base followed by re-upgrade gives the same catalog;
//   - offline: `upgrade head --sql` applied with psql to an empty database
//     leaves the same pg_dump as the online upgrade, and
//     `downgrade head:base --sql` takes it back to (almost) empty.
// The online tests are skipped unless run under scripts/with-postgres.sh.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace strata::testing {
namespace {

const char* const kCore = R"lua(-- core accounts
--
-- Revision ID: 0001
-- Revises:
-- Create Date: 2025-09-01 10:00:00

revision = "0001"
down_revision = nil
branch_labels = nil
depends_on = nil

function upgrade()
  -- The version table lives in core too: strata creates the schema before
  -- the first revision runs, so this one must tolerate it.
  op.create_schema("core", {if_not_exists = true})
  op.create_table("accounts",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("email", op.String(255), {nullable = false, unique = true}),
    op.column("status", op.String(20), {nullable = false, server_default = "active",
                                         comment = "active or disabled"}),
    op.column("created_at", op.DateTime{timezone = true},
              {nullable = false, server_default = op.text("now()")}),
    op.column("score", op.Numeric(10, 2), {server_default = "0"}),
    op.check_constraint("ck_accounts_status", "status IN ('active', 'disabled')"),
    {schema = "core", comment = "user accounts"})
  op.create_index("ix_accounts_email_lower", "accounts", {op.text("lower(email)")},
                  {schema = "core", unique = true})
  op.execute("INSERT INTO core.accounts (email) VALUES ('ann@example.com'), ('bob@example.com')")
end

function downgrade()
  op.drop_index("ix_accounts_email_lower", {table = "accounts", schema = "core"})
  op.drop_table("accounts", {schema = "core"})
end
)lua";

const char* const kRag = R"lua(-- rag documents
--
-- Revision ID: 0002
-- Revises: 0001
-- Create Date: 2025-09-02 10:00:00

revision = "0002"
down_revision = "0001"
branch_labels = nil
depends_on = nil

function upgrade()
  op.create_schema("rag")
  op.create_table("documents",
    op.column("id", op.BigInteger, {primary_key = true}),
    op.column("account_id", op.Integer,
              {nullable = false, foreign_key = {"core.accounts.id", name = "fk_documents_account",
                                                ondelete = "CASCADE"}}),
    op.column("title", op.String(300), {nullable = false, comment = "shown in lists"}),
    op.column("body", op.Text),
    op.column("published", op.Boolean, {nullable = false, server_default = op.text("false")}),
    op.unique_constraint({"account_id", "title"}, {name = "uq_documents_account_title"}),
    {schema = "rag"})
  op.create_table("staging",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("document_id", op.BigInteger),
    op.column("note", op.String(50)),
    op.foreign_key_constraint({"document_id"}, "rag.documents", {"id"},
                              {name = "fk_staging_document", ondelete = "SET NULL"}),
    {schema = "rag"})
  op.create_index("ix_documents_published", "documents", {"account_id"},
                  {schema = "rag", where = "published"})
  op.create_index("ix_documents_title", "documents", {"title"}, {schema = "rag"})
  op.execute{
    postgresql = "CREATE VIEW rag.published_documents AS SELECT id, title FROM rag.documents WHERE published",
    sql = "CREATE VIEW published_documents AS SELECT 'wrong dialect' AS id",
  }
end

function downgrade()
  op.execute("DROP VIEW rag.published_documents")
  op.drop_index("ix_documents_title", {table = "documents", schema = "rag"})
  op.drop_index("ix_documents_published", {table = "documents", schema = "rag"})
  op.drop_table("staging", {schema = "rag"})
  op.drop_table("documents", {schema = "rag"})
  op.drop_schema("rag")
end
)lua";

const char* const kAlter = R"lua(-- alter documents
--
-- Revision ID: 0003
-- Revises: 0002
-- Create Date: 2025-09-03 10:00:00

revision = "0003"
down_revision = "0002"
branch_labels = nil
depends_on = nil

function upgrade()
  op.add_column("documents",
                op.column("lang", op.String(8), {nullable = false, server_default = "en",
                                                 comment = "ISO code"}),
                {schema = "rag"})
  op.drop_column("accounts", "score", {schema = "core"})
  op.drop_index("ix_documents_title", {table = "documents", schema = "rag"})
  op.create_index("ix_documents_lang_title", "documents", {"lang", "title"},
                  {schema = "rag", unique = true})
  op.rename_table("staging", "archive", {schema = "rag"})
  op.execute("COMMENT ON TABLE rag.archive IS '" .. op.x("archive_note", "archived documents") .. "'")
end

function downgrade()
  op.execute("COMMENT ON TABLE rag.archive IS NULL")
  op.rename_table("archive", "staging", {schema = "rag"})
  op.drop_index("ix_documents_lang_title", {table = "documents", schema = "rag"})
  op.create_index("ix_documents_title", "documents", {"title"}, {schema = "rag"})
  op.add_column("accounts", op.column("score", op.Numeric(10, 2), {server_default = "0"}),
                {schema = "core"})
  op.drop_column("documents", "lang", {schema = "rag"})
end
)lua";

// A data migration: reads rows, writes derived rows. Online only.
const char* const kWelcome = R"lua(-- welcome documents
--
-- Revision ID: 0004
-- Revises: 0003
-- Create Date: 2025-09-04 10:00:00

revision = "0004"
down_revision = "0003"
branch_labels = nil
depends_on = nil

function upgrade()
  local accounts = op.query("SELECT id, email, NULL AS nothing FROM core.accounts ORDER BY id")
  for _, row in ipairs(accounts) do
    assert(row.nothing == nil, "NULL must read as nil")
    op.execute(string.format(
      "INSERT INTO rag.documents (account_id, title, body, published) " ..
      "VALUES (%d, 'Welcome %s', 'one of %d', true)",
      tonumber(row.id), row.email, #accounts))
  end
end

function downgrade()
  op.execute("DELETE FROM rag.documents WHERE title LIKE 'Welcome %'")
end
)lua";

// 1-based line of the first line of `text` containing `needle`.
int line_of(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(needle) != std::string::npos) return n;
  }
  return -1;
}

// pg_dump --schema-only, without the per-run random \restrict keys.
std::string schema_dump(const std::string& url) {
  CommandResult r =
      run_command({"pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-d", url}, "");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream in(r.out);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0) continue;
    out += line + "\n";
  }
  return out;
}

// The catalog of schemas core and rag in a stable text form.
std::string catalog(const std::string& url) {
  return psql(url,
              "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace "
              "WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'") +
         "-- tables\n" +
         psql(url,
              "SELECT table_schema || '.' || table_name || ' ' || table_type "
              "FROM information_schema.tables WHERE table_schema IN ('core', 'rag') "
              "AND table_name <> 'strata_history' ORDER BY 1") +
         "-- columns\n" +
         psql(url,
              "SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type "
              "|| coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || "
              "coalesce(' default ' || column_default, '') FROM information_schema.columns "
              "WHERE table_schema IN ('core', 'rag') AND table_name <> 'strata_history' "
              "ORDER BY table_schema, table_name, ordinal_position") +
         "-- indexes\n" +
         psql(url,
              "SELECT indexdef FROM pg_indexes WHERE schemaname IN ('core', 'rag') "
              "AND tablename <> 'strata_history' ORDER BY schemaname, indexname") +
         "-- constraints\n" +
         psql(url,
              "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
              "FROM pg_constraint WHERE connamespace::regnamespace::text IN ('core', 'rag') "
              "AND conrelid::regclass::text <> 'core.strata_history' "
              "ORDER BY conrelid::regclass::text, conname") +
         "-- comments\n" +
         psql(url,
              "SELECT c.oid::regclass || coalesce('.' || a.attname, '') || ' = ' || d.description "
              "FROM pg_description d JOIN pg_class c ON c.oid = d.objoid AND d.classoid = "
              "'pg_class'::regclass LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND "
              "a.attnum = d.objsubid AND d.objsubid > 0 "
              "WHERE c.relnamespace::regnamespace::text IN ('core', 'rag') ORDER BY 1");
}

const char* const kHeadCatalog =
    "core,public,rag\n"
    "-- tables\n"
    "core.accounts BASE TABLE\n"
    "core.alembic_version BASE TABLE\n"
    "rag.archive BASE TABLE\n"
    "rag.documents BASE TABLE\n"
    "rag.published_documents VIEW\n"
    "-- columns\n"
    "core.accounts.id integer NO default nextval('core.accounts_id_seq'::regclass)\n"
    "core.accounts.email character varying(255) NO\n"
    "core.accounts.status character varying(20) NO default 'active'::character varying\n"
    "core.accounts.created_at timestamp with time zone NO default now()\n"
    "core.alembic_version.version_num character varying(32) NO\n"
    "rag.archive.id integer NO default nextval('rag.staging_id_seq'::regclass)\n"
    "rag.archive.document_id bigint YES\n"
    "rag.archive.note character varying(50) YES\n"
    "rag.documents.id bigint NO default nextval('rag.documents_id_seq'::regclass)\n"
    "rag.documents.account_id integer NO\n"
    "rag.documents.title character varying(300) NO\n"
    "rag.documents.body text YES\n"
    "rag.documents.published boolean NO default false\n"
    "rag.documents.lang character varying(8) NO default 'en'::character varying\n"
    "rag.published_documents.id bigint YES\n"
    "rag.published_documents.title character varying(300) YES\n"
    "-- indexes\n"
    "CREATE UNIQUE INDEX accounts_email_key ON core.accounts USING btree (email)\n"
    "CREATE UNIQUE INDEX accounts_pkey ON core.accounts USING btree (id)\n"
    "CREATE UNIQUE INDEX alembic_version_pkc ON core.alembic_version USING btree (version_num)\n"
    "CREATE UNIQUE INDEX ix_accounts_email_lower ON core.accounts USING btree (lower((email)::text))\n"
    "CREATE UNIQUE INDEX documents_pkey ON rag.documents USING btree (id)\n"
    "CREATE UNIQUE INDEX ix_documents_lang_title ON rag.documents USING btree (lang, title)\n"
    "CREATE INDEX ix_documents_published ON rag.documents USING btree (account_id) WHERE published\n"
    "CREATE UNIQUE INDEX staging_pkey ON rag.archive USING btree (id)\n"
    "CREATE UNIQUE INDEX uq_documents_account_title ON rag.documents USING btree (account_id, title)\n"
    "-- constraints\n"
    "core.accounts accounts_email_key UNIQUE (email)\n"
    "core.accounts accounts_pkey PRIMARY KEY (id)\n"
    "core.accounts ck_accounts_status CHECK (((status)::text = ANY ((ARRAY['active'::character "
    "varying, 'disabled'::character varying])::text[])))\n"
    "core.alembic_version alembic_version_pkc PRIMARY KEY (version_num)\n"
    "rag.archive fk_staging_document FOREIGN KEY (document_id) REFERENCES rag.documents(id) ON "
    "DELETE SET NULL\n"
    "rag.archive staging_pkey PRIMARY KEY (id)\n"
    "rag.documents documents_pkey PRIMARY KEY (id)\n"
    "rag.documents fk_documents_account FOREIGN KEY (account_id) REFERENCES core.accounts(id) ON "
    "DELETE CASCADE\n"
    "rag.documents uq_documents_account_title UNIQUE (account_id, title)\n"
    "-- comments\n"
    "core.accounts = user accounts\n"
    "core.accounts.status = active or disabled\n"
    "rag.archive = kept for audit\n"
    "rag.documents.lang = ISO code\n"
    "rag.documents.title = shown in lists\n";

// After downgrade base: only the version table's schema and table remain.
const char* const kBaseCatalog =
    "core,public\n"
    "-- tables\n"
    "core.alembic_version BASE TABLE\n"
    "-- columns\n"
    "core.alembic_version.version_num character varying(32) NO\n"
    "-- indexes\n"
    "CREATE UNIQUE INDEX alembic_version_pkc ON core.alembic_version USING btree (version_num)\n"
    "-- constraints\n"
    "core.alembic_version alembic_version_pkc PRIMARY KEY (version_num)\n"
    "-- comments\n";

#define REQUIRE_POSTGRES() \
  if (!pg_url()) GTEST_SKIP() << "no PostgreSQL (run under scripts/with-postgres.sh)"

class PostgresOnline : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"),
               "script_location = \"migrations\"\nversion_table_schema = \"core\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    add("0001_core_accounts.lua", kCore);
    add("0002_rag_documents.lua", kRag);
    add("0003_alter_documents.lua", kAlter);
  }
  void add(const std::string& file, const std::string& text) {
    write_file(dir.file("migrations/versions/" + file), text);
  }
  void add_data_migration() { add("0004_welcome_documents.lua", kWelcome); }

  // strata with `--url url -x archive_note=...`.
  CommandResult strata(const std::string& url, std::vector<std::string> args) {
    std::vector<std::string> all{"--url", url, "-x", "archive_note=kept for audit"};
    all.insert(all.end(), args.begin(), args.end());
    return run_strata(all, dir.path());
  }
  // Apply a SQL file with psql, stopping at the first error.
  CommandResult apply(const std::string& url, const std::string& sql) {
    const std::string path = dir.file("script.sql");
    write_file(path, sql);
    return run_command({"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", path}, "");
  }

  TempDir dir;
};

TEST_F(PostgresOnline, UpgradeHeadBuildsCatalogAndData) {
  REQUIRE_POSTGRES();
  add_data_migration();
  const std::string url = create_pg_database("strata_online");
  CommandResult up = strata(url, {"upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(up.out, "");
  EXPECT_EQ(up.err,
            "INFO  [strata] Context impl postgresql.\n"
            "INFO  [strata] Will assume transactional DDL.\n"
            "INFO  [strata] Running upgrade  -> 0001, core accounts\n"
            "INFO  [strata] Running upgrade 0001 -> 0002, rag documents\n"
            "INFO  [strata] Running upgrade 0002 -> 0003, alter documents\n"
            "INFO  [strata] Running upgrade 0003 -> 0004, welcome documents\n");
  EXPECT_EQ(catalog(url), kHeadCatalog);
  EXPECT_EQ(psql(url, "SELECT version_num FROM core.alembic_version"), "0004\n");
  EXPECT_EQ(psql(url, "SELECT id, email, status FROM core.accounts ORDER BY id"),
            "1|ann@example.com|active\n2|bob@example.com|active\n");
  // The data migration read the accounts with op.query and derived rows.
  EXPECT_EQ(psql(url, "SELECT id, account_id, title, body, published, lang FROM rag.documents "
                      "ORDER BY id"),
            "1|1|Welcome ann@example.com|one of 2|t|en\n"
            "2|2|Welcome bob@example.com|one of 2|t|en\n");
  // The per-dialect op.execute took the postgresql form.
  EXPECT_EQ(psql(url, "SELECT id, title FROM rag.published_documents ORDER BY id"),
            "1|Welcome ann@example.com\n2|Welcome bob@example.com\n");
  // Cross-schema FK with ON DELETE CASCADE.
  psql(url, "DELETE FROM core.accounts WHERE email = 'bob@example.com'");
  EXPECT_EQ(psql(url, "SELECT account_id FROM rag.documents ORDER BY id"), "1\n");
  EXPECT_THROW(psql(url, "INSERT INTO core.accounts (email, status) VALUES ('c@x', 'weird')"),
               std::runtime_error);  // the check constraint

  CommandResult current = strata(url, {"current"});
  ASSERT_EQ(current.exit_code, 0) << current.err;
  EXPECT_EQ(current.out, "0004 (head)\n");
  CommandResult verbose = strata(url, {"current", "-v"});
  EXPECT_EQ(verbose.out.find("Current revision(s) for " + url + ":\nRev: 0004 (head)\n"), 0u)
      << verbose.out;
}

TEST_F(PostgresOnline, DowngradeAndReupgradeGiveTheSameCatalog) {
  REQUIRE_POSTGRES();
  add_data_migration();
  const std::string url = create_pg_database("strata_roundtrip");
  ASSERT_EQ(strata(url, {"-q", "upgrade", "head"}).exit_code, 0);
  const std::string head_dump = schema_dump(url);
  ASSERT_EQ(catalog(url), kHeadCatalog);

  // -1 undoes the data migration only.
  CommandResult down = strata(url, {"downgrade", "-1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.err.find("INFO  [strata] Running downgrade 0004 -> 0003, welcome documents\n"),
            std::string::npos)
      << down.err;
  EXPECT_EQ(strata(url, {"current"}).out, "0003\n");
  EXPECT_EQ(psql(url, "SELECT count(*) FROM rag.documents"), "0\n");
  EXPECT_EQ(catalog(url), kHeadCatalog);

  // The same catalog as a database upgraded straight to 0003.
  const std::string direct = create_pg_database("strata_direct");
  ASSERT_EQ(strata(direct, {"-q", "upgrade", "0003"}).exit_code, 0);
  EXPECT_EQ(schema_dump(url), schema_dump(direct));

  CommandResult base = strata(url, {"-q", "downgrade", "base"});
  ASSERT_EQ(base.exit_code, 0) << base.err;
  EXPECT_EQ(strata(url, {"current"}).out, "");
  EXPECT_EQ(catalog(url), kBaseCatalog);
  EXPECT_EQ(psql(url, "SELECT count(*) FROM core.alembic_version"), "0\n");

  CommandResult again = strata(url, {"-q", "upgrade", "head"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(catalog(url), kHeadCatalog);
  EXPECT_EQ(schema_dump(url), head_dump);
  EXPECT_EQ(psql(url, "SELECT account_id, title FROM rag.documents ORDER BY account_id"),
            "1|Welcome ann@example.com\n2|Welcome bob@example.com\n");
  EXPECT_EQ(strata(url, {"current"}).out, "0004 (head)\n");
}

TEST_F(PostgresOnline, OfflineSqlMatchesOnlineUpgrade) {
  REQUIRE_POSTGRES();
  // No op.query in this project: every revision can run offline.
  const std::string online = create_pg_database("strata_online");
  const std::string offline = create_pg_database("strata_offline");
  ASSERT_EQ(strata(online, {"-q", "upgrade", "head"}).exit_code, 0);

  // --sql never connects: a URL nobody answers on still renders.
  const std::string nowhere = "postgresql://nobody:secret@127.0.0.1:1/nowhere";
  CommandResult sql = strata(nowhere, {"-q", "upgrade", "head", "--sql"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_EQ(sql.err, "");
  EXPECT_EQ(sql.out.find("BEGIN;\n\nDO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_namespace "
                         "WHERE nspname = 'core') THEN\n    CREATE SCHEMA core;\n  END IF;\nEND\n"
                         "$$;\n\nCREATE TABLE core.alembic_version ("),
            0u)
      << sql.out;
  EXPECT_NE(sql.out.find("-- Running upgrade 0002 -> 0003\n\n"), std::string::npos);
  EXPECT_NE(sql.out.find("COMMENT ON TABLE rag.archive IS 'kept for audit';"), std::string::npos);
  EXPECT_EQ(sql.out.find("wrong dialect"), std::string::npos);
  EXPECT_EQ(sql.out.find("secret"), std::string::npos);
  EXPECT_EQ(sql.out.substr(sql.out.size() - 9), "COMMIT;\n\n");

  CommandResult applied = apply(offline, sql.out);
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(applied.err.find("ERROR"), std::string::npos) << applied.err;

  EXPECT_EQ(schema_dump(offline), schema_dump(online));
  EXPECT_EQ(catalog(offline), catalog(online));
  EXPECT_EQ(psql(offline, "SELECT version_num FROM core.alembic_version"), "0003\n");
  EXPECT_EQ(psql(online, "SELECT version_num FROM core.alembic_version"), "0003\n");
  const std::string accounts = "SELECT id, email, status FROM core.accounts ORDER BY id";
  EXPECT_EQ(psql(offline, accounts), psql(online, accounts));
  EXPECT_EQ(psql(offline, accounts), "1|ann@example.com|active\n2|bob@example.com|active\n");
  // strata reads the offline-built database like its own.
  EXPECT_EQ(strata(offline, {"current"}).out, "0003 (head)\n");

  // downgrade head:base --sql after it: back to the version table's schema.
  CommandResult down = strata(nowhere, {"-q", "downgrade", "head:base", "--sql"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("-- Running downgrade 0001 -> \n\n"), std::string::npos) << down.out;
  EXPECT_NE(down.out.find("DELETE FROM core.alembic_version WHERE core.alembic_version.version_num "
                          "= '0001';\n\nDROP TABLE core.alembic_version;\n\nCOMMIT;\n\n"),
            std::string::npos)
      << down.out;
  CommandResult reverted = apply(offline, down.out);
  ASSERT_EQ(reverted.exit_code, 0) << reverted.err;
  EXPECT_EQ(reverted.err, "");
  // Exactly what remains: the (empty) core schema, which the dialect created
  // for the version table and no downgrade drops.
  EXPECT_EQ(catalog(offline),
            "core,public\n-- tables\n-- columns\n-- indexes\n-- constraints\n-- comments\n");
  // (strata_history stays, with its index and sequence.)
  EXPECT_EQ(psql(offline, "SELECT count(*) FROM pg_class WHERE relnamespace = 'core'::regnamespace "
                          "AND relname NOT LIKE 'strata\\_history%'"),
            "0\n");
  EXPECT_EQ(strata(offline, {"current"}).out, "");

  // And the online database downgraded to base matches, but for the (empty)
  // version table an online run keeps.
  ASSERT_EQ(strata(online, {"-q", "downgrade", "base"}).exit_code, 0);
  EXPECT_EQ(catalog(online), kBaseCatalog);
}

TEST_F(PostgresOnline, QueryInSqlModeIsAnErrorAtTheCallingLine) {
  // Offline never connects, so this needs no server.
  add_data_migration();
  CommandResult sql = strata("postgresql://u:pw@127.0.0.1:1/db", {"-q", "upgrade", "head", "--sql"});
  EXPECT_EQ(sql.exit_code, 1);
  EXPECT_EQ(sql.err, "strata: error: migrations/versions/0004_welcome_documents.lua:" +
                         std::to_string(line_of(kWelcome, "op.query(")) +
                         ": op.query is not available in --sql mode\n");
  // Revisions that don't query still render up to the failing one.
  CommandResult partial =
      strata("postgresql://u:pw@127.0.0.1:1/db", {"-q", "upgrade", "0001:0003", "--sql"});
  ASSERT_EQ(partial.exit_code, 0) << partial.err;
  EXPECT_NE(partial.out.find("UPDATE core.alembic_version SET version_num='0003'"),
            std::string::npos);
}

// op.autocommit_block: the CONCURRENTLY index is built outside the
// migration's transaction (COMMIT before it, BEGIN after), online and in the
// --sql script; outside a block the op API refuses it at the calling line.
const char* const kConcurrent = R"lua(-- concurrent index
--
-- Revision ID: 0004
-- Revises: 0003

revision = "0004"
down_revision = "0003"

function upgrade()
  op.autocommit_block(function()
    op.create_index("ix_documents_body_c", "documents", {"body"},
                    {schema = "rag", concurrently = true})
  end)
  op.create_table_comment("documents", "indexed concurrently", {schema = "rag"})
end

function downgrade()
  op.reverse_upgrade()
end
)lua";

TEST_F(PostgresOnline, AutocommitBlockBuildsConcurrentIndexOutsideTheTransaction) {
  REQUIRE_POSTGRES();
  // reverse_upgrade needs the comment that was there before: none.
  std::string script = kConcurrent;
  const std::string plain = "{schema = \"rag\"})\nend";
  script.replace(script.find(plain), plain.size(),
                 "{schema = \"rag\", existing_comment = false})\nend");
  add("0004_concurrent_index.lua", script);
  const std::string url = create_pg_database("strata_concurrent");

  CommandResult up = strata(url, {"-q", "upgrade", "head"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(psql(url, "SELECT indisvalid FROM pg_index WHERE indexrelid = "
                      "'rag.ix_documents_body_c'::regclass"),
            "t\n");
  EXPECT_EQ(psql(url, "SELECT obj_description('rag.documents'::regclass, 'pg_class')"),
            "indexed concurrently\n");
  EXPECT_EQ(psql(url, "SELECT version_num FROM core.alembic_version"), "0004\n");

  // The derived downgrade drops the comment, then the index, concurrently.
  CommandResult down = strata(url, {"-q", "downgrade", "-1"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(psql(url, "SELECT to_regclass('rag.ix_documents_body_c') IS NULL"), "t\n");
  EXPECT_EQ(psql(url, "SELECT obj_description('rag.documents'::regclass, 'pg_class') IS NULL"),
            "t\n");

  // --sql: the block ends the script's transaction and opens a new one; the
  // script applies with psql (CONCURRENTLY inside a transaction would fail).
  CommandResult offline = strata(url, {"-q", "upgrade", "0003:0004", "--sql"});
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_NE(offline.out.find("COMMIT;\n\nCREATE INDEX CONCURRENTLY ix_documents_body_c ON "
                             "rag.documents (body);\n\nBEGIN;\n\n"),
            std::string::npos)
      << offline.out;
  CommandResult applied = apply(url, offline.out);
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_EQ(psql(url, "SELECT indisvalid FROM pg_index WHERE indexrelid = "
                      "'rag.ix_documents_body_c'::regclass"),
            "t\n");
  EXPECT_EQ(psql(url, "SELECT version_num FROM core.alembic_version"), "0004\n");
}

TEST_F(PostgresOnline, ConcurrentlyOutsideAutocommitBlockIsAnError) {
  // Refused while the script runs, before anything is sent: no server needed.
  add("0004_concurrent_index.lua",
      "revision = \"0004\"\ndown_revision = \"0003\"\n\nfunction upgrade()\n"
      "  op.create_index(\"ix_c\", \"documents\", {\"body\"}, {schema = \"rag\", "
      "concurrently = true})\nend\n\nfunction downgrade() end\n");
  CommandResult r = strata("postgresql://u:pw@127.0.0.1:1/db", {"-q", "upgrade", "0003:0004", "--sql"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("strata: error: migrations/versions/0004_concurrent_index.lua:5: "
                        "op.create_index: concurrently = true needs op.autocommit_block",
                        0),
            0u)
      << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

}  // namespace
}  // namespace strata::testing
