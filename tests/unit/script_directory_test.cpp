// Tests for ScriptDirectory: listing, loading, generating revisions, init.
#include "script/script_directory.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include <filesystem>
#include <functional>

#include "config/config.h"
#include "lua/script_header.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::script {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
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

// 2025-08-26 09:00:00 UTC.
std::chrono::system_clock::time_point fixed_time() {
  return std::chrono::system_clock::from_time_t(1756198800);
}

class ScriptDirectoryTest : public ::testing::Test {
 protected:
  ScriptDirectoryTest() {
    config_.config_path = dir_.file("strata.toml");
    config_.timezone = "UTC";
    fs::create_directories(dir_.file("migrations/versions"));
  }
  std::string versions() const { return dir_.file("migrations/versions"); }
  GenerateOptions options(const std::string& message, const std::string& rev) {
    GenerateOptions o;
    o.message = message;
    o.rev_id = rev;
    o.now = fixed_time();
    return o;
  }

  TempDir dir_;
  config::Config config_;
};

TEST_F(ScriptDirectoryTest, ListsLuaFilesOnly) {
  write_file(versions() + "/b_2.lua", "revision = 'b'\ndown_revision = 'a'\n");
  write_file(versions() + "/a_1.lua", "-- first\nrevision = 'a'\n");
  write_file(versions() + "/_helper.lua", "error('never read')\n");
  write_file(versions() + "/.hidden.lua", "error('never read')\n");
  write_file(versions() + "/notes.txt", "x");
  write_file(versions() + "/x.lua.bak", "x");
  write_file(versions() + "/nested/c.lua", "revision = 'c'\n");
  ScriptDirectory sd(config_);
  EXPECT_EQ(sd.script_files(),
            (std::vector<std::string>{versions() + "/a_1.lua", versions() + "/b_2.lua"}));
  std::vector<Revision> revs = sd.load_revisions();
  ASSERT_EQ(revs.size(), 2u);
  EXPECT_EQ(revs[0].revision, "a");
  EXPECT_EQ(revs[0].doc, "first");
  EXPECT_EQ(revs[0].path, versions() + "/a_1.lua");
  EXPECT_EQ(revs[1].down_revisions, std::vector<std::string>{"a"});
  EXPECT_EQ(sd.module_roots(), std::vector<std::string>{dir_.file("migrations/lib")});
}

TEST_F(ScriptDirectoryTest, SeveralVersionLocations) {
  config_.version_locations = {"one", "two"};
  write_file(dir_.file("one/x.lua"), "revision = 'x'\n");
  write_file(dir_.file("two/y.lua"), "revision = 'y'\n");
  ScriptDirectory sd(config_);
  std::vector<Revision> revs = sd.load_revisions();
  ASSERT_EQ(revs.size(), 2u);
  EXPECT_EQ(revs[0].revision, "x");
  EXPECT_EQ(revs[1].revision, "y");
  config_.version_locations = {"missing"};
  Error e = error_of([&] { ScriptDirectory(config_).script_files(); });
  EXPECT_EQ(e.code(), ErrorCode::kIo);
  EXPECT_EQ(e.message(),
            dir_.file("missing") + ": cannot open version location: No such file or directory");
}

TEST_F(ScriptDirectoryTest, HeadersCanRequireProjectModules) {
  write_file(dir_.file("migrations/lib/ids.lua"), "return {first = 'a'}\n");
  write_file(versions() + "/b.lua",
             "local ids = require('ids')\nrevision = 'b'\ndown_revision = ids.first\n");
  std::vector<Revision> revs = ScriptDirectory(config_).load_revisions();
  ASSERT_EQ(revs.size(), 1u);
  EXPECT_EQ(revs[0].down_revisions, std::vector<std::string>{"a"});
}

TEST_F(ScriptDirectoryTest, GenerateExactText) {
  ScriptDirectory sd(config_);
  GenerateOptions o = options("move rag to schema", "20250826_0004");
  o.down_revisions = {"20250812_0003"};
  std::string path = sd.generate_revision(o);
  EXPECT_EQ(path, versions() + "/20250826_0004_move_rag_to_schema.lua");
  EXPECT_EQ(read_file(path),
            "-- move rag to schema\n"
            "--\n"
            "-- Revision ID: 20250826_0004\n"
            "-- Revises: 20250812_0003\n"
            "-- Create Date: 2025-08-26 09:00:00\n"
            "\n"
            "revision = \"20250826_0004\"\n"
            "down_revision = \"20250812_0003\"\n"
            "branch_labels = nil\n"
            "depends_on = nil\n"
            "\n"
            "function upgrade()\n"
            "end\n"
            "\n"
            "function downgrade()\n"
            "end\n");
}

