// Tests for Lua model files: the `model` table (models/lua_models.h) and
// load_models (models/model_files.h) — declarations, options, errors with
// file:line, duplicates across files, the unlisted-file warning, the naming
// convention and model.dialect.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/config.h"
#include "models/lua_models.h"
#include "models/model_files.h"
#include "strata/error.h"

namespace strata::models {
namespace {

namespace fs = std::filesystem;
using model::Type;

class LuaModelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/strata-lua-models-test.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `text` to dir_/name (creating directories); returns the path.
  std::string write(const std::string& name, const std::string& text) {
    fs::path path = fs::path(dir_) / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path.string();
  }
  // Loads dir_/strata.toml written from `toml`.
  LoadedModels load(const std::string& toml, std::string_view dialect = "postgresql") {
    return load_models(config::load_config(write("strata.toml", toml)), dialect);
  }
  // The message of the Error(code) `fn` throws, with dir_ + "/" removed.
  template <typename Fn>
  std::string error_of(Fn fn, ErrorCode code = ErrorCode::kScript) {
    try {
      fn();
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), code) << e.message();
      return relative(e.message());
    }
    ADD_FAILURE() << "expected strata::Error";
    return "";
  }
  std::string relative(std::string text) const {
    std::string prefix = dir_ + "/";
    for (size_t pos; (pos = text.find(prefix)) != std::string::npos;) {
      text.erase(pos, prefix.size());
    }
    return text;
  }
  // Runs one model file's text through load_lua_model.
  DeclaredModels run(const std::string& text, LuaModelOptions options = {}) {
    if (options.dialect.empty()) options.dialect = "postgresql";
    DeclaredModels out;
    load_lua_model(write("models/m.lua", text), options, out);
    return out;
  }
  std::string run_error(const std::string& text, LuaModelOptions options = {}) {
    return error_of([&] { run(text, options); });
  }

  std::string dir_;
};

