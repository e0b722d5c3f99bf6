#include "lua/sandbox.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <lua.hpp>

#include "lua/block_cache.h"
#include "strata/error.h"

namespace strata::lua {
namespace {

constexpr const char* kPendingMeta = "strata.pending_error";
constexpr const char* kModulesKey = "strata.modules";
constexpr const char* kLibraryMetasKey = "strata.library_metas";
constexpr const char* kIdleGlobalsKey = "strata.idle_globals";
constexpr const char* kRandomseedKey = "strata.randomseed";
constexpr const char* kGlobalsMetaKey = "strata.globals_meta";
constexpr int kHookEvery = 1000;
// Lua 5.4's default incremental collector parameters (lgc.h LUAI_GCPAUSE,
// LUAI_GCMUL, LUAI_GCSTEPSIZE), set on every new state and restored after
// each script of a reused state, so a script's collectgarbage() settings
// never reach the next one. (Generational mode was measured on the
// 10,000-revision offline run: 5 % fewer instructions, but restoring it
// after a script that switched modes costs a full collection.)
constexpr int kGcPause = 200;
constexpr int kGcStepMul = 100;
constexpr int kGcStepSize = 13;

void reset_collector(lua_State* L) {
  if (lua_gc(L, LUA_GCISRUNNING) == 0) lua_gc(L, LUA_GCRESTART);  // collectgarbage("stop")
  lua_gc(L, LUA_GCINC, kGcPause, kGcStepMul, kGcStepSize);  // ("generational"), parameters
}

// Per-state data, reachable through lua_getextraspace (new threads copy it).
struct StateData {
  SandboxOptions options;
  std::vector<std::string> chunk_paths;
  std::exception_ptr pending;
  long instructions = 0;
  // Memory accounting (limited_alloc): bytes held, the cap (0: none), and
  // whether an allocation was refused during the current call.
  size_t bytes = 0;
  size_t memory_cap = 0;
  bool memory_refused = false;
  // The main state, and where its innermost Lua function stood when an
  // allocation was first refused (Lua's memory errors carry no position).
  lua_State* main = nullptr;
  std::string refused_source;
  int refused_line = 0;
  // Sandbox::seal: when set, every guarded C function raises this instead.
  std::string sealed;
  // Warnings being assembled (warn_collect), and the first error a __gc
  // finalizer raised since the current call began (Lua only warns of it).
  std::string warning;
  bool finalizer_failed = false;
  std::string finalizer_error;
  // setmetatable() was given a metatable with __gc since begin_script():
  // Lua code may run at a later collection, so the state is not reused.
  bool lua_finalizers = false;
  // Small blocks the state freed, for its next allocations (block_cache.h);
  // outlives lua_close (StateData is deleted after it).
  BlockCache blocks;
};

StateData* data(lua_State* L) { return *static_cast<StateData**>(lua_getextraspace(L)); }

bool is_pending_marker(lua_State* L, int idx) {
  if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return false;
  luaL_getmetatable(L, kPendingMeta);
  bool same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same;
}

// Push the marker error object for a stored C++ exception.
// "path:line: " of the Lua code that called the running C function (the
// full chunk path, unlike luaL_where's shortened one); "" when unknown.
std::string script_position(lua_State* L) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) == 0 || lua_getinfo(L, "Sl", &ar) == 0) return "";
  if (ar.currentline <= 0 || ar.source == nullptr || ar.source[0] != '@') return "";
  return std::string(ar.source + 1) + ":" + std::to_string(ar.currentline) + ": ";
}

void push_pending(lua_State* L, std::exception_ptr e, const char* message) {
  data(L)->pending = std::move(e);
  lua_createtable(L, 0, 1);
  lua_pushstring(L, message);
  lua_setfield(L, -2, "message");
  luaL_setmetatable(L, kPendingMeta);
}

int pending_tostring(lua_State* L) {
  lua_getfield(L, 1, "message");
  return 1;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// True when `msg` begins with "<src>:<digits>:".
bool has_position(std::string_view msg, std::string_view src) {
  if (!starts_with(msg, src) || msg.size() <= src.size() || msg[src.size()] != ':') return false;
  size_t i = src.size() + 1;
  size_t digits = 0;
  while (i < msg.size() && msg[i] >= '0' && msg[i] <= '9') ++i, ++digits;
  return digits > 0 && i < msg.size() && msg[i] == ':';
}

// Message handler body: add the innermost Lua position to a message that has
// none. The message is a string at index 1.
int add_position(lua_State* L) {
  std::string_view msg = lua_tostring(L, 1);
  for (const std::string& path : data(L)->chunk_paths) {
    if (has_position(msg, lua_short_source(path))) return 1;
  }
  lua_Debug ar;
  int first_lua_level = -1;
  for (int level = 1; lua_getstack(L, level, &ar); ++level) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
    if (first_lua_level < 0) first_lua_level = level;
    if (has_position(msg, ar.short_src)) return 1;
  }
  if (first_lua_level < 0) return 1;
  luaL_where(L, first_lua_level);
  lua_pushvalue(L, 1);
  lua_concat(L, 2);
  return 1;
}

