// Autogenerate's hard cases of types and server normalisation, on every
// live dialect where they apply (autogenerate_fixture.h round trip):
// aliases and normalised defaults give no spurious diff, the default schema
// spelled or not, enums (add / remove / reorder values), sequences, identity
// columns, extension objects ignored, and `models dump` then `check` clean.
#include "integration/autogenerate_fixture.h"

namespace strata::testing {
namespace {


// Model text declaring one table whose columns use every alias the dialect
// accepts for common types, with defaults written the way users write them.
std::string alias_models(const std::string& dialect) {
  std::string columns =
      "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
      "  model.column(\"a\", \"int\"),\n"
      "  model.column(\"b\", \"INTEGER\", {server_default = \"0\"}),\n"
      "  model.column(\"c\", \"varchar(20)\", {server_default = \"x\"}),\n"
      "  model.column(\"d\", model.String(20), {nullable = false, server_default = \"it's\"}),\n"
      "  model.column(\"e\", model.Boolean, {server_default = \"1\"}),\n"
      "  model.column(\"f\", model.Numeric(10, 2), {server_default = \"1.50\"}),\n"
      "  model.column(\"g\", model.DateTime{timezone = true}, {server_default = model.text(\"CURRENT_TIMESTAMP\")}),\n"
      "  model.column(\"h\", model.Text),\n"
      "  model.column(\"i\", model.BigInteger),\n";
  if (dialect == "postgresql") {
    columns +=
        "  model.column(\"j\", \"int4\"),\n"
        "  model.column(\"k\", \"timestamptz\", {server_default = model.text(\"now()\")}),\n"
        "  model.column(\"l\", \"character varying(30)\"),\n"
        "  model.column(\"m\", \"jsonb\", {server_default = model.text(\"'{}'::jsonb\")}),\n"
        "  model.column(\"n\", \"numeric(12,4)\"),\n"
        "  model.column(\"o\", \"bool\", {server_default = \"true\"}),\n"
        "  model.column(\"p\", \"text[]\"),\n"
        "  model.column(\"q\", \"double precision\"),\n";
  } else if (dialect == "mysql") {
    columns +=
        "  model.column(\"j\", \"int(11)\"),\n"
        "  model.column(\"k\", \"BOOL\"),\n"
        "  model.column(\"l\", \"VARCHAR(30)\"),\n";
  } else {
    columns +=
        "  model.column(\"j\", \"INT\"),\n"
        "  model.column(\"l\", \"VARCHAR(30)\"),\n";
  }
  return "model.table(\"aliases\",\n" + columns +
         "  model.check_constraint(\"b_positive\", \"b >= 0 AND b < 1000\"),\n"
         "  {comment = \"every alias\"})\n"
         "model.index(\"ix_aliases_c\", \"aliases\", {\"c\", \"d\"})\n";
}

TEST_P(AutogenerateTest, AliasesAndNormalisedDefaultsGiveNoSpuriousDiff) {
  write_project({{"aliases.lua", alias_models(dialect())}},
                "[naming_convention]\nck = \"ck_%(table_name)s_%(constraint_name)s\"\n");
  std::string text = round_trip({db().default_schema()});
  EXPECT_TRUE(contains(text, "op.create_table(\"aliases\"")) << text;
}

TEST_P(AutogenerateTest, TheDefaultSchemaSpelledOrNotIsTheSame) {
  std::string spelled = db().default_schema();
  write_project({{"t.lua", "model.table(\"t\", model.column(\"id\", model.Integer, {primary_key = true}))\n"}});
  ASSERT_NE(autogenerate(), "");
  upgrade();
  EXPECT_TRUE(check().empty());
  // The same table with the default schema written out: nothing to do.
  write_project({{"t.lua", "model.table(\"t\", model.column(\"id\", model.Integer, {primary_key = true}), "
                           "{schema = \"" + spelled + "\"})\n"}});
  EXPECT_TRUE(check().empty()) << ::testing::PrintToString(check());
}

// Cases of what only some dialects have: instantiated for those only.
class PostgresAutogenerateTest : public AutogenerateTest {};
class SequenceAutogenerateTest : public AutogenerateTest {};

TEST_P(PostgresAutogenerateTest, EnumsAreCreatedAndChanged) {
  std::string base =
      "model.schema(\"core\")\n"
      "model.enum(\"plan_tier\", {VALUES}, {schema = \"core\"})\n"
      "model.table(\"users\",\n"
      "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
      "  model.column(\"tier\", \"core.plan_tier\", {nullable = false, server_default = \"free\"}),\n"
      "  {schema = \"core\"})\n";
  auto with = [&](const std::string& values) {
    std::string text = base;
    text.replace(text.find("VALUES"), 6, values);
    return text;
  };
  write_project({{"core.lua", with("\"free\", \"pro\", \"legacy\"")}});
  ASSERT_NE(autogenerate(), "");
  upgrade();
  ASSERT_TRUE(check().empty()) << ::testing::PrintToString(check());
  db().conn().execute("INSERT INTO core.users (id, tier) VALUES (1, 'pro'), (2, 'free')");

  // Add a value in the middle: ALTER TYPE ... ADD VALUE.
  write_project({{"core.lua", with("\"free\", \"team\", \"pro\", \"legacy\"")}});
  std::string added = round_trip({"public", "core"});
  EXPECT_TRUE(contains(upgrade_part(added), "op.alter_enum(\"plan_tier\"")) << added;
  // round_trip ended with a downgrade: back to head for the next step.
  upgrade();
  // Remove an unused value and reorder: the type swap; rows keep their values.
  write_project({{"core.lua", with("\"pro\", \"team\", \"free\"")}});
  std::string swapped = round_trip({"public", "core"});
  EXPECT_TRUE(contains(upgrade_part(swapped), "op.alter_enum(\"plan_tier\"")) << swapped;
  auto rows = db().conn().query("SELECT id, tier::text FROM core.users ORDER BY id").rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(*rows[0][1], "pro");
  EXPECT_EQ(*rows[1][1], "free");
}

TEST_P(SequenceAutogenerateTest, SequencesAreCreatedAlteredAndDropped) {
  std::string core = schema("core");
  write_project({{"seq.lua",
                  "model.schema(\"" + core + "\")\n"
                  "model.sequence(\"forecast_seq\", {schema = \"" + core + "\", start = 1000, increment = 10})\n"
                  "model.table(\"t\", model.column(\"id\", model.Integer, {primary_key = true}), {schema = \"" + core + "\"})\n"}});
  std::string created = round_trip({db().default_schema(), core});
  EXPECT_TRUE(contains(upgrade_part(created), "op.create_sequence(\"forecast_seq\"")) << created;
  upgrade();
  write_project({{"seq.lua",
                  "model.schema(\"" + core + "\")\n"
                  "model.sequence(\"forecast_seq\", {schema = \"" + core + "\", start = 1000, increment = 5, cache = 20})\n"
                  "model.table(\"t\", model.column(\"id\", model.Integer, {primary_key = true}), {schema = \"" + core + "\"})\n"}});
  std::string altered = round_trip({db().default_schema(), core});
  EXPECT_TRUE(contains(upgrade_part(altered), "op.alter_sequence(\"forecast_seq\"")) << altered;
  upgrade();
  write_project({{"seq.lua",
                  "model.schema(\"" + core + "\")\n"
                  "model.table(\"t\", model.column(\"id\", model.Integer, {primary_key = true}), {schema = \"" + core + "\"})\n"}});
  std::string dropped = round_trip({db().default_schema(), core});
  EXPECT_TRUE(contains(upgrade_part(dropped), "op.drop_sequence(\"forecast_seq\"")) << dropped;
}

TEST_P(PostgresAutogenerateTest, IdentityColumnsRoundTrip) {
  write_project({{"t.lua",
                  "model.table(\"events\",\n"
                  "  model.column(\"id\", model.BigInteger, {primary_key = true, identity = {always = true, start = 1000}}),\n"
                  "  model.column(\"n\", model.Integer, {identity = \"by_default\"}))\n"}});
  std::string text = round_trip({"public"});
  EXPECT_TRUE(contains(text, "identity")) << text;
}

// Identity changes on existing columns (alter_column's identity): added to
// a plain key, to a nullable column (made NOT NULL too) and in place of a
// default; changed (kind and options); dropped. The downgrade puts every
// column back as it was (nullability and default included).
TEST_P(PostgresAutogenerateTest, IdentityChangesOnExistingColumnsRoundTrip) {
  db().conn().execute(
      "CREATE TABLE events (id integer PRIMARY KEY, n integer, m integer NOT NULL DEFAULT 0, "
      "k bigint GENERATED ALWAYS AS IDENTITY (START WITH 5), "
      "g integer GENERATED BY DEFAULT AS IDENTITY)");
  write_project({{"t.lua",
                  "model.table(\"events\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true, identity = \"always\"}),\n"
                  "  model.column(\"n\", model.Integer, {identity = {always = true, start = 100, increment = 2}}),\n"
                  "  model.column(\"m\", model.Integer, {identity = \"by_default\"}),\n"
                  "  model.column(\"k\", model.BigInteger, {identity = {start = 5, increment = 3, cycle = true}}),\n"
                  "  model.column(\"g\", model.Integer, {nullable = false}))\n"}});
  std::string text = round_trip({"public"});
  std::string up = upgrade_part(text);
  EXPECT_TRUE(contains(up, "op.alter_column(\"events\", \"id\", {identity = \"always\", "
                           "existing_type = op.Integer, existing_nullable = false"))
      << text;
  EXPECT_TRUE(contains(up, "existing_autoincrement = false, existing_identity = false})")) << text;
  EXPECT_TRUE(contains(up, "nullable = false, identity = {always = true, start = 100, increment = 2}"))
      << text;
  EXPECT_TRUE(contains(up, "server_default = false, identity = \"by_default\"")) << text;
  EXPECT_TRUE(contains(up, "identity = {start = 5, increment = 3, cycle = true}")) << text;
  EXPECT_TRUE(contains(up, "existing_identity = {always = true, start = 5}")) << text;
  EXPECT_TRUE(contains(up, "\"g\", {identity = false")) << text;
  EXPECT_TRUE(contains(up, "existing_identity = \"by_default\"})")) << text;
  for (const std::string& w : warnings()) EXPECT_FALSE(contains(w, "identity")) << w;
}

TEST_P(PostgresAutogenerateTest, ExtensionObjectsAreIgnored) {
  auto available = db().conn().query(
      "SELECT name FROM pg_available_extensions WHERE name IN ('citext', 'hstore', 'pg_trgm') ORDER BY name");
  // Debian's postgresql-15 ships the contrib extensions.
  ASSERT_FALSE(available.rows.empty()) << "no contrib extension on this server";
  std::string ext = *available.rows[0][0];
  db().conn().execute("CREATE EXTENSION " + ext);
  write_project({{"t.lua", "model.table(\"t\", model.column(\"id\", model.Integer, {primary_key = true}))\n"}});
  std::string text = round_trip({"public"});
  EXPECT_FALSE(contains(upgrade_part(text), "drop_")) << text;
  EXPECT_FALSE(contains(upgrade_part(text), ext)) << text;
}

TEST_P(AutogenerateTest, DumpedModelsCheckClean) {
  std::string core = schema("core");
  write_project({{"m.lua",
                  "model.schema(\"" + core + "\")\n"
                  "model.table(\"users\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"email\", model.String(200), {nullable = false, comment = \"login\"}),\n"
                  "  model.column(\"active\", model.Boolean, {server_default = \"1\"}),\n"
                  "  model.unique_constraint({\"email\"}, {name = \"uq_users_email\"}),\n"
                  "  model.check_constraint(\"length(email) > 3\", {name = \"ck_users_email\"}),\n"
                  "  {schema = \"" + core + "\", comment = \"people\"})\n"
                  "model.table(\"orders\",\n"
                  "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
                  "  model.column(\"user_id\", model.Integer, {foreign_key = {\"" + core + ".users.id\", name = \"fk_orders_user\", ondelete = \"CASCADE\"}}),\n"
                  "  {schema = \"" + core + "\"})\n"
                  "model.index(\"ix_orders_user\", \"orders\", {\"user_id\"}, {schema = \"" + core + "\"})\n"}},
                "include_schemas = [\"" + db().default_schema() + "\", \"" + core + "\"]\n");
  ASSERT_NE(autogenerate(), "");
  upgrade();
  ASSERT_TRUE(check().empty()) << ::testing::PrintToString(check());
  // Adopt: dump the live database as model files, point the project at
  // them, and check: clean.
  for (const char* format : {"lua", "sql"}) {
    if (std::string(format) == "sql" && is("mysql")) continue;  // SQL models on MySQL need dev_url
    app::Project p = project();
    std::map<std::string, std::string> files = app::dump_models(p, format);
    ASSERT_TRUE(files.count(core + "." + format)) << format;
    std::filesystem::remove_all(dir().file("models"));
    std::filesystem::create_directories(dir().file("models"));
    for (const auto& [name, text] : files) write_file(dir().file("models/" + name), text);
    write_file(dir().file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"" + db().url() + "\"\n"
               "models = [\"models/*." + std::string(format) + "\"]\n"
               "include_schemas = [\"" + db().default_schema() + "\", \"" + core + "\"]\n");
    std::vector<std::string> remaining = check();
    EXPECT_TRUE(remaining.empty()) << format << ": " << ::testing::PrintToString(remaining) << "\n"
                                   << files[core + "." + format];
  }
}

INSTANTIATE_TEST_SUITE_P(Live, AutogenerateTest, ::testing::ValuesIn(live_dialects()),
                         [](const auto& info) { return info.param; });
// Enum types, identity columns and extensions are PostgreSQL's.
INSTANTIATE_TEST_SUITE_P(Live, PostgresAutogenerateTest, ::testing::Values("postgresql"),
                         [](const auto& info) { return info.param; });
// SQLite has no sequences.
INSTANTIATE_TEST_SUITE_P(Live, SequenceAutogenerateTest, ::testing::Values("postgresql", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace strata::testing