// The issue's example, plus a view, and every declaration's options.
TEST_F(LuaModelsTest, EveryDeclaration) {
  DeclaredModels out = run(R"lua(model.schema("core")
model.enum("plan_tier", {"free", "pro"}, {schema = "core"})
model.sequence("forecast_seq", {schema = "core", start = 1000, increment = 10,
  minvalue = 1, maxvalue = 99999, cache = 5, cycle = true})
model.table("users",                                   -- as op.create_table
  model.column("id", model.BigInteger, {primary_key = true}),
  model.column("email", model.String(320), {nullable = false, comment = "login"}),
  model.column("tier", "core.plan_tier", {nullable = false, server_default = "free"}),
  model.column("request_count", model.Integer, {renamed_from = "requests"}),
  model.column("created", model.DateTime{timezone = true}, {server_default = model.text("now()")}),
  model.unique_constraint({"email"}),
  model.check_constraint("request_count >= 0", {name = "positive"}),
  {schema = "core", comment = "Registered users", renamed_from = "public.app_users"})
model.table("events",
  model.column("id", model.Integer, {identity = "always"}),
  model.column("user_id", model.BigInteger, {foreign_key = "core.users.id"}),
  model.foreign_key_constraint({"user_id"}, "core.users", {"id"}, {ondelete = "CASCADE"}),
  model.primary_key_constraint({"id"}, {name = "events_pk"}))
model.index("ix_users_email_lower", "users", {model.text("lower(email)")},
  {schema = "core", where = "tier <> 'free'"})
model.index("ix_events_user", "events", "user_id", {unique = true, include = {"id"}})
model.view("active_users", "SELECT id FROM core.users WHERE tier <> 'free'", {schema = "core"})
model.schema("core")
)lua");
  const model::Catalog& c = out.catalog;
  EXPECT_EQ(c.schemas, std::vector<std::string>{"core"});  // declared twice: once
  EXPECT_EQ(c.default_schema, "");

  ASSERT_EQ(c.enums.size(), 1u);
  EXPECT_EQ(c.enums[0].name, "plan_tier");
  EXPECT_EQ(c.enums[0].schema, "core");
  EXPECT_EQ(c.enums[0].values, (std::vector<std::string>{"free", "pro"}));
  EXPECT_EQ(relative(c.enums[0].origin), "models/m.lua:2");

  ASSERT_EQ(c.sequences.size(), 1u);
  const model::Sequence& s = c.sequences[0];
  EXPECT_EQ(s.name, "forecast_seq");
  EXPECT_EQ(s.schema, "core");
  EXPECT_EQ(s.start, 1000);
  EXPECT_EQ(s.increment, 10);
  EXPECT_EQ(s.minvalue, 1);
  EXPECT_EQ(s.maxvalue, 99999);
  EXPECT_EQ(s.cache, 5);
  EXPECT_TRUE(s.cycle);
  EXPECT_EQ(relative(s.origin), "models/m.lua:3");

  ASSERT_EQ(c.tables.size(), 2u);
  const model::Table& users = c.tables[0];
  EXPECT_EQ(users.name, "users");
  EXPECT_EQ(users.schema, "core");
  EXPECT_EQ(users.comment, "Registered users");
  EXPECT_EQ(users.renamed_from, "public.app_users");
  EXPECT_EQ(relative(users.origin), "models/m.lua:5");  // the line of model.table(
  ASSERT_EQ(users.columns.size(), 5u);
  EXPECT_EQ(users.columns[0].type.kind, Type::Kind::kBigInteger);
  EXPECT_TRUE(users.columns[0].primary_key);
  EXPECT_FALSE(users.columns[0].nullable);
  EXPECT_EQ(users.columns[1].type.kind, Type::Kind::kString);
  EXPECT_EQ(users.columns[1].type.length, 320);
  EXPECT_FALSE(users.columns[1].nullable);
  EXPECT_EQ(users.columns[1].comment, "login");
  EXPECT_EQ(users.columns[2].type.kind, Type::Kind::kRaw);
  EXPECT_EQ(users.columns[2].type.raw, "core.plan_tier");
  EXPECT_EQ(users.columns[2].server_default, (model::ServerDefault{"free", false}));
  EXPECT_EQ(users.columns[3].renamed_from, "requests");
  EXPECT_TRUE(users.columns[3].nullable);
  EXPECT_FALSE(users.columns[2].renamed_from.has_value());
  EXPECT_TRUE(users.columns[4].type.timezone);
  EXPECT_EQ(users.columns[4].server_default, (model::ServerDefault{"now()", true}));
  ASSERT_EQ(users.uniques.size(), 1u);
  EXPECT_FALSE(users.uniques[0].name.has_value());  // unnamed: left to the convention
  EXPECT_EQ(users.uniques[0].columns, std::vector<std::string>{"email"});
  ASSERT_EQ(users.checks.size(), 1u);
  EXPECT_EQ(users.checks[0], (model::CheckConstraint{"positive", "request_count >= 0"}));

  const model::Table& events = c.tables[1];
  EXPECT_FALSE(events.schema.has_value());  // unset: the default schema
  EXPECT_EQ(relative(events.origin), "models/m.lua:14");
  ASSERT_TRUE(events.columns[0].identity.has_value());
  EXPECT_TRUE(events.columns[0].identity->always);
  EXPECT_FALSE(events.columns[0].nullable);
  ASSERT_EQ(events.foreign_keys.size(), 2u);  // column-level and table-level
  EXPECT_EQ(events.foreign_keys[0].ref_schema, "core");
  EXPECT_EQ(events.foreign_keys[0].ref_table, "users");
  EXPECT_EQ(events.foreign_keys[0].columns, std::vector<std::string>{"user_id"});
  EXPECT_EQ(events.foreign_keys[1].ondelete, "CASCADE");
  ASSERT_TRUE(events.primary_key.has_value());
  EXPECT_EQ(events.primary_key->name, "events_pk");

  ASSERT_EQ(c.indexes.size(), 2u);
  ASSERT_EQ(out.index_origins.size(), 2u);
  const model::Index& lower = c.indexes[0];
  EXPECT_EQ(lower.name, "ix_users_email_lower");
  EXPECT_EQ(lower.schema, "core");
  EXPECT_EQ(lower.table, "users");
  EXPECT_EQ(lower.elements, (std::vector<model::IndexElement>{{"lower(email)", true}}));
  EXPECT_EQ(lower.where, "tier <> 'free'");
  EXPECT_FALSE(lower.unique);
  EXPECT_EQ(relative(out.index_origins[0]), "models/m.lua:19");
  const model::Index& by_user = c.indexes[1];
  EXPECT_TRUE(by_user.unique);
  EXPECT_EQ(by_user.elements, (std::vector<model::IndexElement>{{"user_id", false}}));
  EXPECT_EQ(by_user.include, std::vector<std::string>{"id"});
  EXPECT_EQ(relative(out.index_origins[1]), "models/m.lua:21");

  ASSERT_EQ(c.views.size(), 1u);
  EXPECT_EQ(c.views[0].name, "active_users");
  EXPECT_EQ(c.views[0].schema, "core");
  EXPECT_EQ(c.views[0].definition, "SELECT id FROM core.users WHERE tier <> 'free'");
  EXPECT_EQ(relative(c.views[0].origin), "models/m.lua:22");
}