int run_guarded(lua_State* L, CppFunction fn);

int message_handler(lua_State* L) {
  if (is_pending_marker(L, 1)) return 1;
  if (!lua_isstring(L, 1)) {
    if (!luaL_callmeta(L, 1, "__tostring") || lua_type(L, -1) != LUA_TSTRING) {
      lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    lua_replace(L, 1);
  }
  lua_settop(L, 1);
  return run_guarded(L, add_position);  // runs even when the state is sealed
}

// lua_WarnFunction: Lua reports an error raised by a __gc finalizer only as
// a warning ("error in __gc metamethod (<message>)"); keep the first one so
// the call (or close) that ran the finalizer can fail with it. Other
// warnings (the script's warn()) are dropped, as Lua's default does.
void warn_collect(void* ud, const char* msg, int tocont) {
  auto* d = static_cast<StateData*>(ud);
  try {
    d->warning += msg;
    if (tocont) return;
    std::string w = std::move(d->warning);
    d->warning.clear();
    constexpr std::string_view kGc = "error in __gc";
    if (!starts_with(w, kGc) || d->finalizer_failed) return;
    d->finalizer_failed = true;
    const size_t open = w.find(" (");
    d->finalizer_error = open != std::string::npos && w.back() == ')'
                             ? w.substr(open + 2, w.size() - open - 3)
                             : w;
  } catch (...) {
    d->finalizer_failed = true;  // out of memory: still fail the call
  }
}

void count_hook(lua_State* L, lua_Debug*) {
  StateData* d = data(L);
  d->instructions += kHookEvery;
  if (d->options.instruction_limit > 0 && d->instructions > d->options.instruction_limit) {
    if (d->options.instruction_limit_setting.empty()) luaL_error(L, "instruction limit exceeded");
    luaL_error(L, "script exceeded %I instructions (%s)",
               static_cast<lua_Integer>(d->options.instruction_limit),
               d->options.instruction_limit_setting.c_str());
  }
}

// lua_Alloc that counts the bytes a state holds and refuses growth past
// StateData::memory_cap (Lua then raises "not enough memory").
void* limited_alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* d = static_cast<StateData*>(ud);
  const size_t old = ptr != nullptr ? osize : 0;
  if (nsize == 0) {
    if (ptr != nullptr) d->blocks.release(ptr, osize);
    d->bytes = old > d->bytes ? 0 : d->bytes - old;
    return nullptr;
  }
  const size_t rest = old > d->bytes ? 0 : d->bytes - old;
  if (d->memory_cap > 0 && nsize > old && (nsize > d->memory_cap || rest > d->memory_cap - nsize)) {
    if (!d->memory_refused && d->main != nullptr) {
      // Read-only stack walk (lua_getinfo "Sl" allocates nothing). Inside a
      // coroutine this finds the main state's coroutine.resume line.
      lua_Debug ar;
      for (int level = 0; lua_getstack(d->main, level, &ar) != 0; ++level) {
        if (lua_getinfo(d->main, "Sl", &ar) != 0 && ar.currentline > 0 && ar.source != nullptr &&
            ar.source[0] == '@') {
          d->refused_source = ar.source + 1;
          d->refused_line = ar.currentline;
          break;
        }
      }
    }
    d->memory_refused = true;
    return nullptr;
  }
  void* p = d->blocks.resize(ptr, osize, nsize);
  if (p == nullptr) return nullptr;
  d->bytes = rest + nsize;
  return p;
}

