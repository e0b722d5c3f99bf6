// PostgreSQL index access methods and per-column operator classes through
// every layer that does not need a server: the op API (`using`, `ops` and
// the postgresql_* aliases), PostgreSQL rendering (USING gin (doc
// jsonb_path_ops); other dialects ignore both), render_lua's round trip,
// Lua model files, and the comparator (a changed method or opclass is a
// drop + create on PostgreSQL, no difference elsewhere). The live round trip
// is in tests/integration/postgres_index_ops_test.cpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "autogen/compare.h"
#include "dialect/dialect.h"
#include "dialect/normalizer.h"
#include "models/lua_models.h"
#include "unit/lua_ops_fixture.h"
#include "unit/render_lua_fixture.h"

namespace strata {
namespace {

using lua_ops_test::OpApiTest;

model::Index gin_index() {
  model::Index ix;
  ix.name = "ix_doc";
  ix.schema = "public";
  ix.table = "docs";
  ix.elements = {{"doc", false, "jsonb_path_ops"}, {"title", false, ""}};
  ix.method = "gin";
  return ix;
}

TEST_F(OpApiTest, IndexUsingAndOperatorClasses) {
  up("op.create_index('ix_doc', 'docs', {'doc', 'title'}, {using = 'GIN', ops = {doc = 'jsonb_path_ops'}})\n"
     "op.create_index('ix_t', 'docs', 'title', {postgresql_using = 'btree',\n"
     "  postgresql_ops = {title = 'text_pattern_ops'}})\n"
     "op.drop_index('ix_doc', 'docs', {columns = {'doc'}, using = 'gin', ops = {doc = 'jsonb_path_ops'}})");
  ASSERT_EQ(sink_.ops.size(), 3u);
  const model::Index& a = op<ops::CreateIndex>(0).index;
  EXPECT_EQ(a.method, "gin");
  ASSERT_EQ(a.elements.size(), 2u);
  EXPECT_EQ(a.elements[0].opclass, "jsonb_path_ops");
  EXPECT_EQ(a.elements[1].opclass, "");
  EXPECT_EQ(op<ops::CreateIndex>(1).index.elements[0].opclass, "text_pattern_ops");
  const ops::DropIndex& d = op<ops::DropIndex>(2);
  ASSERT_TRUE(d.dropped.has_value());
  EXPECT_EQ(d.dropped->elements[0].opclass, "jsonb_path_ops");
  EXPECT_EQ(d.dropped->method, "gin");

  EXPECT_EQ(up_error("op.create_index('i', 't', 'a', {ops = {b = 'x_ops'}})"),
            "x.lua:3: op.create_index: option 'ops' names 'b', which is not an element of the index");
  EXPECT_EQ(up_error("op.create_index('i', 't', 'a', {postgresql_ops = {a = 'x ops'}})"),
            "x.lua:3: op.create_index: option 'postgresql_ops' entry 'a' must be an operator "
            "class name such as \"jsonb_path_ops\"");
  EXPECT_EQ(up_error("op.create_index('i', 't', 'a', {ops = 'x_ops'})"),
            "x.lua:3: op.create_index: option 'ops' must be a table {column = \"opclass\", ...}, "
            "got string");
  EXPECT_EQ(up_error("op.drop_index('i', 't', {ops = {a = 'x_ops'}})"),
            "x.lua:3: op.drop_index: ops describes the dropped index: give columns too");
}

TEST(IndexOpclassRender, PostgresRendersMethodAndOpclassOthersIgnoreThem) {
  ops::CreateIndex create{gin_index(), false, false};
  EXPECT_EQ(dialect::make_dialect("postgresql")->render(create),
            (std::vector<std::string>{
                "CREATE INDEX ix_doc ON public.docs USING gin (doc jsonb_path_ops, title)"}));
  create.index.schema.reset();
  for (const char* name : {"mysql", "sqlite", "mssql"}) {
    std::vector<std::string> sql = dialect::make_dialect(name)->render(create);
    ASSERT_EQ(sql.size(), 1u) << name;
    EXPECT_EQ(sql[0].find("USING"), std::string::npos) << sql[0];
    EXPECT_EQ(sql[0].find("jsonb_path_ops"), std::string::npos) << sql[0];
    EXPECT_NE(sql[0].find("doc"), std::string::npos) << sql[0];
  }
}

TEST(IndexOpclassRender, RenderLuaWritesUsingAndOpsAndReadsThemBack) {
  model::Index ix = gin_index();
  ix.schema.reset();
  ops::CreateIndex create{ix, false, false};
  std::string text = autogen::render_lua({create}, 0);
  EXPECT_NE(text.find("using = \"gin\", ops = {doc = \"jsonb_path_ops\"}"), std::string::npos) << text;
  ops::DropIndex drop;
  drop.name = ix.name;
  drop.table = ix.table;
  drop.dropped = ix;
  render_lua_test::expect_round_trip({create, drop}, "gin index with opclass");
}

class IndexOpclassModels : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(IndexOpclassModels, ModelIndexTakesUsingAndOps) {
  const std::string path = dir_.file("models/m.lua");
  testing::write_file(path,
                      "model.table('docs', model.column('doc', 'jsonb'), model.column('title', model.Text))\n"
                      "model.index('ix_doc', 'docs', {'doc', 'title'},\n"
                      "  {using = 'gin', postgresql_ops = {doc = 'jsonb_path_ops'}})\n");
  models::LuaModelOptions options;
  options.dialect = "postgresql";
  models::DeclaredModels out;
  models::load_lua_model(path, options, out);
  ASSERT_EQ(out.catalog.indexes.size(), 1u);
  EXPECT_EQ(out.catalog.indexes[0].method, "gin");
  EXPECT_EQ(out.catalog.indexes[0].elements[0].opclass, "jsonb_path_ops");
  EXPECT_EQ(out.catalog.indexes[0].elements[1].opclass, "");
}

// The live side as an inspector reports it: one table, the given index.
model::Catalog catalog_with(const model::Index& ix) {
  model::Catalog c;
  c.default_schema = "public";
  c.schemas = {"public"};
  model::Table t;
  t.schema = "public";
  t.name = "docs";
  model::Column doc;
  doc.name = "doc";
  doc.type.kind = model::Type::Kind::kRaw;
  doc.type.raw = "jsonb";
  doc.reflected_type = "jsonb";
  model::Column title = doc;
  title.name = "title";
  title.type.raw = title.reflected_type = "text";
  t.columns = {doc, title};
  c.tables = {t};
  c.indexes = {ix};
  return c;
}

std::vector<std::string> diff_of(const std::string& dialect, const model::Index& live,
                                 const model::Index& desired) {
  autogen::CompareOptions options;
  options.default_schema = "public";
  options.include_schemas = {"public"};
  std::unique_ptr<dialect::Normalizer> normalizer = dialect::make_normalizer(dialect);
  return autogen::describe_changes(
      autogen::compare(catalog_with(live), catalog_with(desired), *normalizer, options));
}

TEST(IndexOpclassCompare, PostgresComparesMethodAndOpclasses) {
  model::Index live = gin_index();
  EXPECT_EQ(diff_of("postgresql", live, live), std::vector<std::string>{});
  // Spelling differences are no change: case, pg_catalog., btree = unset.
  model::Index spelled = live;
  spelled.method = "GIN";
  spelled.elements[0].opclass = "pg_catalog.JSONB_PATH_OPS";
  EXPECT_EQ(diff_of("postgresql", live, spelled), std::vector<std::string>{});
  model::Index plain = live;
  plain.method.reset();
  plain.elements[0].opclass.clear();
  model::Index btree = plain;
  btree.method = "btree";
  EXPECT_EQ(diff_of("postgresql", plain, btree), std::vector<std::string>{});

  model::Index other_opclass = live;
  other_opclass.elements[0].opclass = "";
  std::vector<std::string> changes = diff_of("postgresql", live, other_opclass);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].rfind("drop_index", 0), 0u) << changes[0];
  EXPECT_EQ(changes[1].rfind("create_index", 0), 0u) << changes[1];
  EXPECT_EQ(diff_of("postgresql", live, plain).size(), 2u);
}

TEST(IndexOpclassCompare, OtherDialectsIgnoreMethodAndOpclasses) {
  model::Index live = gin_index();
  live.method = "fulltext";  // MySQL reflects INDEX_TYPE into method
  live.elements[0].opclass.clear();
  model::Index desired = gin_index();
  desired.method.reset();
  for (const char* d : {"mysql", "sqlite"}) {
    EXPECT_EQ(diff_of(d, live, desired), std::vector<std::string>{}) << d;
  }
}

}  // namespace
}  // namespace strata