TEST_F(LuaModelsTest, DialectIsTheTarget) {
  const std::string text =
      "model.table(model.dialect .. '_only', model.column('id', model.Integer))\n";
  EXPECT_EQ(run(text, {.dialect = "sqlite"}).catalog.tables.at(0).name, "sqlite_only");
  EXPECT_EQ(run(text, {.dialect = "mysql"}).catalog.tables.at(0).name, "mysql_only");
}

TEST_F(LuaModelsTest, ErrorsNameFileAndLine) {
  EXPECT_EQ(run_error("\nmodel.table('t', model.column('id', model.Integer), {schemma = 'x'})\n"),
            "models/m.lua:2: model.table: unknown option 'schemma'");
  EXPECT_EQ(run_error("model.table('t',\n  model.column('email', 'Strng'))\n"),
            "models/m.lua:2: model.column 'email': unknown type 'Strng'");
  EXPECT_EQ(run_error("local t = model.Strng\n"),
            "models/m.lua:1: unknown type 'Strng' (model.Strng)");
  EXPECT_EQ(run_error("model.column('x', model.Integer, {renamed = 'y'})\n"),
            "models/m.lua:1: model.column 'x': unknown option 'renamed'");
  EXPECT_EQ(run_error("model.table('t', model.column('id', model.Integer),\n"
                      "  {renamed_from = 'a.b.c'})\n"),
            "models/m.lua:1: model.table: renamed_from must be \"old_name\" or "
            "\"schema.old_name\", got 'a.b.c'");
  EXPECT_EQ(run_error("model.index(nil, 't', 'id')\n"),
            "models/m.lua:1: model.index: the index needs a name: naming_convention in "
            "strata.toml has no 'ix' template");
  EXPECT_EQ(run_error("model.index('i', 't', 'id', {concurrently = true})\n"),
            "models/m.lua:1: model.index: unknown option 'concurrently'");
  EXPECT_EQ(run_error("model.enum('e', {'a', 'b', 'a'})\n"),
            "models/m.lua:1: model.enum: value 'a' is given twice");
  EXPECT_EQ(run_error("model.sequence('s', {increment = 0})\n"),
            "models/m.lua:1: model.sequence: increment must not be 0");
  EXPECT_EQ(run_error("model.view('v', 42)\n"),
            "models/m.lua:1: model.view: select_sql must be a string, got number");
  EXPECT_EQ(run_error("model.schema('')\n"),
            "models/m.lua:1: model.schema: schema name must not be empty");
  EXPECT_EQ(run_error("op.create_table('t')\n"),
            "models/m.lua:1: attempt to index a nil value (global 'op')");
  // The sandbox is the revision sandbox: no io.
  EXPECT_EQ(run_error("io.open('/etc/passwd')\n"),
            "models/m.lua:1: attempt to index a nil value (global 'io')");
}

