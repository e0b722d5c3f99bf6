// Interop with Alembic 1.8 (the oracle), both directions, on SQLite and
// PostgreSQL: the same revision graph exists as an Alembic project and as a
// strata project (tests/interop/twin_project.h), both pointed at the same
// database. A database one tool migrated must be continued by the other, and
// every state a mixed run leaves (version rows, revision tables) must equal
// what Alembic alone leaves after the same commands.
//
// Needs /usr/bin/python3 with alembic (skipped otherwise) and, for the
// PostgreSQL cases, STRATA_TEST_PG_URL (scripts/with-postgres.sh).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <regex>
#include <sstream>

#include "interop/twin_project.h"
#include "support/test_support.h"

namespace strata::testing::interop {
namespace {

// ---------------------------------------------------------------------------
// Parameters: dialect x version table.

struct Config {
  std::string name;
  std::string dialect;
  VersionTable vt;
};

std::vector<Config> configs() {
  // On SQLite a version_table_schema would be an attached file for strata but
  // needs an ATTACH in env.py for Alembic, so SQLite runs on `main`.
  return {
      {"sqlite", "sqlite", {"alembic_version", std::nullopt}},
      {"sqlite_custom_table", "sqlite", {"strata_versions", std::nullopt}},
      {"postgresql_core", "postgresql", {"alembic_version", "core"}},
      {"postgresql_core_custom_table", "postgresql", {"strata_versions", "core"}},
  };
}

std::string config_name(const ::testing::TestParamInfo<Config>& info) { return info.param.name; }
void PrintTo(const Config& config, std::ostream* os) { *os << config.name; }

using Command = std::vector<std::string>;

std::string show(const Command& c) {
  std::string out;
  for (const std::string& a : c) out += (out.empty() ? "" : " ") + a;
  return out;
}

class InteropBase : public ::testing::TestWithParam<Config> {
 protected:
  void SetUp() override {
    if (!alembic_available()) {
      if (alembic_per_process() || AlembicDriver::instance().alembic_missing()) {
        GTEST_SKIP() << "/usr/bin/python3 cannot import alembic ("
                     << AlembicDriver::instance().why() << ")";
      }
      FAIL() << "the Alembic driver (tests/interop/alembic_driver.py) did not start: "
             << AlembicDriver::instance().why();
    }
    if (pg() && !pg_url()) GTEST_SKIP() << "STRATA_TEST_PG_URL not set (scripts/with-postgres.sh)";
  }

  bool pg() const { return GetParam().dialect == "postgresql"; }
  const VersionTable& vt() const { return GetParam().vt; }

  TwinProject& twins(const std::vector<Rev>& graph) {
    projects_.push_back(std::make_unique<TwinProject>(
        dir_.file("twins" + std::to_string(projects_.size())), graph, vt()));
    return *projects_.back();
  }

  // A new empty database. Alembic needs the version table's schema to exist
  // (strata creates it itself), so `for_alembic` creates it first on PG.
  Database fresh_db(const std::string& name, bool for_alembic) {
    Database db;
    db.dialect = GetParam().dialect;
    if (pg()) {
      db.url = create_database("interop_" + name);
      if (for_alembic && vt().schema) db.sql("CREATE SCHEMA " + *vt().schema);
    } else {
      db.sqlite_path = dir_.file(name + ".db");
      db.url = "sqlite:///" + db.sqlite_path;  // absolute: sqlite:////tmp/...
    }
    return db;
  }

  DbState state(const Database& db) const { return read_state(db, vt()); }

  // Run a command that must succeed.
  static CommandResult ok(const TwinProject& twins, const std::string& tool, const Command& args,
                          const Database& db) {
    CommandResult r = twins.run(tool, args, db.url);
    EXPECT_EQ(r.exit_code, 0) << tool << " " << show(args) << " failed:\n" << r.err << r.out;
    return r;
  }

