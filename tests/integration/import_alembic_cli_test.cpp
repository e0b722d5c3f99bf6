// `strata import-alembic` as a command: --update over an earlier import,
// its one-line errors, the `strata:not-translated` markers and the refusal
// they cause (also through the header cache), the translation of single
// Alembic/SQLAlchemy constructs (checked in the Lua text and in the SQL
// `strata upgrade head --sql` prints for a postgresql:// URL, offline: no
// server), and the hints that point Alembic users at import-alembic.
//
// The synthetic Alembic projects are written by the tests (alembic.ini,
// migrations/env.py, migrations/versions/*.py); tests/alembic_projects/tasks
// is copied for --update. Needs python3 (import-alembic runs it) and, for
// the one online case, the sqlite3 shell; no database server.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

const char* const kPgUrl = "postgresql://u@localhost/db";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The statements of a --sql run after its first "-- Running" comment (the
// version-table preamble dropped).
std::string migration_sql(const std::string& out) {
  const size_t at = out.find("-- Running ");
  return at == std::string::npos ? "" : out.substr(at);
}

const char* const kAlembicIni = R"([alembic]
script_location = migrations
prepend_sys_path = .
sqlalchemy.url = driver://user:pass@localhost/dbname

[loggers]
keys = root

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %%(levelname)-5.5s [%%(name)s] %%(message)s
)";

const char* const kEnvPy = R"(from logging.config import fileConfig

from sqlalchemy import engine_from_config
from sqlalchemy import pool

from alembic import context

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )

    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)

        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
)";

// The text of an Alembic revision file as `alembic revision` writes it.
// `imports`: extra import lines; `module`: module-level code after the
// identifiers; bodies are indented by the caller (4 spaces).
std::string revision_py(const std::string& rev, const std::string& down,
                        const std::string& message, const std::string& upgrade,
                        const std::string& downgrade, const std::string& imports = "",
                        const std::string& module = "") {
  return "\"\"\"" + message + "\n\nRevision ID: " + rev + "\nRevises: " + down +
         "\nCreate Date: 2024-03-01 10:00:00.000000\n\n\"\"\"\nfrom alembic import op\n"
         "import sqlalchemy as sa\n" + imports +
         "\n\n# revision identifiers, used by Alembic.\nrevision = '" + rev +
         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
         "\nbranch_labels = None\ndepends_on = None\n" + module + "\n\ndef upgrade() -> None:\n" +
         upgrade + "\n\ndef downgrade() -> None:\n" + downgrade;
}

// An Alembic project in `dir` with the given revision files
// (basename -> text) under migrations/versions/.
void write_alembic_project(const std::string& dir, const std::map<std::string, std::string>& revisions) {
  write_file(dir + "/alembic.ini", kAlembicIni);
  write_file(dir + "/migrations/env.py", kEnvPy);
  fs::create_directories(dir + "/migrations/versions");
  for (const auto& [name, text] : revisions) write_file(dir + "/migrations/versions/" + name, text);
}

// Each test gets a temp dir holding the Alembic project (alembic/) and the
// strata project import-alembic writes (strata/).
class ImportAlembicCli : public ::testing::Test {
 protected:
  std::string src() const { return dir_.file("alembic"); }
  std::string dest() const { return dir_.file("strata"); }
  std::string lua_path(const std::string& stem) const {
    return dest() + "/migrations/versions/" + stem + ".lua";
  }

  CommandResult import(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"import-alembic", src(), "-o", dest()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_strata(args, dir_.path());
  }

  // One revision r1 (file r1_change.py) with these bodies, imported; the
  // generated Lua text in lua_.
  void translate(const std::string& upgrade, const std::string& downgrade = "    pass\n",
                 const std::string& imports = "", const std::string& module = "") {
    write_alembic_project(src(), {{"r1_change.py", revision_py("r1", "", "change", upgrade,
                                                               downgrade, imports, module)}});
    imported_ = import();
    ASSERT_EQ(imported_.exit_code, 0) << imported_.out << imported_.err;
    lua_ = read_file(lua_path("r1_change"));
  }

