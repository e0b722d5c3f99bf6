// render_lua golden files: representative ops (with notes) rendered at the
// indent of an upgrade() body and compared byte for byte with
// tests/golden/lua/<case>.lua (STRATA_UPDATE_GOLDEN=1 rewrites them); each
// case also reads back as the same ops through the real op API.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ops/reverse.h"
#include "unit/dialect_case.h"
#include "unit/render_lua_fixture.h"

namespace strata::render_lua_test {
namespace {

namespace fs = std::filesystem;
using namespace dialect::golden;  // NOLINT: the model builders
using autogen::Change;

ops::CreateTable users_table() {
  model::Column id = id_col("id", Kind::kBigInteger);
  id.nullable = false;
  model::Column email{.name = "email",
                      .type = string_type(320),
                      .nullable = false,
                      .unique = true,
                      .comment = "login"};
  model::Column tier{.name = "tier",
                     .type = model::Type{.kind = Kind::kRaw, .raw = "core.plan_tier"},
                     .nullable = false,
                     .server_default = literal_default("free")};
  model::Column created{.name = "created_at",
                        .type = model::Type{.kind = Kind::kDateTime, .timezone = true},
                        .nullable = false,
                        .server_default = expr_default("now()")};
  model::Column balance =
      col("balance", model::Type{.kind = Kind::kNumeric, .precision = 12, .scale = 2});
  balance.server_default = literal_default("0");
  model::Column org = col("org_id", type(Kind::kInteger));
  ops::CreateTable t = create("core", "users", {id, email, tier, created, balance, org});
  t.table.comment = "Registered users";
  t.table.uniques = {{.name = "uq_users_email_tier", .columns = {"email", "tier"}}};
  t.table.foreign_keys = {{.name = "fk_users_org",
                           .columns = {"org_id"},
                           .ref_schema = "core",
                           .ref_table = "orgs",
                           .ref_columns = {"id"},
                           .ondelete = "SET NULL"}};
  t.table.checks = {{.name = "ck_users_balance", .sqltext = "balance >= 0"}};
  return t;
}

std::map<std::string, std::vector<Change>> golden_cases() {
  std::map<std::string, std::vector<Change>> cases;
  ops::CreateTable users = users_table();
  cases["create_table"] = {{ops::CreateSchema{.name = "core", .if_not_exists = true}, {}},
                           {users, {"core.users: new in models/core.lua"}}};
  cases["drop_table"] = {{ops::reverse(users), {}}};

  model::Column nickname{.name = "nickname", .type = string_type(50), .comment = "shown name"};
  ops::AddColumn add{.schema = "core", .table = "users", .column = nickname};
  cases["add_drop_column"] = {
      {add, {"possible rename of nick -> nickname: add renamed_from to the model"}},
      {ops::reverse(add), {}}};

  ops::AlterColumn alter{.schema = "core", .table = "users", .column = "balance"};
  alter.type = model::Type{.kind = Kind::kNumeric, .precision = 14, .scale = 2};
  alter.nullable = false;
  alter.server_default = std::optional<model::ServerDefault>();
  alter.comment = "in cents";
  alter.existing_type = model::Type{.kind = Kind::kNumeric, .precision = 12, .scale = 2};
  alter.existing_nullable = true;
  alter.existing_server_default = literal_default("0");
  alter.existing_comment = std::optional<std::string>();
  cases["alter_column"] = {{alter, {}}, {ops::reverse(alter), {}}};

  ops::AddConstraint fk{.schema = "rag",
                        .table = "chunks",
                        .constraint = model::ForeignKey{.name = "fk_chunks_document",
                                                        .columns = {"document_id"},
                                                        .ref_schema = "rag",
                                                        .ref_table = "documents",
                                                        .ref_columns = {"id"},
                                                        .ondelete = "CASCADE",
                                                        .deferrable = true,
                                                        .initially = "DEFERRED"}};
  cases["constraints"] = {
      {fk, {}},
      {ops::AddConstraint{.schema = "rag",
                          .table = "chunks",
                          .constraint = model::CheckConstraint{.name = "ck_chunks_position",
                                                               .sqltext = "position >= 0"}},
       {}},
      {ops::RenameConstraint{.schema = "rag",
                             .table = "chunks",
                             .old_name = "chunks_pkey",
                             .new_name = "pk_chunks",
                             .type = ops::ConstraintType::kPrimaryKey},
       {"a key whose definition matches under another name is renamed"}},
      {ops::reverse(fk), {}}};

  model::Index ix =
      index("rag", "chunks", "ix_chunks_lower_title", {{"lower(title)", true}, {"id"}});
  ix.where = "deleted_at IS NULL";
  ix.include = {"document_id"};
  ops::CreateIndex create_ix{ix, false, true};
  cases["indexes"] = {
      {ops::AutocommitBegin{}, {"CONCURRENTLY runs outside the transaction"}},
      {create_ix, {}},
      {ops::reverse(create_ix), {}},
      {ops::AutocommitEnd{}, {}},
      {ops::CreateIndex{index(std::nullopt, "events", "ix_events_kind", {{"kind"}})}, {}}};

  ops::BatchAlterTable batch{.schema = "core", .table = "users"};
  ops::AlterColumn widen{.schema = "core", .table = "users", .column = "email"};
  widen.type = string_type(400);
  widen.existing_type = string_type(320);
  batch.ops = {add, widen,
               ops::AddConstraint{.schema = "core",
                                  .table = "users",
                                  .constraint = model::UniqueConstraint{.name = "uq_users_nickname",
                                                                        .columns = {"nickname"}}},
               ops::CreateIndex{index("core", "users", "ix_users_created", {{"created_at"}})}};
  cases["batch_alter_table"] = {{batch, {}}, {ops::reverse(batch), {}}};

  cases["execute"] = {
      {ops::Execute{.sql = "UPDATE core.users\n   SET tier = 'pro'\n WHERE email LIKE '%\\_%'",
                    .reverse_sql = "UPDATE core.users SET tier = 'free'"},
       {}},
      {ops::Execute{.sql = "SELECT 1",
                    .per_dialect = {{"postgresql", "CREATE EXTENSION IF NOT EXISTS \"pgcrypto\""},
                                    {"sqlite", "SELECT 2"}}},
       {}}};

  cases["bulk_insert"] = {
      {ops::BulkInsert{
           .schema = "core",
           .table = "plans",
           .columns = {"id", "name", "active", "price", "note"},
           .rows = {{ops::Value(1LL), ops::Value(std::string("free")), ops::Value(true),
                     ops::Value(0.0), ops::Value()},
                    {ops::Value(2LL), ops::Value(std::string("pro \"plus\"")), ops::Value(false),
                     ops::Value(9.99), ops::Value(std::string("two\nlines"))}},
           .types = {std::nullopt, std::nullopt, type(Kind::kBoolean), std::nullopt, std::nullopt}},
       {}}};

  ops::CreateSequence seq{.schema = "core", .name = "forecast_seq", .start = 1000, .increment = 10};
  ops::AlterSequence alter_seq{.schema = "core",
                               .name = "forecast_seq",
                               .increment = 5,
                               .maxvalue = std::optional<long long>(),
                               .existing = seq};
  ops::CreateEnum tier{.schema = "core", .name = "plan_tier", .values = {"free", "pro"}};
  ops::AlterEnum reorder{.schema = "core",
                         .name = "plan_tier",
                         .values = {"pro", "free"},
                         .existing_values = {"free", "pro"},
                         .columns = {{.schema = "core",
                                      .table = "users",
                                      .column = "tier",
                                      .server_default = literal_default("free")}}};
  cases["sequences_enums"] = {{tier, {}},
                              {seq, {}},
                              {alter_seq, {}},
                              {reorder, {}},
                              {ops::reverse(reorder), {}},
                              {ops::reverse(alter_seq), {}},
                              {ops::reverse(seq), {}},
                              {ops::reverse(tier), {}}};

  cases["move_rename"] = {
      {ops::MoveTable{.name = "rag_documents", .new_schema = "rag", .new_name = "documents"},
       {"public.rag_documents -> rag.documents: same columns, rows kept"}},
      {ops::RenameColumn{
           .schema = "rag", .table = "documents", .old_name = "url", .new_name = "source_url"},
       {}},
      {ops::RenameIndex{.schema = "rag",
                        .table = "documents",
                        .old_name = "idx_rag_documents_source",
                        .new_name = "ix_documents_source_url"},
       {}},
      {ops::SetTableComment{.schema = "rag",
                            .table = "documents",
                            .comment = "Source documents",
                            .existing_comment = std::optional<std::string>()},
       {}}};
  return cases;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(RenderLuaGolden, MatchesGoldenFilesAndReadsBack) {
  auto cases = golden_cases();
  ASSERT_GE(cases.size(), 10u);
  for (const auto& [name, changes] : cases) {
    std::string rendered = autogen::render_lua(changes, 2);
    fs::path path = fs::path(STRATA_SOURCE_DIR) / "tests" / "golden" / "lua" / (name + ".lua");
    if (const char* update = std::getenv("STRATA_UPDATE_GOLDEN"); update && *update == '1') {
      fs::create_directories(path.parent_path());
      std::ofstream(path, std::ios::binary) << rendered;
    }
    ASSERT_TRUE(fs::exists(path)) << path << " missing; run with STRATA_UPDATE_GOLDEN=1";
    EXPECT_EQ(read_file(path), rendered) << "golden file " << path;
    std::vector<ops::Op> ops;
    for (const Change& c : changes) ops.push_back(c.op);
    expect_records(rendered, ops, "golden case " + name);
  }
}

}  // namespace
}  // namespace strata::render_lua_test
