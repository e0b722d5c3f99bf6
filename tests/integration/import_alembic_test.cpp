// `strata import-alembic` proven against Alembic 1.8 (the oracle,
// /usr/bin/python3 -m alembic) on the fixture projects in
// tests/alembic_projects/ (their README lists the patterns each carries).
// Each fixture is copied to a temp dir and imported; then:
//   - `strata heads` / `strata history` print exactly what `alembic heads` /
//     `alembic history` print;
//   - shop: the summary names the one untranslated revision (file:line), and
//     `strata upgrade head` refuses with `<file>:<line>: not translated:`
//     (exit 1) leaving the database as it was; the hand-written
//     strata_edits/*.lua then replaces the generated file;
//   - `upgrade head` by each tool on its own database leaves the same schema,
//     `downgrade base` too; a database Alembic upgraded to a mid revision is
//     finished by strata, and the other way round (no stamp), and equals the
//     Alembic-only one.
// Schemas compare as `pg_dump --schema-only --no-owner` (comment, SET and
// \restrict lines and blank runs dropped; strata's strata_history excluded)
// on PostgreSQL, and as a catalog read through PRAGMAs on SQLite (see
// sqlite_catalog).
//
// PostgreSQL cases need STRATA_TEST_PG_URL (scripts/with-postgres.sh);
// everything needs /usr/bin/python3 with alembic, SQLAlchemy and psycopg2.
// Without them the tests skip, except under CI (CI set), where they fail.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/alembic_oracle.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

namespace fs = std::filesystem;

std::string fixture_dir(const std::string& name) {
  return std::string(STRATA_SOURCE_DIR) + "/tests/alembic_projects/" + name;
}

// ---------------------------------------------------------------------------
// Schema dumps (pg_schema: support/alembic_oracle.h).

std::string sqlite3(const std::string& path, const std::string& sql) {
  CommandResult r = run_command({"sqlite3", "-batch", path, sql}, "");
  EXPECT_EQ(r.exit_code, 0) << r.err << " for: " << sql;
  return r.out;
}

// The text after `from` in balanced parentheses: "(a (b) c)" -> "a (b) c".
std::string parenthesized(const std::string& text, size_t from) {
  size_t open = text.find('(', from);
  if (open == std::string::npos) return "";
  int depth = 0;
  for (size_t i = open; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && --depth == 0) return text.substr(open + 1, i - open - 1);
  }
  return text.substr(open + 1);
}