  // `strata <args>` in DEST, which must succeed; its stdout.
  std::string ok(const std::vector<std::string>& args) {
    CommandResult r = run_strata(args, dest());
    std::string shown;
    for (const std::string& a : args) shown += " " + a;
    EXPECT_EQ(r.exit_code, 0) << "strata" << shown << "\n" << r.out << r.err;
    return r.out;
  }

  // The statements `upgrade head --sql` prints for PostgreSQL.
  std::string pg_sql(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"upgrade", "head", "--sql", "--url", kPgUrl};
    args.insert(args.end(), extra.begin(), extra.end());
    return migration_sql(ok(args));
  }

  TempDir dir_;
  CommandResult imported_;
  std::string lua_;
};

// ---------------------------------------------------------------------------
// --update over an import of tests/alembic_projects/tasks.

const char* const kTasksHead = "e41b7f0a9c55";
const char* const kEdited = "20240119_1e9a6c2f4d88_labels";
const char* const kDeleted = "20240207_c2f8d4a61b03_tags_and_assignees";
const char* const kAdded = "20240301_9d2e4c7a1b55_task_priority";
const char* const kRetranslated = "20240226_e41b7f0a9c55_drop_task_notes";

std::map<std::string, std::string> lua_files(const std::string& versions) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(versions)) {
    if (e.path().extension() == ".lua") out[e.path().stem().string()] = read_file(e.path().string());
  }
  return out;
}

TEST_F(ImportAlembicCli, UpdateAddsNewRevisionsAndKeepsEditedAndDeletedFiles) {
  fs::copy(std::string(STRATA_SOURCE_DIR) + "/tests/alembic_projects/tasks", src(),
           fs::copy_options::recursive);
  CommandResult first = import();
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string versions = dest() + "/migrations/versions";
  std::map<std::string, std::string> before = lua_files(versions);
  ASSERT_EQ(before.size(), 7u);

  write_file(src() + "/migrations/versions/" + kAdded + ".py",
             revision_py("9d2e4c7a1b55", kTasksHead, "task priority",
                         "    op.add_column('tasks', sa.Column('priority', sa.Integer(), "
                         "nullable=True))\n",
                         "    op.drop_column('tasks', 'priority')\n"));
  const std::string edited = before[kEdited] + "-- reviewed by hand: labels stay global\n";
  write_file(lua_path(kEdited), edited);
  fs::remove(lua_path(kDeleted));
  // A Python revision changed after the first import: its untouched Lua is
  // translated again.
  const std::string changed_py = src() + "/migrations/versions/" + kRetranslated + ".py";
  const std::string py = read_file(changed_py);
  const std::string note = "Notes moved to the comments service.";
  ASSERT_NE(py.find(note), std::string::npos);
  write_file(changed_py, std::regex_replace(py, std::regex(note),
                                            note + " Exported first to notes.csv."));

  // A copy of DEST as it now stands, for the --json run.
  const std::string dest_copy = dir_.file("strata-copy");
  fs::copy(dest(), dest_copy, fs::copy_options::recursive);

  CommandResult update = import({"--update"});
  ASSERT_EQ(update.exit_code, 0) << update.out << update.err;
  EXPECT_NE(update.out.find("8 revisions, 8 translated whole, 0 to edit"), std::string::npos)
      << update.out;
  EXPECT_NE(update.err.find("1 written, 1 updated, 4 unchanged, 2 kept"), std::string::npos)
      << update.err;

  std::map<std::string, std::string> after = lua_files(versions);
  ASSERT_EQ(after.count(kAdded), 1u);
  EXPECT_NE(after[kAdded].find("revision = \"9d2e4c7a1b55\""), std::string::npos) << after[kAdded];
  EXPECT_NE(after[kAdded].find(std::string("down_revision = \"") + kTasksHead + "\""),
            std::string::npos)
      << after[kAdded];
  EXPECT_NE(after[kAdded].find("op.add_column(\"tasks\""), std::string::npos) << after[kAdded];
  EXPECT_EQ(after[kEdited], edited);
  EXPECT_EQ(after.count(kDeleted), 0u);
  EXPECT_EQ(after.size(), 7u);  // 7 - 1 deleted + 1 new
  EXPECT_NE(after[kRetranslated].find("-- Notes moved to the comments service. Exported first to "
                                      "notes.csv."),
            std::string::npos)
      << after[kRetranslated];
  for (const auto& [stem, text] : before) {
    if (stem == kEdited || stem == kDeleted || stem == kRetranslated) continue;
    EXPECT_EQ(after[stem], text) << stem;
  }

  CommandResult json = run_strata({"import-alembic", src(), "-o", dest_copy, "--update", "--json"},
                                  dir_.path());
  ASSERT_EQ(json.exit_code, 0) << json.out << json.err;
  const nlohmann::json report = nlohmann::json::parse(json.out);
  EXPECT_EQ(report["revisions"], 8);
  EXPECT_EQ(report["to_edit"], 0);
  std::map<std::string, std::string> status;
  for (const auto& f : report["files"]) {
    status[fs::path(f["path"].get<std::string>()).stem().string()] = f["status"];
  }
  ASSERT_EQ(status.size(), 8u) << json.out;
  for (const auto& [stem, s] : status) {
    const std::string expected = stem == kAdded                          ? "written"
                                 : stem == kRetranslated                 ? "updated"
                                 : (stem == kEdited || stem == kDeleted) ? "kept"
                                                                         : "unchanged";
    EXPECT_EQ(s, expected) << stem;
  }
  EXPECT_FALSE(fs::exists(dest_copy + "/migrations/versions/" + kDeleted + ".lua"));
}

