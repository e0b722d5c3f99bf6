// PostgreSQL index access methods and operator classes, live
// (scripts/with-postgres.sh): Lua models with `using` / `ops` autogenerate
// a revision that writes them, `upgrade` creates the indexes the server then
// reflects with the same method and opclasses (check is clean), a changed
// method or opclass is a drop + create, and `downgrade` restores the
// catalog (the autogenerate round trip of autogenerate_fixture.h). The
// layers without a server are in tests/unit/pg_index_ops_test.cpp.
#include "integration/autogenerate_fixture.h"

namespace strata::testing {
namespace {

class PostgresIndexOpsTest : public AutogenerateTest {};

std::string docs_model(const std::string& index_options) {
  return "model.table(\"docs\",\n"
         "  model.column(\"id\", model.Integer, {primary_key = true}),\n"
         "  model.column(\"doc\", \"jsonb\"),\n"
         "  model.column(\"title\", model.Text))\n"
         "model.index(\"ix_docs_title\", \"docs\", \"title\", {ops = {title = \"text_pattern_ops\"}})\n"
         "model.index(\"ix_docs_doc\", \"docs\", \"doc\", " + index_options + ")\n";
}

// The index definitions as the server prints them.
std::vector<std::string> indexdefs(LiveDb& db) {
  std::vector<std::string> out;
  for (const driver::Row& row :
       db.conn().query("SELECT indexdef FROM pg_indexes WHERE tablename = 'docs' "
                       "AND indexname LIKE 'ix_%' ORDER BY indexname").rows) {
    out.push_back(row.at(0).value_or("NULL"));
  }
  return out;
}

TEST_P(PostgresIndexOpsTest, MethodsAndOperatorClassesRoundTrip) {
  // Create: both indexes with their methods and opclasses.
  write_project({{"docs.lua", docs_model("{using = \"gin\", ops = {doc = \"jsonb_path_ops\"}}")}});
  std::string created = round_trip({"public"});
  EXPECT_TRUE(contains(upgrade_part(created),
                       "{using = \"gin\", ops = {doc = \"jsonb_path_ops\"}}"))
      << created;
  EXPECT_TRUE(contains(upgrade_part(created), "ops = {title = \"text_pattern_ops\"}")) << created;
  upgrade();
  EXPECT_EQ(indexdefs(db()),
            (std::vector<std::string>{
                "CREATE INDEX ix_docs_doc ON public.docs USING gin (doc jsonb_path_ops)",
                "CREATE INDEX ix_docs_title ON public.docs USING btree (title text_pattern_ops)"}));

  // The default opclass (jsonb_ops): ix_docs_doc is dropped and re-created;
  // the downgrade brings jsonb_path_ops back.
  write_project({{"docs.lua", docs_model("{using = \"gin\"}")}});
  std::string changed = round_trip({"public"});
  EXPECT_TRUE(contains(upgrade_part(changed), "op.drop_index(\"ix_docs_doc\"")) << changed;
  EXPECT_TRUE(contains(upgrade_part(changed), "op.create_index(\"ix_docs_doc\", \"docs\", {\"doc\"}, {using = \"gin\"})"))
      << changed;
  EXPECT_FALSE(contains(changed, "ix_docs_title")) << changed;

  // Another method (hash): drop + create again.
  upgrade();
  write_project({{"docs.lua", docs_model("{using = \"hash\"}")}});
  std::string rehashed = round_trip({"public"});
  EXPECT_TRUE(contains(upgrade_part(rehashed), "{using = \"hash\"}")) << rehashed;
}

INSTANTIATE_TEST_SUITE_P(Live, PostgresIndexOpsTest, ::testing::Values("postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace strata::testing
