// BlockCache: the small blocks a Lua state frees, kept for its next
// allocations of the same size class instead of going back to malloc. A
// state reused for thousands of scripts (Sandbox::begin_script) allocates
// and frees the same few sizes per script — strings, tables, closures,
// prototypes — so most of its allocations become a list pop.
//
// Contract (the lua_Alloc rules: `osize` is the block's size when `ptr` is
// not null):
//  - resize(nullptr, _, n) allocates, resize(p, o, n) resizes, release(p, o)
//    frees; n > 0. Null on allocation failure, the old block then untouched.
//  - Every block handed out is a malloc pointer with at least its class's
//    bytes (sizes up to kMaxSmall in steps of kGrain); larger ones are plain
//    realloc. At most kMaxPerClass blocks per class are kept; the rest and
//    everything cached at destruction go back to free(). What is kept was
//    the state's memory a moment before (the memory limit counts Lua's
//    live bytes, as before), so the cache never holds more than the state
//    once did.
//
// Thread-safety: none; one per Lua state, used by that state's thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace strata::lua {

class BlockCache {
 public:
  static constexpr size_t kMaxSmall = 256;
  static constexpr size_t kGrain = 16;
  static constexpr uint32_t kMaxPerClass = 4096;

  BlockCache() = default;
  BlockCache(const BlockCache&) = delete;
  BlockCache& operator=(const BlockCache&) = delete;
  ~BlockCache() {
    for (Node* head : heads_) {
      while (head != nullptr) {
        Node* next = head->next;
        std::free(head);
        head = next;
      }
    }
  }

  void* resize(void* ptr, size_t osize, size_t nsize) {
    const size_t old = ptr != nullptr ? osize : 0;
    if (old > kMaxSmall && nsize > kMaxSmall) return std::realloc(ptr, nsize);
    if (old != 0 && nsize <= kMaxSmall && class_of(old) == class_of(nsize)) return ptr;
    void* block = nsize <= kMaxSmall ? take(class_of(nsize)) : std::malloc(nsize);
    if (block == nullptr) return nullptr;
    if (old != 0) {
      std::memcpy(block, ptr, old < nsize ? old : nsize);
      release(ptr, old);
    }
    return block;
  }

  void release(void* ptr, size_t osize) {
    if (osize > kMaxSmall) {
      std::free(ptr);
      return;
    }
    const size_t c = class_of(osize);
    if (counts_[c] >= kMaxPerClass) {
      std::free(ptr);
      return;
    }
    heads_[c] = new (ptr) Node{heads_[c]};
    ++counts_[c];
  }

 private:
  struct Node {
    Node* next;
  };
  static constexpr size_t kClasses = kMaxSmall / kGrain;

  static size_t class_of(size_t size) { return size == 0 ? 0 : (size - 1) / kGrain; }

  void* take(size_t c) {
    if (Node* node = heads_[c]) {
      heads_[c] = node->next;
      --counts_[c];
      return node;
    }
    return std::malloc((c + 1) * kGrain);
  }

  Node* heads_[kClasses] = {};
  uint32_t counts_[kClasses] = {};
};

}  // namespace strata::lua
