// Tests for RevisionLoader: the io_uring path and the system-call path
// (forced by STRATA_NO_IO_URING=1) give the same revisions, errors and
// header cache, cold and warm, after a script changes, and when a script
// cannot be read.
#include "script/revision_loader.h"

#include <gtest/gtest.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "script/script_directory.h"
#include "script/uring_reader.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata::script {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// Sets STRATA_NO_IO_URING=1 (or removes it) while alive.
class ForceSystemCalls {
 public:
  explicit ForceSystemCalls(bool force) {
    if (const char* old = std::getenv("STRATA_NO_IO_URING")) saved_ = old;
    if (force) {
      ::setenv("STRATA_NO_IO_URING", "1", 1);
    } else {
      ::unsetenv("STRATA_NO_IO_URING");
    }
  }
  ~ForceSystemCalls() {
    if (saved_) {
      ::setenv("STRATA_NO_IO_URING", saved_->c_str(), 1);
    } else {
      ::unsetenv("STRATA_NO_IO_URING");
    }
  }

 private:
  std::optional<std::string> saved_;
};

// Removes CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the calling thread's
// effective capabilities while alive (threads it starts inherit that), so a
// mode-000 file is unreadable for root too.
class WithoutDacOverride {
 public:
  WithoutDacOverride() {
    header_.version = _LINUX_CAPABILITY_VERSION_3;
    header_.pid = 0;
    if (::syscall(SYS_capget, &header_, saved_) != 0) return;
    __user_cap_data_struct reduced[2] = {saved_[0], saved_[1]};
    reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
    active_ = ::syscall(SYS_capset, &header_, reduced) == 0;
  }
  ~WithoutDacOverride() {
    if (active_) ::syscall(SYS_capset, &header_, saved_);
  }

 private:
  __user_cap_header_struct header_{};
  __user_cap_data_struct saved_[2]{};
  bool active_ = false;
};

// Makes io_uring_setup fail with EPERM for the calling thread and the
// threads it starts (as a container's seccomp policy would). Irreversible:
// call it on a thread of its own. False if the filter could not be set.
bool refuse_io_uring_on_this_thread() {
  sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_io_uring_setup, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog program{static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter};
  return ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
         ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0;
}

struct Outcome {
  std::vector<Revision> revisions;
  std::string error;  // message of the Error thrown, if any
  std::string cache;  // the cache file afterwards ("" if none)
  bool used_io_uring = false;
};

std::string show(const Revision& r) {
  auto list = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (const std::string& s : items) out += s + ",";
    return out + "]";
  };
  return r.revision + " " + list(r.down_revisions) + " " + list(r.branch_labels) + " " +
         list(r.depends_on) + " doc=" + r.doc + " path=" + r.path + " date=" + r.create_date;
}

void expect_same(const Outcome& a, const Outcome& b) {
  EXPECT_EQ(a.error, b.error);
  EXPECT_EQ(a.cache, b.cache);
  ASSERT_EQ(a.revisions.size(), b.revisions.size());
  for (size_t i = 0; i < a.revisions.size(); ++i) {
    ASSERT_EQ(show(a.revisions[i]), show(b.revisions[i])) << "script " << i;
  }
}

class RevisionLoaderTest : public ::testing::Test {
 protected:
  static constexpr int kScripts = 700;  // above the size that loads on several threads

  RevisionLoaderTest() {
    fs::create_directories(versions());
    fs::create_directories(dir_.file("migrations/lib"));
    write_file(dir_.file("migrations/lib/ids.lua"), "return {root = \"r0000\"}\n");
    for (int i = 0; i < kScripts; ++i) {
      names_.push_back(name(i));
      write_file(versions() + "/" + name(i), script(i, "revision " + std::to_string(i)));
    }
    std::sort(names_.begin(), names_.end());
    for (const std::string& n : names_) views_.emplace_back(n);  // NUL-terminated
  }