TEST_F(ImportAlembicCli, ImportIntoAnEarlierImportNeedsUpdate) {
  fs::copy(std::string(STRATA_SOURCE_DIR) + "/tests/alembic_projects/tasks", src(),
           fs::copy_options::recursive);
  ASSERT_EQ(import().exit_code, 0);
  const std::map<std::string, std::string> before = lua_files(dest() + "/migrations/versions");
  CommandResult again = import();
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  const std::vector<std::string> err = lines_of(again.err);
  ASSERT_EQ(err.size(), 1u) << again.err;
  EXPECT_NE(err[0].find("--update"), std::string::npos) << err[0];
  EXPECT_EQ(lua_files(dest() + "/migrations/versions"), before);
}

TEST_F(ImportAlembicCli, UpdateIntoAnEmptyDirectoryFails) {
  fs::copy(std::string(STRATA_SOURCE_DIR) + "/tests/alembic_projects/tasks", src(),
           fs::copy_options::recursive);
  fs::create_directories(dest());
  CommandResult r = import({"--update"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_TRUE(fs::is_empty(dest()));
}

// ---------------------------------------------------------------------------
// Errors in the Alembic project: exit 1, one line, nothing written.

TEST_F(ImportAlembicCli, MissingAlembicIniIsOneLine) {
  write_alembic_project(src(), {{"r1_change.py", revision_py("r1", "", "change",
                                                             "    op.execute('SELECT 1')\n",
                                                             "    pass\n")}});
  fs::remove(src() + "/alembic.ini");
  CommandResult r = import();
  EXPECT_EQ(r.exit_code, 1);
  const std::vector<std::string> err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_NE(err[0].find("alembic.ini"), std::string::npos) << err[0];
  EXPECT_FALSE(fs::exists(dest()));
}

TEST_F(ImportAlembicCli, PythonSyntaxErrorNamesFileAndLine) {
  write_alembic_project(
      src(), {{"r1_change.py", revision_py("r1", "", "change", "    op.execute('SELECT 1'\n"
                                                               "    op.execute('SELECT 2')\n",
                                           "    pass\n")}});
  CommandResult r = import();
  EXPECT_EQ(r.exit_code, 1);
  const std::vector<std::string> err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_TRUE(std::regex_search(err[0], std::regex("r1_change\\.py:\\d+: "))) << err[0];
  EXPECT_FALSE(fs::exists(dest()));
}

TEST_F(ImportAlembicCli, ComputedDownRevisionNamesTheFile) {
  std::string text = revision_py("r2", "r1", "second", "    op.execute('SELECT 2')\n",
                                 "    pass\n", "", "");
  text = std::regex_replace(text, std::regex("down_revision = 'r1'"),
                            "down_revision = PREVIOUS + '1'");
  text = std::regex_replace(text, std::regex("# revision identifiers"),
                            "PREVIOUS = 'r'\n\n# revision identifiers");
  write_alembic_project(
      src(), {{"r1_first.py", revision_py("r1", "", "first", "    op.execute('SELECT 1')\n",
                                          "    pass\n")},
              {"r2_second.py", text}});
  CommandResult r = import();
  EXPECT_EQ(r.exit_code, 1);
  const std::vector<std::string> err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_NE(err[0].find("r2_second.py"), std::string::npos) << err[0];
  EXPECT_NE(err[0].find("down_revision"), std::string::npos) << err[0];
  EXPECT_FALSE(fs::exists(dest()));
}

// ---------------------------------------------------------------------------
// Markers: an ORM Session in a downgrade.

TEST_F(ImportAlembicCli, UntranslatedDowngradeRefusesUntilTheMarkerIsEdited) {
  translate(
      "    op.create_table(\n"
      "        'notes',\n"
      "        sa.Column('id', sa.Integer(), nullable=False),\n"
      "        sa.Column('body', sa.Text(), nullable=True),\n"
      "        sa.PrimaryKeyConstraint('id'),\n"
      "    )\n",
      "    Session(bind=op.get_bind()).execute(sa.text('DELETE FROM notes'))\n"
      "    op.drop_table('notes')\n",
      "from sqlalchemy.orm import Session\n");
  EXPECT_NE(imported_.out.find("1 revision, 0 translated whole, 1 to edit"), std::string::npos)
      << imported_.out;
  EXPECT_NE(pg_sql().find("CREATE TABLE notes ("), std::string::npos);

  // The header cache records scripts whose mtime (whole seconds) is over 2 s
  // before the run.
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  const std::string file = lua_path("r1_change");
  const std::regex refusal("(\\S*r1_change\\.lua):(\\d+): not translated: (.+)");
  size_t marker_line = 0;
  for (int run = 0; run < 2; ++run) {  // the second run reads .strata-cache
    CommandResult r = run_strata({"downgrade", "r1:base", "--sql", "--url", kPgUrl}, dest());
    EXPECT_EQ(r.exit_code, 1) << "run " << run << "\n" << r.out << r.err;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.err, m, refusal)) << "run " << run << "\n" << r.err;
    EXPECT_NE(m[3].str().find("Session"), std::string::npos) << m[3];
    const std::vector<std::string> script = lines_of(read_file(file));
    marker_line = std::stoul(m[2].str());
    ASSERT_GE(marker_line, 1u);
    ASSERT_LE(marker_line, script.size());
    EXPECT_NE(script[marker_line - 1].find("strata:not-translated downgrade"), std::string::npos)
        << script[marker_line - 1];
    EXPECT_EQ(r.out.find("DROP TABLE"), std::string::npos) << r.out;
  }
  const std::string cache = dest() + "/migrations/versions/.strata-cache";
  ASSERT_TRUE(fs::exists(cache));
  EXPECT_NE(read_file(cache).find("Session"), std::string::npos) << "the mark is not cached";

  // Delete the marker and the commented Python block below it, by hand.
  std::vector<std::string> script = lines_of(read_file(file));
  size_t end = marker_line;  // 1-based index of the block's closing line
  while (end < script.size() && script[end - 1].find("]=]") == std::string::npos) ++end;
  ASSERT_NE(script[end - 1].find("]=]"), std::string::npos);
  std::string edited;
  for (size_t i = 1; i <= script.size(); ++i) {
    if (i < marker_line || i > end) edited += script[i - 1] + "\n";
  }
  ASSERT_EQ(edited.find("strata:not-translated"), std::string::npos) << edited;
  write_file(file, edited);
  for (int run = 0; run < 2; ++run) {
    const std::string sql = migration_sql(ok({"downgrade", "r1:base", "--sql", "--url", kPgUrl}));
    EXPECT_NE(sql.find("DROP TABLE notes;"), std::string::npos) << sql;
  }
}

