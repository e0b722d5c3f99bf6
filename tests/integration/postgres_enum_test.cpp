// PostgreSQL enum types, column identities and alter_sequence against a live
// server (scripts/with-postgres.sh), each op applied online through
// runtime::SqlEmitter in one transaction (support/live_db.h) and checked in
// pg_catalog:
//   - an enum type and a table using it (default, rows); values added BEFORE
//     / AFTER / at the end (ADD VALUE, committed before use); an unused value
//     removed and the order changed by the type swap: rows keep their values,
//     the default is kept, the column has the new type (its sort order) and
//     the old type is gone; removing a value rows still hold fails and the
//     rolled-back transaction leaves catalog, values and rows as they were;
//   - create_enum / drop_enum with if_not_exists / if_exists, twice;
//   - identity columns (always with options, by_default, added to a table
//     with rows): what inserts get, what ALWAYS refuses, the sequence options;
//   - alter_sequence applied and reversed (ops::reverse) with the catalog
//     snapshot equal to the start; RESTART; NO MINVALUE / NO MAXVALUE.
// Without STRATA_TEST_PG_URL the tests skip, and fail under CI.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "ops/ops.h"
#include "ops/reverse.h"
#include "strata/error.h"
#include "support/live_db.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace strata::testing {
namespace {

using Kind = model::Type::Kind;
using Values = std::vector<std::string>;

#define OPEN_PG_OR_SKIP(db)                                                              \
  std::string why_##db;                                                                  \
  auto db = LiveDb::open("postgresql", &why_##db);                                       \
  if (!db) {                                                                             \
    if (std::getenv("CI") != nullptr) FAIL() << why_##db << " (CI runs the live servers)"; \
    GTEST_SKIP() << why_##db << " (run under scripts/with-postgres.sh)";                 \
  }

// The values of enum type schema.name in their sort order.
Values enum_values(LiveDb& db, const std::string& schema, const std::string& name) {
  Values out;
  for (const driver::Row& row :
       db.conn()
           .query("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                  "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = '" + schema +
                  "' AND t.typname = '" + name + "' ORDER BY e.enumsortorder")
           .rows) {
    out.push_back(row.at(0).value_or("<null>"));
  }
  return out;
}

// The first column of every row of `sql`, as text.
Values column_of(LiveDb& db, const std::string& sql) {
  Values out;
  for (const driver::Row& row : db.conn().query(sql).rows) out.push_back(row.at(0).value_or("<null>"));
  return out;
}

model::Column column(std::string name, model::Type type, bool nullable = true) {
  return model::Column{.name = std::move(name), .type = std::move(type), .nullable = nullable};
}

model::Type raw(std::string text) { return model::Type{.kind = Kind::kRaw, .raw = std::move(text)}; }

ops::CreateTable users_table() {
  ops::CreateTable users;
  users.table.schema = "core";
  users.table.name = "users";
  model::Column id = column("id", model::Type{.kind = Kind::kInteger}, false);
  id.primary_key = true;
  id.autoincrement = false;
  model::Column tier = column("tier", raw("core.tier"), false);
  tier.server_default = model::ServerDefault{"free"};
  users.table.columns = {id, column("name", model::Type{.kind = Kind::kText}), tier};
  return users;
}

const std::vector<ops::EnumColumn> kTierColumns = {
    {.schema = "core", .table = "users", .column = "tier",
     .server_default = model::ServerDefault{"free"}}};

TEST(PostgresEnum, AddValuesThenSwapKeepsRowsAndDefault) {
  OPEN_PG_OR_SKIP(db);
  db->apply({ops::CreateSchema{.name = "core"},
             ops::CreateEnum{.schema = "core", .name = "tier", .values = {"free", "pro"}},
             users_table()});
  db->conn().execute("INSERT INTO core.users (id, name, tier) VALUES (1, 'a', 'pro');"
                     "INSERT INTO core.users (id, name) VALUES (2, 'b')");
  ASSERT_EQ(enum_values(*db, "core", "tier"), (Values{"free", "pro"}));

  // Added before the first, between two, and at the end.
  db->apply({ops::AlterEnum{.schema = "core", .name = "tier",
                            .values = {"trial", "free", "basic", "pro", "enterprise"},
                            .existing_values = {"free", "pro"}, .columns = kTierColumns}});
  EXPECT_EQ(enum_values(*db, "core", "tier"),
            (Values{"trial", "free", "basic", "pro", "enterprise"}));
  db->conn().execute("INSERT INTO core.users (id, name, tier) VALUES (3, 'c', 'basic')");
  const Values rows = {"1:pro", "2:free", "3:basic"};
  const std::string select = "SELECT id || ':' || tier::text FROM core.users ORDER BY id";
  ASSERT_EQ(column_of(*db, select), rows);

  // 'trial' removed (no row holds it) and the order reversed: the swap.
  db->apply({ops::AlterEnum{.schema = "core", .name = "tier",
                            .values = {"enterprise", "pro", "basic", "free"},
                            .existing_values = {"trial", "free", "basic", "pro", "enterprise"},
                            .columns = kTierColumns}});
  EXPECT_EQ(enum_values(*db, "core", "tier"), (Values{"enterprise", "pro", "basic", "free"}));
  EXPECT_EQ(column_of(*db, select), rows);
  // The column has the new type: it sorts in the new order.
  EXPECT_EQ(column_of(*db, "SELECT tier::text FROM core.users u ORDER BY u.tier"),
            (Values{"pro", "basic", "free"}));
  EXPECT_EQ(column_of(*db, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                           "attrelid = 'core.users'::regclass AND attname = 'tier'"),
            (Values{"core.tier"}));
  EXPECT_EQ(column_of(*db, "SELECT count(*) FROM pg_type WHERE typname = 'tier_old'"),
            (Values{"0"}));
  // The default survived the retype.
  db->conn().execute("INSERT INTO core.users (id, name) VALUES (4, 'd')");
  EXPECT_EQ(column_of(*db, "SELECT tier::text FROM core.users WHERE id = 4"), (Values{"free"}));
}

TEST(PostgresEnum, RemovingAValueInUseFailsAndChangesNothing) {
  OPEN_PG_OR_SKIP(db);
  db->apply({ops::CreateSchema{.name = "core"},
             ops::CreateEnum{.schema = "core", .name = "tier", .values = {"free", "pro", "team"}},
             users_table()});
  db->conn().execute("INSERT INTO core.users (id, name, tier) VALUES (1, 'a', 'team'), "
                     "(2, 'b', 'free')");
  const auto before = db->snapshot({"core", "public"});
  const Values rows_before = db->rows("core", "users");

  ops::AlterEnum drop_team{.schema = "core", .name = "tier", .values = {"free", "pro"},
                           .existing_values = {"free", "pro", "team"}, .columns = kTierColumns};
  try {
    db->apply({drop_team});
    ADD_FAILURE() << "removing a value rows hold did not fail";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDatabase) << e.message();
    EXPECT_NE(e.message().find("team"), std::string::npos) << e.message();
  }
  EXPECT_EQ(db->snapshot({"core", "public"}), before);
  EXPECT_EQ(enum_values(*db, "core", "tier"), (Values{"free", "pro", "team"}));
  EXPECT_EQ(db->rows("core", "users"), rows_before);
  EXPECT_EQ(column_of(*db, "SELECT count(*) FROM pg_type WHERE typname = 'tier_old'"),
            (Values{"0"}));

  // Once no row holds it, the same op goes through, and its reverse
  // (ops::reverse: the swap back) restores the catalog.
  db->conn().execute("UPDATE core.users SET tier = 'pro' WHERE tier = 'team'");
  const auto with_team = db->snapshot({"core", "public"});
  db->apply({drop_team});
  EXPECT_EQ(enum_values(*db, "core", "tier"), (Values{"free", "pro"}));
  db->apply({ops::reverse(drop_team)});
  EXPECT_EQ(enum_values(*db, "core", "tier"), (Values{"free", "pro", "team"}));
  EXPECT_EQ(db->snapshot({"core", "public"}), with_team);
}

TEST(PostgresEnum, IfNotExistsAndIfExists) {
  OPEN_PG_OR_SKIP(db);
  const ops::CreateEnum create{.name = "mood", .values = {"sad", "it's"}, .if_not_exists = true};
  db->apply({create, create});  // the second is a no-op (current_schema(): public)
  EXPECT_EQ(enum_values(*db, "public", "mood"), (Values{"sad", "it's"}));
  ops::CreateEnum other = create;
  other.values = {"x"};
  db->apply({other});  // exists: left alone, even with other values
  EXPECT_EQ(enum_values(*db, "public", "mood"), (Values{"sad", "it's"}));
  const ops::DropEnum drop{.name = "mood", .if_exists = true};
  db->apply({drop, drop});
  EXPECT_EQ(enum_values(*db, "public", "mood"), Values{});
  EXPECT_THROW(db->apply({ops::DropEnum{.name = "mood"}}), Error);
}

TEST(PostgresIdentity, CreateInsertAndAdd) {
  OPEN_PG_OR_SKIP(db);
  ops::CreateTable t;
  t.table.name = "tickets";
  model::Column id = column("id", model::Type{.kind = Kind::kBigInteger});
  id.primary_key = true;
  id.identity = model::Identity{.always = true, .start = 100, .increment = 10, .maxvalue = 10000,
                                .cache = 5};
  model::Column serial_no = column("serial_no", model::Type{.kind = Kind::kInteger});
  serial_no.identity = model::Identity{};
  t.table.columns = {id, serial_no, column("note", model::Type{.kind = Kind::kText})};
  db->apply({t});
  db->conn().execute("INSERT INTO tickets (note) VALUES ('a'), ('b')");
  EXPECT_EQ(column_of(*db, "SELECT id || ':' || serial_no FROM tickets ORDER BY id"),
            (Values{"100:1", "110:2"}));
  // ALWAYS refuses an explicit value; BY DEFAULT takes one.
  EXPECT_THROW(db->conn().execute("INSERT INTO tickets (id, note) VALUES (5, 'x')"), Error);
  db->conn().execute("INSERT INTO tickets (serial_no, note) VALUES (42, 'c')");
  EXPECT_EQ(column_of(*db, "SELECT serial_no FROM tickets WHERE note = 'c'"), (Values{"42"}));
  EXPECT_EQ(column_of(*db, "SELECT seqstart || ' ' || seqincrement || ' ' || seqmax || ' ' || "
                           "seqcache FROM pg_sequence WHERE seqrelid = "
                           "pg_get_serial_sequence('tickets', 'id')::regclass"),
            (Values{"100 10 10000 5"}));
  const auto snapshot = db->snapshot({"public"});
  auto has_line = [&](const std::string& part) {
    for (const std::string& line : snapshot) {
      if (line.find(part) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_line("column \"id\" type=bigint null=no default=none comment=none identity=always"));
  EXPECT_TRUE(has_line("column \"serial_no\" type=integer null=no default=none comment=none "
                       "identity=by_default"));

  // Added to a table with rows: each row gets a number.
  model::Column number = column("number", model::Type{.kind = Kind::kInteger});
  number.identity = model::Identity{.start = 7};
  db->apply({ops::AddColumn{.table = "tickets", .column = number}});
  EXPECT_EQ(column_of(*db, "SELECT number FROM tickets ORDER BY number"),
            (Values{"7", "8", "9"}));
  db->apply({ops::reverse(ops::AddColumn{.table = "tickets", .column = number})});
  EXPECT_EQ(db->snapshot({"public"}), snapshot);
}

TEST(PostgresSequence, AlterAndReverseRestoreTheCatalog) {
  OPEN_PG_OR_SKIP(db);
  const ops::CreateSequence counter{.schema = "core", .name = "counter", .start = 5,
                                    .increment = 2};
  const ops::CreateSequence bounded{.schema = "core", .name = "bounded", .start = 5,
                                    .minvalue = 2, .maxvalue = 100};
  db->apply({ops::CreateSchema{.name = "core"}, counter, bounded});
  const auto before = db->snapshot({"core"});

  ops::CreateSequence counter_was = counter;
  counter_was.cache = 1;  // PostgreSQL's default
  const std::vector<ops::Op> forward = {
      ops::AlterSequence{.schema = "core", .name = "counter", .increment = 9,
                         .minvalue = std::optional<long long>(3),
                         .maxvalue = std::optional<long long>(999), .cache = 4, .cycle = true,
                         .existing = counter_was},
      ops::AlterSequence{.schema = "core", .name = "bounded",
                         .minvalue = std::optional<long long>(),
                         .maxvalue = std::optional<long long>(), .existing = bounded}};
  db->apply(forward);
  const auto after = db->snapshot({"core"});
  EXPECT_NE(after, before);
  auto line_of = [](const std::vector<std::string>& lines, const std::string& name) {
    for (const std::string& line : lines) {
      if (line.find("sequence \"" + name + "\"") != std::string::npos) return line;
    }
    return std::string();
  };
  EXPECT_EQ(line_of(after, "counter"),
            "\"core\": sequence \"counter\" type=bigint start=5 increment=9 min=3 max=999 cache=4 "
            "cycle=yes");
  EXPECT_EQ(line_of(after, "bounded"),
            "\"core\": sequence \"bounded\" type=bigint start=5 increment=default "
            "min=default max=default cache=default cycle=no");  // the server's defaults

  db->apply(ops::reverse_all(forward));
  EXPECT_EQ(db->snapshot({"core"}), before);

  // RESTART sets the next value, and has no reverse.
  const ops::AlterSequence restart{.schema = "core", .name = "counter", .restart = 50};
  db->apply({restart});
  EXPECT_EQ(column_of(*db, "SELECT nextval('core.counter')"), (Values{"50"}));
  EXPECT_THROW(ops::reverse(restart), Error);
}

}  // namespace
}  // namespace strata::testing
