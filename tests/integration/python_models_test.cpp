// SQLAlchemy metadata as a model source (models/python_models.h): a fixture
// package with two declarative bases (schemas core and rag on PostgreSQL,
// none on SQLite) and a naming_convention; `revision --autogenerate` from an
// empty database, `upgrade head`, then `check` is clean and sees a model
// change (PostgreSQL: index methods and operator classes included); errors
// for a missing module, attribute and interpreter. Uses
// Debian's /usr/bin/python3 with python3-sqlalchemy (1.4).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kModels = R"PY(import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

print("the application prints while importing")

convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def build(core, rag, extra_column=False):
    CoreBase = declarative_base(metadata=sa.MetaData(schema=core, naming_convention=convention))
    RagBase = declarative_base(metadata=sa.MetaData(schema=rag, naming_convention=convention))

    class User(CoreBase):
        __tablename__ = "users"
        __table_args__ = (sa.CheckConstraint("length(email) > 3", name="email_len"),
                          {"comment": "Registered users"})
        id = sa.Column(sa.BigInteger, primary_key=True)
        email = sa.Column(sa.String(320), nullable=False, unique=True, comment="login")
        tier = sa.Column(sa.Enum("free", "pro", name="plan_tier", schema=core),
                         nullable=False, server_default="free")
        created_at = sa.Column(sa.DateTime(timezone=True), nullable=False,
                               server_default=sa.text("CURRENT_TIMESTAMP"))
        score = sa.Column(sa.Numeric(10, 2))
        if extra_column:
            nickname = sa.Column(sa.String(40))

    class Document(RagBase):
        __tablename__ = "documents"
        # PostgreSQL index method and operator class (plain indexes elsewhere)
        __table_args__ = (sa.Index("ix_documents_title_hash", "title", postgresql_using="hash"),
                          sa.Index("ix_documents_title_pattern", "title",
                                   postgresql_ops={"title": "text_pattern_ops"}))
        id = sa.Column(sa.Integer, primary_key=True)
        user_id = sa.Column(sa.BigInteger,
                            sa.ForeignKey((core + "." if core else "") + "users.id",
                                          ondelete="CASCADE"),
                            nullable=False, index=True)
        title = sa.Column(sa.Text, nullable=False)
        meta = sa.Column(sa.JSON)

    return [CoreBase, RagBase]


schema_bases = build("core", "rag")
flat_bases = build(None, None)
schema_bases_changed = build("core", "rag", extra_column=True)
flat_bases_changed = build(None, None, extra_column=True)
)PY";

constexpr const char* kPython = "/usr/bin/python3";

// A project whose models are `models` (TOML array text).
void write_project(const TempDir& dir, const std::string& url, const std::string& models,
                   const std::string& python = kPython) {
  fs::create_directories(dir.file("migrations/versions"));
  fs::create_directories(dir.file("src/app"));
  write_file(dir.file("src/app/__init__.py"), "");
  write_file(dir.file("src/app/models.py"), kModels);
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\n"
                                      "url = \"" + url + "\"\n"
                                      "models = " + models + "\n"
                                      "python_path = [\"src\"]\n"
                                      "python = \"" + python + "\"\n");
}

std::string only_revision(const TempDir& dir) {
  std::string found;
  for (const auto& e : fs::directory_iterator(dir.file("migrations/versions"))) {
    if (e.path().extension() != ".lua") continue;
    EXPECT_TRUE(found.empty()) << "more than one revision";
    found = read_file(e.path().string());
  }
  return found;
}

size_t count_lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// autogenerate from empty -> upgrade -> check clean; then a changed model
// makes check fail naming the new column.
void round_trip(const TempDir& dir, const std::string& url, const std::string& attr) {
  write_project(dir, url, "[\"python:app.models:" + attr + "\"]");
  CommandResult gen = run_strata({"revision", "--autogenerate", "-m", "init"}, dir.path());
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::string script = only_revision(dir);
  for (const char* name : {"pk_users", "uq_users_email", "ck_users_email_len",
                           "fk_documents_user_id_users", "pk_documents"}) {
    EXPECT_NE(script.find(name), std::string::npos) << name << "\n" << script;
  }
  EXPECT_NE(script.find("op.String(320)"), std::string::npos) << script;
  EXPECT_NE(script.find("op.Numeric(10, 2)"), std::string::npos) << script;
  EXPECT_NE(script.find("op.DateTime{timezone = true}"), std::string::npos) << script;
  EXPECT_NE(script.find("comment = \"login\""), std::string::npos) << script;
  EXPECT_NE(script.find("ondelete = \"CASCADE\""), std::string::npos) << script;

  CommandResult up = run_strata({"upgrade", "head"}, dir.path());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  CommandResult check = run_strata({"check"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("No new upgrade operations detected."), std::string::npos)
      << check.out;

  write_project(dir, url, "[\"python:app.models:" + attr + "_changed\"]");
  CommandResult changed = run_strata({"check"}, dir.path());
  EXPECT_EQ(changed.exit_code, 1) << changed.out << changed.err;
  EXPECT_NE((changed.out + changed.err).find("nickname"), std::string::npos)
      << changed.out << changed.err;
}

// `models dump --from python:...` converts the SQLAlchemy models once into
// Lua model files; with those as the models, the database built from the
// SQLAlchemy models checks clean.
void dump_from_python_checks_clean(const TempDir& dir, const std::string& url,
                                   const std::string& attr,
                                   const std::vector<std::string>& expected_files) {
  write_project(dir, url, "[\"python:app.models:" + attr + "\"]");
  CommandResult dump =
      run_strata({"models", "dump", "--from", "python:app.models:" + attr, "-o", "luamodels"},
                 dir.path());
  ASSERT_EQ(dump.exit_code, 0) << dump.err;
  for (const std::string& name : expected_files) {
    EXPECT_TRUE(fs::exists(dir.file("luamodels/" + name))) << name << "\n" << dump.out;
  }
  write_project(dir, url, "[\"luamodels/*.lua\"]");
  CommandResult check = run_strata({"check"}, dir.path());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("No new upgrade operations detected."), std::string::npos)
      << check.out << check.err;
}