// ---------------------------------------------------------------------------
// Translator cases: the Lua call and the SQL it prints for PostgreSQL.

TEST_F(ImportAlembicCli, EnumTypeIsCreatedBeforeItsTable) {
  translate(
      "    op.create_table(\n"
      "        'orders',\n"
      "        sa.Column('id', sa.Integer(), nullable=False),\n"
      "        sa.Column('state', sa.Enum('new', 'paid', name='order_state'), nullable=False),\n"
      "        sa.PrimaryKeyConstraint('id'),\n"
      "    )\n");
  EXPECT_NE(lua_.find("op.create_enum(\"order_state\", {\"new\", \"paid\"})"), std::string::npos)
      << lua_;
  const std::string sql = pg_sql();
  const size_t type = sql.find("CREATE TYPE order_state AS ENUM ('new', 'paid');");
  const size_t table = sql.find("CREATE TABLE orders (");
  ASSERT_NE(type, std::string::npos) << sql;
  ASSERT_NE(table, std::string::npos) << sql;
  EXPECT_LT(type, table) << sql;
  EXPECT_NE(sql.find("state order_state NOT NULL"), std::string::npos) << sql;
}

TEST_F(ImportAlembicCli, PostgresArrayOfString) {
  translate(
      "    op.add_column('orders', sa.Column('tags', postgresql.ARRAY(sa.String(20)), "
      "nullable=True))\n",
      "    op.drop_column('orders', 'tags')\n", "from sqlalchemy.dialects import postgresql\n");
  EXPECT_NE(lua_.find("\"VARCHAR(20)[]\""), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("ALTER TABLE orders ADD COLUMN tags VARCHAR(20)[];"), std::string::npos);
}