// An error outside any protected call (a bug in strata's use of the Lua
// API): say what it was before Lua aborts, as luaL_newstate's handler does.
int panic(lua_State* L) {
  const char* message =
      lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error object is not a string";
  std::fprintf(stderr, "strata: PANIC: unprotected error in call to Lua API (%s)\n", message);
  return 0;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// load(chunk [, chunkname [, mode [, env]]]) with mode forced to "t".
int safe_load(lua_State* L) {
  int n = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushvalue(L, 1);
  if (n >= 2) {
    lua_pushvalue(L, 2);
  } else {
    lua_pushnil(L);
  }
  lua_pushliteral(L, "t");
  int nargs = 3;
  if (n >= 4) {
    lua_pushvalue(L, 4);
    nargs = 4;
  }
  lua_call(L, nargs, LUA_MULTRET);
  return lua_gettop(L) - n;
}

// ---- Proxies (Sandbox::begin_script) ----------------------------------------
// A reused state gives each script its own globals table and its own
// `string`, `table`, `math`, `utf8`, `coroutine` and `os`, as proxies: a
// fresh table whose metatable (shared, never reachable by scripts) reads
// through to a shared table — the library, or for the globals the base
// functions and `op`. Writes land in the proxy; deleting a key the shared
// table has (`string.format = nil`), or any raw look at the proxy (rawget,
// rawset, rawlen, next, pairs, setmetatable), first turns it into a plain
// copy with no metatable; getmetatable() of a proxy is nil. So a script sees
// exactly tables of its own, and one that only reads them (almost all) costs
// a few empty tables instead of copies. The library proxies themselves are
// made when a script first reads the name (lazy_library), so a script that
// reads none (almost all: they call op.* and nothing else) costs its globals
// table only.

char proxy_tag;  // its address keys the marker field of proxy metatables

// True when the value at `idx` is a proxy; pushes nothing.
bool is_proxy(lua_State* L, int idx) {
  if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return false;
  const bool proxy = lua_rawgetp(L, -1, &proxy_tag) != LUA_TNIL;
  lua_pop(L, 2);
  return proxy;
}

// Gives the script's globals table (at `globals`) its own proxy of the
// library whose name is at `name`, with the proxy metatable at `meta`, and
// pushes the proxy. math.random's state is shared by every script: it is
// reseeded at random when a script first reaches `math`, as in a new state,
// so no script sees the seed another one set.
void add_library_proxy(lua_State* L, int globals, int name, int meta) {
  lua_createtable(L, 0, 0);
  lua_pushvalue(L, meta);
  lua_setmetatable(L, -2);
  lua_pushvalue(L, name);
  lua_pushvalue(L, -2);
  lua_rawset(L, globals);
  const char* text = lua_tostring(L, name);
  if (text != nullptr && std::strcmp(text, LUA_MATHLIBNAME) == 0) {
    lua_getfield(L, LUA_REGISTRYINDEX, kRandomseedKey);
    lua_call(L, 0, 0);
  }
}

// __index of the globals' shared table, for the names it does not have:
// a library's proxy, made now and kept in the script's globals (the
// registry's; only they read through the shared table), or nil.
int lazy_library(lua_State* L) {
  lua_settop(L, 2);
  lua_getfield(L, LUA_REGISTRYINDEX, kLibraryMetasKey);  // 3
  lua_pushvalue(L, 2);
  if (lua_rawget(L, 3) == LUA_TNIL) return 1;  // 4: not a library
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);  // 5
  add_library_proxy(L, 5, 2, 4);
  return 1;
}

// Adds to the globals table at `globals` every library proxy it lacks.
void add_all_library_proxies(lua_State* L, int globals) {
  lua_getfield(L, LUA_REGISTRYINDEX, kLibraryMetasKey);
  const int metas = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, metas) != 0) {  // name metas+1, metatable metas+2
    lua_pushvalue(L, metas + 1);
    if (lua_rawget(L, globals) == LUA_TNIL) add_library_proxy(L, globals, metas + 1, metas + 2);
    lua_settop(L, metas + 1);
  }
  lua_pop(L, 1);
}

// If the value at `idx` is a proxy, make it a plain table: the shared
// table's entries it does not have itself are copied in (for the globals,
// the library proxies too), the metatable goes.
void materialize_proxy(lua_State* L, int idx) {
  if (!is_proxy(L, idx)) return;
  idx = lua_absindex(L, idx);
  lua_getmetatable(L, idx);
  lua_getfield(L, -1, "__index");  // the shared table
  const int shared = lua_gettop(L);
  if (lua_getmetatable(L, shared)) {  // only the globals' has one (lazy_library)
    lua_pop(L, 1);
    add_all_library_proxies(L, idx);
  }
  lua_pushnil(L);
  while (lua_next(L, shared) != 0) {  // key -2, value -1
    lua_pushvalue(L, -2);
    if (lua_rawget(L, idx) == LUA_TNIL) {
      lua_pop(L, 1);
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, idx);
    } else {
      lua_pop(L, 2);
    }
  }
  lua_pop(L, 2);
  lua_pushnil(L);
  lua_setmetatable(L, idx);
}