// SQLite keeps each table's CREATE TABLE text as written, and SQLAlchemy's
// text (its layout, `DEFAULT (true)` parentheses, constraint order) is not
// strata's, so the text itself is not compared. Compared instead, per table
// except strata_history: columns in order (name, declared type, notnull,
// default with one layer of outer parentheses removed, pk position), foreign
// keys (columns, referent, actions), indexes (name — sqlite_autoindex_* as
// <auto> — unique, origin, partial, columns), and the named constraints with
// their kind and, for checks, the condition (whitespace collapsed).
std::string sqlite_catalog(const std::string& path) {
  const std::string tables =
      "FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
      "AND m.name <> 'strata_history'";
  std::string out = "columns:\n";
  for (const std::string& row : lines_of(sqlite3(
           path, "SELECT m.name, p.cid, p.name, upper(p.type), p.\"notnull\", p.dflt_value, p.pk "
                 "FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND "
                 "m.name NOT LIKE 'sqlite_%' AND m.name <> 'strata_history' "
                 "ORDER BY m.name, p.cid"))) {
    std::string line = row;
    // The default is the 6th field: "(x)" -> "x".
    std::vector<std::string> fields;
    std::stringstream split(row);
    for (std::string f; std::getline(split, f, '|');) fields.push_back(f);
    if (fields.size() >= 6 && fields[5].size() >= 2 && fields[5].front() == '(' &&
        fields[5].back() == ')') {
      fields[5] = fields[5].substr(1, fields[5].size() - 2);
      line.clear();
      for (size_t i = 0; i < fields.size(); ++i) line += (i ? "|" : "") + fields[i];
    }
    out += "  " + line + "\n";
  }
  out += "foreign keys:\n";
  for (const std::string& row : lines_of(sqlite3(
           path, "SELECT m.name, f.\"from\", f.\"table\", f.\"to\", f.on_update, f.on_delete, "
                 "f.\"match\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE "
                 "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> "
                 "'strata_history' ORDER BY 1, 2, 3, 4"))) {
    out += "  " + row + "\n";
  }
  std::set<std::string> indexes;
  for (const std::string& row : lines_of(sqlite3(
           path, "SELECT m.name, i.name, i.\"unique\", i.origin, i.partial, (SELECT "
                 "group_concat(ii.name, ',') FROM (SELECT name FROM pragma_index_info(i.name) "
                 "ORDER BY seqno) ii) FROM sqlite_master m, pragma_index_list(m.name) i WHERE "
                 "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> "
                 "'strata_history'"))) {
    indexes.insert(std::regex_replace(row, std::regex("\\|sqlite_autoindex_[^|]*\\|"),
                                      "|<auto>|"));
  }
  out += "indexes:\n";
  for (const std::string& row : indexes) out += "  " + row + "\n";
  std::set<std::string> constraints;
  const std::regex named("CONSTRAINT\\s+\"?(\\w+)\"?\\s+(PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)",
                         std::regex::icase);
  for (const std::string& row :
       lines_of(sqlite3(path, "SELECT m.name || '|' || replace(replace(m.sql, char(10), ' '), "
                              "char(9), ' ') " + tables))) {
    const std::string table = row.substr(0, row.find('|'));
    for (auto it = std::sregex_iterator(row.begin(), row.end(), named);
         it != std::sregex_iterator(); ++it) {
      std::string entry = table + " " + (*it)[1].str() + " " + (*it)[2].str();
      if ((*it)[2].str() == "CHECK") {
        std::string condition = parenthesized(row, it->position() + it->length(0));
        entry += " (" + std::regex_replace(condition, std::regex("\\s+"), " ") + ")";
      }
      constraints.insert(entry);
    }
  }
  out += "named constraints:\n";
  for (const std::string& c : constraints) out += "  " + c + "\n";
  return out;
}

// ---------------------------------------------------------------------------
// The two projects of one fixture, and databases for them.