TEST_F(ImportAlembicCli, PostgresIndexMethodAndOperatorClasses) {
  translate(
      "    op.create_index('ix_docs_doc', 'docs', ['doc', 'title'], postgresql_using='gin',\n"
      "                    postgresql_ops={'doc': 'jsonb_path_ops'})\n",
      "    op.drop_index('ix_docs_doc', table_name='docs', postgresql_using='gin',\n"
      "                  postgresql_ops={'doc': 'jsonb_path_ops'})\n");
  EXPECT_NE(lua_.find("ops = {doc = \"jsonb_path_ops\"}"), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("CREATE INDEX ix_docs_doc ON docs USING gin (doc jsonb_path_ops, title);"),
            std::string::npos);
}

TEST_F(ImportAlembicCli, ColumnIndexTrueCreatesTheNamedIndex) {
  translate(
      "    op.create_table(\n"
      "        'orders',\n"
      "        sa.Column('id', sa.Integer(), primary_key=True),\n"
      "        sa.Column('code', sa.String(10), index=True),\n"
      "    )\n");
  EXPECT_NE(lua_.find("op.create_index(\"ix_orders_code\", \"orders\", {\"code\"})"),
            std::string::npos)
      << lua_;
  const std::string sql = pg_sql();
  const size_t index = sql.find("CREATE INDEX ix_orders_code ON orders (code);");
  ASSERT_NE(index, std::string::npos) << sql;
  EXPECT_LT(sql.find("CREATE TABLE orders ("), index) << sql;
}

TEST_F(ImportAlembicCli, ServerDefaultText) {
  translate(
      "    op.add_column('orders', sa.Column('created_at', sa.DateTime(), "
      "server_default=sa.text('now()'), nullable=False))\n");
  EXPECT_NE(lua_.find("server_default = op.text(\"now()\")"), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("ADD COLUMN created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT "
                          "NULL;"),
            std::string::npos);
}

TEST_F(ImportAlembicCli, FStringLoopOverALiteralList) {
  translate(
      "    for table in AUDITED:\n"
      "        op.execute(f'ALTER TABLE {table} ENABLE ROW LEVEL SECURITY')\n",
      "    pass\n", "", "\nAUDITED = ['accounts', 'invoices', 'payments']\n");
  EXPECT_NE(lua_.find("ipairs(AUDITED)"), std::string::npos) << lua_;
  const std::string sql = pg_sql();
  for (const char* t : {"accounts", "invoices", "payments"}) {
    EXPECT_EQ(count_of(sql, std::string("ALTER TABLE ") + t + " ENABLE ROW LEVEL SECURITY;"), 1u)
        << t << "\n" << sql;
  }
  EXPECT_EQ(count_of(sql, "ENABLE ROW LEVEL SECURITY"), 3u) << sql;
}

