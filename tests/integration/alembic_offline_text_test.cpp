// Offline (--sql) version-table text, strata against Alembic 1.8 (the
// oracle), on every dialect strata renders offline: PostgreSQL, SQLite,
// MySQL and SQL Server. A three-revision twin project
// (tests/interop/twin_project.h) runs the same --sql commands under both
// tools — a first revision (CREATE TABLE + first row), later ones (UPDATE),
// downgrade ranges (UPDATE, DELETE, DROP TABLE) and a stamp — and every
// statement that names the version table, with the "-- Running ..." lines
// that place them, must be byte-for-byte Alembic's.
//
// Not compared (deliberate, README "Offline scripts and Alembic"): the
// statements that create the version table's schema and the strata_history
// statements (neither names the version table), and the transaction framing.
//
// --sql never connects, so no server is needed. Needs /usr/bin/python3 with
// alembic: skipped without it, except under CI (CI set), where that fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>

#include "interop/twin_project.h"
#include "support/test_support.h"

namespace strata::testing::interop {
namespace {

struct OfflineConfig {
  std::string name;
  std::string url;  // never connected to
  VersionTable vt;
};

std::vector<OfflineConfig> offline_configs() {
  std::vector<OfflineConfig> out;
  for (const auto& [dialect, url] : std::vector<std::pair<std::string, std::string>>{
           {"postgresql", "postgresql://u@localhost/offline"},
           {"sqlite", "sqlite:///offline.db"},
           {"mysql", "mysql://u@localhost/offline"},
           {"mssql", "mssql+pyodbc://u@localhost/offline"}}) {
    out.push_back({dialect, url, {"alembic_version", std::nullopt}});
    out.push_back({dialect + "_schema", url, {"strata_versions", "ledger"}});
  }
  return out;
}

void PrintTo(const OfflineConfig& config, std::ostream* os) { *os << config.name; }

// The chunks of a script (statements are separated by blank lines) that name
// the version table, and the "-- Running ..." lines, in order; verbatim.
std::vector<std::string> version_text(const std::string& script, const VersionTable& vt) {
  const std::regex names_table("(^|[\\s(])" + std::regex_replace(vt.qualified(), std::regex("\\."),
                                                                  "\\.") +
                               "([\\s.;(]|$)");
  std::vector<std::string> out;
  for (size_t start = 0; start < script.size();) {
    size_t end = script.find("\n\n", start);
    if (end == std::string::npos) end = script.size();
    std::string chunk = script.substr(start, end - start);
    start = end + 2;
    if (chunk.rfind("-- Running ", 0) == 0 || std::regex_search(chunk, names_table)) {
      out.push_back(chunk);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& chunks) {
  std::string out;
  for (const std::string& c : chunks) out += c + "\n\n";
  return out;
}

class OfflineText : public ::testing::TestWithParam<OfflineConfig> {
 protected:
  void SetUp() override {
    if (alembic_available()) return;
    const bool missing = alembic_per_process() || AlembicDriver::instance().alembic_missing();
    if (missing && std::getenv("CI") == nullptr) {
      GTEST_SKIP() << "/usr/bin/python3 cannot import alembic ("
                   << AlembicDriver::instance().why() << ")";
    }
    FAIL() << "Alembic is not usable (CI needs it): " << AlembicDriver::instance().why();
  }

  std::vector<Rev> chain() const {
    std::vector<Rev> revs = linear_chain();
    revs.resize(3);
    return revs;
  }

  // Both tools' version-table text for `command`.
  std::pair<std::vector<std::string>, std::vector<std::string>> both(
      const TwinProject& project, const std::vector<std::string>& command) {
    CommandResult s = project.strata(command, GetParam().url);
    CommandResult a = project.alembic(command, GetParam().url);
    EXPECT_EQ(s.exit_code, 0) << s.err;
    EXPECT_EQ(a.exit_code, 0) << a.err;
    return {version_text(s.out, project.version_table()),
            version_text(a.out, project.version_table())};
  }

  TempDir dir_;
};

TEST_P(OfflineText, VersionTableStatementsAreAlembics) {
  TwinProject project(dir_.file("twins"), chain(), GetParam().vt);
  const std::string r1 = project.graph()[0].id, r2 = project.graph()[1].id,
                    r3 = project.graph()[2].id;
  for (const std::vector<std::string>& command : std::vector<std::vector<std::string>>{
           {"upgrade", "head", "--sql"},
           {"upgrade", r1 + ":" + r3, "--sql"},
           {"downgrade", r3 + ":base", "--sql"},
           {"downgrade", r3 + ":" + r1, "--sql"},
           {"stamp", r2, "--sql"}}) {
    std::string shown;
    for (const std::string& part : command) shown += part + " ";
    SCOPED_TRACE(shown);
    auto [from_strata, from_alembic] = both(project, command);
    ASSERT_FALSE(from_alembic.empty());
    EXPECT_EQ(joined(from_strata), joined(from_alembic));
  }

  // The extraction found the statements the issue names (not a vacuous match).
  auto [from_strata, from_alembic] = both(project, {"upgrade", "head", "--sql"});
  const std::string q = GetParam().vt.qualified();
  ASSERT_GE(from_alembic.size(), 3u);
  EXPECT_EQ(from_alembic[0].rfind("CREATE TABLE " + q + " (\n", 0), 0u) << from_alembic[0];
  std::string first_row = "INSERT INTO " + q + " (version_num) VALUES ('" + r1 + "');";
  if (GetParam().name.rfind("postgresql", 0) == 0) {
    first_row = "INSERT INTO " + q + " (version_num) VALUES ('" + r1 + "') RETURNING " + q +
                ".version_num;";
  } else if (GetParam().name.rfind("mssql", 0) == 0) {
    first_row = "INSERT INTO " + q + " (version_num) OUTPUT inserted.version_num VALUES ('" + r1 +
                "');";
  }
  EXPECT_EQ(from_alembic[2], first_row);
  EXPECT_EQ(joined(from_strata), joined(from_alembic));
}

INSTANTIATE_TEST_SUITE_P(Dialects, OfflineText, ::testing::ValuesIn(offline_configs()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace strata::testing::interop