class ImportAlembic : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    REQUIRE_PREREQUISITE(oracle_available(&why),
                         kPython << " cannot import alembic, sqlalchemy, psycopg2: " << why);
  }

  // Copy fixture `name` (without strata_edits/) and import it into
  // <dir>/<name>-strata (import-alembic's result in imported_); a fatal
  // failure when the import fails: use ASSERT_NO_FATAL_FAILURE(import(...)).
  void import(const std::string& name) {
    alembic_dir_ = dir_.file(name);
    strata_dir_ = dir_.file(name + "-strata");
    fs::copy(fixture_dir(name), alembic_dir_, fs::copy_options::recursive);
    fs::remove_all(alembic_dir_ + "/strata_edits");
    imported_ = run_strata({"import-alembic", alembic_dir_, "-o", strata_dir_}, dir_.path());
    ASSERT_EQ(imported_.exit_code, 0) << imported_.out << imported_.err;
  }

  CommandResult alembic(const std::vector<std::string>& args, const std::string& url) const {
    std::vector<std::string> argv{kPython, "-m", "alembic"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, alembic_dir_, {"DATABASE_URL=" + url});
  }

  CommandResult strata(const std::vector<std::string>& args, const std::string& url) const {
    return run_strata(args, strata_dir_, {"DATABASE_URL=" + url});
  }

  // Run a command of `tool` ("alembic" or "strata") that must succeed.
  CommandResult ok(const std::string& tool, const std::vector<std::string>& args,
                   const std::string& url) const {
    CommandResult r = tool == "alembic" ? alembic(args, url) : strata(args, url);
    std::string shown;
    for (const std::string& a : args) shown += " " + a;
    EXPECT_EQ(r.exit_code, 0) << tool << shown << " failed:\n" << r.out << r.err;
    return r;
  }

  // `heads` and `history` print the same text under both tools (neither
  // connects; the URL is never opened).
  void expect_same_graph_output() {
    const std::string url = "sqlite:///" + dir_.file("never_opened.db");
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"heads"}, {"history"}}) {
      CommandResult expected = ok("alembic", args, url);
      CommandResult actual = ok("strata", args, url);
      EXPECT_EQ(actual.out, expected.out) << args[0];
    }
  }

  // A new empty database's URL.
  std::string fresh(const std::string& name) {
    if (sqlite_) return "sqlite:///" + dir_.file(name + ".db");
    return create_pg_database("import_alembic_" + name);
  }

  std::string schema(const std::string& url) const {
    if (sqlite_) return sqlite_catalog(url.substr(std::string("sqlite:///").size()));
    return pg_schema(url);
  }

  // Alembic-only and strata-only runs leave the same schema at head and at
  // base; each tool finishes a database the other took to `mid`.
  // `head_marker`: text the head schema must hold (it is not empty).
  void expect_same_schemas(const std::string& mid, const std::string& head_marker,
                           const std::string& rows_sql = "") {
    const std::string a = fresh("a"), b = fresh("b");
    ok("alembic", {"upgrade", "head"}, a);
    ok("strata", {"upgrade", "head"}, b);
    const std::string head = schema(a);
    ASSERT_NE(head.find(head_marker), std::string::npos) << head;
    EXPECT_EQ(schema(b), head);
    if (!rows_sql.empty()) {
      EXPECT_EQ(psql(b, rows_sql), psql(a, rows_sql));
    }
    EXPECT_EQ(lines_of(ok("strata", {"current"}, b).out),
              lines_of(ok("alembic", {"current"}, b).out));

    const std::string a2 = fresh("a2"), b2 = fresh("b2");
    ok("alembic", {"upgrade", mid}, a2);
    ok("strata", {"upgrade", "head"}, a2);
    EXPECT_EQ(schema(a2), head) << "Alembic to " << mid << ", strata to head";
    if (!rows_sql.empty()) {
      EXPECT_EQ(psql(a2, rows_sql), psql(a, rows_sql));
    }
    ok("strata", {"upgrade", mid}, b2);
    ok("alembic", {"upgrade", "head"}, b2);
    EXPECT_EQ(schema(b2), head) << "strata to " << mid << ", Alembic to head";
    EXPECT_EQ(ok("alembic", {"current"}, a2).out, ok("alembic", {"current"}, a).out);
    EXPECT_EQ(ok("strata", {"current"}, b2).out, ok("alembic", {"current"}, a).out);

    ok("alembic", {"downgrade", "base"}, a);
    ok("strata", {"downgrade", "base"}, b);
    const std::string base = schema(a);
    EXPECT_EQ(schema(b), base);
    EXPECT_NE(base, head);
  }

  TempDir dir_;
  CommandResult imported_;
  std::string alembic_dir_;
  std::string strata_dir_;
  bool sqlite_ = false;
};

#define REQUIRE_PG() REQUIRE_PREREQUISITE(pg_url(), "STRATA_TEST_PG_URL is not set (scripts/with-postgres.sh)")

// ---------------------------------------------------------------------------
// shop: PostgreSQL only, one revision to edit by hand.

const char* const kShopEdit = "0007_category_slugs";

TEST_F(ImportAlembic, ShopSummaryNamesTheRevisionToEdit) {
  ASSERT_NO_FATAL_FAILURE(import("shop"));
  const CommandResult& r = imported_;
  EXPECT_NE(r.out.find("10 revisions, 9 translated whole, 1 to edit"), std::string::npos)
      << r.out << r.err;
  const std::regex untranslated("^(\\S+):(\\d+): not translated: (.+)$");
  int named = 0;
  for (const std::string& line : lines_of(r.out + r.err)) {
    std::smatch m;
    if (!std::regex_match(line, m, untranslated)) continue;
    EXPECT_EQ(fs::path(m[1].str()).stem().string(), kShopEdit) << line;
    EXPECT_GT(std::stoi(m[2].str()), 0) << line;
    ++named;
  }
  EXPECT_GE(named, 1) << r.out << r.err;
  EXPECT_TRUE(fs::exists(strata_dir_ + "/migrations/versions/" + kShopEdit + ".lua"));
}

