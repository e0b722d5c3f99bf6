// The op API's alter_sequence, create_enum, drop_enum, alter_enum and the
// `identity` column option (src/lua/op_type_ops.cpp): what each call emits,
// op.reverse_upgrade over them, and the argument errors at the script line.
#include <gtest/gtest.h>

#include "unit/lua_ops_fixture.h"

namespace strata::lua_ops_test {
namespace {

using Values = std::vector<std::string>;

TEST_F(OpApiTest, AlterSequence) {
  up("op.alter_sequence('seq', {schema = 's', increment = 5, minvalue = false, maxvalue = 900,\n"
     "  cache = 20, cycle = false, restart = 7.0,\n"
     "  existing = {start = 1, increment = 2, minvalue = 1, cache = 1, cycle = true}})\n"
     "op.alter_sequence('plain', {minvalue = 3, maxvalue = false})");
  ASSERT_EQ(sink_.ops.size(), 2u);
  const ops::AlterSequence& a = op<ops::AlterSequence>(0);
  EXPECT_EQ(*a.schema, "s");
  EXPECT_EQ(a.name, "seq");
  EXPECT_EQ(a.increment, 5);
  ASSERT_TRUE(a.minvalue.has_value());
  EXPECT_FALSE(a.minvalue->has_value());  // NO MINVALUE
  EXPECT_EQ(a.maxvalue, std::optional<std::optional<long long>>(900));
  EXPECT_EQ(a.cache, 20);
  EXPECT_EQ(a.cycle, std::optional<bool>(false));
  EXPECT_EQ(a.restart, 7);
  ASSERT_TRUE(a.existing.has_value());
  EXPECT_EQ(*a.existing->schema, "s");
  EXPECT_EQ(a.existing->name, "seq");
  EXPECT_EQ(a.existing->increment, 2);
  EXPECT_EQ(a.existing->minvalue, 1);
  EXPECT_FALSE(a.existing->maxvalue.has_value());
  EXPECT_TRUE(a.existing->cycle);
  const ops::AlterSequence& p = op<ops::AlterSequence>(1);
  EXPECT_FALSE(p.schema.has_value());
  EXPECT_EQ(p.minvalue, std::optional<std::optional<long long>>(3));
  ASSERT_TRUE(p.maxvalue.has_value());
  EXPECT_FALSE(p.maxvalue->has_value());
  EXPECT_FALSE(p.increment.has_value());
  EXPECT_FALSE(p.cycle.has_value());
  EXPECT_FALSE(p.existing.has_value());

  EXPECT_EQ(up_error("op.alter_sequence('s', {schema = 'x'})"),
            "x.lua:3: op.alter_sequence: nothing to change (give increment, minvalue, maxvalue, "
            "cache, cycle or restart)");
  EXPECT_EQ(up_error("op.alter_sequence('s', {minvalue = true})"),
            "x.lua:3: op.alter_sequence: option 'minvalue' must be an integer or false, got true");
  EXPECT_EQ(up_error("op.alter_sequence('s', {maxvalue = 'x'})"),
            "x.lua:3: op.alter_sequence: option 'maxvalue' must be an integer, got string");
  EXPECT_EQ(up_error("op.alter_sequence('s', {increment = 0})"),
            "x.lua:3: op.alter_sequence: increment must not be 0");
  EXPECT_EQ(up_error("op.alter_sequence('s', {cache = 2, existing = {restart = 1}})"),
            "x.lua:3: op.alter_sequence 'existing': unknown option 'restart'");
  EXPECT_EQ(up_error("op.alter_sequence('s', {start = 2})"),
            "x.lua:3: op.alter_sequence: unknown option 'start'");
}

TEST_F(OpApiTest, Enums) {
  up("op.create_enum('mood', {'sad', 'ok'}, {schema = 's', if_not_exists = true})\n"
     "op.drop_enum('mood', {schema = 's', if_exists = true, dropped = {'sad', 'ok'}})\n"
     "op.drop_enum('plain')\n"
     "op.alter_enum('tier', {'free', 'pro'}, {schema = 'core', existing_values = {'pro'},\n"
     "  columns = {{table = 'users', column = 'tier', schema = 'core', server_default = 'pro'},\n"
     "             {table = 'teams', column = 'plan', server_default = op.text('f()')},\n"
     "             {table = 'logs', column = 'tier'}}})");
  ASSERT_EQ(sink_.ops.size(), 4u);
  const ops::CreateEnum& c = op<ops::CreateEnum>(0);
  EXPECT_EQ(*c.schema, "s");
  EXPECT_EQ(c.name, "mood");
  EXPECT_EQ(c.values, (Values{"sad", "ok"}));
  EXPECT_TRUE(c.if_not_exists);
  const ops::DropEnum& d = op<ops::DropEnum>(1);
  EXPECT_TRUE(d.if_exists);
  EXPECT_EQ(d.dropped, std::optional<Values>(Values{"sad", "ok"}));
  EXPECT_FALSE(op<ops::DropEnum>(2).dropped.has_value());
  EXPECT_FALSE(op<ops::DropEnum>(2).if_exists);
  const ops::AlterEnum& a = op<ops::AlterEnum>(3);
  EXPECT_EQ(*a.schema, "core");
  EXPECT_EQ(a.values, (Values{"free", "pro"}));
  EXPECT_EQ(a.existing_values, (Values{"pro"}));
  ASSERT_EQ(a.columns.size(), 3u);
  EXPECT_EQ(a.columns[0], (ops::EnumColumn{.schema = "core", .table = "users", .column = "tier",
                                           .server_default = model::ServerDefault{"pro", false}}));
  EXPECT_EQ(a.columns[1], (ops::EnumColumn{.table = "teams", .column = "plan",
                                           .server_default = model::ServerDefault{"f()", true}}));
  EXPECT_EQ(a.columns[2], (ops::EnumColumn{.table = "logs", .column = "tier"}));

  EXPECT_EQ(up_error("op.create_enum('e', {'a', 'a'})"),
            "x.lua:3: op.create_enum: values: 'a' is listed twice");
  EXPECT_EQ(up_error("op.create_enum('e', 5)"),
            "x.lua:3: op.create_enum: values must be a string or a table of strings, got number");
  EXPECT_EQ(up_error("op.alter_enum('e', {'a'})"),
            "x.lua:3: op.alter_enum: existing_values (the type's values now) is required");
  EXPECT_EQ(up_error("op.alter_enum('e', {'a'}, {existing_values = {'a'}, columns = {{table = 't'}}})"),
            "x.lua:3: op.alter_enum columns[1]: column must be a string, got nil");
  EXPECT_EQ(up_error("op.alter_enum('e', {'a'}, {existing_values = {'a'}, columns = {'t.c'}})"),
            "x.lua:3: op.alter_enum columns[1]: must be a table {table = ..., column = ...}, got "
            "string");
  EXPECT_EQ(up_error("op.alter_enum('e', {'a'}, {existing_values = {'a'},\n"
                     "  columns = {{table = 't', column = 'c', using = 'x'}}})"),
            "x.lua:3: op.alter_enum columns[1]: unknown option 'using'");
  EXPECT_EQ(up_error("op.drop_enum('e', {dropped = {'a', 'a'}})"),
            "x.lua:3: op.drop_enum: option 'dropped': 'a' is listed twice");
}

TEST_F(OpApiTest, IdentityColumnOption) {
  up("op.create_table('t',\n"
     "  op.column('a', op.Integer, {primary_key = true, identity = 'always'}),\n"
     "  op.column('b', op.BigInteger, {identity = 'by_default'}),\n"
     "  op.column('c', op.BigInteger, {identity = {always = true, start = 10, increment = 5,\n"
     "    minvalue = 1, maxvalue = 1000, cache = 3, cycle = true}}),\n"
     "  op.column('d', op.Integer, {identity = {}}),\n"
     "  op.column('e', op.Integer))");
  ASSERT_EQ(sink_.ops.size(), 1u);
  const model::Table& t = op<ops::CreateTable>(0).table;
  ASSERT_EQ(t.columns.size(), 5u);
  EXPECT_EQ(t.columns[0].identity, (model::Identity{.always = true}));
  EXPECT_EQ(t.columns[1].identity, (model::Identity{.always = false}));
  EXPECT_FALSE(t.columns[1].nullable);  // identity columns are NOT NULL
  EXPECT_EQ(t.columns[2].identity,
            (model::Identity{.always = true, .start = 10, .increment = 5, .minvalue = 1,
                             .maxvalue = 1000, .cache = 3, .cycle = true}));
  EXPECT_EQ(t.columns[3].identity, (model::Identity{}));
  EXPECT_FALSE(t.columns[4].identity.has_value());
  EXPECT_TRUE(t.columns[4].nullable);

  EXPECT_EQ(up_error("op.column('a', op.Integer, {identity = 'sometimes'})"),
            "x.lua:3: op.column 'a': identity must be \"always\", \"by_default\" or a table, got "
            "\"sometimes\"");
  EXPECT_EQ(up_error("op.column('a', op.Integer, {identity = true})"),
            "x.lua:3: op.column 'a': identity must be \"always\", \"by_default\" or a table, got "
            "boolean");
  EXPECT_EQ(up_error("op.column('a', op.Integer, {identity = {begin = 1}})"),
            "x.lua:3: op.column 'a' identity: unknown option 'begin'");
  EXPECT_EQ(up_error("op.column('a', op.Integer, {identity = {increment = 0}})"),
            "x.lua:3: op.column 'a': identity increment must not be 0");
  EXPECT_EQ(up_error("op.column('a', op.Integer, {identity = 'always', nullable = true})"),
            "x.lua:3: op.column 'a': an identity column cannot be nullable");
}

// op.reverse_upgrade over the new ops: the reverses of ops/reverse.h, in
// reverse order; a missing fact is an error at the calling line.
TEST_F(OpApiTest, ReverseUpgradeOfEnumsAndSequences) {
  run("revision = 'x'\n"
      "function upgrade()\n"
      "  op.create_enum('mood', {'a', 'b'}, {schema = 's'})\n"
      "  op.alter_enum('mood', {'a', 'b', 'c'}, {schema = 's', existing_values = {'a', 'b'},\n"
      "    columns = {{table = 't', column = 'm'}}})\n"
      "  op.alter_sequence('seq', {increment = 3, existing = {increment = 1}})\n"
      "end\n"
      "function downgrade()\n"
      "  op.reverse_upgrade()\n"
      "end\n",
      false);
  ASSERT_EQ(sink_.ops.size(), 3u);
  EXPECT_EQ(op<ops::AlterSequence>(0).increment, 1);
  EXPECT_EQ(op<ops::AlterSequence>(0).existing->increment, 3);
  EXPECT_EQ(op<ops::AlterEnum>(1).values, (Values{"a", "b"}));
  EXPECT_EQ(op<ops::AlterEnum>(1).existing_values, (Values{"a", "b", "c"}));
  EXPECT_EQ(op<ops::AlterEnum>(1).columns.size(), 1u);
  EXPECT_EQ(op<ops::DropEnum>(2).dropped, std::optional<Values>(Values{"a", "b"}));

  sink_.ops.clear();
  Error e = error_of([&] {
    run("revision = 'x'\n"
        "function upgrade()\n"
        "  op.alter_sequence('seq', {restart = 1})\n"
        "end\n"
        "function downgrade()\n"
        "  op.reverse_upgrade()\n"
        "end\n",
        false);
  });
  EXPECT_NE(e.message().find(":6: op.reverse_upgrade: alter_sequence seq cannot be reversed: "
                             "restart is not reversible"),
            std::string::npos)
      << e.message();
}

}  // namespace
}  // namespace strata::lua_ops_test
