// Helpers for tests that take Alembic 1.8 as the oracle (/usr/bin/python3
// -m alembic, Debian's python3-alembic) and compare schemas with pg_dump:
// import_alembic_test, weatherai_alembic_test.
//
// Contracts:
//  - oracle_available(why): /usr/bin/python3 imports alembic, sqlalchemy and
//    psycopg2; else false with the reason in *why;
//  - REQUIRE_PREREQUISITE(ok, what): skips the test when !ok, fails it under
//    CI (CI set): a skipped suite is not a green one;
//  - pg_schema(url): `pg_dump --schema-only --no-owner` without strata's
//    strata_history, minus what differs between any two dumps of one schema
//    (comment, SET and \restrict lines, runs of blank lines).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace strata::testing {

inline constexpr const char* kPython = "/usr/bin/python3";

inline bool oracle_available(std::string* why) {
  CommandResult r = run_command({kPython, "-c", "import alembic, sqlalchemy, psycopg2"}, "");
  if (r.exit_code == 0) return true;
  *why = r.err.empty() ? "exit " + std::to_string(r.exit_code) : r.err;
  return false;
}

#define REQUIRE_PREREQUISITE(ok, what)                  \
  do {                                                  \
    if (!(ok)) {                                        \
      if (std::getenv("CI") != nullptr) FAIL() << what; \
      GTEST_SKIP() << what;                             \
    }                                                   \
  } while (0)

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

inline std::string pg_schema(const std::string& url) {
  CommandResult r = run_command({"pg_dump", "--schema-only", "--no-owner",
                                 "--exclude-table=*.strata_history", "-d", url},
                                "");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out;
  bool blank = true;  // also drops leading blank lines
  for (const std::string& line : lines_of(r.out)) {
    if (line.rfind("--", 0) == 0 || line.rfind("SET ", 0) == 0 ||
        line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0) {
      continue;
    }
    if (line.empty() && blank) continue;
    blank = line.empty();
    out += line + "\n";
  }
  return out;
}

}  // namespace strata::testing
