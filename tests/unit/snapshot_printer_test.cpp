// inspect::print_snapshot (inspect/snapshot_printer.h) on hand-made
// catalogs: the exact lines of every kind, sorted; the same lines whatever
// the order of objects; each reflected-only fact changes its line.
#include "inspect/snapshot_printer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace strata::inspect {
namespace {

using Kind = model::Type::Kind;

model::Catalog sample() {
  model::Catalog c;
  c.default_schema = "main";
  c.schemas = {"main", "rag"};
  model::Column id{.name = "id", .type = {.kind = Kind::kInteger}, .reflected_type = "INTEGER"};
  id.autoincrement = true;
  model::Column name{.name = "na\"me", .type = {.kind = Kind::kString, .length = 20}};
  name.nullable = false;
  name.server_default = model::ServerDefault{"it's", false};
  name.comment = "line\none";
  name.unique = true;
  model::Column total{.name = "total", .type = {.kind = Kind::kRaw, .raw = "int(11)"},
                      .reflected_type = "int(11)"};
  total.server_default = model::ServerDefault{"CURRENT_TIMESTAMP", true};
  total.reflected_generated = "PERSISTENT GENERATED";
  total.reflected_generated_expression = "`id` + 1";
  total.reflected_on_update = "current_timestamp()";
  total.reflected_invisible = true;
  total.reflected_check = "`total` > 0";
  total.reflected_collation = "utf8mb4_bin";
  model::Table t{.schema = "main", .name = "t", .columns = {id, name, total}};
  t.primary_key = model::PrimaryKey{std::nullopt, {"id"}};
  t.uniques = {model::UniqueConstraint{"uq", {"total", "id"}},
               model::UniqueConstraint{"uq_d", {"id"}, true, std::nullopt}};
  t.exclusions = {model::ExclusionConstraint{"ex", "EXCLUDE USING gist (id WITH =)"}};
  t.checks = {model::CheckConstraint{std::nullopt, "id > 0"}};
  t.foreign_keys = {model::ForeignKey{.name = "fk", .columns = {"id"}, .ref_schema = "rag",
                                      .ref_table = "p", .ref_columns = {"pid"},
                                      .ondelete = "SET NULL", .deferrable = true,
                                      .initially = "DEFERRED"}};
  t.comment = "a table";
  model::Table flagged{.name = "f"};  // schema unset: the default one
  flagged.columns = {model::Column{.name = "a", .type = {.kind = Kind::kNumeric, .precision = 10, .scale = 2},
                                   .primary_key = true}};
  c.tables = {t, flagged};
  c.indexes = {model::Index{.name = "ix", .schema = "main", .table = "t",
                            .elements = {{"id", false}, {"lower(\"na\"\"me\")", true}},
                            .unique = true, .where = "id > 1", .include = {"total"},
                            .method = "hash"}};
  c.sequences = {model::Sequence{.schema = "rag", .name = "s", .start = 5, .cycle = true}};
  c.enums = {model::Enum{.schema = "rag", .name = "e", .values = {"b", "a'"}}};
  c.views = {model::View{.schema = "main", .name = "v", .definition = "SELECT 1"}};
  return c;
}

TEST(SnapshotPrinter, ExactSortedLines) {
  const std::string t = "\"main\".\"t\": ";
  std::vector<std::string> expected = {
      "\"main\": schema",
      "\"rag\": schema",
      t + "table comment='a table'",
      t + "column \"id\" type=INTEGER null=yes default=none comment=none autoincrement=yes",
      t + "column \"na\"\"me\" type=String(20) null=no default='''it''''s''' comment='line\\none'",
      t + "unique none (\"na\"\"me\")",
      t + "column \"total\" type=int(11) null=yes default='CURRENT_TIMESTAMP' comment=none "
          "generated=stored expression='`id` + 1' on_update='current_timestamp()' invisible=yes "
          "check='`total` > 0' collate=\"utf8mb4_bin\"",
      t + "primary_key none (\"id\")",
      t + "unique \"uq\" (\"total\", \"id\")",
      t + "unique \"uq_d\" (\"id\") deferrable=yes",
      t + "constraint \"ex\" EXCLUDE USING gist (id WITH =) deferrable=no",
      t + "check none id > 0",
      t + "foreign_key \"fk\" (\"id\") -> \"rag\".\"p\" (\"pid\") on_delete=set_null "
          "on_update=no_action match=simple deferrable=initially_deferred",
      t + "index \"ix\" unique=yes (\"id\", lower(\"na\"\"me\")) include=(\"total\") method=hash "
          "where='id > 1'",
      "\"main\".\"f\": table comment=none",
      "\"main\".\"f\": column \"a\" type=Numeric(10,2) null=yes default=none comment=none",
      "\"main\".\"f\": primary_key none (\"a\")",
      "\"rag\": sequence \"s\" type=bigint start=5 increment=default min=default max=default "
      "cache=default cycle=yes",
      "\"rag\": enum \"e\" ('b', 'a''')",
  };
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(print_snapshot(sample()), expected);
}

TEST(SnapshotPrinter, OrderOfObjectsDoesNotMatterButElementOrderDoes) {
  model::Catalog a = sample();
  model::Catalog b = a;
  std::reverse(b.tables.begin(), b.tables.end());
  std::reverse(b.tables[1].columns.begin(), b.tables[1].columns.end());
  EXPECT_EQ(print_snapshot(a), print_snapshot(b));
  std::reverse(b.tables[1].uniques[0].columns.begin(), b.tables[1].uniques[0].columns.end());
  EXPECT_NE(print_snapshot(a), print_snapshot(b));
}

TEST(SnapshotPrinter, EveryReflectedFactChangesTheSnapshot) {
  const auto base = print_snapshot(sample());
  std::vector<std::pair<std::string, void (*)(model::Catalog&)>> changes = {
      {"generated kind", [](model::Catalog& c) { c.tables[0].columns[2].reflected_generated = "VIRTUAL GENERATED"; }},
      {"generated expression", [](model::Catalog& c) { c.tables[0].columns[2].reflected_generated_expression = "1"; }},
      {"on update", [](model::Catalog& c) { c.tables[0].columns[2].reflected_on_update.reset(); }},
      {"invisible", [](model::Catalog& c) { c.tables[0].columns[2].reflected_invisible = false; }},
      {"column check", [](model::Catalog& c) { c.tables[0].columns[2].reflected_check.reset(); }},
      {"collation", [](model::Catalog& c) { c.tables[0].columns[2].reflected_collation = "latin1_bin"; }},
      {"autoincrement", [](model::Catalog& c) { c.tables[0].columns[0].autoincrement.reset(); }},
      {"literal vs expression", [](model::Catalog& c) { c.tables[0].columns[1].server_default->value = "x"; }},
      {"index method", [](model::Catalog& c) { c.indexes[0].method.reset(); }},
      {"fk deferrable", [](model::Catalog& c) { c.tables[0].foreign_keys[0].initially.reset(); }},
      {"key deferrable", [](model::Catalog& c) { c.tables[0].uniques[1].initially = "DEFERRED"; }},
      {"exclusion", [](model::Catalog& c) { c.tables[0].exclusions[0].deferrable = true; }},
      {"sequence", [](model::Catalog& c) { c.sequences[0].increment = 2; }},
      {"enum order", [](model::Catalog& c) { std::swap(c.enums[0].values[0], c.enums[0].values[1]); }},
  };
  for (const auto& [what, change] : changes) {
    model::Catalog c = sample();
    change(c);
    EXPECT_NE(print_snapshot(c), base) << what;
  }
  model::Catalog view_changed = sample();
  view_changed.views.clear();  // views are not printed
  EXPECT_EQ(print_snapshot(view_changed), base);
}

}  // namespace
}  // namespace strata::inspect
