// SQL model files (models/sql_models.h) on PostgreSQL, SQLite and MariaDB:
// the DDL applied to a dev database and reflected back, the autogenerate
// round trip from it, rename hints, file:line errors, the content-hash
// cache, and the dev-database configuration errors.
#include <filesystem>
#include <fstream>
#include <functional>

#include "config/config.h"
#include "integration/autogenerate_fixture.h"
#include "models/model_files.h"
#include "strata/error.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

// Replaces every "core." / "core" schema spelling in `sql` by `schema`.
std::string with_schema(std::string sql, const std::string& schema) {
  for (size_t at = 0; (at = sql.find("@core", at)) != std::string::npos; at += schema.size()) {
    sql.replace(at, 5, schema);
  }
  return sql;
}

// The full model per dialect; "@core" is the test's core schema.
std::string full_model(const std::string& dialect) {
  if (dialect == "postgresql") {
    return "-- the core domain\n"
           "CREATE SCHEMA @core;\n"
           "CREATE TYPE @core.plan_tier AS ENUM ('free', 'pro');\n"
           "CREATE SEQUENCE @core.forecast_seq START 1000 INCREMENT 10;\n"
           "CREATE TABLE @core.users (\n"
           "  id serial PRIMARY KEY,\n"
           "  email varchar(320) NOT NULL UNIQUE,\n"
           "  tier @core.plan_tier NOT NULL DEFAULT 'free',\n"
           "  score numeric(10, 2) DEFAULT 0 CHECK (score >= 0),\n"
           "  note text DEFAULT 'a;b',\n"
           "  created_at timestamptz NOT NULL DEFAULT now()\n"
           ");\n"
           "COMMENT ON TABLE @core.users IS 'Registered users';\n"
           "COMMENT ON COLUMN @core.users.email IS 'login';\n"
           "CREATE FUNCTION @core.touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
           "BEGIN\n"
           "  RETURN NEW;\n"
           "END;\n"
           "$$;\n"
           "CREATE TABLE documents (\n"
           "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
           "  owner_id integer NOT NULL REFERENCES @core.users (id) ON DELETE CASCADE,\n"
           "  title text NOT NULL,\n"
           "  body text\n"
           ");\n"
           "CREATE INDEX ix_documents_title_lower ON documents (lower(title)) WHERE body IS NOT NULL;\n"
           "ALTER TABLE documents ADD CONSTRAINT uq_documents_owner_title UNIQUE (owner_id, title);\n"
           "CREATE VIEW @core.user_emails AS SELECT id, email FROM @core.users;\n";
  }
  if (dialect == "sqlite") {
    // SQLite: no enums, sequences, comments or ALTER TABLE ADD CONSTRAINT;
    // keys cannot cross schema files.
    return "-- the core domain\n"
           "CREATE SCHEMA @core;\n"
           "CREATE TABLE @core.users (\n"
           "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
           "  email VARCHAR(320) NOT NULL UNIQUE,\n"
           "  score NUMERIC(10, 2) DEFAULT 0 CHECK (score >= 0),\n"
           "  note TEXT DEFAULT 'a;b'\n"
           ");\n"
           "CREATE INDEX @core.ix_users_score ON users (score);\n"
           "CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
           "CREATE TABLE documents (\n"
           "  id INTEGER PRIMARY KEY,\n"
           "  owner_id INTEGER NOT NULL REFERENCES owners (id) ON DELETE CASCADE,\n"
           "  title TEXT NOT NULL,\n"
           "  body TEXT,\n"
           "  CONSTRAINT uq_documents_owner_title UNIQUE (owner_id, title)\n"
           ");\n"
           "CREATE INDEX ix_documents_title_lower ON documents (lower(title)) WHERE body IS NOT NULL;\n"
           "CREATE VIEW @core.user_emails AS SELECT id, email FROM users;\n";
  }
  return "-- the core domain\n"
         "CREATE SCHEMA @core;\n"
         "CREATE SEQUENCE @core.forecast_seq START WITH 1000 INCREMENT BY 10;\n"
         "CREATE TABLE @core.users (\n"
         "  id INT AUTO_INCREMENT PRIMARY KEY,\n"
         "  email VARCHAR(320) NOT NULL UNIQUE,\n"
         "  score DECIMAL(10, 2) DEFAULT 0,\n"
         "  note VARCHAR(50) DEFAULT 'a;b',\n"
         "  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
         "  CONSTRAINT ck_users_score CHECK (score >= 0)\n"
         ");\n"
         "CREATE TABLE documents (\n"
         "  id BIGINT AUTO_INCREMENT PRIMARY KEY,\n"
         "  owner_id INT NOT NULL,\n"
         "  title VARCHAR(200) NOT NULL,\n"
         "  body TEXT,\n"
         "  CONSTRAINT fk_documents_owner FOREIGN KEY (owner_id) REFERENCES @core.users (id) ON DELETE CASCADE\n"
         ");\n"
         "CREATE INDEX ix_documents_title ON documents (title);\n"
         "ALTER TABLE documents ADD CONSTRAINT uq_documents_owner_title UNIQUE (owner_id, title);\n"
         "CREATE VIEW @core.user_emails AS SELECT id, email FROM @core.users;\n";
}