  // `current` lines of a tool, sorted (multiple heads come in row order).
  static std::vector<std::string> current(const TwinProject& twins, const std::string& tool,
                                          const Database& db) {
    CommandResult r = ok(twins, tool, {"current"}, db);
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  // Run `commands` with Alembic alone on one database (the oracle), then on a
  // fresh database alternating the tools — once starting with Alembic, once
  // with strata — and compare after every command: version table presence,
  // version rows, the set of revision tables, the "Running ..." steps, and
  // that tables a command created carry the mark of the tool that ran it.
  void mixed_sequence(const std::vector<Rev>& graph, const std::vector<Command>& commands) {
    TwinProject& project = twins(graph);
    Database oracle = fresh_db("oracle", true);
    std::vector<DbState> expected;
    std::vector<std::vector<std::string>> expected_steps;
    for (const Command& command : commands) {
      CommandResult r = ok(project, "alembic", command, oracle);
      ASSERT_EQ(r.exit_code, 0) << "the sequence itself is invalid for Alembic";
      expected.push_back(state(oracle));
      expected_steps.push_back(running_lines(r.err));
      if (std::getenv("STRATA_INTEROP_TRACE")) {
        std::cout << "alembic " << show(command) << " -> " << expected.back().describe() << "\n";
        for (const std::string& line : expected_steps.back()) std::cout << "    " << line << "\n";
      }
    }
    for (int offset = 0; offset < 2; ++offset) {
      Database db = fresh_db("mixed" + std::to_string(offset), offset == 0);
      DbState before = state(db);
      for (size_t i = 0; i < commands.size(); ++i) {
        const std::string tool = (i + offset) % 2 == 0 ? "alembic" : "strata";
        SCOPED_TRACE("step " + std::to_string(i + 1) + ": " + tool + " " + show(commands[i]) +
                     " (expected " + expected[i].describe() + ")");
        CommandResult r = ok(project, tool, commands[i], db);
        ASSERT_EQ(r.exit_code, 0);
        DbState after = state(db);
        EXPECT_EQ(after.has_version_table, expected[i].has_version_table);
        EXPECT_EQ(after.rows, expected[i].rows) << after.describe();
        EXPECT_EQ(after.table_names(), expected[i].table_names()) << after.describe();
        EXPECT_EQ(running_lines(r.err), expected_steps[i]) << r.err;
        for (const auto& [table, by] : after.tables) {
          if (!before.tables.count(table)) {
            EXPECT_EQ(by, tool) << table;
          }
        }
        before = after;
      }
      // Both tools read the mixed database's current revisions alike.
      EXPECT_EQ(current(project, "strata", db), current(project, "alembic", db));
    }
  }

  TempDir dir_;
  std::vector<std::unique_ptr<TwinProject>> projects_;
};

// The linear chain: every dialect, default and custom version table.
class Interop : public InteropBase {};
// The branched graphs (diamond with a labeled branch, depends_on across
// branches): every dialect, default version table.
class InteropGraphs : public InteropBase {};

const std::vector<Rev> kChain = linear_chain();
std::string chain(int i) { return kChain[i - 1].id; }

// "Running upgrade a -> b, revision b" for chain revisions from..to.
std::vector<std::string> chain_upgrades(int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) {
    out.push_back("Running upgrade " + (i == 1 ? std::string() : chain(i - 1)) + " -> " + chain(i) +
                  ", revision " + chain(i));
  }
  return out;
}

// ---------------------------------------------------------------------------
// 1. Alembic starts, strata continues.

TEST_P(Interop, AlembicUpgradesToSecondStrataContinuesToHead) {
  TwinProject& project = twins(kChain);
  Database db = fresh_db("interop", true);
  CommandResult up = ok(project, "alembic", {"upgrade", chain(2)}, db);
  EXPECT_EQ(running_lines(up.err), chain_upgrades(1, 2)) << up.err;

  CommandResult current = ok(project, "strata", {"current"}, db);
  EXPECT_EQ(current.out, chain(2) + "\n");
  EXPECT_EQ(current.out, ok(project, "alembic", {"current"}, db).out);

  CommandResult head = ok(project, "strata", {"upgrade", "head"}, db);
  EXPECT_EQ(running_lines(head.err), chain_upgrades(3, 5)) << head.err;
  DbState after = state(db);
  EXPECT_EQ(after.describe(), "rows [" + chain(5) + "] tables [t_" + chain(1) + ":alembic, t_" +
                                  chain(2) + ":alembic, t_" + chain(3) + ":strata, t_" + chain(4) +
                                  ":strata, t_" + chain(5) + ":strata]");

  Database reference = fresh_db("reference", true);
  ok(project, "alembic", {"upgrade", "head"}, reference);
  EXPECT_EQ(after.rows, state(reference).rows);
  EXPECT_EQ(after.table_names(), state(reference).table_names());
  EXPECT_EQ(ok(project, "alembic", {"current"}, db).out, chain(5) + " (head)\n");
  EXPECT_EQ(ok(project, "strata", {"current"}, db).out, chain(5) + " (head)\n");
}

// ---------------------------------------------------------------------------
// 2. strata starts (creating the schema and version table), Alembic continues.

TEST_P(Interop, StrataUpgradesToThirdAlembicContinuesToHead) {
  TwinProject& project = twins(kChain);
  Database db = fresh_db("interop", false);
  CommandResult up = ok(project, "strata", {"upgrade", chain(3)}, db);
  EXPECT_EQ(running_lines(up.err), chain_upgrades(1, 3)) << up.err;
  if (vt().schema) {
    EXPECT_EQ(db.sql("SELECT count(*) FROM pg_namespace WHERE nspname = '" + *vt().schema + "'"),
              "1\n");
  }

  EXPECT_EQ(ok(project, "alembic", {"current"}, db).out, chain(3) + "\n");
  CommandResult head = ok(project, "alembic", {"upgrade", "head"}, db);
  EXPECT_EQ(running_lines(head.err), chain_upgrades(4, 5)) << head.err;
  DbState after = state(db);
  EXPECT_EQ(after.describe(), "rows [" + chain(5) + "] tables [t_" + chain(1) + ":strata, t_" +
                                  chain(2) + ":strata, t_" + chain(3) + ":strata, t_" + chain(4) +
                                  ":alembic, t_" + chain(5) + ":alembic]");
  Database reference = fresh_db("reference", true);
  ok(project, "alembic", {"upgrade", "head"}, reference);
  EXPECT_EQ(after.rows, state(reference).rows);

  // And back: strata takes the database down again as Alembic would.
  CommandResult down = ok(project, "strata", {"downgrade", "base"}, db);
  CommandResult alembic_down = ok(project, "alembic", {"downgrade", "base"}, reference);
  EXPECT_EQ(running_lines(down.err), running_lines(alembic_down.err)) << down.err;
  EXPECT_EQ(state(db).describe(), state(reference).describe());
  EXPECT_EQ(state(db).describe(), "rows [] tables []");
}

// ---------------------------------------------------------------------------
// 3. Mixed sequences, compared step by step with Alembic alone.

TEST_P(Interop, ChainMixedSequenceMatchesAlembic) {
  mixed_sequence(kChain, {{"upgrade", "+2"},
                          {"upgrade", "+1"},
                          {"upgrade", "head"},
                          {"downgrade", "-2"},
                          {"downgrade", "-1"},
                          {"stamp", chain(4)},
                          {"upgrade", "head"},
                          {"stamp", chain(2)},
                          {"downgrade", "base"}});
}

TEST_P(InteropGraphs, DiamondMixedSequenceMatchesAlembic) {
  mixed_sequence(diamond(), {{"upgrade", "d2feature002"},  // the labeled branch's own head
                             {"upgrade", "heads"},          // d3, the merge, d5
                             {"downgrade", "-1"},           // back to the merge
                             {"downgrade", "d2feature002"}, // a merge parent: unmerge
                             {"upgrade", "feature@head"},   // the label reaches the merge
                             {"downgrade", "d3main000003"},
                             {"upgrade", "heads"},
                             {"downgrade", "base"}});
}

TEST_P(InteropGraphs, DependsOnMixedSequenceMatchesAlembic) {
  mixed_sequence(depends_graph(), {{"upgrade", "b1beta000001"},
                                   {"upgrade", "b2beta000002"},  // pulls in a1, a2
                                   {"upgrade", "heads"},
                                   {"downgrade", "a1alpha00001"},  // takes the dependent b2 too
                                   {"upgrade", "beta@head"},
                                   {"downgrade", "b1beta000001"},
                                   {"upgrade", "alpha@head"},
                                   {"downgrade", "base"}});
}

TEST_P(InteropGraphs, StampsOnBranchesMatchAlembic) {
  mixed_sequence(diamond(), {{"stamp", "d2feature002", "d3main000003"},  // two heads at once
                             {"upgrade", "heads"},                       // merge + d5 only
                             {"stamp", "d2feature002"},                  // down through the merge
                             {"stamp", "heads"},
                             {"stamp", "base"},
                             {"upgrade", "d1feature001"},
                             {"stamp", "--purge", "d3main000003"},
                             {"stamp", "d1feature001"}});
}

// ---------------------------------------------------------------------------
// 4. The version table strata creates is the one Alembic creates.

TEST_P(Interop, VersionTableCatalogMatchesAlembic) {
  TwinProject& project = twins(kChain);
  Database by_strata = fresh_db("by_strata", false);
  Database by_alembic = fresh_db("by_alembic", true);
  ok(project, "strata", {"upgrade", "head"}, by_strata);
  ok(project, "alembic", {"upgrade", "head"}, by_alembic);
  const std::string table = vt().table;
  const std::string pkc = table + "_pkc";

  std::vector<std::string> queries;
  std::vector<std::string> expected;
  if (pg()) {
    const std::string oid = "'" + vt().qualified() + "'::regclass";
    queries = {
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef, "
        "a.attidentity, a.attgenerated, a.attcollation::regcollation FROM pg_attribute a WHERE "
        "a.attrelid = " + oid + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        "SELECT conname, contype, pg_get_constraintdef(oid), condeferrable FROM pg_constraint "
        "WHERE conrelid = " + oid + " ORDER BY conname",
        "SELECT indexrelid::regclass, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = " +
            oid + " ORDER BY 1",
        "SELECT n.nspname, c.relkind, c.relpersistence, c.relnatts, c.reloptions, "
        "pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = "
        "c.relnamespace WHERE c.oid = " + oid,
    };
    expected = {
        "version_num|character varying(32)|t|f|||\"default\"\n",
        pkc + "|p|PRIMARY KEY (version_num)|f\n",
        "core." + pkc + "|CREATE UNIQUE INDEX " + pkc + " ON core." + table +
            " USING btree (version_num)\n",
        "core|r|p|1||postgres\n",
    };
  } else {
    const std::string autoindex = "sqlite_autoindex_" + table + "_1";
    queries = {
        "PRAGMA table_info(" + table + ")",
        "PRAGMA index_list(" + table + ")",
        "PRAGMA index_xinfo(" + autoindex + ")",
        "SELECT type, name, tbl_name FROM sqlite_master WHERE tbl_name = '" + table + "' ORDER BY type DESC, name",
        "SELECT schema, name, type, ncol, wr, strict FROM pragma_table_list WHERE name = '" +
            table + "'",
    };
    expected = {
        "0|version_num|VARCHAR(32)|1||1\n",
        "0|" + autoindex + "|1|pk|0\n",
        "0|0|version_num|0|BINARY|1\n1|-1||0|BINARY|0\n",
        "table|" + table + "|" + table + "\nindex|" + autoindex + "|" + table + "\n",
        "main|" + table + "|table|1|0|0\n",
    };
  }
  for (size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE(queries[i]);
    EXPECT_EQ(by_strata.sql(queries[i]), by_alembic.sql(queries[i]));
    EXPECT_EQ(by_strata.sql(queries[i]), expected[i]);
  }

  if (pg()) {
    // The whole table definition as pg_dump sees it.
    auto dump = [&](const Database& db) {
      CommandResult r = run_command({"pg_dump", "--schema-only", "-t", vt().qualified(), "-d", db.url}, "");
      EXPECT_EQ(r.exit_code, 0) << r.err;
      std::string out;
      std::istringstream in(r.out);
      for (std::string line; std::getline(in, line);) {
        // Skip comments and pg_dump's per-run random \restrict / \unrestrict keys.
        if (line.empty() || line.rfind("--", 0) == 0 || line.rfind("\\", 0) == 0) continue;
        out += line + "\n";
      }
      return out;
    };
    std::string strata_dump = dump(by_strata);
    EXPECT_NE(strata_dump.find("CONSTRAINT " + pkc + " PRIMARY KEY (version_num)"),
              std::string::npos)
        << strata_dump;
    EXPECT_EQ(strata_dump, dump(by_alembic));
  } else {
    // sqlite_master.sql keeps each tool's whitespace; the text is otherwise the same.
    auto normalized = [&](const Database& db) {
      std::string sql = db.sql("SELECT sql FROM sqlite_master WHERE name = '" + table + "'");
      sql = std::regex_replace(sql, std::regex("\""), "");
      sql = std::regex_replace(sql, std::regex("\\s+"), " ");
      return sql;
    };
    EXPECT_EQ(normalized(by_strata), normalized(by_alembic));
    EXPECT_EQ(normalized(by_strata), "CREATE TABLE " + table +
                                         " ( version_num VARCHAR(32) NOT NULL, CONSTRAINT " + pkc +
                                         " PRIMARY KEY (version_num) ) ");
  }
}

// ---------------------------------------------------------------------------
// 5. stamp hand-over in both directions.

TEST_P(Interop, StrataStampsAlembicDatabaseAlembicContinues) {
  TwinProject& project = twins(kChain);
  Database db = fresh_db("interop", true);
  ok(project, "alembic", {"upgrade", chain(1)}, db);
  CommandResult stamp = ok(project, "strata", {"stamp", chain(3)}, db);
  EXPECT_EQ(running_lines(stamp.err),
            std::vector<std::string>{"Running stamp_revision " + chain(1) + " -> " + chain(3)})
      << stamp.err;
  EXPECT_EQ(ok(project, "alembic", {"current"}, db).out, chain(3) + "\n");
  CommandResult up = ok(project, "alembic", {"upgrade", "head"}, db);
  EXPECT_EQ(running_lines(up.err), chain_upgrades(4, 5)) << up.err;
  EXPECT_EQ(state(db).describe(), "rows [" + chain(5) + "] tables [t_" + chain(1) + ":alembic, t_" +
                                      chain(4) + ":alembic, t_" + chain(5) + ":alembic]");

  // --purge clears rows Alembic cannot interpret; Alembic then reads the stamp.
  db.sql("INSERT INTO " + vt().qualified() + " (version_num) VALUES ('not_a_revision')");
  ok(project, "strata", {"stamp", "--purge", chain(2)}, db);
  EXPECT_EQ(ok(project, "alembic", {"current"}, db).out, chain(2) + "\n");
  ok(project, "strata", {"stamp", "base"}, db);
  EXPECT_EQ(ok(project, "alembic", {"current"}, db).out, "");
  EXPECT_EQ(state(db).rows, std::vector<std::string>{});
  EXPECT_TRUE(state(db).has_version_table);
}

TEST_P(Interop, AlembicStampsStrataDatabaseStrataContinues) {
  TwinProject& project = twins(kChain);
  Database db = fresh_db("interop", false);
  ok(project, "strata", {"upgrade", chain(1)}, db);
  ok(project, "alembic", {"stamp", chain(2)}, db);
  EXPECT_EQ(ok(project, "strata", {"current"}, db).out, chain(2) + "\n");
  CommandResult up = ok(project, "strata", {"upgrade", "head"}, db);
  EXPECT_EQ(running_lines(up.err), chain_upgrades(3, 5)) << up.err;
  EXPECT_EQ(state(db).describe(), "rows [" + chain(5) + "] tables [t_" + chain(1) + ":strata, t_" +
                                      chain(3) + ":strata, t_" + chain(4) + ":strata, t_" +
                                      chain(5) + ":strata]");
  ok(project, "alembic", {"stamp", "base"}, db);
  EXPECT_EQ(ok(project, "strata", {"current"}, db).out, "");
  // A stamp from base on an existing, empty version table.
  ok(project, "alembic", {"stamp", chain(5)}, db);
  EXPECT_EQ(ok(project, "strata", {"current"}, db).out, chain(5) + " (head)\n");
}

// ---------------------------------------------------------------------------
// 6. Offline SQL: the version-table statements of `--sql` match Alembic's.

// The statements of an offline script that maintain the version table, plus
// the step comments and transaction boundaries, whitespace collapsed and
// identifier quotes removed.
std::vector<std::string> version_statements(const std::string& script, const VersionTable& vt) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < script.size()) {
    size_t end = script.find("\n\n", start);
    if (end == std::string::npos) end = script.size();
    std::string chunk = script.substr(start, end - start);
    start = end + 2;
    chunk = std::regex_replace(chunk, std::regex("\""), "");
    chunk = std::regex_replace(chunk, std::regex("\\s+"), " ");
    chunk = std::regex_replace(chunk, std::regex("^ | $"), "");
    chunk = std::regex_replace(chunk, std::regex("\\( "), "(");
    chunk = std::regex_replace(chunk, std::regex(" \\)"), ")");
    if (chunk.empty()) continue;
    const bool version = std::regex_search(chunk, std::regex("\\b" + vt.table + "\\b"));
    if (version || chunk.rfind("-- Running ", 0) == 0 || chunk == "BEGIN;" || chunk == "COMMIT;") {
      out.push_back(chunk);
    }
  }
  return out;
}

