// strata lint (issue 8 §4): each rule fires on a minimal revision and stays
// silent on its safe form; suppression comments; [lint] in strata.toml; the
// JSON shape and exit codes of the CLI; the guide's examples/weatherai
// project. No database: lint never connects.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/project.h"
#include "lint/linter.h"
#include "lint/suppress.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::TempDir;
using testing::write_file;

// "rule@line" of every finding of `revision` ("" = all), in report order.
std::vector<std::string> rule_lines(const lint::LintReport& report, const std::string& revision = "") {
  std::vector<std::string> out;
  for (const lint::Finding& f : report.findings) {
    if (revision.empty() || f.revision == revision) out.push_back(f.rule + "@" + std::to_string(f.line));
  }
  return out;
}

bool has_rule(const lint::LintReport& report, const std::string& rule) {
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [&](const lint::Finding& f) { return f.rule == rule; });
}

// The 1-based line of `text` holding `needle` (the first one).
int line_of(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

class LintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("strata.toml"), "url = \"sqlite:///app.db\"\n" + toml_extra_);
    // r1: an existing table for every later revision.
    add("r1", "", R"lua(
  op.create_table("t",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("name", op.String(100)),
    op.column("code", op.Integer))
  op.create_table("parent", op.column("id", op.Integer, {primary_key = true}))
)lua");
  }

  // Writes revision `id` (down: `down`, "" = base); returns its text.
  std::string add(const std::string& id, const std::string& down, const std::string& upgrade,
                  const std::string& downgrade = "  op.reverse_upgrade()\n",
                  const std::string& header = "") {
    std::string text = "-- " + id + "\nrevision = \"" + id + "\"\ndown_revision = " +
                       (down.empty() ? std::string("nil") : "\"" + down + "\"") + "\n" + header +
                       "\nfunction upgrade()" + upgrade + "end\n\nfunction downgrade()\n" +
                       downgrade + "end\n";
    write_file(dir_.file("migrations/versions/" + id + ".lua"), text);
    return text;
  }

  // Adds r2 after r1 with `upgrade` and lints r2 alone.
  lint::LintReport lint_r2(const std::string& upgrade, const std::string& dialect = "postgresql",
                           const std::string& downgrade = "  op.reverse_upgrade()\n",
                           const std::string& header = "") {
    text_ = add("r2", "r1", upgrade, downgrade, header);
    return lint_range("r1:r2", dialect);
  }

  lint::LintReport lint_range(const std::string& range, const std::string& dialect) {
    app::ProjectOptions options;
    options.config_path = dir_.file("strata.toml");
    app::Project project(options);
    lint::LintOptions lint_options;
    lint_options.dialect = dialect;
    lint_options.env.module_roots = project.lua_module_roots();
    const script::RevisionMap& map = project.revisions();
    return lint::lint(map, lint::revisions_in_range(map, range), lint_options);
  }

  int line(const std::string& needle) const { return line_of(text_, needle); }
  std::string at(const std::string& rule, const std::string& needle) const {
    return rule + "@" + std::to_string(line(needle));
  }

  TempDir dir_;
  std::string toml_extra_;
  std::string text_;  // r2's text
};

// ---- PostgreSQL lock risks ---------------------------------------------------

TEST_F(LintTest, IndexOnExistingTableWithoutConcurrentlyFires) {
  lint::LintReport r = lint_r2(R"lua(
  op.create_index("ix_t_name", "t", {"name"})
)lua");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("index-not-concurrent", "ix_t_name"),
                                                     at("lock-timeout", "ix_t_name")}));
  EXPECT_EQ(r.findings[0].severity, lint::Severity::kWarning);
  EXPECT_NE(r.findings[0].message.find("ix_t_name"), std::string::npos);
  EXPECT_NE(r.findings[0].fix.find("concurrently = true"), std::string::npos);
  EXPECT_EQ(r.findings[0].file, dir_.file("migrations/versions/r2.lua"));
}

TEST_F(LintTest, OpMadeByALibHelperIsPlacedAtTheCallingScriptLine) {
  fs::create_directories(dir_.file("migrations/lib"));
  write_file(dir_.file("migrations/lib/helpers.lua"),
             "local M = {}\nfunction M.index(name, tbl, cols)\n  op.create_index(name, tbl, cols)\nend\n"
             "return M\n");
  lint::LintReport r = lint_r2(R"lua(
  local h = require("helpers")
  h.index("ix_t_name", "t", {"name"})
)lua", "postgresql", "  op.reverse_upgrade()\n", "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("index-not-concurrent", "h.index")}));
}