class SqlModelsTest : public AutogenerateTest {
 protected:
  // strata.toml lines for the dev database: MariaDB needs dev_url.
  std::string dev_toml() {
    if (!is("mysql")) return "";
    return "dev_url = \"" + *mysql_test_url() + "\"\n";
  }
  config::Config config() { return config::load_config(dir().file("strata.toml")); }
  models::LoadedModels load() { return models::load_models(config(), dialect()); }
  std::string model_path(const std::string& name) { return dir().file("models/" + name); }

  // Scratch databases of this process still on the server (none after a load).
  long long leftover_dev_databases() {
    std::string like = "'strata_dev_" + std::to_string(::getpid()) + "\\_%'";
    std::string sql = is("postgresql")
        ? "SELECT count(*) FROM pg_database WHERE datname LIKE " + like
        : "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE " + like;
    if (is("sqlite")) return 0;
    return std::stoll(*db().conn().query(sql).rows.at(0).at(0));
  }
};

const model::Table* find_table(const model::Catalog& c, const std::optional<std::string>& schema,
                               const std::string& name) {
  for (const auto& t : c.tables) {
    if (t.schema == schema && t.name == name) return &t;
  }
  return nullptr;
}

TEST_P(SqlModelsTest, ReflectsTheDdlWithOriginsAndSchemas) {
  std::string core = schema("core");
  write_sql_project({{"core.sql", with_schema(full_model(dialect()), core)}}, dev_toml());
  models::LoadedModels loaded = load();
  const model::Catalog& c = loaded.catalog;
  const model::Table* users = find_table(c, core, "users");
  ASSERT_NE(users, nullptr) << model::Catalog(c).tables.size();
  EXPECT_EQ(users->origin, model_path("core.sql") + ":" + (is("mysql") ? "4" : is("sqlite") ? "3" : "5"));
  // The default schema is unset; others keep the SQL's names.
  const model::Table* documents = find_table(c, std::nullopt, "documents");
  ASSERT_NE(documents, nullptr);
  ASSERT_EQ(documents->columns.size(), 4u);
  EXPECT_EQ(documents->columns[2].name, "title");
  EXPECT_FALSE(documents->columns[2].nullable);
  if (!is("sqlite")) {
    ASSERT_EQ(documents->foreign_keys.size(), 1u);
    EXPECT_EQ(documents->foreign_keys[0].ref_schema, std::optional<std::string>(core));
    EXPECT_EQ(documents->foreign_keys[0].ref_table, "users");
  }
  EXPECT_EQ(c.schemas, std::vector<std::string>{core});
  ASSERT_EQ(c.views.size(), 1u);
  EXPECT_EQ(c.views[0].schema, std::optional<std::string>(core));
  EXPECT_EQ(c.views[0].name, "user_emails");
  // MySQL qualifies view bodies with databases: the scratch names are mapped back.
  EXPECT_TRUE(contains(c.views[0].definition, "users")) << c.views[0].definition;
  EXPECT_FALSE(contains(c.views[0].definition, "strata_dev_")) << c.views[0].definition;
  bool index_found = false;
  for (const auto& ix : c.indexes) index_found = index_found || ix.name.rfind("ix_documents_title", 0) == 0;
  EXPECT_TRUE(index_found);
  if (is("postgresql")) {
    ASSERT_EQ(c.enums.size(), 1u);
    EXPECT_EQ(c.enums[0].values, (std::vector<std::string>{"free", "pro"}));
    EXPECT_EQ(c.enums[0].origin, model_path("core.sql") + ":3");
    EXPECT_EQ(users->comment, std::optional<std::string>("Registered users"));
    EXPECT_TRUE(users->columns[0].autoincrement.value_or(false));
    EXPECT_TRUE(documents->columns[0].identity.has_value());
  }
  if (!is("sqlite")) {
    ASSERT_EQ(c.sequences.size(), 1u);
    EXPECT_EQ(c.sequences[0].name, "forecast_seq");
    EXPECT_EQ(c.sequences[0].schema, std::optional<std::string>(core));
    EXPECT_EQ(c.sequences[0].origin, model_path("core.sql") + ":" + (is("mysql") ? "3" : "4"));
  }
  EXPECT_EQ(leftover_dev_databases(), 0);
}

