// Tests for src/lua/block_cache.h: the lua_Alloc contract (contents kept
// across a resize, null from nothing), blocks reused by size class, and the
// sizes that bypass the cache.
#include "lua/block_cache.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace strata::lua {
namespace {

void fill(void* p, size_t n, char c) { std::memset(p, c, n); }

bool all(const void* p, size_t n, char c) {
  const auto* bytes = static_cast<const char*>(p);
  for (size_t i = 0; i < n; ++i) {
    if (bytes[i] != c) return false;
  }
  return true;
}

TEST(BlockCache, AFreedBlockIsReusedForTheSameClass) {
  BlockCache cache;
  void* a = cache.resize(nullptr, 0, 24);
  ASSERT_NE(a, nullptr);
  cache.release(a, 24);
  // 17..32 bytes share a class: the freed block comes back, last in first out.
  EXPECT_EQ(cache.resize(nullptr, 5, 32), a);  // osize is a type tag when ptr is null
  void* b = cache.resize(nullptr, 0, 17);
  EXPECT_NE(b, a);
  cache.release(b, 17);
  cache.release(a, 32);
  EXPECT_EQ(cache.resize(nullptr, 0, 20), a);
  EXPECT_EQ(cache.resize(nullptr, 0, 30), b);
  cache.release(a, 20);
  cache.release(b, 30);
}

TEST(BlockCache, GrowingWithinAClassKeepsTheBlock) {
  BlockCache cache;
  void* a = cache.resize(nullptr, 0, 33);
  fill(a, 33, 'x');
  EXPECT_EQ(cache.resize(a, 33, 48), a);
  EXPECT_TRUE(all(a, 33, 'x'));
  cache.release(a, 48);
}

TEST(BlockCache, ResizingAcrossClassesAndPastTheLimitKeepsTheContents) {
  BlockCache cache;
  void* p = cache.resize(nullptr, 0, 10);
  fill(p, 10, 'a');
  p = cache.resize(p, 10, 100);  // another class
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(all(p, 10, 'a'));
  fill(p, 100, 'b');
  p = cache.resize(p, 100, 5000);  // past kMaxSmall: malloc'd
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(all(p, 100, 'b'));
  fill(p, 5000, 'c');
  p = cache.resize(p, 5000, 9000);  // large to large: realloc
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(all(p, 5000, 'c'));
  p = cache.resize(p, 9000, 40);  // back to a small class: the first 40 bytes
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(all(p, 40, 'c'));
  cache.release(p, 40);
}

TEST(BlockCache, LargeBlocksAreNotKept) {
  BlockCache cache;
  void* big = cache.resize(nullptr, 0, BlockCache::kMaxSmall + 1);
  ASSERT_NE(big, nullptr);
  cache.release(big, BlockCache::kMaxSmall + 1);
  void* small = cache.resize(nullptr, 0, BlockCache::kMaxSmall);
  EXPECT_NE(small, nullptr);
  cache.release(small, BlockCache::kMaxSmall);
}

TEST(BlockCache, AtMostMaxPerClassBlocksAreKept) {
  BlockCache cache;
  const size_t n = BlockCache::kMaxPerClass + 10;
  std::vector<void*> blocks;
  for (size_t i = 0; i < n; ++i) blocks.push_back(cache.resize(nullptr, 0, 64));
  for (void* p : blocks) cache.release(p, 64);
  // The kept ones come back last in first out: the last kMaxPerClass freed.
  for (size_t i = 0; i < BlockCache::kMaxPerClass; ++i) {
    void* p = cache.resize(nullptr, 0, 64);
    ASSERT_EQ(p, blocks[BlockCache::kMaxPerClass - 1 - i]) << i;
  }
  // Then fresh blocks (the ten beyond the cap went back to free()).
  void* fresh = cache.resize(nullptr, 0, 64);
  EXPECT_NE(fresh, nullptr);
  for (size_t i = 0; i < BlockCache::kMaxPerClass; ++i) cache.release(blocks[i], 64);
  cache.release(fresh, 64);
}

}  // namespace
}  // namespace strata::lua