// __newindex(proxy, key, value), for keys the proxy does not have: a new
// key is set in the proxy; nil for a key of the shared table (or a library
// name, for the globals) deletes it, so the proxy becomes a plain copy first.
int proxy_newindex(lua_State* L) {
  lua_settop(L, 3);
  if (!lua_isnil(L, 3)) {
    lua_rawset(L, 1);
    return 0;
  }
  // nil for a key the proxy lacks: nothing to do unless the shared table
  // has it (or, for the globals, it names a library not yet read).
  lua_getmetatable(L, 1);           // 4
  lua_getfield(L, 4, "__index");    // 5: the shared table
  lua_pushvalue(L, 2);
  bool shared = lua_rawget(L, 5) != LUA_TNIL;
  if (!shared && lua_getmetatable(L, 5)) {  // the globals' shared table
    lua_getfield(L, LUA_REGISTRYINDEX, kLibraryMetasKey);
    lua_pushvalue(L, 2);
    shared = lua_rawget(L, -2) != LUA_TNIL;
  }
  lua_settop(L, 3);
  if (!shared) return 0;
  materialize_proxy(L, 1);
  lua_rawset(L, 1);
  return 0;
}

// lbaselib's rawget, rawset, rawlen, next and getmetatable (same checks and
// messages), made plain of a proxy first; getmetatable() of a proxy
// is nil. Raise Lua errors directly: no C++ objects here.
int safe_rawget(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  materialize_proxy(L, 1);
  lua_settop(L, 2);
  lua_rawget(L, 1);
  return 1;
}

int safe_rawset(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  materialize_proxy(L, 1);
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

int safe_rawlen(lua_State* L) {
  const int t = lua_type(L, 1);
  luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1, "table or string");
  materialize_proxy(L, 1);
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, 1)));
  return 1;
}

int safe_next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  materialize_proxy(L, 1);
  lua_settop(L, 2);
  if (lua_next(L, 1) != 0) return 2;
  lua_pushnil(L);
  return 1;
}

int safe_getmetatable(lua_State* L) {
  luaL_checkany(L, 1);
  if (is_proxy(L, 1) || !lua_getmetatable(L, 1)) {
    lua_pushnil(L);
    return 1;
  }
  luaL_getmetafield(L, 1, "__metatable");
  return 1;
}

int proxy_pairs(lua_State* L) {  // __pairs(proxy): next, proxy, nil
  materialize_proxy(L, 1);
  lua_pushcfunction(L, safe_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

// Push the metatable for proxies of the shared table at `lib`.
void push_proxy_meta(lua_State* L, int lib) {
  lib = lua_absindex(L, lib);
  lua_createtable(L, 0, 4);
  lua_pushboolean(L, 1);
  lua_rawsetp(L, -2, &proxy_tag);
  lua_pushvalue(L, lib);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, proxy_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushcfunction(L, proxy_pairs);
  lua_setfield(L, -2, "__pairs");
}

// setmetatable(t, mt): lbaselib's, plus noting a __gc metamethod (the only
// way Lua code can give an object a finalizer; userdata metatables are out
// of a script's reach). Raises Lua errors directly: no C++ objects here.
int safe_setmetatable(lua_State* L) {
  const int t = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  materialize_proxy(L, 1);
  luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
  if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) {
    return luaL_error(L, "cannot change a protected metatable");
  }
  if (t == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) data(L)->lua_finalizers = true;
    lua_pop(L, 1);
  }
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

// Where print() goes on this thread (set_print_sink); null: stderr.
thread_local PrintSink* t_print_sink = nullptr;

// print(...): one line (tab-separated values and the newline) to stderr, or
// to the thread's print sink. The line is built on the Lua stack
// (luaL_tolstring may run a __tostring that raises), so no C++ object is live
// when Lua raises.
int safe_print(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_Buffer line;
  luaL_buffinit(L, &line);
  for (int i = 1; i <= n; ++i) {
    if (i > 1) luaL_addchar(&line, '\t');
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&line);
  }
  luaL_addchar(&line, '\n');
  luaL_pushresult(&line);
  size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  if (t_print_sink == nullptr) {
    std::fwrite(text, 1, len, stderr);
    return 0;
  }
  bool failed = false;
  try {
    (*t_print_sink)(std::string_view(text, len));
  } catch (...) {
    failed = true;
  }
  if (failed) return luaL_error(L, "not enough memory");
  return 0;
}

bool valid_module_name(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  char prev = 0;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

// The real path of `path` (symlinks resolved); "" when it cannot be resolved.
std::string real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return "";
  std::string out(resolved);
  std::free(resolved);
  return out;
}

// True when the real path of `file` lies inside the real path of a root.
bool inside_module_roots(const std::string& file, const std::vector<std::string>& roots) {
  const std::string real = real_path(file);
  if (real.empty()) return false;
  for (const std::string& root : roots) {
    const std::string real_root = real_path(root);
    if (real_root.empty()) continue;
    if (real.size() > real_root.size() + 1 && starts_with(real, real_root) &&
        (real_root == "/" || real[real_root.size()] == '/')) {
      return true;
    }
  }
  return false;
}