TEST_F(LuaModelsTest, NilIndexNameWithIxConvention) {
  DeclaredModels out = run("model.index(nil, 't', {'a', 'b'}, {schema = 's'})\n",
                           {.index_name_optional = true});
  ASSERT_EQ(out.catalog.indexes.size(), 1u);
  EXPECT_EQ(out.catalog.indexes[0].name, "");
}

TEST_F(LuaModelsTest, LoadModelsReadsSortedFilesAndRequiresFromLib) {
  write("migrations/lib/columns.lua",
        "return {id = function() return model.column('id', model.BigInteger, "
        "{primary_key = true}) end}\n");
  write("models/b.lua",
        "local c = require('columns')\nmodel.table('b', c.id(), {schema = 'rag'})\n");
  write("models/a.lua", "model.table('a', model.column('id', model.Integer))\n");
  LoadedModels m = load("models = [\"models/*.lua\"]\n");
  EXPECT_EQ(m.files, (std::vector<std::string>{dir_ + "/models/a.lua", dir_ + "/models/b.lua"}));
  ASSERT_EQ(m.catalog.tables.size(), 2u);
  EXPECT_EQ(m.catalog.tables[0].name, "a");
  EXPECT_EQ(m.catalog.tables[1].name, "b");
  EXPECT_TRUE(m.catalog.tables[1].columns.at(0).primary_key);
  EXPECT_EQ(m.catalog.schemas, std::vector<std::string>{"rag"});  // named by a table
  EXPECT_TRUE(m.warnings.empty());
}

TEST_F(LuaModelsTest, DuplicatesAcrossFilesNameBothPositions) {
  write("models/a.lua", "model.schema('core')\nmodel.table('users', {schema = 'core'})\n");
  write("models/b.lua", "\n\nmodel.table('users', {schema = 'core'})\n");
  EXPECT_EQ(error_of([&] { load("models = [\"models/*.lua\"]\n"); }),
            "models/b.lua:3: table core.users is declared twice (first at models/a.lua:2)");
}

TEST_F(LuaModelsTest, DuplicatesInOneFile) {
  const std::string toml = "models = [\"models/*.lua\"]\n";
  write("models/m.lua", "model.index('ix', 't', 'a')\nmodel.index('ix', 'u', 'b')\n");
  EXPECT_EQ(error_of([&] { load(toml); }),
            "models/m.lua:2: index ix is declared twice (first at models/m.lua:1)");
  // MySQL index names are per table.
  EXPECT_EQ(load(toml, "mysql").catalog.indexes.size(), 2u);
  write("models/m.lua",
        "model.sequence('s')\nmodel.sequence('s', {schema = 'x'})\nmodel.sequence('s')\n");
  EXPECT_EQ(error_of([&] { load(toml); }),
            "models/m.lua:3: sequence s is declared twice (first at models/m.lua:1)");
  write("models/m.lua",
        "model.enum('e', {'a'}, {schema = 'x'})\nmodel.enum('e', {'b'}, {schema = 'x'})\n");
  EXPECT_EQ(error_of([&] { load(toml); }),
            "models/m.lua:2: enum x.e is declared twice (first at models/m.lua:1)");
  write("models/m.lua", "model.table('t')\nmodel.view('t', 'SELECT 1')\n");
  EXPECT_EQ(error_of([&] { load(toml); }),
            "models/m.lua:2: view t is declared twice (first at models/m.lua:1 as table t)");
  // Different schemas are different objects.
  write("models/m.lua", "model.table('t')\nmodel.table('t', {schema = 'rag'})\n");
  EXPECT_EQ(load(toml).catalog.tables.size(), 2u);
}

