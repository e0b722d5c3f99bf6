// The comparator (autogen/compare.h) over hand-built catalogs, with a plain
// normalizer: matching, moves and renames, constraint identity, ordering,
// scope. Dialect normalisation is tested per dialect elsewhere; the live
// round trips are in tests/integration/autogenerate_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>

#include "autogen/compare.h"
#include "ops/reverse.h"

namespace strata::autogen {
namespace {

class PlainNormalizer : public dialect::Normalizer {
 public:
  std::string type_key(const model::Column& c) const override {
    if (c.type.kind == model::Type::Kind::kRaw) return c.type.raw;
    return std::to_string(static_cast<int>(c.type.kind)) + "/" + std::to_string(c.type.length.value_or(0));
  }
  std::optional<std::string> default_key(const model::Column& c) const override {
    if (!c.server_default) return std::nullopt;
    return c.server_default->value;
  }
  std::string expression_key(std::string_view sql) const override {
    std::string out;
    for (char ch : sql) {
      if (ch != ' ' && ch != '(' && ch != ')') out += static_cast<char>(std::tolower(ch));
    }
    return out;
  }
  bool is_autoincrement(const model::Column& c, bool) const override {
    return c.autoincrement.value_or(false);
  }
};

model::Column col(std::string name, model::Type::Kind kind = model::Type::Kind::kInteger) {
  model::Column c;
  c.name = std::move(name);
  c.type.kind = kind;
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

model::Catalog live_catalog(std::vector<model::Table> tables, std::vector<std::string> schemas = {}) {
  model::Catalog c;
  c.default_schema = "public";
  c.schemas = std::move(schemas);
  c.schemas.push_back("public");
  c.tables = std::move(tables);
  for (auto& t : c.tables) {
    if (!t.schema) t.schema = "public";
  }
  return c;
}

CompareOptions options(std::vector<std::string> schemas = {"public", "core", "rag"}) {
  CompareOptions o;
  o.default_schema = "public";
  o.include_schemas = std::move(schemas);
  return o;
}

std::vector<std::string> described(const Diff& diff) { return describe_changes(diff); }

Diff run(const model::Catalog& live, const model::Catalog& desired, CompareOptions o = options()) {
  PlainNormalizer n;
  Diff diff = compare(live, desired, n, o);
  // Whatever the comparator emits must be reversible (the downgrade).
  std::vector<ops::Op> upgrade;
  for (const auto& change : diff.changes) upgrade.push_back(change.op);
  EXPECT_NO_THROW(ops::reverse_all(upgrade));
  return diff;
}

TEST(Compare, IdenticalCatalogsGiveNothing) {
  model::Table users = table("core", "users", {col("id"), col("email", model::Type::Kind::kText)});
  users.primary_key = model::PrimaryKey{"users_pkey", {"id"}};
  model::Catalog live = live_catalog({users}, {"core"});
  model::Catalog desired;
  model::Table d = table("core", "users", {col("id"), col("email", model::Type::Kind::kText)});
  d.columns[0].primary_key = true;  // column flag == table-level key
  d.columns[0].nullable = true;     // key columns are NOT NULL whatever the model says
  live.tables[0].columns[0].nullable = false;
  desired.tables = {d};
  Diff diff = run(live, desired);
  EXPECT_TRUE(diff.empty()) << ::testing::PrintToString(described(diff));
}

TEST(Compare, NewSchemaAndTableInOrder) {
  model::Catalog live = live_catalog({});
  model::Catalog desired;
  desired.tables = {table("core", "users", {col("id")})};
  Diff diff = run(live, desired);
  EXPECT_EQ(described(diff), (std::vector<std::string>{"create_schema core", "create_table core.users"}));
}

TEST(Compare, SameColumnsElsewhereIsAMoveNotADrop) {
  model::Catalog live = live_catalog({table("public", "rag_documents", {col("id"), col("url", model::Type::Kind::kText)})});
  model::Catalog desired;
  desired.tables = {table("rag", "documents", {col("id"), col("url", model::Type::Kind::kText)})};
  Diff diff = run(live, desired);
  ASSERT_EQ(diff.changes.size(), 2u) << ::testing::PrintToString(described(diff));
  EXPECT_EQ(described(diff)[0], "create_schema rag");
  const auto* move = std::get_if<ops::MoveTable>(&diff.changes[1].op);
  ASSERT_NE(move, nullptr);
  EXPECT_EQ(move->schema, std::nullopt);  // the default schema is written unset
  EXPECT_EQ(move->name, "rag_documents");
  EXPECT_EQ(move->new_schema, "rag");
  EXPECT_EQ(move->new_name, "documents");
}

TEST(Compare, AmbiguousSameColumnsIsNotGuessed) {
  model::Catalog live = live_catalog({table("public", "a", {col("id")}), table("public", "b", {col("id")})});
  model::Catalog desired;
  desired.tables = {table("public", "c", {col("id")}), table("public", "d", {col("id")})};
  Diff diff = run(live, desired);
  auto lines = described(diff);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](auto& l) { return l.rfind("create_table", 0) == 0; }), 2);
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](auto& l) { return l.rfind("drop_table", 0) == 0; }), 2);
  EXPECT_FALSE(diff.warnings.empty());
}

