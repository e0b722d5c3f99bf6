// Sandbox: a restricted Lua 5.4 state for revision scripts, plus the glue
// every C function strata exposes to Lua must use.
//
// What scripts get:
//   - base library without dofile/loadfile; `load` only accepts text chunks
//     (a binary chunk fails with Lua's "attempt to load a binary chunk");
//     `print` writes to stderr (stdout may carry --sql output);
//     `setmetatable` is lbaselib's (same checks and messages) but notes a
//     metatable with __gc (see end_script).
//   - string, table, math, utf8, coroutine. String methods ("s"):m() use a
//     private copy of the string library behind a protected metatable
//     (getmetatable("") is false; assigning string.x changes only `string`).
//   - os limited to os.time, os.date, os.clock, os.difftime, os.getenv.
//   - no io, no debug, no package library (so no package.loadlib and no C
//     loaders).
//   - require(name): resolves only project modules,
//     `<root>/<name with '.' replaced by '/'>.lua` for each module root, in
//     order; loaded as text, run once and cached per state. Anything else
//     fails with `module 'x' not found in project (searched: a.lua, b.lua)`.
//     A module must be a regular file whose real path (symlinks resolved)
//     lies inside a module root, and its name must not contain NUL; anything
//     else is an error naming the module.
//
// Errors: every chunk is loaded with chunkname "@<path>", so Lua's messages
// read `path:line: message`. Sandbox::call converts failures into
// strata::Error(kScript) with that one-line message (restoring paths that Lua
// shortened to "..." + tail), except when the failure came from a C++
// exception thrown inside a C function wrapped with `guarded`: that
// exception is stored, a marker error unwinds Lua, and call() rethrows the
// original exception (e.g. strata::Error(kDatabase) keeps its code).
// Every message is passed through one_error_line (one line, bounded).
// An error raised by a __gc finalizer (which Lua only warns about) fails the
// call that ran it, with `<message> (in a __gc finalizer)` or the C++
// exception behind it.
//
// Thread-safety: a Sandbox is used by one thread at a time.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "lua/error_line.h"
#include "lua/script_file.h"

struct lua_State;

