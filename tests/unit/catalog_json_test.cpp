// Tests for model/catalog_json.h: every field survives the round trip.
#include "model/catalog_json.h"

#include <gtest/gtest.h>

#include "strata/error.h"

namespace strata::model {
namespace {

// A catalog with every field of every object set away from its default.
Catalog full_catalog() {
  Catalog c;
  c.default_schema = "public";
  c.schemas = {"core", "rag"};

  Column id;
  id.name = "id";
  id.type.kind = Type::Kind::kBigInteger;
  id.reflected_type = "bigint";
  id.nullable = false;
  id.primary_key = true;
  id.autoincrement = false;
  id.identity = Identity{true, 100, 5, 1, 1000000, 20, true};
  Column email;
  email.name = "email";
  email.type = Type{Type::Kind::kString, 320, std::nullopt, std::nullopt, false, ""};
  email.server_default = ServerDefault{"x'y", false};
  email.unique = true;
  email.comment = "login \"name\"\n";
  email.renamed_from = "mail";
  Column score;
  score.name = "score";
  score.type = Type{Type::Kind::kNumeric, std::nullopt, 10, 2, true, ""};
  score.server_default = ServerDefault{"now()", true};
  score.autoincrement = true;
  Column raw;
  raw.name = "tier";
  raw.type = Type{Type::Kind::kRaw, std::nullopt, std::nullopt, std::nullopt, false, "core.plan_tier"};
  // The reflected-only members (schema.h) too.
  raw.reflected_collation = "utf8mb4_bin";
  raw.reflected_on_update = "current_timestamp()";
  raw.reflected_invisible = true;
  raw.reflected_check = "json_valid(`tier`)";
  raw.reflected_generated = "STORED GENERATED";
  raw.reflected_generated_expression = "`id` + 1";

  Table users;
  users.schema = "core";
  users.name = "users";
  users.columns = {id, email, score, raw};
  users.primary_key = PrimaryKey{"pk_users", {"id"}, true, "DEFERRED"};
  users.uniques = {UniqueConstraint{"uq_email", {"email"}, true, std::nullopt},
                   UniqueConstraint{std::nullopt, {"email", "tier"}}};
  users.exclusions = {ExclusionConstraint{"ex_span", "EXCLUDE USING gist (span WITH &&)", true,
                                          "DEFERRED"}};
  users.foreign_keys = {ForeignKey{"fk_owner", {"id"}, "rag", "owners", {"oid"}, "CASCADE",
                                   "SET NULL", true, "DEFERRED", "FULL"},
                        ForeignKey{}};
  users.checks = {CheckConstraint{"ck_score", "score >= 0"}, CheckConstraint{std::nullopt, "id > 0"}};
  users.comment = "Registered users";
  users.renamed_from = "public.app_users";
  users.origin = "models/core.sql:3";
  Table bare;
  bare.name = "bare";
  c.tables = {users, bare};

  Index ix;
  ix.name = "ix_users_lower";
  ix.schema = "core";
  ix.table = "users";
  ix.elements = {IndexElement{"lower(email)", true}, IndexElement{"id", false}};
  ix.unique = true;
  ix.where = "tier <> 'free'";
  ix.include = {"score"};
  ix.method = "fulltext";
  c.indexes = {ix, Index{}};

  c.sequences = {Sequence{"core", "seq", "integer", 1000, 10, 1, 99999, 5, true, "models/a.sql:9"},
                 Sequence{}};
  c.enums = {Enum{"core", "plan_tier", {"free", "pro"}, "models/a.sql:1"}, Enum{}};
  c.views = {View{"core", "v", "SELECT 1", true, "models/a.sql:20"}, View{}};
  return c;
}

TEST(CatalogJson, EveryFieldRoundTrips) {
  Catalog c = full_catalog();
  std::string text = catalog_to_json(c);
  Catalog back = catalog_from_json(text, "test");
  EXPECT_EQ(back, c);
  // Idempotent text: serialising the result again gives the same document.
  EXPECT_EQ(catalog_to_json(back), text);
}

TEST(CatalogJson, EmptyCatalogRoundTrips) {
  Catalog c;
  EXPECT_EQ(catalog_from_json(catalog_to_json(c), "test"), c);
}

TEST(CatalogJson, EveryTypeKindRoundTrips) {
  for (int k = 0; k <= static_cast<int>(Type::Kind::kRaw); ++k) {
    Catalog c;
    Table t;
    t.name = "t";
    Column col;
    col.name = "c";
    col.type.kind = static_cast<Type::Kind>(k);
    t.columns = {col};
    c.tables = {t};
    EXPECT_EQ(catalog_from_json(catalog_to_json(c), "test"), c) << "kind " << k;
  }
}

TEST(CatalogJson, ChangedFieldsAreNotLost) {
  // A round trip must distinguish values: a field dropped by the writer
  // would make these two compare equal after the round trip.
  Catalog a = full_catalog();
  Catalog b = a;
  b.tables[0].columns[1].renamed_from.reset();
  EXPECT_NE(catalog_from_json(catalog_to_json(a), "t"), catalog_from_json(catalog_to_json(b), "t"));
  b = a;
  b.tables[0].foreign_keys[0].match = "SIMPLE";
  EXPECT_NE(catalog_from_json(catalog_to_json(a), "t"), catalog_from_json(catalog_to_json(b), "t"));
  b = a;
  b.tables[0].columns[3].reflected_generated_expression = "`id` + 2";
  EXPECT_NE(catalog_from_json(catalog_to_json(a), "t"), catalog_from_json(catalog_to_json(b), "t"));
  b = a;
  b.indexes[0].method.reset();
  EXPECT_NE(catalog_from_json(catalog_to_json(a), "t"), catalog_from_json(catalog_to_json(b), "t"));
}

TEST(CatalogJson, MalformedDocumentIsAnIoErrorNamingTheSource) {
  for (const char* text : {"not json", "{}", R"({"default_schema": 1})"}) {
    try {
      catalog_from_json(text, "cache.json");
      FAIL() << "accepted: " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kIo);
      EXPECT_NE(e.message().find("cache.json"), std::string::npos) << e.message();
    }
  }
  std::string text = catalog_to_json(full_catalog());
  size_t at = text.find("\"big_integer\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 13, "\"huge_integer\"");
  EXPECT_THROW(catalog_from_json(text, "x"), Error);
}

}  // namespace
}  // namespace strata::model