TEST(Compare, RenameHintsRenameTablesAndColumns) {
  model::Catalog live = live_catalog({table("public", "app_users", {col("id"), col("requests")})});
  model::Catalog desired;
  model::Table users = table("core", "users", {col("id"), col("request_count"), col("tier", model::Type::Kind::kText)});
  users.renamed_from = "public.app_users";
  users.columns[1].renamed_from = "requests";
  desired.tables = {users};
  Diff diff = run(live, desired);
  EXPECT_EQ(described(diff),
            (std::vector<std::string>{"create_schema core", "move_table app_users to core.users",
                                      "rename_column core.users.requests to request_count",
                                      "add_column core.users.tier"}))
      << ::testing::PrintToString(described(diff));
}

TEST(Compare, DropAndAddOfTheSameTypeIsNotedAsAPossibleRename) {
  model::Catalog live = live_catalog({table("public", "t", {col("id"), col("old")})});
  model::Catalog desired;
  desired.tables = {table(std::nullopt, "t", {col("id"), col("new")})};
  Diff diff = run(live, desired);
  ASSERT_EQ(diff.changes.size(), 2u);
  EXPECT_EQ(described(diff)[0], "add_column t.new");
  ASSERT_EQ(diff.changes[0].notes.size(), 1u);
  EXPECT_EQ(diff.changes[0].notes[0], "possible rename of old -> new: add renamed_from to the model");
  EXPECT_EQ(described(diff)[1], "drop_column t.old");
  ASSERT_EQ(diff.warnings.size(), 1u);
  const auto* drop = std::get_if<ops::DropColumn>(&diff.changes[1].op);
  ASSERT_NE(drop, nullptr);
  ASSERT_TRUE(drop->dropped.has_value());  // reversible
}

TEST(Compare, UnnamedConstraintsMatchByDefinitionNamedOnesAreRenamed) {
  model::Table live_t = table("public", "t", {col("id"), col("a"), col("b")});
  live_t.uniques = {{"t_a_key", {"a"}}, {"old_b", {"b"}}};
  live_t.checks = {{"t_a_check", "(a > 0)"}};
  model::Catalog live = live_catalog({live_t});
  model::Table want = table(std::nullopt, "t", {col("id"), col("a"), col("b")});
  want.uniques = {{std::nullopt, {"a"}}, {"uq_t_b", {"b"}}};
  want.checks = {{std::nullopt, "a > 0"}};
  model::Catalog desired;
  desired.tables = {want};
  Diff diff = run(live, desired);
  EXPECT_EQ(described(diff), (std::vector<std::string>{"rename_constraint old_b on t to uq_t_b"}));
}