TEST_F(ImportAlembicCli, PercentAndFormatStrings) {
  translate(
      "    name = 'reporting'\n"
      "    op.execute('CREATE SCHEMA %s' % name)\n"
      "    op.execute('GRANT USAGE ON SCHEMA {} TO {}'.format(name, 'analyst'))\n");
  EXPECT_NE(lua_.find("string.format("), std::string::npos) << lua_;
  const std::string sql = pg_sql();
  EXPECT_NE(sql.find("CREATE SCHEMA reporting;"), std::string::npos) << sql;
  EXPECT_NE(sql.find("GRANT USAGE ON SCHEMA reporting TO analyst;"), std::string::npos) << sql;
}

TEST_F(ImportAlembicCli, XArgumentBecomesOpX) {
  translate(
      "    tenant = context.get_x_argument(as_dictionary=True).get('tenant', 'public')\n"
      "    op.execute(f'CREATE SCHEMA IF NOT EXISTS {tenant}')\n",
      "    pass\n", "from alembic import context\n");
  EXPECT_NE(lua_.find("op.x(\"tenant\", \"public\")"), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("CREATE SCHEMA IF NOT EXISTS public;"), std::string::npos);
  const std::string acme = pg_sql({"-x", "tenant=acme"});
  EXPECT_NE(acme.find("CREATE SCHEMA IF NOT EXISTS acme;"), std::string::npos) << acme;
  EXPECT_EQ(acme.find("public"), std::string::npos) << acme;
}

TEST_F(ImportAlembicCli, DialectNameBranch) {
  translate(
      "    if op.get_bind().dialect.name == 'postgresql':\n"
      "        op.execute('CREATE EXTENSION IF NOT EXISTS citext')\n"
      "    op.execute('CREATE TABLE tags (name VARCHAR(40))')\n");
  EXPECT_NE(lua_.find("if op.dialect == \"postgresql\" then"), std::string::npos) << lua_;
  const std::string pg = pg_sql();
  EXPECT_NE(pg.find("CREATE EXTENSION IF NOT EXISTS citext;"), std::string::npos) << pg;
  EXPECT_NE(pg.find("CREATE TABLE tags (name VARCHAR(40));"), std::string::npos) << pg;
  const std::string lite = migration_sql(
      ok({"upgrade", "head", "--sql", "--url", "sqlite:///" + dir_.file("never.db")}));
  EXPECT_EQ(lite.find("citext"), std::string::npos) << lite;
  EXPECT_NE(lite.find("CREATE TABLE tags (name VARCHAR(40));"), std::string::npos) << lite;
}

TEST_F(ImportAlembicCli, BoundParameterIsQuotedAsALiteral) {
  translate(
      "    conn = op.get_bind()\n"
      "    conn.execute(sa.text('UPDATE notes SET body = :v'), {'v': \"it's\"})\n");
  const std::string sql = pg_sql();
  EXPECT_NE(sql.find("UPDATE notes SET body = 'it''s';"), std::string::npos) << sql << lua_;
}

TEST_F(ImportAlembicCli, BulkInsertWithLightweightTable) {
  translate(
      "    items = sa.table('items', sa.column('id', sa.Integer), sa.column('name', "
      "sa.String))\n"
      "    op.bulk_insert(items, [{'id': 1, 'name': 'one'}, {'id': 2, 'name': \"it's\"}])\n");
  EXPECT_NE(lua_.find("op.bulk_insert(\"items\""), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("INSERT INTO items (id, name) VALUES\n    (1, 'one'),\n"
                          "    (2, 'it''s');"),
            std::string::npos);
}