TEST_F(LuaModelsTest, UnlistedModelFileIsAWarning) {
  write("models/core.lua", "model.table('t')\n");
  write("models/rag.sql", "CREATE TABLE rag.documents (id int);\n");
  write("models/helpers.lua", "-- not a model\n");
  write("models/notes.txt", "not a model file\n");
  write("models/deeper/x.lua", "-- a directory no glob reads\n");
  LoadedModels m = load("models = [\"models/core.lua\"]\n");
  EXPECT_EQ(m.files, std::vector<std::string>{dir_ + "/models/core.lua"});
  ASSERT_EQ(m.warnings.size(), 2u);
  EXPECT_EQ(relative(m.warnings[0]),
            "models/helpers.lua: model file not listed in `models` (strata.toml)");
  EXPECT_EQ(relative(m.warnings[1]),
            "models/rag.sql: model file not listed in `models` (strata.toml)");
}

TEST_F(LuaModelsTest, NamingConventionNamesLuaModels) {
  write("models/m.lua", R"lua(model.table("users",
  model.column("id", model.BigInteger, {primary_key = true}),
  model.column("email", model.String(320), {unique = true}),
  model.check_constraint("id > 0", {name = "positive_id"}),
  {schema = "core"})
model.index(nil, "users", "email", {schema = "core"})
)lua");
  LoadedModels m = load(R"(models = ["models/*.lua"]
[naming_convention]
ix = "ix_%(column_0_label)s"
uq = "uq_%(table_name)s_%(column_0_name)s"
ck = "ck_%(table_name)s_%(constraint_name)s"
pk = "pk_%(table_name)s"
)");
  const model::Table& t = m.catalog.tables.at(0);
  EXPECT_EQ(t.primary_key->name, "pk_users");
  EXPECT_EQ(t.uniques.at(0).name, "uq_users_email");
  EXPECT_EQ(t.checks.at(0).name, "ck_users_positive_id");
  EXPECT_EQ(m.catalog.indexes.at(0).name, "ix_core_users_email");
  EXPECT_EQ(relative(m.index_origins.at(0)), "models/m.lua:6");

  write("models/m.lua", "model.table('t',\n  model.check_constraint('x > 0'))\n");
  EXPECT_EQ(error_of([&] {
              load("models = [\"models/*.lua\"]\n[naming_convention]\n"
                   "ck = \"ck_%(table_name)s_%(constraint_name)s\"\n");
            }),
            "models/m.lua:1: table t: check constraint (x > 0): naming_convention 'ck' "
            "(\"ck_%(table_name)s_%(constraint_name)s\"): %(constraint_name)s requires that the "
            "constraint is explicitly named");
}

TEST_F(LuaModelsTest, ModelsKeyErrors) {
  EXPECT_EQ(error_of([&] { load("url = \"sqlite:///x.db\"\n"); }, ErrorCode::kConfig),
            "strata.toml: no `models` key: list the model files, e.g. "
            "models = [\"models/*.lua\", \"models/*.sql\"]");
  EXPECT_EQ(error_of([&] { load("models = [\"models/*.lua\"]\n"); }, ErrorCode::kConfig),
            "strata.toml: no model file matches `models` (models/*.lua)");
  write("models/a.lua", "model.table('a')\n");
  EXPECT_EQ(error_of([&] { load("models = [\"models/*.lua\", \"models/b.lua\"]\n"); },
                     ErrorCode::kConfig),
            "strata.toml: models: 'models/b.lua' does not exist (models/b.lua)");
  write("models/a.txt", "x\n");
  EXPECT_EQ(error_of([&] { load("models = [\"models/a.*\"]\n"); }, ErrorCode::kConfig),
            "models/a.txt: a model file must end in .lua or .sql (matched by models: "
            "'models/a.*')");
  EXPECT_EQ(error_of([&] { load("models = [\"models/**/*.lua\"]\n"); }, ErrorCode::kConfig),
            "strata.toml: models: 'models/**/*.lua': '**' is not supported (list each "
            "directory)");
}

}  // namespace
}  // namespace strata::models
