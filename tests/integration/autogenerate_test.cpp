// Autogenerate end to end on every live dialect (autogenerate_fixture.h):
// each case builds a start state, declares models, and runs the round trip
// autogenerate -> upgrade -> check clean -> downgrade -> catalog equal.
#include "integration/autogenerate_fixture.h"

#include "ops/ops.h"

namespace strata::testing {
namespace {

using model::Type;

model::Column column(std::string name, Type::Kind kind, bool nullable = true,
                     std::optional<int> length = std::nullopt) {
  model::Column c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.type.length = length;
  c.nullable = nullable;
  return c;
}

model::Table table(std::optional<std::string> schema, std::string name,
                   std::vector<model::Column> columns) {
  model::Table t;
  t.schema = std::move(schema);
  t.name = std::move(name);
  t.columns = std::move(columns);
  return t;
}

// Qualified "schema." prefix for model text ("" for the default schema).
std::string opt_schema(const std::string& schema) {
  return "{schema = \"" + schema + "\"}";
}


TEST_P(AutogenerateTest, CreatesSchemasTablesKeysAndIndexesFromNothing) {
  std::string core = schema("core");
  std::string rag = schema("rag");
  // SQLite keys cannot cross files: the cross-schema key is PostgreSQL / MySQL only.
  std::string cross_fk = is("sqlite") ? "" :
      "  model.foreign_key_constraint({\"owner_id\"}, \"" + core + ".users\", {\"id\"}, {ondelete = \"CASCADE\"}),\n";
  write_project({{"core.lua",
                  "model.schema(\"" + core + "\")\n"
                  "model.table(\"users\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"email\", model.String(320), {nullable = false}),\n"
                  "  model.column(\"name\", \"varchar(80)\"),\n"
                  "  model.column(\"active\", model.Boolean, {nullable = false, server_default = \"1\"}),\n"
                  "  model.column(\"score\", model.Numeric(10, 2), {server_default = \"0\"}),\n"
                  "  model.column(\"created_at\", model.DateTime{timezone = true}, {nullable = false, server_default = model.text(\"CURRENT_TIMESTAMP\")}),\n"
                  "  model.unique_constraint({\"email\"}),\n"
                  "  model.check_constraint(\"positive_score\", \"score >= 0\"),\n"
                  "  " + opt_schema(core) + ")\n"
                  "model.index(\"ix_users_name\", \"users\", {\"name\"}, " + opt_schema(core) + ")\n"},
                 {"rag.lua",
                  "model.schema(\"" + rag + "\")\n"
                  "model.table(\"documents\",\n"
                  "  model.column(\"id\", model.BigInteger, {primary_key = true}),\n"
                  "  model.column(\"owner_id\", model.Integer, {nullable = false}),\n"
                  "  model.column(\"body\", model.Text),\n" + cross_fk +
                  "  " + opt_schema(rag) + ")\n"}},
                "[naming_convention]\n"
                "uq = \"uq_%(table_name)s_%(column_0_name)s\"\n"
                "ck = \"ck_%(table_name)s_%(constraint_name)s\"\n"
                "fk = \"fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s\"\n");
  std::string text = round_trip({db().default_schema(), core, rag});
  EXPECT_TRUE(contains(text, "op.create_schema(\"" + core + "\")")) << text;
  EXPECT_TRUE(contains(text, "uq_users_email")) << text;
  EXPECT_TRUE(contains(text, "ck_users_positive_score")) << text;
  EXPECT_FALSE(contains(upgrade_part(text), "drop_")) << text;
}

TEST_P(AutogenerateTest, ColumnChangesRoundTripAndKeepRows) {
  db().apply({ops::CreateTable{[] {
    model::Table t = table(std::nullopt, "items", {column("id", Type::Kind::kInteger, false),
                                                   column("label", Type::Kind::kString, true, 50),
                                                   column("legacy", Type::Kind::kInteger),
                                                   column("qty", Type::Kind::kInteger)});
    t.primary_key = model::PrimaryKey{std::nullopt, {"id"}};
    return t;
  }()}});
  db().conn().execute("INSERT INTO items (id, label, legacy, qty) VALUES (1, 'a', 7, 3), (2, 'b', 8, 4)");
  write_project({{"items.lua",
                  "model.table(\"items\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"label\", model.String(50), {nullable = false, server_default = \"x\"}),\n"
                  "  model.column(\"qty\", model.Integer, {server_default = \"1\"}),\n"
                  "  model.column(\"note\", model.Text))\n"}});
  std::string text = round_trip({db().default_schema()});
  EXPECT_TRUE(contains(text, "op.add_column(\"items\"")) << text;
  EXPECT_TRUE(contains(text, "op.drop_column(\"items\", \"legacy\"")) << text;
  EXPECT_TRUE(contains(text, "op.alter_column(\"items\", \"label\"")) << text;
  // The labels survive: the downgrade restored the catalog; the rows of
  // the columns that stayed are unchanged.
  std::vector<std::string> rows;
  for (const auto& row : db().conn().query("SELECT id, label, qty FROM items ORDER BY id").rows) {
    rows.push_back(*row[0] + "|" + *row[1] + "|" + *row[2]);
  }
  EXPECT_EQ(rows, (std::vector<std::string>{"1|a|3", "2|b|4"}));
}

TEST_P(AutogenerateTest, MovedAndRenamedTablesKeepTheirRows) {
  std::string rag = schema("rag");
  db().apply({ops::CreateTable{[] {
    model::Table t = table(std::nullopt, "rag_documents",
                           {column("id", Type::Kind::kInteger, false), column("title", Type::Kind::kString, false, 200)});
    t.primary_key = model::PrimaryKey{std::nullopt, {"id"}};
    return t;
  }()}, ops::CreateTable{[] {
    model::Table t = table(std::nullopt, "app_users",
                           {column("id", Type::Kind::kInteger, false), column("requests", Type::Kind::kInteger)});
    t.primary_key = model::PrimaryKey{std::nullopt, {"id"}};
    return t;
  }()}});
  db().conn().execute("INSERT INTO rag_documents (id, title) VALUES (1, 'one'), (2, 'two')");
  db().conn().execute("INSERT INTO app_users (id, requests) VALUES (5, 50)");
  write_project({{"m.lua",
                  "model.schema(\"" + rag + "\")\n"
                  "model.table(\"documents\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"title\", model.String(200), {nullable = false}),\n"
                  "  " + opt_schema(rag) + ")\n"
                  "model.table(\"users\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"request_count\", model.Integer, {renamed_from = \"requests\"}),\n"
                  "  {renamed_from = \"app_users\"})\n"}});
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
  EXPECT_EQ(db().rows(std::nullopt, "rag_documents"), (std::vector<std::string>{"'1'|'one'|", "'2'|'two'|"}));
}

TEST_P(AutogenerateTest, PossibleRenameIsWrittenAsDropAndAddWithAWarning) {
  db().apply({ops::CreateTable{table(std::nullopt, "t", {column("id", Type::Kind::kInteger, false),
                                                         column("old_name", Type::Kind::kText)})}});
  write_project({{"t.lua",
                  "model.table(\"t\", model.column(\"id\", model.Integer, {nullable = false}),\n"
                  "  model.column(\"new_name\", model.Text))\n"}});
  std::string text = round_trip({db().default_schema()});
  EXPECT_TRUE(contains(text, "-- possible rename of old_name -> new_name: add renamed_from to the model")) << text;
  bool warned = false;
  for (const auto& w : warnings()) warned = warned || contains(w, "possible rename of old_name -> new_name");
  EXPECT_TRUE(warned);
}

TEST_P(AutogenerateTest, ConstraintsMatchByDefinitionAndAreRenamedToTheConvention) {
  model::Table parent = table(std::nullopt, "parent", {column("id", Type::Kind::kInteger, false),
                                                       column("code", Type::Kind::kString, false, 10)});
  parent.primary_key = model::PrimaryKey{std::string("parent_pk_old"), {"id"}};
  parent.uniques = {model::UniqueConstraint{std::string("old_code_key"), {"code"}}};
  model::Table child = table(std::nullopt, "child", {column("id", Type::Kind::kInteger, false),
                                                     column("parent_id", Type::Kind::kInteger)});
  child.primary_key = model::PrimaryKey{std::nullopt, {"id"}};
  model::ForeignKey fk;
  fk.name = "old_fk";
  fk.columns = {"parent_id"};
  fk.ref_table = "parent";
  fk.ref_columns = {"id"};
  child.foreign_keys = {fk};
  db().apply({ops::CreateTable{parent}, ops::CreateTable{child}});
  write_project({{"m.lua",
                  "model.table(\"parent\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"code\", model.String(10), {nullable = false, unique = true}))\n"
                  "model.table(\"child\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"parent_id\", model.Integer, {foreign_key = \"parent.id\"}))\n"}},
                "[naming_convention]\n"
                "uq = \"uq_%(table_name)s_%(column_0_name)s\"\n"
                "fk = \"fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s\"\n");
  std::string text = round_trip({db().default_schema()});
  if (!is("sqlite")) {
    EXPECT_TRUE(contains(text, "op.rename_constraint(\"parent\", \"old_code_key\", \"uq_parent_code\"")) << text;
    EXPECT_TRUE(contains(text, "op.rename_constraint(\"child\", \"old_fk\", \"fk_child_parent_id_parent\"")) << text;
  }
  EXPECT_FALSE(contains(text, "drop_constraint")) << text;
  EXPECT_FALSE(contains(text, "create_foreign_key")) << text;
  EXPECT_FALSE(contains(text, "create_unique_constraint")) << text;
}

TEST_P(AutogenerateTest, TablesOutsideTheScopeViewsAndTheVersionTableAreLeftAlone) {
  std::string core = schema("core");
  std::string audit = schema("audit");
  db().apply({ops::CreateSchema{core, false}, ops::CreateSchema{audit, false},
              ops::CreateTable{table(audit, "log", {column("id", Type::Kind::kInteger, false)})},
              ops::CreateTable{table(std::nullopt, "kept", {column("id", Type::Kind::kInteger, false)})}});
  db().conn().execute("CREATE VIEW kept_view AS SELECT id FROM kept");
  write_project({{"core.lua",
                  "model.table(\"users\", model.column(\"id\", model.Integer, {nullable = false}), " +
                      opt_schema(core) + ")\n"
                  "model.table(\"kept\", model.column(\"id\", model.Integer, {nullable = false}))\n"}},
                "version_table_schema = \"" + core + "\"\n");
  std::string text = round_trip({db().default_schema(), core, audit});
  EXPECT_TRUE(contains(text, "op.create_table(\"users\"")) << text;
  EXPECT_FALSE(contains(text, "log")) << text;
  EXPECT_FALSE(contains(text, "kept_view")) << text;
  EXPECT_FALSE(contains(text, "alembic_version")) << text;
  EXPECT_FALSE(contains(upgrade_part(text), "drop_")) << text;
}

// The guide's layout: the version table lives in `core`, where the models
// also put their tables. strata creates that schema before any revision
// runs, so the revision neither creates nor drops it.
TEST_P(AutogenerateTest, TheVersionTablesSchemaIsNeverCreatedOrDropped) {
  std::string core = schema("core");
  write_project({{"core.lua",
                  "model.schema(\"" + core + "\")\n"
                  "model.table(\"users\", model.column(\"id\", model.Integer, {primary_key = true}), " +
                      opt_schema(core) + ")\n"}},
                "version_table_schema = \"" + core + "\"\n");
  {
    app::Project p = project();
    app::ensure_version(p, {});
  }
  db().reconnect();  // SQLite: attach the schema file ensure_version made
  std::string text = round_trip({db().default_schema(), core});
  EXPECT_FALSE(contains(text, "create_schema")) << text;
  EXPECT_FALSE(contains(text, "drop_schema")) << text;
  EXPECT_TRUE(contains(text, "op.create_table(\"users\"")) << text;
}

TEST_P(AutogenerateTest, ForeignKeyCyclesAreSplit) {
  write_project({{"m.lua",
                  "model.table(\"a\", model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"b_id\", model.Integer, {foreign_key = {\"b.id\", name = \"fk_a_b\"}}))\n"
                  "model.table(\"b\", model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"a_id\", model.Integer, {foreign_key = {\"a.id\", name = \"fk_b_a\"}}))\n"}});
  std::string text = round_trip({db().default_schema()});
  EXPECT_TRUE(contains(text, "op.create_foreign_key(\"fk_a_b\"")) << text;
}

TEST_P(AutogenerateTest, NothingToDoWritesNoFile) {
  db().apply({ops::CreateTable{table(std::nullopt, "t", {column("id", Type::Kind::kInteger, false)})}});
  write_project({{"t.lua", "model.table(\"t\", model.column(\"id\", model.Integer, {nullable = false}))\n"}});
  EXPECT_EQ(autogenerate(), "");
  EXPECT_TRUE(std::filesystem::is_empty(dir().file("migrations/versions")));
  EXPECT_TRUE(check().empty());
}

TEST_P(AutogenerateTest, CheckExitCodesAndJson) {
  db().apply({ops::CreateTable{table(std::nullopt, "t", {column("id", Type::Kind::kInteger, false)})}});
  write_project({{"t.lua", "model.table(\"t\", model.column(\"id\", model.Integer, {nullable = false}))\n"}});
  CommandResult clean = run_strata({"check"}, dir().path());
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_EQ(clean.out, "No new upgrade operations detected.\n");
  write_project({{"t.lua",
                  "model.table(\"t\", model.column(\"id\", model.Integer, {nullable = false}),\n"
                  "  model.column(\"extra\", model.Integer))\n"}});
  CommandResult dirty = run_strata({"check"}, dir().path());
  EXPECT_EQ(dirty.exit_code, 1) << dirty.err;
  EXPECT_TRUE(contains(dirty.out, "add_column t.extra")) << dirty.out;
  CommandResult json = run_strata({"check", "--json"}, dir().path());
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_TRUE(contains(json.out, "\"clean\": false")) << json.out;
}

TEST_P(AutogenerateTest, RevisionRequiresTheDatabaseAtHead) {
  write_project({{"t.lua", "model.table(\"t\", model.column(\"id\", model.Integer, {nullable = false}))\n"}});
  ASSERT_NE(autogenerate(), "");
  // Not upgraded: the database is behind the new head.
  CommandResult r = run_strata({"revision", "--autogenerate", "-m", "again"}, dir().path());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(contains(r.err, "Target database is not up to date.")) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Live, AutogenerateTest, ::testing::ValuesIn(live_dialects()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace strata::testing