TEST_F(ImportAlembicCli, BatchAlterTable) {
  translate(
      "    with op.batch_alter_table('items', schema=None) as batch_op:\n"
      "        batch_op.add_column(sa.Column('price', sa.Numeric(10, 2), nullable=True))\n"
      "        batch_op.alter_column('name', existing_type=sa.String(50), nullable=False)\n",
      "    pass\n", "",
      "");
  EXPECT_NE(lua_.find("op.batch_alter_table(\"items\", function(batch_op)"), std::string::npos)
      << lua_;
  EXPECT_NE(lua_.find("batch_op:add_column("), std::string::npos) << lua_;
  EXPECT_NE(lua_.find("batch_op:alter_column(\"name\""), std::string::npos) << lua_;
  const std::string sql = pg_sql();
  EXPECT_NE(sql.find("ALTER TABLE items ADD COLUMN price NUMERIC(10, 2);"), std::string::npos)
      << sql;
  EXPECT_NE(sql.find("ALTER TABLE items ALTER COLUMN name SET NOT NULL;"), std::string::npos)
      << sql;
}

// Online on SQLite: the batch is a table rebuild, which keeps the rows.
TEST_F(ImportAlembicCli, BatchAlterTableRebuildsOnSqlite) {
  write_alembic_project(
      src(),
      {{"r0_items.py",
        revision_py("r0", "", "items",
                    "    op.create_table('items', sa.Column('id', sa.Integer(), "
                    "primary_key=True), sa.Column('name', sa.String(50)))\n"
                    "    op.execute(\"INSERT INTO items (id, name) VALUES (1, 'one')\")\n",
                    "    op.drop_table('items')\n")},
       {"r1_price.py",
        revision_py("r1", "r0", "price",
                    "    with op.batch_alter_table('items') as batch_op:\n"
                    "        batch_op.add_column(sa.Column('price', sa.Numeric(10, 2)))\n"
                    "        batch_op.alter_column('name', existing_type=sa.String(50), "
                    "nullable=False)\n",
                    "    with op.batch_alter_table('items') as batch_op:\n"
                    "        batch_op.alter_column('name', existing_type=sa.String(50), "
                    "nullable=True)\n"
                    "        batch_op.drop_column('price')\n")}});
  CommandResult r = import();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string db = dir_.file("batch.db");
  ok({"upgrade", "head", "--url", "sqlite:///" + db});
  CommandResult info = run_command(
      {"sqlite3", "-batch", db,
       "SELECT name || '|' || upper(type) || '|' || \"notnull\" FROM pragma_table_info('items') "
       "ORDER BY cid; SELECT id || ',' || name FROM items;"},
      "");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_EQ(info.out, "id|INTEGER|1\nname|VARCHAR(50)|1\nprice|NUMERIC(10, 2)|0\n1,one\n");
  ok({"downgrade", "base", "--url", "sqlite:///" + db});
  CommandResult tables = run_command(
      {"sqlite3", "-batch", db, "SELECT name FROM sqlite_master WHERE name = 'items'"}, "");
  EXPECT_EQ(tables.out, "");
}

TEST_F(ImportAlembicCli, AutocommitBlockWithConcurrentIndex) {
  translate(
      "    with op.get_context().autocommit_block():\n"
      "        op.create_index('ix_items_name', 'items', ['name'], unique=False, "
      "postgresql_concurrently=True)\n");
  EXPECT_NE(lua_.find("op.autocommit_block(function()"), std::string::npos) << lua_;
  EXPECT_NE(lua_.find("postgresql_concurrently = true"), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("COMMIT;\n\nCREATE INDEX CONCURRENTLY ix_items_name ON items "
                          "(name);\n\nBEGIN;"),
            std::string::npos);
}

TEST_F(ImportAlembicCli, ModuleLevelHelperFunction) {
  translate("    _audit_table('orders')\n    _audit_table('invoices')\n", "    pass\n", "",
            "\n\ndef _audit_table(name):\n"
            "    op.create_table(\n"
            "        f'{name}_audit',\n"
            "        sa.Column('id', sa.Integer(), primary_key=True),\n"
            "        sa.Column('changed_at', sa.DateTime(), nullable=False),\n"
            "    )\n");
  EXPECT_NE(lua_.find("local function _audit_table(name)"), std::string::npos) << lua_;
  const std::string sql = pg_sql();
  EXPECT_NE(sql.find("CREATE TABLE orders_audit ("), std::string::npos) << sql;
  EXPECT_NE(sql.find("CREATE TABLE invoices_audit ("), std::string::npos) << sql;
}