// require(name): project modules only.
int require_impl(lua_State* L) {
  if (lua_type(L, 1) != LUA_TSTRING) {
    throw ArgError(std::string("bad argument #1 to 'require' (string expected, got ") +
                   luaL_typename(L, 1) + ")");
  }
  size_t name_len = 0;
  const char* name_data = lua_tolstring(L, 1, &name_len);
  std::string name(name_data, name_len);
  if (name.find('\0') != std::string::npos) {
    throw ArgError("require: module name contains a NUL byte");
  }
  lua_settop(L, 1);
  if (lua_getfield(L, LUA_REGISTRYINDEX, kModulesKey) == LUA_TNIL) {  // 2: cache
    lua_pop(L, 1);  // the script's first require()
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, kModulesKey);
  }
  lua_getfield(L, 2, name.c_str());                  // 3
  if (lua_type(L, 3) == LUA_TLIGHTUSERDATA) {
    throw ArgError("module '" + name + "' is required recursively while it loads");
  }
  if (!lua_isnil(L, 3)) return 1;
  lua_pop(L, 1);

  std::string searched;
  std::string found;
  std::string text;
  if (valid_module_name(name)) {
    std::string rel = name;
    for (char& c : rel) {
      if (c == '.') c = '/';
    }
    for (const std::string& root : data(L)->options.module_roots) {
      std::string candidate = root + "/" + rel + ".lua";
      struct stat st;
      if (::stat(candidate.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
          searched += (searched.empty() ? "" : ", ") + candidate;
          continue;
        }
        throw ArgError("module '" + name + "': " + candidate + ": cannot read: " +
                       std::strerror(errno));
      }
      // A module is a regular file whose real path lies inside its root: a
      // symlink in lib/ may point elsewhere in the project's roots, never
      // to any other file on the machine.
      if (!S_ISREG(st.st_mode)) {
        throw ArgError("module '" + name + "': " + candidate + ": not a regular file");
      }
      if (!inside_module_roots(candidate, data(L)->options.module_roots)) {
        throw ArgError("module '" + name + "': " + candidate +
                       " resolves outside the module roots (a symlink out of lib/?)");
      }
      std::string error;
      if (!read_file_into(candidate, text, error)) {
        throw ArgError("module '" + name + "': " + candidate + ": cannot read: " + error);
      }
      found = candidate;
      break;
    }
  } else {
    searched = "invalid module name";
  }
  if (found.empty()) {
    if (searched.empty()) searched = "no module roots";
    throw ArgError("module '" + name + "' not found in project (searched: " + searched + ")");
  }
  register_chunk_path(L, found);
  std::string_view code = chunk_text(text);
  std::string chunkname = "@" + found;
  if (luaL_loadbufferx(L, code.data(), code.size(), chunkname.c_str(), "t") != LUA_OK) {
    return kRaiseTop;
  }
  lua_pushlightuserdata(L, data(L));  // "loading" sentinel
  lua_setfield(L, 2, name.c_str());
  lua_pushstring(L, name.c_str());
  lua_pushstring(L, found.c_str());
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
    lua_pushnil(L);
    lua_setfield(L, 2, name.c_str());
    return kRaiseTop;
  }
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, 2, name.c_str());
  return 1;
}

void open_libs(lua_State* L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  lua_pop(L, 1);
  for (const char* name : {"dofile", "loadfile"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  lua_getglobal(L, "load");
  lua_pushcclosure(L, safe_load, 1);
  lua_setglobal(L, "load");
  lua_pushcfunction(L, safe_print);
  lua_setglobal(L, "print");
  lua_pushcfunction(L, safe_setmetatable);
  lua_setglobal(L, "setmetatable");
  const luaL_Reg raw[] = {{"rawget", safe_rawget}, {"rawset", safe_rawset},
                          {"rawlen", safe_rawlen}, {"next", safe_next},
                          {"getmetatable", safe_getmetatable}};
  for (const luaL_Reg& fn : raw) {
    lua_pushcfunction(L, fn.func);
    lua_setglobal(L, fn.name);
  }

  const luaL_Reg libs[] = {{LUA_STRLIBNAME, luaopen_string},
                           {LUA_TABLIBNAME, luaopen_table},
                           {LUA_MATHLIBNAME, luaopen_math},
                           {LUA_UTF8LIBNAME, luaopen_utf8},
                           {LUA_COLIBNAME, luaopen_coroutine}};
  for (const luaL_Reg& lib : libs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }

  // String methods ("s"):upper() come from a private copy of the string
  // library behind a protected metatable: getmetatable("") is false, and
  // replacing string.* changes only the global table, never the methods.
  lua_getglobal(L, LUA_STRLIBNAME);
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_createtable(L, 0, 20);
  lua_pushnil(L);
  while (lua_next(L, -5) != 0) {
    lua_pushvalue(L, -2);
    lua_insert(L, -2);
    lua_rawset(L, -4);
  }
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 3);

  luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);  // full os table, not global
  lua_createtable(L, 0, 5);
  for (const char* name : {"time", "date", "clock", "difftime", "getenv"}) {
    lua_getfield(L, -2, name);
    lua_setfield(L, -2, name);
  }
  lua_setglobal(L, LUA_OSLIBNAME);
  lua_pop(L, 1);

  lua_pushcfunction(L, guarded<require_impl>);
  lua_setglobal(L, "require");

  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kModulesKey);

  luaL_newmetatable(L, kPendingMeta);
  lua_pushcfunction(L, pending_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 1);
}

