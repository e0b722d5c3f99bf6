// lua::ScriptCache (lua/script_cache.h): a script run once is run from its
// cached chunk with the same statements, checksum and error lines; a changed,
// young, renamed-path or damaged entry is a miss; no file, no caching.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "lua/script_cache.h"
#include "lua/script_runner.h"
#include "runtime/op_sink.h"
#include "runtime/script_checksum.h"
#include "strata/error.h"
#include "support/test_support.h"

namespace strata {
namespace {

using testing::TempDir;
using testing::write_file;

class ExecuteSink : public runtime::OpSink {
 public:
  std::vector<std::string> statements;
  std::string_view dialect_name() const override { return "sqlite"; }
  void emit(const ops::Op& op) override {
    if (const auto* e = std::get_if<ops::Execute>(&op)) statements.push_back(e->sql.value_or(""));
  }
  driver::QueryResult query(const std::string&) override { return {}; }
  std::optional<std::string> x_arg(const std::string&) const override { return std::nullopt; }
};

std::string script(const std::string& id, const std::string& body) {
  return "revision = '" + id + "'\ndown_revision = nil\n\nfunction upgrade()\n" + body +
         "\nend\n";
}

// Runs `source` as a step does; the statements, or the error's message.
std::vector<std::string> run(const lua::ScriptSource& source, lua::ScriptCache& cache) {
  script::Revision rev;
  rev.revision = "r";
  rev.path = source.path;
  ExecuteSink sink;
  try {
    lua::run_migration(rev, true, sink, lua::ScriptEnv{}, source, &cache);
  } catch (const Error& e) {
    return {std::string("error: ") + e.message()};
  }
  return sink.statements;
}

class ScriptCacheTest : public ::testing::Test {
 protected:
  std::string cache_file() const { return dir_.file(".strata-cache/scripts.luac"); }
  TempDir dir_;
};

TEST_F(ScriptCacheTest, ASettledScriptRunsFromItsChunkWithTheSameResults) {
  const std::string a = dir_.file("a.lua"), b = dir_.file("b.lua"), c = dir_.file("c.lua");
  write_file(a, script("a", "  op.execute('one')\n  op.execute(string.format('%d', 2))"));
  write_file(b, script("b", "  local x = 1\n  error('boom')"));
  write_file(c, script("c", "  op.execute('old')"));
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));  // older than 2 s

  std::vector<std::string> cold_a, cold_b;
  {
    lua::ScriptCache cache(cache_file());
    const lua::ScriptSource sa = cache.read(a);
    EXPECT_TRUE(sa.bytecode.empty());
    EXPECT_TRUE(sa.recordable);
    EXPECT_EQ(sa.checksum, runtime::script_checksum(a).value());
    cold_a = run(sa, cache);
    cold_b = run(cache.read(b), cache);
    run(cache.read(c), cache);
    cache.save();
  }
  EXPECT_EQ(cold_a, (std::vector<std::string>{"one", "2"}));
  ASSERT_EQ(cold_b.size(), 1u);
  EXPECT_EQ(cold_b[0], "error: " + b + ":6: boom");
  ASSERT_TRUE(std::filesystem::exists(cache_file()));

  // Warm: chunks from the cache, same checksum, statements and error line.
  {
    lua::ScriptCache cache(cache_file());
    const lua::ScriptSource sa = cache.read(a);
    EXPECT_FALSE(sa.bytecode.empty());
    EXPECT_TRUE(sa.text.empty());
    EXPECT_EQ(sa.checksum, runtime::script_checksum(a).value());
    EXPECT_EQ(run(sa, cache), cold_a);
    const lua::ScriptSource sb = cache.read(b);
    EXPECT_FALSE(sb.bytecode.empty());
    EXPECT_EQ(run(sb, cache), cold_b);
    // The same file under another path string is a miss (chunk names differ).
    const lua::ScriptSource other = cache.read(dir_.file("./a.lua"));
    EXPECT_TRUE(other.bytecode.empty());
  }

  // A changed script (same size) is read again; its new text runs. Given the
  // key the revisions were loaded with (before the change), the chunk of
  // the script as loaded runs, without a stat.
  struct stat loaded;
  ASSERT_EQ(::stat(c.c_str(), &loaded), 0);
  const script::FileKey loaded_key = script::file_key(loaded);
  write_file(c, script("c", "  op.execute('new')"));
  {
    lua::ScriptCache cache(cache_file());
    const lua::ScriptSource as_loaded = cache.read(c, &loaded_key);
    EXPECT_FALSE(as_loaded.bytecode.empty());
    EXPECT_EQ(run(as_loaded, cache), std::vector<std::string>{"old"});
    const lua::ScriptSource sc = cache.read(c);
    EXPECT_TRUE(sc.bytecode.empty());
    EXPECT_FALSE(sc.recordable);  // younger than 2 s: not recorded
    EXPECT_EQ(sc.checksum, runtime::script_checksum(c).value());
    EXPECT_EQ(run(sc, cache), std::vector<std::string>{"new"});
    cache.save();  // nothing new to record: the file stays as it was
  }
  {
    lua::ScriptCache cache(cache_file());
    EXPECT_TRUE(cache.read(c).bytecode.empty());
    EXPECT_FALSE(cache.read(a).bytecode.empty());
  }

  // A damaged chunk is a miss, not a crash: a byte of a's chunk flipped (its
  // path is stored once as the key, then inside the chunk as its source).
  {
    std::string bytes = testing::read_file(cache_file());
    const size_t key = bytes.find(a);
    const size_t source = bytes.find(a, key + a.size());
    ASSERT_NE(source, std::string::npos);
    bytes[source + a.size()] ^= 0x5a;
    write_file(cache_file(), bytes);
  }
  {
    lua::ScriptCache cache(cache_file());
    const lua::ScriptSource sa = cache.read(a), sb = cache.read(b);
    EXPECT_TRUE(sa.bytecode.empty());
    EXPECT_FALSE(sb.bytecode.empty());
    EXPECT_EQ(run(sa, cache), cold_a);
    EXPECT_EQ(run(sb, cache), cold_b);
  }
  // A truncated or foreign file is ignored.
  for (const std::string& bytes : {std::string("STRLUAC1"), std::string(4096, 'x')}) {
    write_file(cache_file(), bytes);
    lua::ScriptCache cache(cache_file());
    const lua::ScriptSource sa = cache.read(a);
    EXPECT_TRUE(sa.bytecode.empty());
    EXPECT_EQ(run(sa, cache), cold_a);
  }
}

TEST_F(ScriptCacheTest, WithoutAFileNothingIsRecorded) {
  const std::string a = dir_.file("a.lua");
  write_file(a, script("a", "  op.execute('one')"));
  lua::ScriptCache cache("");
  const lua::ScriptSource sa = cache.read(a);
  EXPECT_FALSE(sa.recordable);
  EXPECT_EQ(run(sa, cache), std::vector<std::string>{"one"});
  cache.save();
  EXPECT_FALSE(std::filesystem::exists(dir_.file(".strata-cache")));
}

TEST_F(ScriptCacheTest, AMissingScriptIsAnIoError) {
  lua::ScriptCache cache(cache_file());
  try {
    (void)cache.read(dir_.file("missing.lua"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(e.message().find("missing.lua: cannot read"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace strata