TEST(Compare, UniqueConstraintAndUniqueIndexAreOneFact) {
  model::Table live_t = table("public", "t", {col("id"), col("a")});
  model::Catalog live = live_catalog({live_t});
  model::Index index;
  index.name = "t_a_idx";
  index.schema = "public";
  index.table = "t";
  index.unique = true;
  index.elements = {{"a", false}};
  live.indexes = {index};
  model::Table want = table(std::nullopt, "t", {col("id"), col("a")});
  want.columns[1].unique = true;
  model::Catalog desired;
  desired.tables = {want};
  Diff diff = run(live, desired);
  EXPECT_TRUE(diff.empty()) << ::testing::PrintToString(described(diff));
}

TEST(Compare, ForeignKeyCycleIsSplitAndDropsRunInReverse) {
  model::Table a = table("core", "a", {col("id"), col("b_id")});
  a.foreign_keys = {model::ForeignKey{"fk_a_b", {"b_id"}, "core", "b", {"id"}}};
  model::Table b = table("core", "b", {col("id"), col("a_id")});
  b.foreign_keys = {model::ForeignKey{"fk_b_a", {"a_id"}, "core", "a", {"id"}}};
  model::Table c = table("core", "c", {col("id"), col("a_id")});
  c.foreign_keys = {model::ForeignKey{"fk_c_a", {"a_id"}, std::nullopt, "a", {"id"}}};
  model::Catalog empty = live_catalog({}, {"core"});
  model::Catalog desired;
  desired.tables = {c, a, b};
  Diff up = run(empty, desired);
  auto lines = described(up);
  auto pos = [&](const std::string& s) { return std::find(lines.begin(), lines.end(), s) - lines.begin(); };
  ASSERT_EQ(lines.size(), 4u) << ::testing::PrintToString(lines);
  EXPECT_LT(pos("create_table core.a"), pos("create_table core.c"));  // referenced first
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](auto& l) { return l.rfind("create_foreign_key", 0) == 0; }), 1);
  EXPECT_EQ(lines.back().rfind("create_foreign_key", 0), 0u);

  // And the other way: everything dropped, referencing tables first.
  model::Catalog live = live_catalog({a, b, c}, {"core"});
  model::Catalog none;
  none.schemas = {"core"};
  Diff down = run(live, none);
  lines = described(down);
  EXPECT_LT(pos("drop_table core.c"), pos("drop_table core.a"));
  EXPECT_EQ(lines.front().rfind("drop_constraint", 0), 0u) << ::testing::PrintToString(lines);
}

TEST(Compare, ScopeVersionTableAndExcludedTablesAreLeftAlone) {
  model::Catalog live = live_catalog({table("core", "alembic_version", {col("version_num", model::Type::Kind::kText)}),
                                      table("public", "spatial_ref_sys", {col("srid")}),
                                      table("audit", "log", {col("id")})},
                                     {"core", "audit"});
  model::Catalog desired;
  desired.schemas = {"core"};
  CompareOptions o = options({"public", "core"});
  o.version_table_schema = "core";
  o.exclude_tables = {"spatial_*"};
  Diff diff = run(live, desired, o);
  EXPECT_TRUE(diff.empty()) << ::testing::PrintToString(described(diff));
}

TEST(Compare, EnumValuesChangedCarriesItsColumns) {
  model::Catalog live = live_catalog({table("core", "users", {col("id")})}, {"core"});
  live.tables[0].columns.push_back(col("tier", model::Type::Kind::kRaw));
  live.tables[0].columns.back().reflected_type = "core.plan_tier";
  live.tables[0].columns.back().type.raw = "core.plan_tier";
  live.enums = {model::Enum{"core", "plan_tier", {"free", "pro", "legacy"}}};
  model::Catalog desired = live;
  desired.enums[0].values = {"free", "pro"};
  Diff diff = run(live, desired);
  ASSERT_EQ(diff.changes.size(), 1u) << ::testing::PrintToString(described(diff));
  const auto* alter = std::get_if<ops::AlterEnum>(&diff.changes[0].op);
  ASSERT_NE(alter, nullptr);
  EXPECT_EQ(alter->existing_values, (std::vector<std::string>{"free", "pro", "legacy"}));
  ASSERT_EQ(alter->columns.size(), 1u);
  EXPECT_EQ(alter->columns[0].table, "users");
  EXPECT_EQ(alter->columns[0].column, "tier");
}