namespace strata::lua {

struct SandboxOptions {
  // Directories searched by require(), in order.
  std::vector<std::string> module_roots;
  // Abort a call after about this many VM instructions (0: no limit).
  long instruction_limit = 0;
  // Refuse allocations that would take the state's memory past this many MiB
  // (0: no limit); the script fails instead of the process growing.
  long memory_limit_mb = 0;
  // The setting each limit came from (e.g. "strata.toml
  // script_instruction_limit"). When set, exceeding the limit reads
  //   path:line: script exceeded N instructions (<setting>)
  //   path:line: script exceeded the memory limit of N MiB (<setting>)
  // When empty: "path:line: instruction limit exceeded" and
  // "path:line: script exceeded the memory limit of N MiB".
  // Lua's memory errors carry no position: the line is the one the innermost
  // Lua function of the main state stood at when the allocator first refused
  // (inside a coroutine, the coroutine.resume line); `path: ...` (the first
  // loaded chunk) when there was none.
  std::string instruction_limit_setting;
  std::string memory_limit_setting;
};

class Sandbox {
 public:
  explicit Sandbox(SandboxOptions options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* state() const { return L_; }

  // Compile the file at `path` as a text chunk named "@path" and push it.
  // Throws Error(kIo) if unreadable, Error(kScript) on a syntax error.
  void load_file(const std::string& path);
  // Same for in-memory text; `path` is used as the chunk name.
  void load_text(std::string_view text, const std::string& path);
  // Push a binary chunk strata compiled from the script at `path` (from
  // lua/script_cache.h, never from a script). False, with nothing pushed,
  // when Lua refuses it (another Lua version, damaged bytes).
  bool load_chunk(std::string_view bytecode, const std::string& path);
  // The chunk on top of the stack (as load_text pushed it) as bytecode, with
  // debug information; empty when it could not be written (out of memory).
  std::string dump_top() const;

  // Call the function below `nargs` arguments on the stack (lua_pcall
  // semantics). Throws as described in the file comment.
  void call(int nargs, int nresults);

  // From now on every C function wrapped with `guarded` (op.*, require)
  // raises "<caller's path:line: >message" instead of running — also when
  // called from a kept reference or a __gc finalizer. The destructor seals
  // the state (with a generic message) before it closes it.
  void seal(std::string message);
  // Closes the state now, running every pending finalizer (seal() first).
  // Throws like call() when a finalizer failed; state() is null after.
  void close();

  // ---- Reuse for many scripts (lua/script_runner.cpp) ----------------------
  // One state can run script after script, each in a fresh global
  // environment, when nothing of one script can reach the next:
  //   save_template(): the current globals (libraries, `op`) become the
  //     template; call once, before any script runs.
  //   begin_script(): a new globals table (LUA_RIDX_GLOBALS, also what load()
  //     and require() use) and library tables (string, table, math, utf8,
  //     coroutine, os) of the script's own: empty proxies reading through to
  //     the shared base functions, `op` and libraries, which become plain
  //     copies when a script deletes a shared key or looks at them raw
  //     (rawget, rawset, rawlen, next, pairs, setmetatable); a proxy's
  //     getmetatable() is nil, so scripts cannot tell the difference. A
  //     library's proxy is made when the script first reads its name;
  //     math.random is reseeded at random then (as in a new state). An empty
  //     require() cache (made by the first require()); unsealed.
  //   end_script(): the script's globals and modules become garbage (the
  //     registry points at an empty table kept for this), the collector is
  //     restarted with the default incremental parameters, and true is returned when the
  //     state may run another script: the script (or a module) gave no
  //     table a __gc metamethod, so none of its code can run later. Values
  //     shared by scripts are immutable to them: C functions, strings, the
  //     read-only `op` view and op values (userdata with protected
  //     metatables). On false, close() the state (its finalizers run now,
  //     as with a state per script).
  void save_template();
  void begin_script();
  bool end_script();

 private:
  lua_State* L_ = nullptr;
};

// The short source name Lua uses in messages for chunkname "@path".
std::string lua_short_source(const std::string& path);

// Where print() of the scripts run on the calling thread goes: each call's
// line (tab-separated values and the newline) to `*sink`, which must outlive
// its use; null (the default) restores stderr. For runners that run scripts
// ahead of their step and replay what they printed in order
// (runtime/script_prefetch.h).
using PrintSink = std::function<void(std::string_view)>;
void set_print_sink(PrintSink* sink);

// ---- Glue for C functions implemented in C++ -------------------------------
//
// Lua (built as C) raises errors with longjmp, which must never cross C++
// frames that own objects, and C++ exceptions must never cross Lua's C
// frames. So a C function implemented in C++ is written as
// `int impl(lua_State*)` that never calls lua_error/luaL_error/luaL_check*,
// and registered as `guarded<impl>`:
//   - impl returns the number of results, or kRaiseTop to raise the value on
//     top of the stack as a Lua error unchanged;
//   - throw ArgError to raise "<caller's file:line>: message" (the position
//     of the Lua code that called the function);
//   - any other exception is stored and re-thrown by Sandbox::call.

class ArgError : public std::runtime_error {
 public:
  explicit ArgError(const std::string& message, bool with_position = true)
      : std::runtime_error(message), with_position_(with_position) {}
  bool with_position() const { return with_position_; }

 private:
  bool with_position_;
};

inline constexpr int kRaiseTop = -1;

using CppFunction = int (*)(lua_State*);
int guarded_call(lua_State* L, CppFunction fn);
template <CppFunction F>
int guarded(lua_State* L) {
  return guarded_call(L, F);
}

// Register a chunk path so messages naming it in Lua's shortened form are
// restored to the full path.
void register_chunk_path(lua_State* L, const std::string& path);

}  // namespace strata::lua
