// Shared test helpers: temporary directories, files, running the strata
// binary, and the throwaway PostgreSQL the test command starts.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata::testing {

// A fresh directory under /tmp, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& relative) const { return path_ + "/" + relative; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Run `argv` (argv[0] is a path) in `cwd` with extra environment entries
// ("KEY=VALUE"), stdin from /dev/null; capture stdout and stderr.
CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd,
                          const std::vector<std::string>& env = {});

// Run the strata binary under test.
CommandResult run_strata(const std::vector<std::string>& args, const std::string& cwd,
                         const std::vector<std::string>& env = {});

// The PostgreSQL URL the test command exported (STRATA_TEST_PG_URL), if any.
std::optional<std::string> pg_url();

// True when `backend` ("postgresql", "mysql") must be live: under CI, or when
// STRATA_REQUIRE_LIVE names it (scripts/require-backends.sh). A test that
// cannot reach a required backend fails instead of skipping: a skipped suite
// is not a green one.
bool live_required(const std::string& backend);

// A new, empty PostgreSQL database on the test server; returns its URL.
// REQUIRES: pg_url(). Database names are unique per call.
std::string create_pg_database(const std::string& prefix);

// Run SQL through psql against `url`; returns stdout (unaligned, tuples only).
std::string psql(const std::string& url, const std::string& sql);

}  // namespace strata::testing

// In a test body or SetUp(): without the test PostgreSQL server
// (STRATA_TEST_PG_URL) the test fails when PostgreSQL is required
// (live_required), and is skipped otherwise.
#define REQUIRE_PG_SERVER()                                                             \
  do {                                                                                  \
    if (!::strata::testing::pg_url()) {                                                 \
      if (::strata::testing::live_required("postgresql")) {                             \
        FAIL() << "STRATA_TEST_PG_URL is not set (run under scripts/with-postgres.sh)"; \
      }                                                                                 \
      GTEST_SKIP() << "no PostgreSQL (run under scripts/with-postgres.sh)";             \
    }                                                                                   \
  } while (0)