TEST_F(LintTest, IndexConcurrentlyInAutocommitBlockIsSilent) {
  lint::LintReport r = lint_r2(R"lua(
  op.autocommit_block(function()
    op.create_index("ix_t_name", "t", {"name"}, {concurrently = true})
  end)
)lua");
  EXPECT_EQ(rule_lines(r), std::vector<std::string>{});
}

TEST_F(LintTest, IndexOnSqliteIsNoLockRisk) {
  lint::LintReport r = lint_r2(R"lua(
  op.create_index("ix_t_name", "t", {"name"})
)lua", "sqlite");
  EXPECT_EQ(rule_lines(r), std::vector<std::string>{});
}

TEST_F(LintTest, TableCreatedInTheSameRevisionRaisesNothing) {
  lint::LintReport r = lint_r2(R"lua(
  op.create_table("child",
    op.column("id", op.Integer, {primary_key = true}),
    op.column("parent_id", op.Integer),
    op.column("email", op.String(50)))
  op.create_index("ix_child_parent", "child", {"parent_id"})
  op.create_foreign_key("fk_child_parent", "child", "parent", {"parent_id"}, {"id"})
  op.create_check_constraint("ck_child_id", "child", "id > 0")
  op.create_unique_constraint("uq_child_email", "child", {"email"})
  op.alter_column("child", "email", {nullable = false, existing_nullable = true, type_ = op.String(20), existing_type = op.String(50)})
  op.add_column("child", op.column("token", op.UUID, {nullable = false, server_default = op.text("gen_random_uuid()")}))
  op.rename_table("child", "children")
  op.create_index("ix_children_email", "children", {"email"}, {unique = true})
)lua");
  EXPECT_EQ(rule_lines(r), std::vector<std::string>{});
}

TEST_F(LintTest, ForeignKeyAndCheckWithoutNotValidFire) {
  lint::LintReport r = lint_r2(R"lua(
  op.add_column("t", op.column("parent_id", op.Integer))
  op.create_foreign_key("fk_t_parent", "t", "parent", {"parent_id"}, {"id"})
  op.create_check_constraint("ck_t_code", "t", "code > 0")
)lua");
  EXPECT_EQ(rule_lines(r),
            (std::vector<std::string>{at("lock-timeout", "op.add_column"),
                                      at("constraint-not-valid", "fk_t_parent"),
                                      at("constraint-not-valid", "ck_t_code")}));
}

TEST_F(LintTest, NotValidThenValidateIsSilent) {
  lint::LintReport r = lint_r2(R"lua(
  op.create_foreign_key("fk_t_parent", "t", "parent", {"code"}, {"id"}, {not_valid = true})
  op.create_check_constraint("ck_t_code", "t", "code > 0", {not_valid = true})
  op.autocommit_block(function()
    op.validate_constraint("t", "fk_t_parent")
    op.validate_constraint("t", "ck_t_code")
  end)
)lua", "postgresql", "  op.drop_constraint(\"ck_t_code\", \"t\", {type_ = \"check\"})\n  op.drop_constraint(\"fk_t_parent\", \"t\", {type_ = \"foreignkey\"})\n",
                               "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), std::vector<std::string>{});
}

TEST_F(LintTest, ValidateInTheTransactionOfTheNotValidAddFires) {
  lint::LintReport r = lint_r2(R"lua(
  op.create_check_constraint("ck_t_code", "t", "code > 0", {not_valid = true})
  op.validate_constraint("t", "ck_t_code")
)lua", "postgresql", "  op.drop_constraint(\"ck_t_code\", \"t\", {type_ = \"check\"})\n",
                               "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("constraint-not-valid", "op.validate_constraint")}));
  EXPECT_NE(r.findings[0].message.find("same transaction"), std::string::npos);
}

TEST_F(LintTest, SetNotNullOnExistingColumnFires) {
  lint::LintReport r = lint_r2(R"lua(
  op.alter_column("t", "name", {nullable = false, existing_nullable = true})
)lua", "postgresql", "  op.reverse_upgrade()\n", "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("set-not-null", "op.alter_column")}));
}

