// Issue 8 §10 "silently skipped revisions": every `*.lua` entry of a version
// location is a revision script or an error naming it. A directory, a symlink
// loop, a dangling symlink or a symlink to a device named `*.lua` makes
// `history` and `upgrade head` exit 1 with `path: reason` (before, the first
// three were skipped and `upgrade head` exited 0 without that revision). A
// symlink to a regular file is a script like any other. Both I/O paths of
// the loader (io_uring and plain system calls) are run. Also: errors that
// echo a line break stay one line.
#include <gtest/gtest.h>
#include <unistd.h>

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

constexpr const char* kFirst =
    "revision = 'a1'\ndown_revision = nil\n"
    "function upgrade() op.create_table('t_a', op.column('id', op.Integer, {primary_key = true})) end\n"
    "function downgrade() op.drop_table('t_a') end\n";

// Runs strata under timeout(1) so a hang fails as exit code 124.
CommandResult run_bounded(const std::vector<std::string>& args, const std::string& cwd,
                          bool syscalls) {
  std::vector<std::string> argv{"/usr/bin/timeout", "-s", "KILL", "20", STRATA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env;
  if (syscalls) env.push_back("STRATA_NO_IO_URING=1");
  return testing::run_command(argv, cwd, env);
}

struct Case {
  const char* name;
  // Makes `migrations/versions/b.lua` in the project at `dir`.
  void (*make)(const TempDir& dir);
  const char* reason;  // after "migrations/versions/b.lua: "
};

const Case kCases[] = {
    {"Directory", [](const TempDir& d) { fs::create_directories(d.file("migrations/versions/b.lua")); },
     "not a regular file"},
    {"SymlinkLoop",
     [](const TempDir& d) { fs::create_symlink("b.lua", d.file("migrations/versions/b.lua")); },
     "cannot read: Too many levels of symbolic links"},
    {"DanglingSymlink",
     [](const TempDir& d) { fs::create_symlink("gone.lua", d.file("migrations/versions/b.lua")); },
     "cannot read: No such file or directory"},
    {"SymlinkToDevice",
     [](const TempDir& d) { fs::create_symlink("/dev/null", d.file("migrations/versions/b.lua")); },
     "not a regular file"},
    {"SymlinkToDirectory",
     [](const TempDir& d) {
       fs::create_directories(d.file("elsewhere"));
       fs::create_symlink(d.file("elsewhere"), d.file("migrations/versions/b.lua"));
     },
     "not a regular file"},
};

class ScriptFilesTest : public ::testing::TestWithParam<std::tuple<size_t, bool>> {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("strata.toml"),
               "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
    write_file(dir_.file("migrations/versions/a.lua"), kFirst);
  }
  TempDir dir_;
};

TEST_P(ScriptFilesTest, NonRegularScriptIsAnErrorNamingIt) {
  const Case& c = kCases[std::get<0>(GetParam())];
  const bool syscalls = std::get<1>(GetParam());
  c.make(dir_);
  const std::string expected =
      std::string("strata: error: migrations/versions/b.lua: ") + c.reason + "\n";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"history"}, std::vector<std::string>{"upgrade", "head"}}) {
    CommandResult r = run_bounded(args, dir_.path(), syscalls);
    EXPECT_EQ(r.exit_code, 1) << args[0] << " (124: timed out)\n" << r.err;
    EXPECT_EQ(r.err, expected) << args[0];
  }
  // Nothing was applied: the database was never even created.
  EXPECT_FALSE(fs::exists(dir_.file("app.db")));
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, ScriptFilesTest,
    ::testing::Combine(::testing::Range<size_t>(0, std::size(kCases)), ::testing::Bool()),
    [](const ::testing::TestParamInfo<std::tuple<size_t, bool>>& info) {
      return std::string(kCases[std::get<0>(info.param)].name) +
             (std::get<1>(info.param) ? "Syscalls" : "Uring");
    });

class ScriptFilesRegularTest : public ::testing::TestWithParam<bool> {};

// A symlink to a regular file elsewhere is a revision like any other.
TEST_P(ScriptFilesRegularTest, SymlinkToRegularFileIsAScript) {
  TempDir dir;
  fs::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
  write_file(dir.file("migrations/versions/a.lua"), kFirst);
  write_file(dir.file("shared/b_real.lua"),
             "revision = 'b2'\ndown_revision = 'a1'\n"
             "function upgrade() op.create_table('t_b', op.column('id', op.Integer)) end\n"
             "function downgrade() op.drop_table('t_b') end\n");
  fs::create_symlink(dir.file("shared/b_real.lua"), dir.file("migrations/versions/b.lua"));
  CommandResult up = run_bounded({"upgrade", "head"}, dir.path(), GetParam());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  CommandResult current = run_bounded({"current"}, dir.path(), GetParam());
  EXPECT_EQ(current.exit_code, 0) << current.err;
  EXPECT_NE(current.out.find("b2 (head)"), std::string::npos) << current.out;
}

INSTANTIATE_TEST_SUITE_P(IoPaths, ScriptFilesRegularTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? std::string("Syscalls") : std::string("Uring");
                         });

// Issue 8 §10 "errors that mislead": a line break in echoed input (an id on
// the command line, a header value) never splits the one-line error.
TEST(OneLineErrors, LineBreaksInEchoedInputStayOnOneLine) {
  TempDir dir;
  fs::create_directories(dir.file("migrations/versions"));
  write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
  write_file(dir.file("migrations/versions/a.lua"), kFirst);
  CommandResult r = run_bounded({"upgrade", "zz\nyy"}, dir.path(), false);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "strata: error: Can't locate revision identified by 'zz\\nyy'\n");
  // A header id with a line break is refused where it is read.
  write_file(dir.file("migrations/versions/a.lua"),
             "revision = 'a1\\nb'\ndown_revision = nil\nfunction upgrade() end\n");
  r = run_bounded({"history"}, dir.path(), false);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "strata: error: migrations/versions/a.lua: 'revision' contains a line break\n");
  // A script error with a line break in its message.
  write_file(dir.file("migrations/versions/a.lua"),
             "revision = 'a1'\ndown_revision = nil\n"
             "function upgrade() error('first\\nsecond') end\n");
  r = run_bounded({"-q", "upgrade", "head"}, dir.path(), false);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "strata: error: migrations/versions/a.lua:3: first\\nsecond\n");
}

}  // namespace
}  // namespace strata