  static std::string name(int i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d_rev.lua", i);
    return buf;
  }
  static std::string id(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "r%04d", i);
    return buf;
  }
  // Script i: a chain r0000 <- r0001 <- ..., with a few of every shape the
  // loader treats differently.
  static std::string script(int i, const std::string& doc) {
    std::string text = "-- " + doc + "\n--\n-- Create Date: 2025-01-01 00:00:00\n\n";
    text += "revision = \"" + id(i) + "\"\n";
    if (i == 0) {
      text += "down_revision = nil\n";
    } else if (i == 1) {
      text += "down_revision = require(\"ids\").root\n";  // Lua fallback, via lib/
    } else if (i % 97 == 3) {
      text += "down_revision = \"" + id(i - 1).substr(0, 3) + "\" .. \"" + id(i - 1).substr(3) +
              "\"\n";  // Lua fallback: computed
    } else {
      text += "down_revision = '" + id(i - 1) + "'\n";
    }
    if (i % 50 == 10) text += "branch_labels = {\"b" + std::to_string(i) + "\", \"x\"}\n";
    if (i % 70 == 20) text += "depends_on = \"r0002\"\n";
    text += "\nfunction upgrade()\n  op.execute(\"SELECT 1\")\nend\n\nfunction downgrade()\nend\n";
    if (i == 100) text += std::string(3, '\n') + std::string(9000, '-') + "\n";  // > one page
    if (i == 200) {
      for (int k = 0; k < 20000; ++k) text += "-- padding line to pass one mebibyte .....\n";
    }
    return text;
  }

  std::string versions() const { return dir_.file("migrations/versions"); }
  std::string cache_path() const { return versions() + "/.strata-cache"; }

  Outcome load(bool force_system_calls) {
    ForceSystemCalls env(force_system_calls);
    Outcome out;
    RevisionLoader loader(lua::SandboxOptions{{dir_.file("migrations/lib")}});
    try {
      loader.load(versions(), views_, out.revisions);
    } catch (const Error& e) {
      out.error = e.message();
      out.revisions.clear();
    }
    out.used_io_uring = loader.uses_io_uring();
    if (fs::exists(cache_path())) out.cache = read_file(cache_path());
    return out;
  }

  // Both paths, each starting from the same cache file (or none).
  std::pair<Outcome, Outcome> load_both() {
    std::optional<std::string> cache;
    if (fs::exists(cache_path())) cache = read_file(cache_path());
    Outcome uring = load(false);
    if (cache) {
      write_file(cache_path(), *cache);
    } else {
      fs::remove(cache_path());
    }
    Outcome calls = load(true);
    EXPECT_FALSE(calls.used_io_uring);
    EXPECT_EQ(uring.used_io_uring, UringReader::create() != nullptr);
    return {std::move(uring), std::move(calls)};
  }

  TempDir dir_;
  std::vector<std::string> names_;
  std::vector<std::string_view> views_;
};

TEST_F(RevisionLoaderTest, EnvironmentForcesSystemCalls) {
  {
    ForceSystemCalls env(true);
    EXPECT_TRUE(io_uring_disabled_by_environment());
    EXPECT_EQ(UringReader::create(), nullptr);
  }
  ForceSystemCalls env(false);
  EXPECT_FALSE(io_uring_disabled_by_environment());
  ::setenv("STRATA_NO_IO_URING", "0", 1);
  EXPECT_FALSE(io_uring_disabled_by_environment());
  if (UringReader::create() == nullptr) {
    std::printf("note: io_uring is unavailable here; only the system-call path is exercised\n");
  }
}

// A small location is stat'ed with plain system calls: setting up a ring
// costs more than it saves there. Same revisions either way.
TEST_F(RevisionLoaderTest, ASmallLocationDoesNotSetUpARing) {
  ForceSystemCalls env(false);
  const std::vector<std::string_view> few(views_.begin(), views_.begin() + 10);
  RevisionLoader loader(lua::SandboxOptions{{dir_.file("migrations/lib")}});
  std::vector<Revision> revisions;
  loader.load(versions(), few, revisions);
  EXPECT_FALSE(loader.uses_io_uring());
  ASSERT_EQ(revisions.size(), 10u);
  EXPECT_EQ(revisions[0].revision, "r0000");
  EXPECT_TRUE(revisions[9].loaded_key.has_value());
}