TEST_F(LintTest, SetNotNullOnlineIsSilent) {
  lint::LintReport r = lint_r2(R"lua(
  op.autocommit_block(function()
    op.alter_column("t", "name", {nullable = false, existing_nullable = true, online = true})
  end)
)lua", "postgresql", "  op.reverse_upgrade()\n", "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), std::vector<std::string>{});
}

TEST_F(LintTest, VolatileDefaultFiresStableDefaultDoesNot) {
  lint::LintReport r = lint_r2(R"lua(
  op.add_column("t", op.column("token", op.UUID, {server_default = op.text("gen_random_uuid()")}))
  op.add_column("t", op.column("seen_at", op.DateTime, {server_default = op.text("now()")}))
)lua", "postgresql", "  op.reverse_upgrade()\n", "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("volatile-default", "token")}));
  EXPECT_NE(r.findings[0].message.find("gen_random_uuid()"), std::string::npos);
}

TEST_F(LintTest, TypeChangesRewriteNarrowOrNeither) {
  lint::LintReport r = lint_r2(R"lua(
  op.alter_column("t", "code", {type_ = op.BigInteger, existing_type = op.Integer})
  op.alter_column("t", "name", {type_ = op.String(255), existing_type = op.String(100)})
  op.alter_column("t", "name", {type_ = op.Text, existing_type = op.String(255)})
  op.alter_column("t", "name", {type_ = op.String(50), existing_type = op.Text})
)lua", "postgresql", "  op.reverse_upgrade()\n", "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("type-rewrite", "op.BigInteger"),
                                                     at("narrowing-type", "op.String(50)")}));
  EXPECT_EQ(r.findings[1].severity, lint::Severity::kError);
}

TEST_F(LintTest, UniqueConstraintAddedDirectlyFires) {
  lint::LintReport r = lint_r2(R"lua(
  op.create_unique_constraint("uq_t_name", "t", {"name"})
)lua", "postgresql", "  op.reverse_upgrade()\n", "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("unique-constraint", "uq_t_name"),
                                                     at("new-unique", "uq_t_name")}));
}

TEST_F(LintTest, UniqueIndexConcurrentlyIsOnlyDataDependent) {
  lint::LintReport r = lint_r2(R"lua(
  op.autocommit_block(function()
    op.create_index("ux_t_name", "t", {"name"}, {unique = true, concurrently = true})
  end)
)lua");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("new-unique", "ux_t_name")}));
}

TEST_F(LintTest, LockTimeoutHeaderSilencesLockTimeout) {
  lint::LintReport without = lint_r2(R"lua(
  op.drop_constraint("x", "t", {type_ = "check", dropped = op.check_constraint("x", "code > 0")})
)lua");
  EXPECT_EQ(rule_lines(without), (std::vector<std::string>{at("lock-timeout", "drop_constraint")}));
  lint::LintReport with = lint_r2(R"lua(
  op.drop_constraint("x", "t", {type_ = "check", dropped = op.check_constraint("x", "code > 0")})
)lua", "postgresql", "  op.reverse_upgrade()\n", "lock_timeout = \"5s\"\n");
  EXPECT_EQ(rule_lines(with), std::vector<std::string>{});
}

// ---- destructive, data-dependent, renames -----------------------------------------

TEST_F(LintTest, DropsAreErrorsOnlyForExistingObjects) {
  lint::LintReport r = lint_r2(R"lua(
  op.drop_column("t", "code", {existing_type = op.Integer})
  op.drop_table("parent", op.column("id", op.Integer, {primary_key = true}))
  op.create_table("tmp", op.column("id", op.Integer))
  op.drop_table("tmp", op.column("id", op.Integer))
  op.create_schema("scratch")
  op.drop_schema("scratch")
  op.drop_schema("old")
)lua", "sqlite", "  op.create_schema(\"old\")\n  op.create_table(\"parent\", op.column(\"id\", op.Integer, {primary_key = true}))\n  op.add_column(\"t\", op.column(\"code\", op.Integer))\n");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("drop-column", "drop_column"),
                                                     at("drop-table", "\"parent\""),
                                                     at("drop-schema", "\"old\")")}));
  for (const lint::Finding& f : r.findings) EXPECT_EQ(f.severity, lint::Severity::kError);
}

