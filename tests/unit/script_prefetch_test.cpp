// runtime/script_prefetch.h: an offline run whose scripts run ahead on
// worker threads writes exactly what running each script at its step
// writes — statements, version-schema notes, autocommit COMMIT/BEGIN,
// print() lines between the INFO lines, an error caught by pcall() — and
// fails at the same step with the same message. STRATA_SCRIPT_WORKERS=0
// runs the scripts in place; 1..3 on that many workers.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace strata {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::TempDir;
using testing::write_file;

constexpr int kRevisions = 80;

std::string rev_id(int i) {
  std::string n = std::to_string(i);
  return "r" + std::string(3 - n.size(), '0') + n;
}

// The body of revision i's upgrade() and downgrade(): five kinds in turn.
std::string body(int i) {
  const std::string n = std::to_string(i);
  switch (i % 5) {
    case 0:
      return "op.execute('SELECT " + n + "')";
    case 1:
      return "print('rev', " + n + ", nil)\n  op.execute('SELECT " + n + "')";
    case 2:
      return "op.execute('SELECT " + n + "')\n"
             "  op.autocommit_block(function() op.execute('VACUUM') end)";
    case 3:
      return "local ok, err = pcall(op.execute, 'SELECT \\0')\n"
             "  print(ok, err)\n  op.execute('SELECT " + n + "')";
    default:
      return "op.drop_schema('core')\n  op.execute('SELECT " + n + "')";
  }
}

class ScriptPrefetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\n"
               "url = \"postgresql://app@localhost/app\"\n"
               "version_table_schema = \"core\"\n");
    for (int i = 0; i < kRevisions; ++i) write_revision(i, body(i));
  }

  void write_revision(int i, const std::string& code) {
    const std::string down = i == 0 ? "nil" : "'" + rev_id(i - 1) + "'";
    write_file(dir_.file("migrations/versions/" + rev_id(i) + ".lua"),
               "revision = '" + rev_id(i) + "'\ndown_revision = " + down +
                   "\nfunction upgrade()\n  " + code + "\nend\nfunction downgrade()\n  " + code +
                   "\nend\n");
  }

  CommandResult run(const std::vector<std::string>& args, int workers) {
    std::vector<std::string> argv{"/usr/bin/timeout", "-s", "KILL", "60", STRATA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_command(argv, dir_.path(),
                                {"STRATA_SCRIPT_WORKERS=" + std::to_string(workers)});
  }

  // The run with scripts in place, then the same with 1..3 workers: equal.
  CommandResult same_for_all_workers(const std::vector<std::string>& args) {
    const CommandResult in_place = run(args, 0);
    for (int workers = 1; workers <= 3; ++workers) {
      const CommandResult ahead = run(args, workers);
      EXPECT_EQ(ahead.exit_code, in_place.exit_code) << workers << " workers\n" << ahead.err;
      EXPECT_EQ(ahead.out, in_place.out) << workers << " workers";
      EXPECT_EQ(ahead.err, in_place.err) << workers << " workers";
    }
    return in_place;
  }

  TempDir dir_;
};

TEST_F(ScriptPrefetchTest, UpgradeAndDowngradeWriteTheSameScript) {
  const CommandResult up = same_for_all_workers({"upgrade", "base:head", "--sql"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.out.find("SELECT 79;"), std::string::npos);
  EXPECT_NE(up.out.find("-- schema core kept: it holds the version table core.alembic_version"),
            std::string::npos);
  EXPECT_NE(up.out.find("VACUUM;"), std::string::npos);
  EXPECT_NE(up.err.find("rev\t1\tnil\n"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("false\tSQL text contains a NUL byte"), std::string::npos) << up.err;
  // Each print() sits after its step's INFO line, before the next one's.
  const size_t printed = up.err.find("rev\t6\tnil");
  ASSERT_NE(printed, std::string::npos);
  EXPECT_LT(up.err.find("Running upgrade r005 -> r006"), printed);
  EXPECT_GT(up.err.find("Running upgrade r006 -> r007"), printed);

  const CommandResult down = same_for_all_workers({"downgrade", "head:base", "--sql"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("SELECT 0;"), std::string::npos);
}

TEST_F(ScriptPrefetchTest, AFailingScriptFailsAtItsStepWithItsMessage) {
  write_revision(70, "op.execute('SELECT 70')\n  error('boom at 70')");
  const CommandResult up = same_for_all_workers({"upgrade", "base:head", "--sql"});
  EXPECT_EQ(up.exit_code, 1);
  EXPECT_NE(up.err.find("migrations/versions/r070.lua:"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("boom at 70"), std::string::npos) << up.err;
  EXPECT_NE(up.out.find("SELECT 70;"), std::string::npos);
  EXPECT_EQ(up.out.find("SELECT 71;"), std::string::npos);
  // The same for an op call the op API refuses (an argument error).
  write_revision(70, "op.execute('SELECT 70')");
  write_revision(40, "op.execute('SELECT 40')\n  op.create_table()");
  const CommandResult refused = same_for_all_workers({"upgrade", "base:head", "--sql"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("migrations/versions/r040.lua:"), std::string::npos) << refused.err;
  EXPECT_EQ(refused.out.find("SELECT 41;"), std::string::npos);
}

// More scripts than a worker may run ahead (ScriptPrefetch::kWindow): the
// workers wait for the loop and the loop for them, without a hang (the
// runs are killed after 60 s), with the same output.
TEST_F(ScriptPrefetchTest, ARunLongerThanTheWindowIsTheSameRun) {
  for (int i = kRevisions; i < 700; ++i) write_revision(i, "op.execute('SELECT " + std::to_string(i) + "')");
  const CommandResult up = same_for_all_workers({"upgrade", "base:head", "--sql"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.out.find("SELECT 699;"), std::string::npos);
}

}  // namespace
}  // namespace strata