TEST_P(SqlModelsTest, AutogenerateRoundTrip) {
  std::string core = schema("core");
  write_sql_project({{"core.sql", with_schema(full_model(dialect()), core)}}, dev_toml());
  std::string text = round_trip({db().default_schema(), core});
  EXPECT_TRUE(contains(text, "op.create_schema(\"" + core + "\")")) << text;
  EXPECT_TRUE(contains(text, "op.create_table(\"documents\"")) << text;
  EXPECT_TRUE(contains(text, "op.create_index(\"ix_documents_title")) << text;
  if (!is("sqlite")) {
    EXPECT_TRUE(contains(text, "op.create_sequence(\"forecast_seq\"")) << text;
  }
  if (is("postgresql")) {
    EXPECT_TRUE(contains(text, "op.create_enum(\"plan_tier\"")) << text;
  }
}

TEST_P(SqlModelsTest, RenameHintsMoveAndRenameKeepingRows) {
  std::string rag = schema("rag");
  db().conn().execute("CREATE TABLE rag_documents (id integer PRIMARY KEY, title varchar(200) NOT NULL)");
  db().conn().execute("CREATE TABLE app_users (id integer PRIMARY KEY, requests integer)");
  db().conn().execute("INSERT INTO rag_documents (id, title) VALUES (1, 'one'), (2, 'two')");
  db().conn().execute("INSERT INTO app_users (id, requests) VALUES (5, 50)");
  write_sql_project({{"m.sql",
                      "CREATE SCHEMA " + rag + ";\n"
                      "CREATE TABLE " + rag + ".documents ( -- renamed from rag_documents\n"
                      "  id integer PRIMARY KEY,\n"
                      "  title varchar(200) NOT NULL\n"
                      ");\n"
                      "CREATE TABLE users ( -- renamed from app_users\n"
                      "  id integer PRIMARY KEY,\n"
                      "  request_count integer -- renamed from requests\n"
                      ");\n"}},
                    dev_toml());
  models::LoadedModels loaded = load();
  const model::Table* users = find_table(loaded.catalog, std::nullopt, "users");
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->renamed_from, std::optional<std::string>("app_users"));
  EXPECT_EQ(users->columns.at(1).renamed_from, std::optional<std::string>("requests"));

  std::vector<std::string> schemas = {db().default_schema(), rag};
  std::vector<std::string> start = db().snapshot(schemas);
  std::string text = autogenerate();
  EXPECT_TRUE(contains(text, "op.move_table(\"rag_documents\"")) << text;
  EXPECT_TRUE(contains(text, "op.rename_table(\"app_users\", \"users\"")) << text;
  EXPECT_TRUE(contains(text, "op.rename_column(\"users\", \"requests\", \"request_count\"")) << text;
  EXPECT_FALSE(contains(upgrade_part(text), "drop_table")) << text;
  upgrade();
  db().reconnect();
  EXPECT_EQ(db().rows(rag, "documents"), (std::vector<std::string>{"'1'|'one'|", "'2'|'two'|"}));
  EXPECT_EQ(db().rows(std::nullopt, "users"), (std::vector<std::string>{"'5'|'50'|"}));
  EXPECT_TRUE(check().empty()) << ::testing::PrintToString(check());
  downgrade();
  db().reconnect();
  EXPECT_EQ(db().snapshot(schemas), start);
}

