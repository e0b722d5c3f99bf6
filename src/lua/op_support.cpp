#include "lua/op_support.h"

namespace strata::lua::opapi {

OpContext& context(lua_State* L) {
  return *static_cast<OpContext*>(lua_touserdata(L, lua_upvalueindex(1)));
}

void register_functions(lua_State* L, int table_idx, int ctx_idx,
                        std::span<const luaL_Reg> functions) {
  table_idx = lua_absindex(L, table_idx);
  ctx_idx = lua_absindex(L, ctx_idx);
  for (const luaL_Reg& f : functions) {
    lua_pushvalue(L, ctx_idx);
    lua_pushcclosure(L, f.func, 1);
    lua_setfield(L, table_idx, f.name);
  }
}

void fail(std::string_view fn, const std::string& message) {
  throw ArgError(std::string(fn) + ": " + message);
}

std::string to_std(lua_State* L, int idx) {
  size_t n = 0;
  const char* s = lua_tolstring(L, idx, &n);
  return std::string(s, n);
}

std::string need_string(lua_State* L, int idx, std::string_view fn, std::string_view what) {
  if (lua_type(L, idx) != LUA_TSTRING) {
    fail(fn, std::string(what) + " must be a string, got " + luaL_typename(L, idx));
  }
  return to_std(L, idx);
}

std::optional<std::string> opt_string(lua_State* L, int idx, std::string_view fn,
                                      std::string_view what) {
  if (lua_isnoneornil(L, idx)) return std::nullopt;
  if (lua_type(L, idx) != LUA_TSTRING) {
    fail(fn, std::string(what) + " must be a string or nil, got " + luaL_typename(L, idx));
  }
  return to_std(L, idx);
}

std::pair<std::string, bool> need_sql(lua_State* L, int idx, std::string_view fn,
                                      std::string_view what) {
  if (auto* text = test_box<std::string>(L, idx, kTextMeta)) return {*text, true};
  return {need_string(L, idx, fn, what), false};
}

std::vector<std::string> need_names(lua_State* L, int idx, std::string_view fn,
                                    std::string_view what) {
  if (lua_type(L, idx) == LUA_TSTRING) return {to_std(L, idx)};
  if (lua_type(L, idx) != LUA_TTABLE) {
    fail(fn, std::string(what) + " must be a string or a table of strings, got " +
                 luaL_typename(L, idx));
  }
  idx = lua_absindex(L, idx);
  std::vector<std::string> names;
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, idx));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, idx, i);
    if (lua_type(L, -1) != LUA_TSTRING) fail(fn, std::string(what) + " must be a table of strings");
    names.push_back(to_std(L, -1));
    lua_pop(L, 1);
  }
  if (names.empty()) fail(fn, std::string(what) + " must not be empty");
  return names;
}

void need_function(lua_State* L, int idx, std::string_view fn, std::string_view what) {
  if (lua_type(L, idx) != LUA_TFUNCTION) {
    fail(fn, std::string(what) + " must be a function, got " + luaL_typename(L, idx));
  }
}

std::vector<std::string_view> keys(std::initializer_list<std::string_view> base,
                                   bool with_schema) {
  std::vector<std::string_view> all(base);
  if (with_schema) all.push_back("schema");
  return all;
}

// ---- Options -------------------------------------------------------------------

Options::Options(lua_State* L, int idx, std::string_view fn,
                 std::vector<std::string_view> allowed, int positional)
    : L_(L), fn_(fn) {
  if (lua_isnoneornil(L, idx)) return;
  if (lua_type(L, idx) != LUA_TTABLE) {
    fail(fn, std::string("options must be a table, got ") + luaL_typename(L, idx));
  }
  idx_ = lua_absindex(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx_) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TNUMBER) {
      lua_Integer i = lua_tointeger(L, -1);
      if (lua_isinteger(L, -1) && i >= 1 && i <= positional) continue;
      fail(fn, "unexpected positional value in options");
    }
    if (lua_type(L, -1) != LUA_TSTRING) fail(fn, "option keys must be strings");
    std::string_view key = lua_tostring(L, -1);
    bool ok = false;
    for (std::string_view a : allowed) ok = ok || key == a;
    if (!ok) fail(fn, "unknown option '" + std::string(key) + "'");
  }
}

int Options::push(const char* key) const {
  if (idx_ == 0) {
    lua_pushnil(L_);
    return LUA_TNIL;
  }
  lua_pushstring(L_, key);
  return lua_rawget(L_, idx_);  // raw: no metamethods can run (or raise)
}

int Options::push(int i) const {
  if (idx_ == 0) {
    lua_pushnil(L_);
    return LUA_TNIL;
  }
  return lua_rawgeti(L_, idx_, i);
}

int Options::push_one_of(std::initializer_list<const char*> keys, const char** which) const {
  const char* found = nullptr;
  for (const char* key : keys) {
    if (!has(key)) continue;
    if (found) fail(fn_, std::string("give only one of '") + found + "' and '" + key + "'");
    found = key;
  }
  if (which) *which = found;
  if (!found) {
    lua_pushnil(L_);
    return LUA_TNIL;
  }
  return push(found);
}

bool Options::has(const char* key) const {
  bool set = push(key) != LUA_TNIL;
  lua_pop(L_, 1);
  return set;
}

std::optional<std::string> Options::str(const char* key) const {
  std::optional<std::string> v;
  if (push(key) != LUA_TNIL) v = need_string(L_, -1, fn_, std::string("option '") + key + "'");
  lua_pop(L_, 1);
  return v;
}

std::optional<bool> Options::opt_flag(const char* key) const {
  std::optional<bool> v;
  int t = push(key);
  if (t == LUA_TBOOLEAN) {
    v = lua_toboolean(L_, -1) != 0;
  } else if (t != LUA_TNIL) {
    fail(fn_, std::string("option '") + key + "' must be a boolean, got " + luaL_typename(L_, -1));
  }
  lua_pop(L_, 1);
  return v;
}

std::optional<long long> Options::integer(const char* key) const {
  std::optional<long long> v;
  int t = push(key);
  if (t != LUA_TNIL) {
    int ok = 0;
    lua_Integer n = t == LUA_TNUMBER ? lua_tointegerx(L_, -1, &ok) : 0;
    if (!ok) {
      fail(fn_, std::string("option '") + key + "' must be an integer, got " +
                    (t == LUA_TNUMBER ? "a fraction" : luaL_typename(L_, -1)));
    }
    v = static_cast<long long>(n);
  }
  lua_pop(L_, 1);
  return v;
}

std::optional<std::optional<std::string>> Options::string_or_false(const char* key) const {
  std::optional<std::optional<std::string>> v;
  int t = push(key);
  if (t == LUA_TSTRING) {
    v = to_std(L_, -1);
  } else if (t == LUA_TBOOLEAN && !lua_toboolean(L_, -1)) {
    v = std::optional<std::string>();
  } else if (t != LUA_TNIL) {
    fail(fn_, std::string("option '") + key + "' must be a string or false, got " +
                  (t == LUA_TBOOLEAN ? "true" : luaL_typename(L_, -1)));
  }
  lua_pop(L_, 1);
  return v;
}

}  // namespace strata::lua::opapi
