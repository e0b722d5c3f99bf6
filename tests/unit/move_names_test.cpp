// The comparator after a move_table with a new name on PostgreSQL
// (autogen/compare/move_names.cpp): constraints and indexes with
// PostgreSQL's default names for the old table name are expected under the
// new table name's defaults (as the move renames them live), so a model
// naming them so gives no rename, and a model keeping the old name gets a
// rename from the new default back. Other dialects keep every name.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "autogen/compare.h"
#include "dialect/normalizer.h"

namespace strata::autogen {
namespace {

model::Column col(const std::string& name) {
  model::Column c;
  c.name = name;
  c.type.kind = model::Type::Kind::kText;
  c.nullable = name != "id";
  return c;
}

// A table `schema.name` with a primary key, a unique url, a check, and the
// indexes `indexes` (name, column) — names built from `prefix`.
model::Catalog catalog(const std::string& schema, const std::string& name, const std::string& prefix,
                       bool live) {
  model::Catalog c;
  c.default_schema = "public";
  if (live) c.schemas = {"public"};
  model::Table t;
  t.schema = schema;
  t.name = name;
  t.columns = {col("id"), col("url"), col("title")};
  t.primary_key = model::PrimaryKey{prefix + "_pkey", {"id"}};
  t.uniques = {model::UniqueConstraint{prefix + "_url_key", {"url"}}};
  t.checks = {model::CheckConstraint{prefix + "_title_check", "length(title) > 0"}};
  c.tables = {t};
  model::Index ix;
  ix.name = prefix + "_title_idx";
  ix.schema = schema;
  ix.table = name;
  ix.elements = {{"title", false}};
  model::Index custom = ix;
  custom.name = "custom_title";
  custom.elements = {{"url", false}};
  c.indexes = {ix, custom};
  return c;
}

std::vector<std::string> diff(const std::string& dialect, const std::string& desired_prefix) {
  CompareOptions options;
  options.default_schema = "public";
  options.include_schemas = {"public", "rag"};
  auto normalizer = dialect::make_normalizer(dialect);
  model::Catalog live = catalog("public", "rag_documents", "rag_documents", true);
  model::Catalog desired = catalog("rag", "documents", desired_prefix, false);
  return describe_changes(compare(live, desired, *normalizer, options));
}

TEST(MoveNames, PostgresExpectsDefaultNamesToFollowTheMove) {
  std::vector<std::string> changes = diff("postgresql", "documents");
  ASSERT_EQ(changes.size(), 2u) << ::testing::PrintToString(changes);
  EXPECT_EQ(changes[0], "create_schema rag");
  EXPECT_EQ(changes[1].rfind("move_table", 0), 0u) << changes[1];
  // A model keeping the old names: renamed back from the new defaults.
  changes = diff("postgresql", "rag_documents");
  std::string all;
  for (const std::string& c : changes) all += c + "\n";
  EXPECT_NE(all.find("documents_pkey"), std::string::npos) << all;
  EXPECT_NE(all.find("rename_index"), std::string::npos) << all;
}

TEST(MoveNames, OtherDialectsKeepTheNames) {
  std::vector<std::string> changes = diff("sqlite", "rag_documents");
  std::string all;
  for (const std::string& c : changes) all += c + "\n";
  EXPECT_EQ(all.find("rename"), std::string::npos) << all;
  EXPECT_NE(all.find("move_table"), std::string::npos) << all;
}

}  // namespace
}  // namespace strata::autogen