TEST_P(SqlModelsTest, FailingStatementReportsFileAndLine) {
  write_sql_project({{"a.sql", "CREATE TABLE a (id integer);\n"},
                     {"b.sql",
                      "-- b\n"
                      "CREATE TABLE b (id integer);\n"
                      "\n"
                      "CREATE TABLE\n"
                      "  a (id integer);\n"}},
                    dev_toml());
  try {
    load();
    FAIL() << "the duplicate table was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_EQ(e.message().rfind(model_path("b.sql") + ":4: ", 0), 0u) << e.message();
    EXPECT_TRUE(contains(e.message(), "a")) << e.message();
  }
  // The scratch databases are gone, also after the failure.
  EXPECT_EQ(leftover_dev_databases(), 0);
}

TEST_P(SqlModelsTest, CacheIsReadForUnchangedFilesAndMissedForChangedOnes) {
  write_sql_project({{"m.sql", "CREATE TABLE documents (id integer PRIMARY KEY, title text);\n"}},
                    dev_toml());
  models::LoadedModels first = load();
  ASSERT_NE(find_table(first.catalog, std::nullopt, "documents"), nullptr);
  std::vector<fs::path> caches;
  for (const auto& entry : fs::directory_iterator(dir().file(".strata-cache"))) caches.push_back(entry.path());
  ASSERT_EQ(caches.size(), 1u);
  EXPECT_EQ(caches[0].filename().string().rfind("models-", 0), 0u);
  // The second load reads the cache: an edit of the cached document shows.
  std::string cached = read_file(caches[0].string());
  size_t at = cached.find("\"documents\"");
  ASSERT_NE(at, std::string::npos);
  cached.replace(at, 11, "\"documents_cached\"");
  write_file(caches[0].string(), cached);
  EXPECT_NE(find_table(load().catalog, std::nullopt, "documents_cached"), nullptr);
  // A changed file is another key: the dev database runs again.
  write_file(model_path("m.sql"), "CREATE TABLE documents (id integer PRIMARY KEY, title text);\n"
                                  "CREATE TABLE notes (id integer PRIMARY KEY);\n");
  models::LoadedModels changed = load();
  EXPECT_NE(find_table(changed.catalog, std::nullopt, "documents"), nullptr);
  EXPECT_NE(find_table(changed.catalog, std::nullopt, "notes"), nullptr);
}

// The dialects whose dev database is on a server (SQLite's is in memory).
class SqlModelsServerTest : public SqlModelsTest {};