TEST_F(LintTest, NotNullColumnWithoutDefault) {
  lint::LintReport r = lint_r2(R"lua(
  op.add_column("t", op.column("a", op.Integer, {nullable = false}))
  op.add_column("t", op.column("b", op.Integer, {nullable = false, server_default = "0"}))
)lua", "sqlite");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("not-null-no-default", "\"a\"")}));
}

TEST_F(LintTest, RenamesFire) {
  lint::LintReport r = lint_r2(R"lua(
  op.rename_column("t", "name", "title")
  op.alter_column("t", "code", {new_column_name = "kind"})
  op.rename_table("t", "things")
)lua", "mysql");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("rename", "rename_column"),
                                                     at("rename", "new_column_name"),
                                                     at("rename", "rename_table")}));
}

// ---- SQLite, reversibility, raw SQL, op.query, heads ------------------------------------

TEST_F(LintTest, SqliteRebuildsOnExistingTables) {
  lint::LintReport r = lint_r2(R"lua(
  op.alter_column("t", "name", {nullable = false, existing_type = op.String(100), existing_nullable = true})
  op.add_column("t", op.column("note", op.Text))
  op.batch_alter_table("t", function(batch)
    batch:alter_column("code", {type_ = op.BigInteger, existing_type = op.Integer})
    batch:create_check_constraint("ck_code", "code > 0")
  end)
)lua", "sqlite");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("sqlite-rebuild", "nullable = false"),
                                                     at("sqlite-rebuild", "batch_alter_table")}));
}

TEST_F(LintTest, IrreversibleOpAndMissingDowngrade) {
  lint::LintReport r = lint_r2(R"lua(
  op.add_column("t", op.column("note", op.Text))
  op.drop_column("t", "code")
)lua", "sqlite");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("irreversible", "drop_column"),
                                                     at("drop-column", "drop_column")}));
  EXPECT_NE(r.findings[0].message.find("drop_column t.code cannot be reversed"), std::string::npos)
      << r.findings[0].message;

  lint::LintReport empty = lint_r2(R"lua(
  op.add_column("t", op.column("note", op.Text))
)lua", "sqlite", "  -- pass\n");
  EXPECT_EQ(rule_lines(empty), (std::vector<std::string>{at("missing-downgrade", "function downgrade")}));
}

TEST_F(LintTest, RawExecuteIsInfoAndQueryNeedsADatabase) {
  lint::LintReport r = lint_r2(R"lua(
  op.execute("UPDATE t SET code = 1", {reverse = "UPDATE t SET code = NULL"})
  local rows = op.query("SELECT 1")
  op.drop_table("parent")
)lua", "sqlite", "  op.execute(\"UPDATE t SET code = NULL\")\n");
  // the drop after op.query is never reached
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("raw-execute", "op.execute"),
                                                     at("needs-database", "op.query")}));
  EXPECT_EQ(r.findings[0].severity, lint::Severity::kInfo);
  EXPECT_EQ(r.findings[1].severity, lint::Severity::kInfo);

  // op.reverse_upgrade cannot run an upgrade() that queries
  lint::LintReport reversed = lint_r2(R"lua(
  local rows = op.query("SELECT 1")
)lua", "sqlite");
  EXPECT_EQ(rule_lines(reversed), (std::vector<std::string>{at("needs-database", "op.query"),
                                                            at("irreversible", "op.query")}));
}

TEST_F(LintTest, ScriptErrorIsAnErrorFindingReportedOnce) {
  lint::LintReport r = lint_r2(R"lua(
  op.add_column("t", op.column("note", op.Text))
  no_such_function()
)lua", "sqlite");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("script-error", "no_such_function")}));
  EXPECT_NE(r.findings[0].message.find("no_such_function"), std::string::npos) << r.findings[0].message;
  EXPECT_EQ(r.findings[0].severity, lint::Severity::kError);
}

TEST_F(LintTest, SeveralHeads) {
  add("r2", "r1", "\n  op.add_column(\"t\", op.column(\"a\", op.Integer))\n");
  add("r3", "r1", "\n  op.add_column(\"t\", op.column(\"b\", op.Integer))\n");
  lint::LintReport r = lint_range("", "sqlite");
  EXPECT_EQ(r.revisions, 3);
  ASSERT_TRUE(has_rule(r, "several-heads"));
  EXPECT_NE(r.findings.back().message.find("2 heads"), std::string::npos);
}