TEST_F(RevisionLoaderTest, BothPathsAgreeColdWarmOnADamagedCacheAndAfterAChange) {
  // Old enough for the cache to record them (it skips files < 2 s old).
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));

  auto [cold, cold_calls] = load_both();
  ASSERT_EQ(cold.error, "");
  expect_same(cold, cold_calls);
  ASSERT_EQ(cold.revisions.size(), static_cast<size_t>(kScripts));
  EXPECT_EQ(cold.revisions[1].down_revisions, std::vector<std::string>{"r0000"});
  EXPECT_EQ(cold.revisions[100].revision, "r0100");
  EXPECT_EQ(cold.revisions[200].doc, "revision 200");
  EXPECT_EQ(cold.revisions[200].path, versions() + "/0200_rev.lua");
  EXPECT_EQ(cold.revisions[60].branch_labels, (std::vector<std::string>{"b60", "x"}));
  EXPECT_EQ(cold.revisions[90].depends_on, std::vector<std::string>{"r0002"});
  EXPECT_EQ(cold.revisions[100].down_revisions, std::vector<std::string>{"r0099"});
  // Computed headers are left out of the cache; plain ones are in it.
  const std::string& good = cold.cache;
  EXPECT_EQ(good.find("0001_rev.lua"), std::string::npos);
  EXPECT_EQ(good.find("0100_rev.lua"), std::string::npos);  // 100 % 97 == 3
  EXPECT_NE(good.find("0200_rev.lua"), std::string::npos);

  auto [warm, warm_calls] = load_both();
  expect_same(warm, warm_calls);
  expect_same(cold, warm);

  // A record missing from the cache: that script is read again, and the
  // records kept from the old file are the bytes a fresh cache holds.
  auto record = [&](int i) { return good.find(std::to_string(name(i).size()) + ":" + name(i)); };
  const size_t second = record(4), third = record(5), fourth = record(6);
  ASSERT_NE(second, std::string::npos);
  ASSERT_NE(third, std::string::npos);
  ASSERT_NE(fourth, std::string::npos);
  write_file(cache_path(), good.substr(0, third) + good.substr(fourth));
  auto [missing, missing_calls] = load_both();
  expect_same(missing, missing_calls);
  expect_same(missing, cold);

  // A damaged cache is ignored as a whole, and rewritten.
  write_file(cache_path(), good.substr(0, good.size() / 2));
  auto [truncated, truncated_calls] = load_both();
  expect_same(truncated, truncated_calls);
  expect_same(truncated, cold);
  write_file(cache_path(), good.substr(0, second) + good.substr(third, fourth - third) +
                               good.substr(second, third - second) + good.substr(fourth));
  auto [unsorted, unsorted_calls] = load_both();  // records 0005 before 0004
  expect_same(unsorted, unsorted_calls);
  expect_same(unsorted, cold);

  // A changed script is read again, by both paths, from the same stale
  // cache. (Its record may or may not be written, depending on how many
  // seconds have passed: the caches are not compared.)
  write_file(versions() + "/0300_rev.lua", script(300, "changed") + "depends_on = 'r0007'\n");
  auto [changed, changed_calls] = load_both();
  ASSERT_EQ(changed.error, "");
  changed.cache = changed_calls.cache = "";
  expect_same(changed, changed_calls);
  EXPECT_EQ(changed.revisions[300].doc, "changed");
  EXPECT_EQ(changed.revisions[300].depends_on, std::vector<std::string>{"r0007"});
  EXPECT_EQ(changed.revisions[301].doc, "revision 301");
  EXPECT_EQ(show(changed.revisions[299]), show(cold.revisions[299]));
}

TEST_F(RevisionLoaderTest, BothPathsReportTheFirstFailingScript) {
  write_file(versions() + "/0400_rev.lua", "revision = 42\n");
  auto [bad, bad_calls] = load_both();
  expect_same(bad, bad_calls);
  EXPECT_EQ(bad.error, versions() + "/0400_rev.lua: 'revision' must be a string");
  EXPECT_EQ(bad.cache, "");  // no cache after an error

  const std::string unreadable = versions() + "/0005_rev.lua";
  ::chmod(unreadable.c_str(), 0);
  WithoutDacOverride no_override;
  FILE* probe = std::fopen(unreadable.c_str(), "r");
  if (probe != nullptr) {
    std::fclose(probe);
    GTEST_SKIP() << "cannot make a file unreadable here";
  }
  auto [denied, denied_calls] = load_both();
  expect_same(denied, denied_calls);
  EXPECT_EQ(denied.error, unreadable + ": cannot read: Permission denied");
}

TEST_F(RevisionLoaderTest, FallsBackWhenSeccompRefusesIoUring) {
  Outcome uring = load(false);
  fs::remove(cache_path());
  Outcome refused;
  bool filtered = false;
  std::thread([&] {
    filtered = refuse_io_uring_on_this_thread();
    if (!filtered) return;
    EXPECT_EQ(UringReader::create(), nullptr);
    refused = load(false);
  }).join();
  if (!filtered) GTEST_SKIP() << "cannot install a seccomp filter here";
  EXPECT_FALSE(refused.used_io_uring);
  ASSERT_EQ(refused.error, "");
  expect_same(refused, uring);
}

TEST_F(RevisionLoaderTest, ScriptDirectoryGivesTheSameResultEitherWay) {
  config::Config config;
  config.config_path = dir_.file("strata.toml");
  std::vector<Revision> uring, calls;
  {
    ForceSystemCalls env(false);
    uring = ScriptDirectory(config).load_revisions();
  }
  fs::remove(cache_path());
  {
    ForceSystemCalls env(true);
    calls = ScriptDirectory(config).load_revisions();
  }
  ASSERT_EQ(uring.size(), static_cast<size_t>(kScripts));
  ASSERT_EQ(calls.size(), uring.size());
  for (size_t i = 0; i < uring.size(); ++i) EXPECT_EQ(show(uring[i]), show(calls[i]));
}

}  // namespace
}  // namespace strata::script