// Replace Lua's shortened "...tail" forms of registered paths.
std::string restore_paths(const StateData* d, std::string msg) {
  for (const std::string& path : d->chunk_paths) {
    std::string short_src = lua_short_source(path);
    if (short_src == path) continue;
    for (size_t pos = msg.find(short_src); pos != std::string::npos;
         pos = msg.find(short_src, pos + path.size())) {
      msg.replace(pos, short_src.size(), path);
    }
  }
  return msg;
}

std::string restore_paths(lua_State* L, std::string msg) { return restore_paths(data(L), std::move(msg)); }

int run_guarded(lua_State* L, CppFunction fn) {
  int result = 0;
  bool raise = false;
  try {
    result = fn(L);
    raise = result == kRaiseTop;
  } catch (const ArgError& e) {
    if (e.with_position()) {
      luaL_where(L, 1);
      lua_pushstring(L, e.what());
      lua_concat(L, 2);
    } else {
      lua_pushstring(L, e.what());
    }
    raise = true;
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kScript) {
      // A script mistake detected below the op API (a dialect that cannot
      // express an op, op.query offline): report it at the calling line.
      luaL_where(L, 1);
      lua_pushstring(L, e.what());
      lua_concat(L, 2);
    } else if (std::string where = e.code() == ErrorCode::kDatabase ? script_position(L) : "";
               !where.empty()) {
      // A statement the op sent failed: name the script line that sent it,
      // keeping the error's code.
      Error located(ErrorCode::kDatabase, where + e.message());
      push_pending(L, std::make_exception_ptr(located), located.what());
    } else {
      push_pending(L, std::current_exception(), e.what());
    }
    raise = true;
  } catch (const std::exception& e) {
    push_pending(L, std::current_exception(), e.what());
    raise = true;
  } catch (...) {
    push_pending(L, std::current_exception(), "unknown C++ exception");
    raise = true;
  }
  if (raise) return lua_error(L);
  return result;
}

}  // namespace

int guarded_call(lua_State* L, CppFunction fn) {
  if (const std::string& sealed = data(L)->sealed; !sealed.empty()) {
    luaL_where(L, 1);
    lua_pushlstring(L, sealed.data(), sealed.size());
    lua_concat(L, 2);
    return lua_error(L);
  }
  return run_guarded(L, fn);
}

void register_chunk_path(lua_State* L, const std::string& path) {
  auto& paths = data(L)->chunk_paths;
  for (const std::string& p : paths) {
    if (p == path) return;
  }
  paths.push_back(path);
}

void set_print_sink(PrintSink* sink) { t_print_sink = sink; }

std::string lua_short_source(const std::string& path) {
  // Mirrors luaO_chunkid for '@' sources.
  constexpr size_t kIdSize = LUA_IDSIZE;
  if (path.size() + 1 <= kIdSize) return path;
  constexpr size_t kTail = kIdSize - 3 - 1;
  return "..." + path.substr(path.size() - kTail);
}

Sandbox::Sandbox(SandboxOptions options) {
  // Every block of the state comes from limited_alloc (its BlockCache keeps
  // blocks by the size Lua gives, so none may predate it).
  auto* d = new StateData{std::move(options), {}, nullptr, 0};
  L_ = lua_newstate(limited_alloc, d);
  if (L_ == nullptr) {
    delete d;
    throw Error(ErrorCode::kInternal, "cannot create a Lua state");
  }
  *static_cast<StateData**>(lua_getextraspace(L_)) = d;
  if (d->options.memory_limit_mb > 0) {
    d->memory_cap = static_cast<size_t>(d->options.memory_limit_mb) * 1024 * 1024;
  }
  lua_atpanic(L_, panic);
  lua_setwarnf(L_, warn_collect, d);
  reset_collector(L_);
  open_libs(L_);
  d->main = L_;
  if (d->options.instruction_limit > 0) lua_sethook(L_, count_hook, LUA_MASKCOUNT, kHookEvery);
}