TEST_F(LintTest, RangeLintsOnlyRevisionsAfterItsStart) {
  add("r2", "r1", "\n  op.drop_table(\"parent\")\n", "  op.create_table(\"parent\", op.column(\"id\", op.Integer))\n");
  std::string r3 = add("r3", "r2", "\n  op.drop_column(\"t\", \"code\", {existing_type = op.Integer})\n");
  lint::LintReport all = lint_range("", "sqlite");
  EXPECT_EQ(all.revisions, 3);
  lint::LintReport tail = lint_range("r2:head", "sqlite");
  EXPECT_EQ(tail.revisions, 1);
  EXPECT_EQ(rule_lines(tail), (std::vector<std::string>{"drop-column@" + std::to_string(line_of(r3, "drop_column"))}));
  EXPECT_EQ(tail.findings[0].revision, "r3");
  EXPECT_THROW(lint_range("current:head", "sqlite"), Error);
}

// ---- suppression -----------------------------------------------------------------------

TEST_F(LintTest, SuppressionCommentOnTheLineBeforeOrTheSameLine) {
  lint::LintReport r = lint_r2(R"lua(
  -- strata:lint-ignore drop-column the column was unused since v2
  op.drop_column("t", "code", {existing_type = op.Integer})
  op.drop_table("parent") -- strata:lint-ignore drop-table,irreversible archived in r1
  -- strata:lint-ignore drop-table wrong rule: does not hide drop-column
  op.drop_column("t", "name", {existing_type = op.String(100)})
)lua", "sqlite");
  EXPECT_EQ(rule_lines(r), (std::vector<std::string>{at("drop-column", "\"name\"")}));
  EXPECT_EQ(r.suppressed, 3);
}