// Run `command` (with --sql) through both tools and compare the
// version-table statements.
void expect_same_version_statements(const TwinProject& project, const Command& command,
                                    const std::string& url, bool pg) {
  SCOPED_TRACE(show(command));
  CommandResult s = project.strata(command, url);
  CommandResult a = project.alembic(command, url);
  ASSERT_EQ(s.exit_code, 0) << s.err;
  ASSERT_EQ(a.exit_code, 0) << a.err;
  std::vector<std::string> from_strata = version_statements(s.out, project.version_table());
  std::vector<std::string> from_alembic = version_statements(a.out, project.version_table());
  // The version table's statements are Alembic's own (CREATE TABLE, the
  // first row's RETURNING on PostgreSQL): no rewriting here.
  if (!pg) {
    // Known divergence: strata treats SQLite as transactional DDL and wraps
    // the script in BEGIN/COMMIT; Alembic's SQLite impl is non-transactional
    // and writes none. Compare the rest.
    ASSERT_FALSE(from_strata.empty());
    EXPECT_EQ(from_strata.front(), "BEGIN;");
    EXPECT_EQ(from_strata.back(), "COMMIT;");
    std::erase(from_strata, "BEGIN;");
    std::erase(from_strata, "COMMIT;");
  }
  EXPECT_EQ(from_strata, from_alembic) << "strata:\n" << s.out << "\nalembic:\n" << a.out;
}