TEST(PythonModels, SqliteAutogenerateUpgradeCheck) {
  TempDir dir;
  round_trip(dir, "sqlite:///" + dir.file("app.db"), "flat_bases");
  dump_from_python_checks_clean(dir, "sqlite:///" + dir.file("app.db"), "flat_bases",
                                {"main.lua"});
  std::string script = only_revision(dir);
  EXPECT_NE(script.find("ix_documents_user_id"), std::string::npos) << script;
  // SQLite has no enum types: SQLAlchemy's Enum is VARCHAR(longest value).
  EXPECT_NE(script.find("op.column(\"tier\", op.String(4)"), std::string::npos) << script;
}

TEST(PythonModels, PostgresAutogenerateUpgradeCheck) {
  REQUIRE_PG_SERVER();
  TempDir dir;
  std::string url = create_pg_database("python_models");
  round_trip(dir, url, "schema_bases");
  std::string script = only_revision(dir);
  EXPECT_NE(script.find("ix_rag_documents_user_id"), std::string::npos) << script;
  EXPECT_EQ(psql(url, "SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
                      "FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                      "JOIN pg_namespace n ON n.oid = t.typnamespace "
                      "WHERE n.nspname = 'core' AND t.typname = 'plan_tier'"),
            "free,pro\n");
  EXPECT_EQ(psql(url, "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint c "
                      "JOIN pg_namespace n ON n.oid = c.connamespace "
                      "WHERE n.nspname IN ('core', 'rag')"),
            "ck_users_email_len,fk_documents_user_id_users,pk_documents,pk_users,"
            "uq_users_email\n");
  // postgresql_using / postgresql_ops reach the revision and the server.
  EXPECT_NE(script.find("using = \"hash\""), std::string::npos) << script;
  EXPECT_NE(script.find("ops = {title = \"text_pattern_ops\"}"), std::string::npos) << script;
  EXPECT_EQ(psql(url, "SELECT string_agg(indexdef, E'\\n' ORDER BY indexname) FROM pg_indexes "
                      "WHERE indexname LIKE 'ix_documents_title%'"),
            "CREATE INDEX ix_documents_title_hash ON rag.documents USING hash (title)\n"
            "CREATE INDEX ix_documents_title_pattern ON rag.documents USING btree "
            "(title text_pattern_ops)\n");
  dump_from_python_checks_clean(dir, url, "schema_bases", {"core.lua", "rag.lua"});
}

TEST(PythonModels, MissingModuleIsOneLineError) {
  TempDir dir;
  write_project(dir, "sqlite:///" + dir.file("app.db"), "[\"python:app.nope:base\"]");
  ASSERT_EQ(run_strata({"upgrade", "head"}, dir.path()).exit_code, 0);
  CommandResult r = run_strata({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("app.nope:base: cannot import app.nope: ModuleNotFoundError: No module "
                       "named 'app.nope'"),
            std::string::npos)
      << r.err;
}

TEST(PythonModels, MissingAttributeIsOneLineError) {
  TempDir dir;
  write_project(dir, "sqlite:///" + dir.file("app.db"),
                "[\"models/*.lua\", \"python:app.models:nope\"]");
  fs::create_directories(dir.file("models"));
  write_file(dir.file("models/extra.lua"),
             "model.table(\"extra\", model.column(\"id\", model.Integer, {primary_key = true}))\n");
  ASSERT_EQ(run_strata({"upgrade", "head"}, dir.path()).exit_code, 0);
  CommandResult r = run_strata({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("app.models:nope: module app.models has no attribute 'nope'"),
            std::string::npos)
      << r.err;
}

TEST(PythonModels, MissingInterpreterIsOneLineError) {
  TempDir dir;
  write_project(dir, "sqlite:///" + dir.file("app.db"), "[\"python:app.models:flat_bases\"]",
                "/nonexistent/python3");
  ASSERT_EQ(run_strata({"upgrade", "head"}, dir.path()).exit_code, 0);
  CommandResult r = run_strata({"check"}, dir.path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("cannot run '/nonexistent/python3'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace strata::testing
