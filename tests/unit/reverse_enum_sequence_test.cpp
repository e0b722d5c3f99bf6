// ops::reverse for alter_sequence, create_enum, drop_enum and alter_enum:
// each reverse field by field, reverse(reverse(op)) == op where the reverse
// is defined, and the error naming the missing fact otherwise.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ops/reverse.h"
#include "strata/error.h"

namespace strata::ops {
namespace {

using Values = std::vector<std::string>;
using Bound = std::optional<std::optional<long long>>;

std::string error_of(const Op& op) {
  try {
    reverse(op);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    return e.message();
  }
  ADD_FAILURE() << "no error for " << describe(op);
  return "";
}

TEST(ReverseEnum, CreateEnumBecomesDropEnumWithItsValues) {
  CreateEnum create{.schema = "core", .name = "tier", .values = {"free", "pro"}, .if_not_exists = true};
  const Op back = reverse(create);
  EXPECT_EQ(std::get<DropEnum>(back),
            (DropEnum{.schema = "core", .name = "tier", .if_exists = true, .dropped = Values{"free", "pro"}}));
  EXPECT_EQ(reverse(back), Op(create));
}

TEST(ReverseEnum, DropEnumNeedsItsValues) {
  DropEnum drop{.name = "tier", .dropped = Values{"a", "b"}};
  EXPECT_EQ(std::get<CreateEnum>(reverse(drop)),
            (CreateEnum{.name = "tier", .values = {"a", "b"}}));
  EXPECT_EQ(reverse(reverse(drop)), Op(drop));
  EXPECT_EQ(error_of(DropEnum{.schema = "core", .name = "tier"}),
            "drop_enum core.tier cannot be reversed: the dropped enum's values are not given "
            "(dropped)");
}

TEST(ReverseEnum, AlterEnumSwapsValuesAndKeepsColumns) {
  AlterEnum alter{.schema = "core",
                  .name = "tier",
                  .values = {"trial", "free", "pro"},
                  .existing_values = {"free", "pro"},
                  .columns = {{.schema = "core", .table = "users", .column = "tier",
                               .server_default = model::ServerDefault{"free", false}}}};
  const AlterEnum back = std::get<AlterEnum>(reverse(alter));
  EXPECT_EQ(back.schema, alter.schema);
  EXPECT_EQ(back.name, "tier");
  EXPECT_EQ(back.values, (Values{"free", "pro"}));
  EXPECT_EQ(back.existing_values, (Values{"trial", "free", "pro"}));
  EXPECT_EQ(back.columns, alter.columns);
  EXPECT_EQ(reverse(back), Op(alter));
  EXPECT_EQ(error_of(AlterEnum{.name = "tier", .values = {"a"}}),
            "alter_enum tier cannot be reversed: missing existing_values");
}

TEST(ReverseSequence, EveryOptionGoesBackToExisting) {
  CreateSequence was{.schema = "s", .name = "seq", .start = 1, .increment = 2, .minvalue = 1,
                     .cache = 10, .cycle = true};
  AlterSequence alter{.schema = "s",
                      .name = "seq",
                      .increment = 5,
                      .minvalue = Bound(std::optional<long long>()),  // NO MINVALUE
                      .maxvalue = Bound(500),
                      .cache = 20,
                      .cycle = false,
                      .existing = was};
  const AlterSequence back = std::get<AlterSequence>(reverse(alter));
  EXPECT_EQ(back.schema, alter.schema);
  EXPECT_EQ(back.increment, 2);
  EXPECT_EQ(back.minvalue, Bound(1));
  EXPECT_EQ(back.maxvalue, Bound(std::optional<long long>()));  // there was none: NO MAXVALUE
  EXPECT_EQ(back.cache, 10);
  EXPECT_EQ(back.cycle, std::optional<bool>(true));
  EXPECT_FALSE(back.restart.has_value());
  // The reverse's existing: the sequence after the forward change.
  CreateSequence after = was;
  after.increment = 5;
  after.minvalue = std::nullopt;
  after.maxvalue = 500;
  after.cache = 20;
  after.cycle = false;
  EXPECT_EQ(back.existing, std::optional<CreateSequence>(after));
  EXPECT_EQ(reverse(back), Op(alter));
}

TEST(ReverseSequence, OnlyTheChangedOptionsAreRestated) {
  AlterSequence alter{.name = "seq", .increment = 3, .existing = CreateSequence{.name = "seq"}};
  const AlterSequence back = std::get<AlterSequence>(reverse(alter));
  EXPECT_EQ(back.increment, 1);  // an unset existing increment is the default, 1
  EXPECT_FALSE(back.minvalue.has_value());
  EXPECT_FALSE(back.maxvalue.has_value());
  EXPECT_FALSE(back.cache.has_value());
  EXPECT_FALSE(back.cycle.has_value());
}

TEST(ReverseSequence, MissingFactsAreErrors) {
  EXPECT_EQ(error_of(AlterSequence{.schema = "s", .name = "seq", .increment = 3}),
            "alter_sequence s.seq cannot be reversed: the sequence's options before the change "
            "are not given (existing)");
  EXPECT_EQ(error_of(AlterSequence{.name = "seq", .cache = 5, .existing = CreateSequence{}}),
            "alter_sequence seq cannot be reversed: missing existing.cache");
  EXPECT_EQ(error_of(AlterSequence{.name = "seq", .increment = 2, .restart = 1,
                                   .existing = CreateSequence{.increment = 1}}),
            "alter_sequence seq cannot be reversed: restart is not reversible (the sequence's "
            "position is data)");
}

TEST(ReverseSequence, ReverseAllOrdersTheNewOps) {
  const std::vector<Op> forward = {CreateEnum{.name = "e", .values = {"a"}},
                                   AlterSequence{.name = "q", .cycle = true,
                                                 .existing = CreateSequence{.name = "q"}}};
  const std::vector<Op> back = reverse_all(forward);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(std::get<AlterSequence>(back[0]).cycle, std::optional<bool>(false));
  EXPECT_EQ(std::get<DropEnum>(back[1]).name, "e");
}

}  // namespace
}  // namespace strata::ops
