// script/listing_cache.h: a location's names are reused only under the key
// they were recorded with, recorded only once the key has settled, and a
// damaged file is ignored. Through the CLI: a listed location that gains or
// loses a script, or an Alembic .py file, is listed again.
#include "script/listing_cache.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/test_support.h"

namespace strata {
namespace {

namespace fs = std::filesystem;
using script::FileKey;
using script::ListingCache;
using testing::CommandResult;
using testing::TempDir;
using testing::write_file;

long long now_sec() { return static_cast<long long>(std::time(nullptr)); }

FileKey key_at(long long mtime_sec) { return FileKey{4096, mtime_sec, 7, mtime_sec, 9, 1234}; }

const std::vector<std::string_view> kNames{"a b.lua", "b:1.lua", "c\nd.lua", "e.lua"};

// A cache at `file` that remembered `names` of /p/versions under `key`, saved.
void record(const std::string& file, const FileKey& key, size_t python_files,
            const std::vector<std::string_view>& names) {
  ListingCache cache(file);
  cache.remember("/p/versions", key, python_files, names, now_sec());
  cache.save();
}

TEST(ListingCacheTest, ASettledListingIsFoundUnderItsKeyOnly) {
  TempDir dir;
  const std::string file = dir.file(".strata-cache/listings");
  const FileKey key = key_at(now_sec() - 60);
  record(file, key, 3, kNames);
  ListingCache cache(file);
  const ListingCache::Listing* found = cache.find("/p/versions", key);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->names, kNames);
  EXPECT_EQ(found->python_files, 3u);
  FileKey touched = key;
  touched.ctime_nsec += 1;
  EXPECT_EQ(cache.find("/p/versions", touched), nullptr);
  EXPECT_EQ(cache.find("/p/other", key), nullptr);
}

TEST(ListingCacheTest, AKeyChangedWithinTwoSecondsIsNotRecorded) {
  TempDir dir;
  const std::string file = dir.file(".strata-cache/listings");
  const FileKey fresh = key_at(now_sec() - 1);
  record(file, fresh, 0, kNames);
  EXPECT_FALSE(fs::exists(file));
  EXPECT_EQ(ListingCache(file).find("/p/versions", fresh), nullptr);
}

TEST(ListingCacheTest, ADamagedFileIsIgnored) {
  TempDir dir;
  const std::string file = dir.file(".strata-cache/listings");
  const FileKey key = key_at(now_sec() - 60);
  record(file, key, 0, kNames);
  const std::string good = testing::read_file(file);
  for (const std::string& bad :
       {good.substr(0, good.size() - 3), std::string("strata-listings 9\n") + good.substr(18),
        good + "12:/p/versions 1 ", std::string()}) {
    write_file(file, bad);
    EXPECT_EQ(ListingCache(file).find("/p/versions", key), nullptr) << bad.size();
  }
  // Names out of order are a damaged file too.
  fs::remove(file);
  record(file, key, 0, {"b.lua", "a.lua"});
  EXPECT_EQ(ListingCache(file).find("/p/versions", key), nullptr);
}

class ListingCacheCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.file("migrations/versions"));
    write_file(dir_.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
    write_revision("a1", "nil");
  }
  void write_revision(const std::string& id, const std::string& down) {
    write_file(dir_.file("migrations/versions/" + id + ".lua"),
               "revision = '" + id + "'\ndown_revision = " + down +
                   "\nfunction upgrade() end\nfunction downgrade() end\n");
  }
  CommandResult history() {
    return testing::run_command({STRATA_BINARY, "history"}, dir_.path(), {});
  }
  // Waits until the location's key has settled, then lists it (recorded).
  void settle_and_record() {
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));
    ASSERT_EQ(history().exit_code, 0);
    ASSERT_TRUE(fs::exists(dir_.file(".strata-cache/listings")));
  }
  TempDir dir_;
};

TEST_F(ListingCacheCliTest, ALocationThatChangedIsListedAgain) {
  settle_and_record();
  CommandResult r = history();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<base> -> a1 (head), \n");
  write_revision("b2", "'a1'");
  r = history();
  EXPECT_EQ(r.out, "a1 -> b2 (head), \n<base> -> a1, \n") << r.err;
  fs::remove(dir_.file("migrations/versions/b2.lua"));
  r = history();
  EXPECT_EQ(r.out, "<base> -> a1 (head), \n") << r.err;
  write_file(dir_.file("migrations/versions/x1_old.py"), "# alembic\n");
  settle_and_record();
  r = history();
  EXPECT_NE(r.err.find("1 Alembic .py revision is ignored"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace strata
