// Issue 8 §10: revision ids that do not fit the version table's version_num
// (VARCHAR(32)) are refused when a revision is generated and when scripts are
// loaded; a non-regular file (a FIFO) named `*.lua` in a version location is
// refused instead of blocking the read forever.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <functional>

#include "config/config.h"
#include "script/script_directory.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::script {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::TempDir;
using testing::write_file;

Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorCode::kInternal, "");
}

const std::string kId32(32, 'a');
const std::string kId33 = std::string(32, 'a') + "b";
const std::string kId40(40, 'f');

class RevisionIdLengthTest : public ::testing::Test {
 protected:
  RevisionIdLengthTest() {
    config_.config_path = dir_.file("strata.toml");
    config_.timezone = "UTC";
    fs::create_directories(versions());
  }
  std::string versions() const { return dir_.file("migrations/versions"); }
  GenerateOptions options(const std::string& rev) const {
    GenerateOptions o;
    o.message = "m";
    o.rev_id = rev;
    return o;
  }

  TempDir dir_;
  config::Config config_;
};

TEST_F(RevisionIdLengthTest, GenerateAcceptsThirtyTwoCharacters) {
  ScriptDirectory sd(config_);
  const std::string path = sd.generate_revision(options(kId32));
  EXPECT_TRUE(fs::exists(path));
  ASSERT_EQ(sd.load_revisions().size(), 1u);
  EXPECT_EQ(sd.load_revisions()[0].revision, kId32);
}

TEST_F(RevisionIdLengthTest, GenerateRefusesLongerIds) {
  ScriptDirectory sd(config_);
  for (const std::string& id : {kId33, kId40}) {
    Error e = error_of([&] { sd.generate_revision(options(id)); });
    EXPECT_EQ(e.code(), ErrorCode::kRevision);
    EXPECT_STREQ(e.what(), ("revision id '" + id +
                            "' is longer than 32 characters (the version table's version_num)")
                               .c_str());
  }
  EXPECT_TRUE(fs::is_empty(versions())) << "nothing written";
}

TEST_F(RevisionIdLengthTest, LoadRefusesScriptWithLongerId) {
  write_file(versions() + "/a.lua", "revision = 'a1'\ndown_revision = nil\n");
  write_file(versions() + "/b.lua", "revision = '" + kId40 + "'\ndown_revision = 'a1'\n");
  ScriptDirectory sd(config_);
  for (int pass = 0; pass < 2; ++pass) {  // the second load may come from the header cache
    Error e = error_of([&] { sd.load_revisions(); });
    EXPECT_EQ(e.code(), ErrorCode::kScript);
    EXPECT_STREQ(e.what(), (versions() + "/b.lua: revision id '" + kId40 +
                            "' is longer than 32 characters (the version table's version_num)")
                               .c_str());
  }
}

TEST_F(RevisionIdLengthTest, CliRevisionRefusesLongRevId) {
  write_file(dir_.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
  CommandResult r = testing::run_strata({"revision", "-m", "x", "--rev-id", kId40}, dir_.path());
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_EQ(r.err, "strata: error: revision id '" + kId40 +
                       "' is longer than 32 characters (the version table's version_num)\n");
  EXPECT_TRUE(fs::is_empty(versions()));
}

// Runs strata under timeout(1): a hang ends as exit code 124, not a stuck test.
CommandResult run_strata_bounded(const std::vector<std::string>& args, const std::string& cwd,
                                 const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{"/usr/bin/timeout", "-s", "KILL", "20", STRATA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::run_command(argv, cwd, env);
}

class FifoScriptTest : public ::testing::TestWithParam<bool> {};

// Both I/O paths of the loader: io_uring (when available) and plain calls.
TEST_P(FifoScriptTest, HistoryAndUpgradeRefuseFifoPromptly) {
  TempDir dir;
  fs::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
  write_file(dir.file("migrations/versions/a.lua"),
             "revision = 'a1'\ndown_revision = nil\nfunction upgrade() end\nfunction downgrade() end\n");
  ASSERT_EQ(::mkfifo(dir.file("migrations/versions/b.lua").c_str(), 0600), 0);
  const std::vector<std::string> env =
      GetParam() ? std::vector<std::string>{"STRATA_NO_IO_URING=1"} : std::vector<std::string>{};
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"history"}, std::vector<std::string>{"upgrade", "head"}}) {
    CommandResult r = run_strata_bounded(args, dir.path(), env);
    EXPECT_EQ(r.exit_code, 1) << args[0] << " (124: timed out)\n" << r.err;
    EXPECT_EQ(r.err, "strata: error: migrations/versions/b.lua: not a regular file\n") << args[0];
  }
  // A directory named `*.lua` is refused too (tests/unit/script_files_test.cpp
  // covers the other kinds).
  fs::remove(dir.file("migrations/versions/b.lua"));
  fs::create_directories(dir.file("migrations/versions/c.lua"));
  CommandResult r = run_strata_bounded({"history"}, dir.path(), env);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "strata: error: migrations/versions/c.lua: not a regular file\n");
}

INSTANTIATE_TEST_SUITE_P(IoPaths, FifoScriptTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? std::string("Syscalls") : std::string("Uring");
                         });

}  // namespace
}  // namespace strata::script