TEST_F(ScriptDirectoryTest, GenerateBaseAndMerge) {
  ScriptDirectory sd(config_);
  GenerateOptions base = options("init", "a1");
  base.branch_labels = {"core"};
  std::string text = read_file(sd.generate_revision(base));
  EXPECT_NE(text.find("-- Revises:\n"), std::string::npos) << text;
  EXPECT_NE(text.find("down_revision = nil\nbranch_labels = \"core\"\n"), std::string::npos);

  GenerateOptions merge = options("merge heads", "m1");
  merge.down_revisions = {"b1", "c1"};
  merge.branch_labels = {"x", "y"};
  merge.depends_on = {"d1"};
  text = read_file(sd.generate_revision(merge));
  EXPECT_NE(text.find("-- Revises: b1, c1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("down_revision = {\"b1\", \"c1\"}\nbranch_labels = {\"x\", \"y\"}\n"
                      "depends_on = \"d1\"\n"),
            std::string::npos)
      << text;

  // Generated files read back through the fast scanner.
  lua::HeaderReader reader;
  Revision r = reader.read(versions() + "/m1_merge_heads.lua");
  EXPECT_EQ(reader.fallbacks(), 0);
  EXPECT_EQ(r.revision, "m1");
  EXPECT_EQ(r.down_revisions, (std::vector<std::string>{"b1", "c1"}));
  EXPECT_EQ(r.branch_labels, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r.depends_on, std::vector<std::string>{"d1"});
  EXPECT_EQ(r.doc, "merge heads");
  EXPECT_EQ(r.create_date, "2025-08-26 09:00:00");
}

TEST_F(ScriptDirectoryTest, FileTemplateAndVersionPath) {
  config_.file_template = "%(year)d%(month).2d%(day).2d_%(hour).2d%(minute).2d_%(rev)s_%(slug)s";
  config_.truncate_slug_length = 12;
  fs::create_directories(dir_.file("other"));
  GenerateOptions o = options("Add users table, with emails!", "abc");
  o.version_path = dir_.file("other");
  EXPECT_EQ(ScriptDirectory(config_).generate_revision(o),
            dir_.file("other") + "/20250826_0900_abc_add_users_.lua");  // Alembic: cut at "_" + "_"
}

TEST_F(ScriptDirectoryTest, GenerateRandomIdAndMultilineMessage) {
  ScriptDirectory sd(config_);
  GenerateOptions o = options("first line\nsecond line", "");
  std::string path = sd.generate_revision(o);
  std::vector<Revision> revs = sd.load_revisions();
  ASSERT_EQ(revs.size(), 1u);
  EXPECT_EQ(revs[0].revision.size(), 12u);
  EXPECT_EQ(revs[0].revision.find_first_not_of("0123456789abcdef"), std::string::npos);
  // Alembic's doc is the docstring's first paragraph: both lines.
  EXPECT_EQ(revs[0].doc, "first line\nsecond line");
  EXPECT_NE(read_file(path).find("-- first line\n-- second line\n"), std::string::npos);
}

TEST_F(ScriptDirectoryTest, GenerateErrors) {
  ScriptDirectory sd(config_);
  sd.generate_revision(options("one", "r1"));
  Error e = error_of([&] { sd.generate_revision(options("again", "r1")); });
  EXPECT_EQ(e.code(), ErrorCode::kRevision);
  EXPECT_EQ(e.message(), "revision id 'r1' already exists (" + versions() + "/r1_one.lua)");
  e = error_of([&] { sd.generate_revision(options("x", "bad-id")); });
  EXPECT_EQ(e.message(), "invalid revision id 'bad-id': use only letters, digits and '_'");
  config_.file_template = "fixed";
  write_file(versions() + "/fixed.lua", "revision = 'zz'\n");
  e = error_of([&] { ScriptDirectory(config_).generate_revision(options("two", "r2")); });
  EXPECT_EQ(e.code(), ErrorCode::kIo);
  EXPECT_EQ(e.message(), versions() + "/fixed.lua: already exists");
  config_.timezone = "Not/AZone";
  e = error_of([&] { ScriptDirectory(config_).generate_revision(options("tz", "r3")); });
  EXPECT_EQ(e.message(), "unknown timezone 'Not/AZone'");
}

TEST_F(ScriptDirectoryTest, CustomTemplate) {
  write_file(dir_.file("migrations/script.lua.tmpl"),
             "-- ${message}\n-- on ${create_date}\nrevision = ${repr(up_revision)}\n"
             "down_revision = ${repr(down_revision)}\nlocal note = ${repr(message)}\n"
             "function upgrade()\nend\n");
  GenerateOptions o = options("say \"hi\"", "t1");
  o.down_revisions = {"t0"};
  std::string text = read_file(ScriptDirectory(config_).generate_revision(o));
  EXPECT_EQ(text, "-- say \"hi\"\n-- on 2025-08-26 09:00:00\nrevision = \"t1\"\n"
                  "down_revision = \"t0\"\nlocal note = \"say \\\"hi\\\"\"\nfunction upgrade()\nend\n");
  write_file(dir_.file("migrations/script.lua.tmpl"), "-- ok\n-- ${mesage}\n");
  Error e = error_of([&] { ScriptDirectory(config_).generate_revision(options("m", "t2")); });
  EXPECT_EQ(e.code(), ErrorCode::kConfig);
  EXPECT_EQ(e.message(),
            dir_.file("migrations/script.lua.tmpl") + ":2: unknown template variable '${mesage}'");
}

TEST(InitProject, GenericCreatesAWorkingProject) {
  TempDir tmp;
  std::string dir = tmp.file("proj");
  init_project(dir);
  EXPECT_TRUE(fs::is_directory(dir + "/migrations/versions"));
  EXPECT_TRUE(fs::is_directory(dir + "/migrations/lib"));
  EXPECT_EQ(read_file(dir + "/migrations/script.lua.tmpl"), builtin_script_template());
  EXPECT_NE(read_file(dir + "/migrations/README").find("generic"), std::string::npos);
  config::Config cfg = config::load_config(dir + "/strata.toml");
  EXPECT_EQ(cfg.script_location, "migrations");
  EXPECT_FALSE(cfg.version_table_schema.has_value());
  EXPECT_EQ(cfg.file_template, "%(rev)s_%(slug)s");
  ScriptDirectory sd(cfg);
  EXPECT_EQ(sd.version_locations(), std::vector<std::string>{dir + "/migrations/versions"});
  GenerateOptions o;
  o.message = "first";
  o.rev_id = "0001";
  std::string path = sd.generate_revision(o);
  EXPECT_EQ(path, dir + "/migrations/versions/0001_first.lua");
  EXPECT_EQ(sd.load_revisions().at(0).revision, "0001");
}

// init's .gitignore keeps both caches out of version control: the revision
// header cache (migrations/.strata-cache) and the SQL model cache
// (.strata-cache/ beside strata.toml). Checked with git itself.
TEST(InitProject, GitignoreCoversBothCaches) {
  TempDir tmp;
  std::string dir = tmp.file("proj");
  init_project(dir);
  EXPECT_EQ(read_file(dir + "/.gitignore"),
            "# strata's caches (rebuilt on demand; safe to delete)\n.strata-cache\n");
  ASSERT_EQ(std::system(("git init -q '" + dir + "'").c_str()), 0);
  write_file(dir + "/migrations/.strata-cache", "x");
  fs::create_directories(dir + "/.strata-cache");
  write_file(dir + "/.strata-cache/models-1.json", "{}");
  auto ignored = [&](const std::string& path) {
    return std::system(("git -C '" + dir + "' check-ignore -q '" + path + "'").c_str()) == 0;
  };
  EXPECT_TRUE(ignored("migrations/.strata-cache"));
  EXPECT_TRUE(ignored(".strata-cache/models-1.json"));
  EXPECT_FALSE(ignored("strata.toml"));
}

TEST(InitProject, MultischemaAndRefusals) {
  TempDir tmp;
  init_project(tmp.file("m"), "multischema");
  config::Config cfg = config::load_config(tmp.file("m/strata.toml"));
  EXPECT_EQ(cfg.version_table_schema.value_or(""), "core");
  Error e = error_of([&] { init_project(tmp.file("m")); });
  EXPECT_EQ(e.message(), "Directory " + tmp.file("m") + " already exists and is not empty");
  e = error_of([&] { init_project(tmp.file("n"), "async"); });
  EXPECT_EQ(e.code(), ErrorCode::kUsage);
  EXPECT_EQ(e.message(), "no such template 'async' (available: generic, multischema)");
  fs::create_directories(tmp.file("empty"));
  init_project(tmp.file("empty"));
  EXPECT_TRUE(fs::exists(tmp.file("empty/strata.toml")));
}

}  // namespace
}  // namespace strata::script