std::string offline_url(bool pg) {
  return pg ? "postgresql://u@localhost/offline" : "sqlite:///offline.db";
}

TEST_P(Interop, OfflineUpgradeSqlVersionStatementsMatchAlembic) {
  TwinProject& project = twins(kChain);
  const std::string url = offline_url(pg());
  for (const Command& command : std::vector<Command>{
           {"upgrade", "head", "--sql"},
           {"upgrade", chain(2) + ":" + chain(4), "--sql"},
           {"downgrade", chain(5) + ":base", "--sql"},
           {"downgrade", chain(4) + ":" + chain(2), "--sql"},
           {"stamp", chain(3), "--sql"}}) {
    expect_same_version_statements(project, command, url, pg());
  }
  if (pg()) {
    // strata's script, applied with psql to an empty database (no schema
    // either), leaves a database Alembic reads and continues from.
    Database db = fresh_db("offline_applied", false);
    CommandResult script = project.strata({"upgrade", chain(3), "--sql"}, db.url);
    ASSERT_EQ(script.exit_code, 0) << script.err;
    write_file(dir_.file("upgrade.sql"), script.out);
    CommandResult applied = run_command(
        {"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db.url, "-f", dir_.file("upgrade.sql")}, "");
    ASSERT_EQ(applied.exit_code, 0) << applied.err;
    EXPECT_EQ(ok(project, "alembic", {"current"}, db).out, chain(3) + "\n");
    CommandResult rest = ok(project, "alembic", {"upgrade", "head"}, db);
    EXPECT_EQ(running_lines(rest.err), chain_upgrades(4, 5)) << rest.err;
    EXPECT_EQ(state(db).describe(), "rows [" + chain(5) + "] tables [t_" + chain(1) + ":strata, t_" +
                                        chain(2) + ":strata, t_" + chain(3) + ":strata, t_" +
                                        chain(4) + ":alembic, t_" + chain(5) + ":alembic]");
  }
  // Spot-check the extraction on the full run.
  std::vector<std::string> head = version_statements(
      project.strata({"upgrade", "head", "--sql"}, url).out, vt());
  ASSERT_EQ(head.size(), 13u);
  EXPECT_EQ(head[0], "BEGIN;");
  EXPECT_EQ(head[1], "CREATE TABLE " + vt().qualified() +
                         " (version_num VARCHAR(32) NOT NULL, CONSTRAINT " + vt().table +
                         "_pkc PRIMARY KEY (version_num));");
  EXPECT_EQ(head[2], "-- Running upgrade -> " + chain(1));
  EXPECT_EQ(head[3], "INSERT INTO " + vt().qualified() + " (version_num) VALUES ('" + chain(1) +
                         (pg() ? "') RETURNING " + vt().qualified() + ".version_num;" : "');"));
  EXPECT_EQ(head[11], "UPDATE " + vt().qualified() + " SET version_num='" + chain(5) + "' WHERE " +
                          vt().qualified() + ".version_num = '" + chain(4) + "';");
  EXPECT_EQ(head[12], "COMMIT;");
}

TEST_P(InteropGraphs, OfflineBranchedSqlMatchesAlembic) {
  const std::string url = offline_url(pg());
  TwinProject& branched = twins(diamond());
  for (const Command& command : std::vector<Command>{
           {"upgrade", "heads", "--sql"},
           {"upgrade", "d2feature002:heads", "--sql"},
           {"downgrade", "d5head000005:d3main000003", "--sql"},
           {"stamp", "d2feature002", "d3main000003", "--sql"}}) {
    expect_same_version_statements(branched, command, url, pg());
  }
  TwinProject& depends = twins(depends_graph());
  for (const Command& command : std::vector<Command>{
           {"upgrade", "heads", "--sql"},
           {"upgrade", "b1beta000001:beta@head", "--sql"}}) {
    expect_same_version_statements(depends, command, url, pg());
  }
}

INSTANTIATE_TEST_SUITE_P(Dialects, Interop, ::testing::ValuesIn(configs()), config_name);
INSTANTIATE_TEST_SUITE_P(Dialects, InteropGraphs,
                         ::testing::ValuesIn(std::vector<Config>{configs()[0], configs()[2]}),
                         config_name);

}  // namespace
}  // namespace strata::testing::interop