Sandbox::~Sandbox() {
  if (L_ == nullptr) return;
  StateData* d = data(L_);
  // Finalizers run by lua_close find every strata function refused.
  if (d->sealed.empty()) d->sealed = "called after the script ended";
  lua_close(L_);
  delete d;
}

void Sandbox::seal(std::string message) {
  data(L_)->sealed = message.empty() ? "called after the script ended" : std::move(message);
}

void Sandbox::close() {
  if (L_ == nullptr) return;
  StateData* d = data(L_);
  d->instructions = 0;
  d->pending = nullptr;
  d->finalizer_failed = false;
  lua_close(L_);  // runs every finalizer still pending
  L_ = nullptr;
  std::unique_ptr<StateData> owned(d);
  if (!d->finalizer_failed) return;
  std::exception_ptr pending = std::move(d->pending);
  if (pending) std::rethrow_exception(pending);
  throw Error(ErrorCode::kScript,
              one_error_line(restore_paths(d, d->finalizer_error) + " (in a __gc finalizer)"));
}

// The template: the globals as a script starts with them. The libraries
// (every table but _G) go to kLibraryMetasKey as their proxies' metatables,
// made per script on first read (lazy_library); everything else (base
// functions, `op`, _VERSION) to the shared table the globals' own proxy
// metatable (kGlobalsMetaKey) reads through.
void Sandbox::save_template() {
  lua_rawgeti(L_, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  const int globals = lua_gettop(L_);
  lua_newtable(L_);
  const int metas = globals + 1;
  lua_newtable(L_);
  const int shared = globals + 2;
  lua_pushnil(L_);
  while (lua_next(L_, globals) != 0) {  // key shared+1, value shared+2
    if (lua_rawequal(L_, -1, globals)) {
      // _G: each script's own globals table (begin_script).
    } else if (lua_type(L_, -1) == LUA_TTABLE) {
      lua_pushvalue(L_, shared + 1);
      push_proxy_meta(L_, shared + 2);
      lua_rawset(L_, metas);
    } else {
      lua_pushvalue(L_, shared + 1);
      lua_pushvalue(L_, shared + 2);
      lua_rawset(L_, shared);
    }
    lua_settop(L_, shared + 1);
  }
  lua_createtable(L_, 0, 1);
  lua_pushcfunction(L_, lazy_library);
  lua_setfield(L_, -2, "__index");
  lua_setmetatable(L_, shared);
  push_proxy_meta(L_, shared);
  lua_setfield(L_, LUA_REGISTRYINDEX, kGlobalsMetaKey);
  lua_pop(L_, 1);  // shared
  lua_setfield(L_, LUA_REGISTRYINDEX, kLibraryMetasKey);
  lua_getfield(L_, globals, LUA_MATHLIBNAME);
  lua_getfield(L_, -1, "randomseed");
  lua_setfield(L_, LUA_REGISTRYINDEX, kRandomseedKey);
  lua_newtable(L_);  // what LUA_RIDX_GLOBALS holds between scripts; stays empty
  lua_setfield(L_, LUA_REGISTRYINDEX, kIdleGlobalsKey);
  lua_settop(L_, globals - 1);
}

void Sandbox::begin_script() {
  StateData* d = data(L_);
  lua_settop(L_, 0);
  // The script's globals: _G, and room for a script's own few names and the
  // libraries it reads.
  lua_createtable(L_, 0, 8);
  lua_pushliteral(L_, LUA_GNAME);
  lua_pushvalue(L_, 1);
  lua_rawset(L_, 1);
  lua_getfield(L_, LUA_REGISTRYINDEX, kGlobalsMetaKey);
  lua_setmetatable(L_, 1);
  lua_rawseti(L_, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushnil(L_);  // require() makes the script's module cache when first called
  lua_setfield(L_, LUA_REGISTRYINDEX, kModulesKey);
  d->chunk_paths.clear();
  d->sealed.clear();
  d->pending = nullptr;
  d->instructions = 0;
  d->lua_finalizers = false;
  d->finalizer_failed = false;
  d->finalizer_error.clear();
  d->warning.clear();
}

bool Sandbox::end_script() {
  StateData* d = data(L_);
  if (d->sealed.empty()) d->sealed = "called after the script ended";
  // Finalizers written in Lua: the caller closes the state, running them
  // with the script's environment in place, as with a state per script.
  if (d->lua_finalizers || d->finalizer_failed) return false;
  lua_settop(L_, 0);
  lua_getfield(L_, LUA_REGISTRYINDEX, kIdleGlobalsKey);
  lua_rawseti(L_, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushnil(L_);
  lua_setfield(L_, LUA_REGISTRYINDEX, kModulesKey);
  reset_collector(L_);
  // The garbage left here is collected as the next scripts run; under a
  // memory limit Lua collects it before any allocation is refused.
  return true;
}

void Sandbox::load_file(const std::string& path) { load_text(read_file(path), path); }

void Sandbox::load_text(std::string_view text, const std::string& path) {
  register_chunk_path(L_, path);
  std::string_view code = chunk_text(text);
  std::string chunkname = "@" + path;
  if (luaL_loadbufferx(L_, code.data(), code.size(), chunkname.c_str(), "t") != LUA_OK) {
    std::string msg = lua_tostring(L_, -1);
    lua_pop(L_, 1);
    throw Error(ErrorCode::kScript, one_error_line(restore_paths(L_, std::move(msg))));
  }
}

bool Sandbox::load_chunk(std::string_view bytecode, const std::string& path) {
  register_chunk_path(L_, path);
  const std::string chunkname = "@" + path;
  if (luaL_loadbufferx(L_, bytecode.data(), bytecode.size(), chunkname.c_str(), "b") != LUA_OK) {
    lua_pop(L_, 1);
    return false;
  }
  return true;
}

std::string Sandbox::dump_top() const {
  std::string out;
  const int status = lua_dump(
      L_,
      [](lua_State*, const void* p, size_t size, void* ud) {
        try {  // no exception may cross Lua's C frames
          static_cast<std::string*>(ud)->append(static_cast<const char*>(p), size);
          return 0;
        } catch (...) {
          return 1;
        }
      },
      &out, /*strip=*/0);
  if (status != 0) out.clear();
  return out;
}

void Sandbox::call(int nargs, int nresults) {
  StateData* d = data(L_);
  int base = lua_gettop(L_) - nargs;
  lua_pushcfunction(L_, message_handler);
  lua_insert(L_, base);
  d->instructions = 0;
  d->pending = nullptr;
  d->memory_refused = false;
  d->refused_line = 0;
  d->finalizer_failed = false;
  int status = lua_pcall(L_, nargs, nresults, base);
  lua_remove(L_, base);
  if (status == LUA_OK && d->finalizer_failed) {
    // A __gc finalizer failed while the call ran (Lua only warned): fail the
    // call with that error, or with the C++ exception behind it (e.g. the
    // statement a finalizer sent), never with a later symptom.
    d->finalizer_failed = false;
    lua_pop(L_, nresults == LUA_MULTRET ? lua_gettop(L_) - base + 1 : nresults);
    if (std::exception_ptr e = std::move(d->pending)) {
      d->pending = nullptr;
      std::rethrow_exception(e);
    }
    throw Error(ErrorCode::kScript,
                one_error_line(restore_paths(L_, d->finalizer_error) + " (in a __gc finalizer)"));
  }
  if (status == LUA_OK) return;
  if (is_pending_marker(L_, -1) && d->pending) {
    std::exception_ptr e = std::move(d->pending);
    d->pending = nullptr;
    lua_pop(L_, 1);
    std::rethrow_exception(e);
  }
  const char* s = lua_tostring(L_, -1);
  std::string msg = s ? s : "(error object is not a string)";
  lua_pop(L_, 1);
  constexpr std::string_view kNoMemory = "not enough memory";
  if (d->memory_refused &&
      (status == LUA_ERRMEM || status == LUA_ERRERR || ends_with(msg, kNoMemory))) {
    // Over the cap: say so, at the line limited_alloc recorded when it refused.
    std::string what = "script exceeded the memory limit of " +
                       std::to_string(d->options.memory_limit_mb) + " MiB";
    if (!d->options.memory_limit_setting.empty()) {
      what += " (" + d->options.memory_limit_setting + ")";
    }
    if (d->refused_line > 0) {
      msg = d->refused_source + ":" + std::to_string(d->refused_line) + ": " + what;
    } else if (status == LUA_ERRRUN && ends_with(msg, kNoMemory) &&
               msg.size() > kNoMemory.size()) {
      msg = restore_paths(L_, msg.substr(0, msg.size() - kNoMemory.size())) + what;
    } else if (!d->chunk_paths.empty()) {
      msg = d->chunk_paths.front() + ": " + what;
    } else {
      msg = what;
    }
    lua_gc(L_, LUA_GCCOLLECT);
    throw Error(ErrorCode::kScript, one_error_line(std::move(msg)));
  }
  if (status == LUA_ERRMEM) msg = "out of memory";
  throw Error(ErrorCode::kScript, one_error_line(restore_paths(L_, std::move(msg))));
}

}  // namespace strata::lua