TEST_F(ImportAlembicCli, CreateSequence) {
  translate("    op.execute(sa.schema.CreateSequence(sa.Sequence('s', start=5)))\n",
            "    op.execute(sa.schema.DropSequence(sa.Sequence('s')))\n");
  EXPECT_NE(lua_.find("op.create_sequence(\"s\", {start = 5})"), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("CREATE SEQUENCE s START WITH 5;"), std::string::npos);
  const std::string down = migration_sql(ok({"downgrade", "r1:base", "--sql", "--url", kPgUrl}));
  EXPECT_NE(down.find("DROP SEQUENCE s;"), std::string::npos) << down;
}

TEST_F(ImportAlembicCli, NotImplementedErrorInDowngrade) {
  translate("    op.execute('DROP TABLE legacy')\n",
            "    raise NotImplementedError('irreversible')\n");
  EXPECT_NE(lua_.find("error("), std::string::npos) << lua_;
  EXPECT_NE(pg_sql().find("DROP TABLE legacy;"), std::string::npos);
  CommandResult r = run_strata({"downgrade", "r1:base", "--sql", "--url", kPgUrl}, dest());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("irreversible"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("not translated"), std::string::npos) << r.err;
}

TEST_F(ImportAlembicCli, UnknownApplicationTypeIsMarked) {
  translate("    op.add_column('invoices', sa.Column('total', Money(), nullable=True))\n",
            "    op.drop_column('invoices', 'total')\n", "\nfrom myapp.types import Money\n");
  EXPECT_NE(imported_.out.find("1 revision, 0 translated whole, 1 to edit"), std::string::npos)
      << imported_.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(imported_.out, m,
                                std::regex("r1_change\\.lua:(\\d+): not translated: (.*Money.*)")))
      << imported_.out;
  const std::vector<std::string> script = lines_of(lua_);
  const size_t line = std::stoul(m[1].str());
  ASSERT_LE(line, script.size());
  EXPECT_NE(script[line - 1].find("strata:not-translated upgrade"), std::string::npos)
      << script[line - 1];
  EXPECT_NE(script[line - 1].find("Money"), std::string::npos) << script[line - 1];
  CommandResult r = run_strata({"upgrade", "head", "--sql", "--url", kPgUrl}, dest());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find(":" + m[1].str() + ": not translated: "), std::string::npos) << r.err;
  // The downgrade translated whole: it is not refused.
  EXPECT_NE(migration_sql(ok({"downgrade", "r1:base", "--sql", "--url", kPgUrl}))
                .find("ALTER TABLE invoices DROP COLUMN total;"),
            std::string::npos);
}

// ---------------------------------------------------------------------------
// Help and hints.

TEST_F(ImportAlembicCli, HelpMentionsAlembicIni) {
  CommandResult r = run_strata({"import-alembic", "--help"}, dir_.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("alembic.ini"), std::string::npos) << r.out;
}

TEST_F(ImportAlembicCli, PythonRevisionInAStrataProjectIsWarnedAbout) {
  translate("    op.execute('SELECT 1')\n");
  write_file(dest() + "/migrations/versions/r2_stray.py",
             revision_py("r2", "r1", "stray", "    op.execute('SELECT 2')\n", "    pass\n"));
  CommandResult r = run_strata({"heads", "--url", "sqlite:///" + dir_.file("never.db")}, dest());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "r1 (head)\n");
  EXPECT_NE(r.err.find("strata import-alembic"), std::string::npos) << r.err;
}

TEST_F(ImportAlembicCli, AlembicIniAsConfigPointsAtImportAlembic) {
  write_alembic_project(src(), {{"r1_change.py", revision_py("r1", "", "change",
                                                             "    op.execute('SELECT 1')\n",
                                                             "    pass\n")}});
  CommandResult r = run_strata({"-c", "alembic.ini", "heads"}, src());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  const std::vector<std::string> err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_NE(err[0].find("strata import-alembic"), std::string::npos) << err[0];
}

}  // namespace
}  // namespace strata::testing