TEST_F(ImportAlembic, ShopHeadsAndHistoryEqualAlembics) {
  ASSERT_NO_FATAL_FAILURE(import("shop"));
  expect_same_graph_output();
}

TEST_F(ImportAlembic, ShopUntranslatedRevisionRefusesWithoutTouchingTheDatabase) {
  REQUIRE_PG();
  ASSERT_NO_FATAL_FAILURE(import("shop"));
  const std::string url = fresh("refuse");
  const std::string before = pg_schema(url);
  CommandResult r = strata({"upgrade", "head"}, url);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::smatch m;
  const std::regex refusal("(\\S*" + std::string(kShopEdit) + "\\.lua):(\\d+): not translated: .+");
  ASSERT_TRUE(std::regex_search(r.err, m, refusal)) << r.err;
  // The line is the marker in the generated file.
  const std::vector<std::string> script =
      lines_of(read_file(strata_dir_ + "/migrations/versions/" + kShopEdit + ".lua"));
  const size_t line = std::stoul(m[2].str());
  ASSERT_GE(line, 1u);
  ASSERT_LE(line, script.size());
  EXPECT_NE(script[line - 1].find("strata:not-translated"), std::string::npos) << script[line - 1];
  EXPECT_EQ(r.err.find("Running upgrade"), std::string::npos) << r.err;
  EXPECT_EQ(pg_schema(url), before);
  EXPECT_EQ(psql(url, "SELECT count(*) FROM pg_namespace WHERE nspname IN "
                      "('meta', 'sales', 'catalog')"),
            "0\n");
}

TEST_F(ImportAlembic, ShopBuildsAlembicsSchemaOnPostgres) {
  REQUIRE_PG();
  ASSERT_NO_FATAL_FAILURE(import("shop"));
  const std::string generated = strata_dir_ + "/migrations/versions/" + kShopEdit + ".lua";
  ASSERT_TRUE(fs::exists(generated));
  fs::copy_file(fixture_dir("shop") + "/strata_edits/" + kShopEdit + ".lua", generated,
                fs::copy_options::overwrite_existing);
  // The seeded categories and the slugs 0007 computed from them.
  expect_same_schemas("0005_order_state", "CREATE TABLE sales.orders (",
                      "SELECT id, name, parent_id, slug FROM catalog.categories ORDER BY id");
}

// ---------------------------------------------------------------------------
// tasks: portable, translated whole.

TEST_F(ImportAlembic, TasksTranslatesWhole) {
  ASSERT_NO_FATAL_FAILURE(import("tasks"));
  const CommandResult& r = imported_;
  EXPECT_NE(r.out.find("7 revisions, 7 translated whole, 0 to edit"), std::string::npos)
      << r.out << r.err;
  EXPECT_EQ((r.out + r.err).find("not translated"), std::string::npos) << r.out << r.err;
}

TEST_F(ImportAlembic, TasksHeadsAndHistoryEqualAlembics) {
  ASSERT_NO_FATAL_FAILURE(import("tasks"));
  expect_same_graph_output();
}

TEST_F(ImportAlembic, TasksBuildsAlembicsSchemaOnPostgres) {
  REQUIRE_PG();
  ASSERT_NO_FATAL_FAILURE(import("tasks"));
  expect_same_schemas("b7d3e9f01c42", "CREATE TABLE public.tasks (");
}

TEST_F(ImportAlembic, TasksBuildsAlembicsSchemaOnSqlite) {
  sqlite_ = true;
  ASSERT_NO_FATAL_FAILURE(import("tasks"));
  expect_same_schemas("b7d3e9f01c42", "  tasks|6|assignee_id|INTEGER|0||0\n");
}

}  // namespace
}  // namespace strata::testing