TEST(Compare, IndexesMatchByDefinitionAndRename) {
  model::Catalog live = live_catalog({table("public", "t", {col("id"), col("email", model::Type::Kind::kText)})});
  model::Index old_index{"idx_old", "public", "t", {{"lower(email)", true}}, false, std::nullopt, {}};
  live.indexes = {old_index};
  model::Catalog desired;
  desired.tables = {table(std::nullopt, "t", {col("id"), col("email", model::Type::Kind::kText)})};
  desired.indexes = {model::Index{"ix_t_email_lower", std::nullopt, "t", {{"LOWER( email )", true}}, false, std::nullopt, {}}};
  Diff diff = run(live, desired);
  EXPECT_EQ(described(diff), (std::vector<std::string>{"rename_index idx_old to ix_t_email_lower"}));
}

// Identity (CompareOptions::identity): added, changed (only the options
// the model sets count; an explicit default equals an unset live option),
// dropped; serial <-> identity and dialects without identity reflection
// are warnings, not ops.
TEST(Compare, IdentityChangesCompareWhatTheModelSets) {
  auto ident = [](std::string name, model::Identity id) {
    model::Column c = col(std::move(name));
    c.nullable = false;
    c.identity = id;
    return c;
  };
  auto not_null = [](std::string name) {
    model::Column c = col(std::move(name));
    c.nullable = false;
    return c;
  };
  model::Column serial = not_null("d");
  serial.autoincrement = true;
  model::Catalog live = live_catalog({table(
      "public", "t",
      {not_null("a"), ident("b", {.always = true, .start = 5, .cache = 20}), ident("c", {}),
       serial, ident("e", {.always = true})})});
  model::Catalog desired;
  desired.tables = {table(std::nullopt, "t",
                          {ident("a", {.always = true}), ident("b", {}),
                           ident("c", {.start = 1, .increment = 1}), ident("d", {}),
                           not_null("e")})};
  Diff diff = run(live, desired);
  ASSERT_EQ(diff.changes.size(), 3u) << ::testing::PrintToString(described(diff));
  const auto& a = std::get<ops::AlterColumn>(diff.changes[0].op);
  EXPECT_EQ(a.column, "a");
  EXPECT_EQ(a.identity, std::optional<std::optional<model::Identity>>(model::Identity{.always = true}));
  const std::optional<std::optional<model::Identity>> none = std::optional<model::Identity>();
  EXPECT_EQ(a.existing_identity, none);  // known: there was none
  const auto& b = std::get<ops::AlterColumn>(diff.changes[1].op);
  EXPECT_EQ(b.column, "b");
  // always changes; start and cache, which the model leaves unset, stay.
  EXPECT_EQ(b.identity,
            std::optional<std::optional<model::Identity>>(model::Identity{.start = 5, .cache = 20}));
  EXPECT_EQ(b.existing_identity, std::optional<std::optional<model::Identity>>(
                                     model::Identity{.always = true, .start = 5, .cache = 20}));
  const auto& e = std::get<ops::AlterColumn>(diff.changes[2].op);
  EXPECT_EQ(e.column, "e");
  EXPECT_EQ(e.identity, none);  // dropped
  EXPECT_EQ(e.existing_identity,
            std::optional<std::optional<model::Identity>>(model::Identity{.always = true}));
  ASSERT_EQ(diff.warnings.size(), 1u) << ::testing::PrintToString(diff.warnings);
  EXPECT_NE(diff.warnings[0].find("public.t.d: serial in the database, an identity in the models"),
            std::string::npos)
      << diff.warnings[0];

  // A dialect without identity reflection: no op; a warning for a model
  // identity on a column that is not auto-increment.
  CompareOptions without = options();
  without.identity = false;
  Diff plain = run(live, desired, without);
  EXPECT_TRUE(plain.empty()) << ::testing::PrintToString(described(plain));
  ASSERT_EQ(plain.warnings.size(), 3u) << ::testing::PrintToString(plain.warnings);
  EXPECT_NE(plain.warnings[0].find("public.t.a: the models make it an identity"), std::string::npos)
      << plain.warnings[0];
}

}  // namespace
}  // namespace strata::autogen