// PostgreSQL and MariaDB: with the cache, a second check never connects to
// the dev server — its login is refused after the first run.
TEST_P(SqlModelsServerTest, CachedCheckDoesNotConnectToTheDevServer) {
  std::string user = "strata_dev_user_" + unique_suffix();
  config::Url target = config::parse_url(is("postgresql") ? db().url() : *mysql_test_url());
  std::string dev_url = target.dialect + "://" + user + ":pw@" + target.host.value_or("127.0.0.1") +
                        ":" + std::to_string(target.port.value_or(0)) + "/" + target.database;
  auto admin = driver::connect(target);
  auto allow = [&](bool yes) {
    if (is("postgresql")) {
      admin->execute("ALTER ROLE " + user + (yes ? " LOGIN" : " NOLOGIN"));
    } else if (yes) {
      admin->execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
      admin->execute("GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%'");
    } else {
      admin->execute("DROP USER '" + user + "'@'%'");
    }
  };
  if (is("postgresql")) admin->execute("CREATE ROLE " + user + " LOGIN CREATEDB PASSWORD 'pw'");
  else allow(true);
  struct DropUser {
    std::function<void()> f;
    ~DropUser() { f(); }
  } drop{[&] {
    try {
      admin->execute(is("postgresql") ? "DROP ROLE IF EXISTS " + user
                                      : "DROP USER IF EXISTS '" + user + "'@'%'");
    } catch (const std::exception&) {
    }
  }};
  write_sql_project({{"m.sql", "CREATE TABLE documents (id integer PRIMARY KEY, title text);\n"}},
                    "dev_url = \"" + dev_url + "\"\n");
  std::vector<std::string> first = check();
  ASSERT_FALSE(first.empty());  // the target is empty: the table is missing there
  allow(false);
  EXPECT_EQ(check(), first);
  // A changed file needs the dev server again: now refused.
  write_file(model_path("m.sql"), "CREATE TABLE documents (id integer PRIMARY KEY, title text);\n"
                                  "-- changed\n");
  EXPECT_THROW(check(), Error);
  allow(true);
  EXPECT_EQ(check(), first);
}

TEST_P(SqlModelsTest, DevDatabaseConfigurationErrors) {
  if (is("sqlite")) {
    write_sql_project({{"m.sql", "CREATE TABLE t (id integer);\n"}},
                      "dev_url = \"sqlite:///dev.db\"\n");
    try {
      load();
      FAIL();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kConfig);
      EXPECT_TRUE(contains(e.message(), "in-memory")) << e.message();
    }
    return;
  }
  if (is("mysql")) {
    write_sql_project({{"m.sql", "CREATE TABLE t (id integer);\n"}});
    try {
      load();
      FAIL();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kConfig);
      EXPECT_TRUE(contains(e.message(), "`dev_url`")) << e.message();
    }
    return;
  }
  // PostgreSQL: the target's role may not create databases.
  std::string user = "strata_nocreatedb_" + unique_suffix();
  config::Url target = config::parse_url(db().url());
  auto admin = driver::connect(target);
  admin->execute("CREATE ROLE " + user + " LOGIN NOCREATEDB");
  std::string url = "postgresql://" + user + "@" + target.host.value_or("127.0.0.1") + ":" +
                    std::to_string(target.port.value_or(5432)) + "/" + target.database;
  write_sql_project({{"m.sql", "CREATE TABLE t (id integer);\n"}});
  write_file(dir().file("strata.toml"), "script_location = \"migrations\"\nurl = \"" + url +
                                            "\"\nmodels = [\"models/*.sql\"]\n");
  try {
    load();
    ADD_FAILURE() << "a role without CREATEDB made a dev database";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_TRUE(contains(e.message(), "`dev_url`")) << e.message();
    EXPECT_TRUE(contains(e.message(), "CREATEDB")) << e.message();
    EXPECT_TRUE(contains(e.message(), user)) << e.message();
  }
  admin->execute("DROP ROLE " + user);
}

INSTANTIATE_TEST_SUITE_P(Live, SqlModelsTest, ::testing::ValuesIn(live_dialects()),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Live, SqlModelsServerTest,
                         ::testing::Values(std::string("postgresql"), std::string("mysql")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace strata::testing