TEST(LintSuppress, ParsesRuleLists) {
  EXPECT_EQ(lint::ignored_rules("  -- strata:lint-ignore a,b reason here"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(lint::ignored_rules("op.x() -- strata:lint-ignore drop-table"),
            (std::vector<std::string>{"drop-table"}));
  EXPECT_TRUE(lint::ignored_rules("-- strata:lint-ignoredrop-table").empty());
  EXPECT_TRUE(lint::ignored_rules("op.x() -- nothing").empty());
}

// ---- strata.toml [lint] --------------------------------------------------------------------

TEST_F(LintTest, ConfigDisablesRulesAndOverridesSeverity) {
  text_ = add("r2", "r1", "\n  op.drop_table(\"parent\")\n  op.rename_column(\"t\", \"name\", \"title\")\n",
              "  op.rename_column(\"t\", \"title\", \"name\")\n  op.create_table(\"parent\", op.column(\"id\", op.Integer))\n");
  write_file(dir_.file("strata.toml"),
             "url = \"sqlite:///app.db\"\n\n[lint]\ndisable = [\"drop-table\"]\n"
             "severity = {rename = \"error\"}\n");
  CommandResult res = testing::run_strata({"lint", "r1:r2"}, dir_.path());
  EXPECT_EQ(res.exit_code, 1) << res.err;
  EXPECT_EQ(res.out, dir_.file("migrations/versions/r2.lua").substr(dir_.path().size() + 1) + ":" +
                         std::to_string(line("rename_column")) +
                         ": rename error: rename_column t.name to title: code using the old name "
                         "breaks (fix: expand/contract: add the new name, move readers and "
                         "writers, drop the old name later)\n")
      << res.out;

  write_file(dir_.file("strata.toml"), "url = \"sqlite:///app.db\"\n[lint]\ndisable = [\"drop-tabel\"]\n");
  res = testing::run_strata({"lint"}, dir_.path());
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_NE(res.err.find("unknown rule 'drop-tabel'"), std::string::npos) << res.err;

  write_file(dir_.file("strata.toml"), "url = \"sqlite:///app.db\"\n[lint]\nenable = [\"x\"]\n");
  res = testing::run_strata({"lint"}, dir_.path());
  EXPECT_EQ(res.exit_code, 1);
  EXPECT_NE(res.err.find("unknown key 'lint.enable'"), std::string::npos) << res.err;
}

// ---- CLI: text, JSON, exit codes -------------------------------------------------------------

TEST_F(LintTest, CliJsonShapeAndExitCodes) {
  text_ = add("r2", "r1", "\n  op.create_index(\"ix_t_name\", \"t\", {\"name\"})\n");
  CommandResult warn = testing::run_strata({"lint", "--dialect", "postgresql", "--json"}, dir_.path());
  EXPECT_EQ(warn.exit_code, 0) << warn.err;  // warnings only
  nlohmann::json j = nlohmann::json::parse(warn.out);
  EXPECT_EQ(j["dialect"], "postgresql");
  EXPECT_EQ(j["revisions"], 2);
  ASSERT_EQ(j["findings"].size(), 2u);
  const nlohmann::json& f = j["findings"][0];
  EXPECT_EQ(f["rule"], "index-not-concurrent");
  EXPECT_EQ(f["severity"], "warning");
  EXPECT_EQ(f["line"], line("ix_t_name"));
  EXPECT_EQ(f["revision"], "r2");
  EXPECT_TRUE(f["file"].get<std::string>().ends_with("migrations/versions/r2.lua"));
  EXPECT_FALSE(f["message"].get<std::string>().empty());
  EXPECT_FALSE(f["fix"].get<std::string>().empty());
  EXPECT_EQ(j["summary"]["warning"], 2);
  EXPECT_EQ(j["summary"]["error"], 0);

  // the configured URL (sqlite) is the default dialect: no lock findings
  CommandResult sqlite = testing::run_strata({"lint"}, dir_.path());
  EXPECT_EQ(sqlite.exit_code, 0);
  EXPECT_EQ(sqlite.out, "");
  EXPECT_NE(sqlite.err.find("lint (sqlite): 2 revisions, 0 errors"), std::string::npos) << sqlite.err;

  std::string r3 = add("r3", "r2", "\n  op.drop_table(\"parent\")\n",
                       "  op.create_table(\"parent\", op.column(\"id\", op.Integer))\n");
  CommandResult error = testing::run_strata({"lint", "r2:"}, dir_.path());
  EXPECT_EQ(error.exit_code, 1);
  EXPECT_NE(error.out.find("r3.lua:" + std::to_string(line_of(r3, "drop_table")) + ": drop-table error: drop_table parent: its rows are lost (fix: "),
            std::string::npos)
      << error.out;

  CommandResult usage = testing::run_strata({"lint", "--dialect", "oracle"}, dir_.path());
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
  CommandResult current = testing::run_strata({"lint", "current:head"}, dir_.path());
  EXPECT_EQ(current.exit_code, 2) << current.err;
  EXPECT_FALSE(fs::exists(dir_.file("app.db")));  // never connected
}

// ---- the guide's project -------------------------------------------------------------------

TEST(LintWeatherai, FindingsOnPostgresqlAndSqlite) {
  const std::string config = std::string(STRATA_SOURCE_DIR) + "/examples/weatherai/strata.toml";
  app::ProjectOptions options;
  options.config_path = config;
  app::Project project(options);
  const script::RevisionMap& map = project.revisions();
  lint::LintOptions lint_options;
  lint_options.dialect = "postgresql";
  lint::LintReport pg = lint::lint(map, lint::revisions_in_range(map, ""), lint_options);
  EXPECT_EQ(pg.revisions, 4);
  // 0001-0003 create their tables (indexes, keys and checks on new tables
  // are safe); 0004 works on existing tables.
  EXPECT_EQ(rule_lines(pg), (std::vector<std::string>{"lock-timeout@28", "rename@29", "rename@30",
                                                      "constraint-not-valid@31"}));
  for (const lint::Finding& f : pg.findings) EXPECT_EQ(f.revision, "20250826_0004");

  lint_options.dialect = "sqlite";
  lint::LintReport sqlite = lint::lint(map, lint::revisions_in_range(map, ""), lint_options);
  EXPECT_EQ(rule_lines(sqlite),
            (std::vector<std::string>{"sqlite-rebuild@28", "rename@29", "sqlite-rebuild@29",
                                      "rename@30", "sqlite-rebuild@30", "sqlite-rebuild@31"}));
  EXPECT_EQ(sqlite.count(lint::Severity::kError), 0);

  CommandResult res = testing::run_strata({"-c", config, "lint", "--dialect", "postgresql"}, ".");
  EXPECT_EQ(res.exit_code, 0) << res.err;
  EXPECT_NE(res.out.find("20250826_0004_move_rag_to_schema.lua:31: constraint-not-valid warning: "
                         "foreign key fk_document_chunks_document_id_documents added to existing "
                         "table rag.document_chunks without NOT VALID"),
            std::string::npos)
      << res.out;
}

}  // namespace
}  // namespace strata
