#include "lua/op_support.h"

#include "strata/error.h"

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

const ops::OpSpec& op_or_batch_spec(std::string_view name, bool with_schema) {
  return with_schema ? ops::op_spec(name) : ops::batch_spec(name);
}

// ---- Options -------------------------------------------------------------------

Options::Options(lua_State* L, int idx, std::string_view fn, const ops::OpSpec& spec,
                 std::vector<std::string_view> extra, std::vector<std::string_view> without)
    : L_(L), fn_(fn), source_("op spec '" + std::string(spec.name) + "'") {
  auto dropped = [&](std::string_view key) {
    for (std::string_view w : without) {
      if (w == key) return true;
    }
    return false;
  };
  for (const ops::OptionSpec& o : spec.options) {
    if (dropped(o.key)) continue;
    std::vector<std::string_view> names = {o.key};
    names.insert(names.end(), o.aliases.begin(), o.aliases.end());
    keys_.push_back(std::move(names));
  }
  for (std::string_view key : extra) keys_.push_back({key});
  if (spec.kind == ops::SpecKind::kTable) positional_ = static_cast<int>(spec.args.size());
  scan(idx);
}

Options::Options(lua_State* L, int idx, std::string_view fn,
                 std::vector<std::string_view> allowed, int positional)
    : L_(L), fn_(fn), source_("key list"), positional_(positional) {
  for (std::string_view key : allowed) keys_.push_back({key});
  scan(idx);
}

void Options::scan(int idx) {
  lua_State* L = L_;
  if (lua_isnoneornil(L, idx)) return;
  if (lua_type(L, idx) != LUA_TTABLE) {
    fail(fn_, std::string("options must be a table, got ") + luaL_typename(L, idx));
  }
  idx_ = lua_absindex(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx_) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) == LUA_TNUMBER) {
      lua_Integer i = lua_tointeger(L, -1);
      if (lua_isinteger(L, -1) && i >= 1 && i <= positional_) continue;
      fail(fn_, "unexpected positional value in options");
    }
    if (lua_type(L, -1) != LUA_TSTRING) fail(fn_, "option keys must be strings");
    std::string_view key = lua_tostring(L, -1);
    bool ok = false;
    for (const std::vector<std::string_view>& names : keys_) {
      for (std::string_view n : names) ok = ok || key == n;
    }
    if (!ok) fail(fn_, "unknown option '" + std::string(key) + "'");
  }
}

const std::vector<std::string_view>& Options::names_of(std::string_view key) const {
  for (const std::vector<std::string_view>& names : keys_) {
    if (names.front() == key) return names;
  }
  throw Error(ErrorCode::kInternal, std::string(fn_) + ": the parser reads option '" +
                                        std::string(key) + "', which its " + source_ +
                                        " does not have");
}

std::string_view Options::given_key(std::string_view key) const {
  const std::vector<std::string_view>& names = names_of(key);
  if (idx_ == 0) return {};
  std::string_view found;
  for (std::string_view name : names) {
    lua_pushlstring(L_, name.data(), name.size());
    bool set = lua_rawget(L_, idx_) != LUA_TNIL;  // raw: no metamethods can run (or raise)
    lua_pop(L_, 1);
    if (!set) continue;
    if (!found.empty()) {
      fail(fn_, "give only one of '" + std::string(found) + "' and '" + std::string(name) + "'");
    }
    found = name;
  }
  return found;
}

int Options::push(std::string_view key, std::string_view* which) const {
  std::string_view found = given_key(key);
  if (which) *which = found;
  if (found.empty()) {
    lua_pushnil(L_);
    return LUA_TNIL;
  }
  lua_pushlstring(L_, found.data(), found.size());
  return lua_rawget(L_, idx_);
}

int Options::push(int i) const {
  if (i < 1 || i > positional_) {
    throw Error(ErrorCode::kInternal, std::string(fn_) + ": the parser reads array slot " +
                                          std::to_string(i) + ", which its " + source_ +
                                          " does not have");
  }
  if (idx_ == 0) {
    lua_pushnil(L_);
    return LUA_TNIL;
  }
  return lua_rawgeti(L_, idx_, i);
}

std::optional<std::string> Options::str(std::string_view key) const {
  std::optional<std::string> v;
  std::string_view which;
  if (push(key, &which) != LUA_TNIL) {
    v = need_string(L_, -1, fn_, "option '" + std::string(which) + "'");
  }
  lua_pop(L_, 1);
  return v;
}

std::optional<bool> Options::opt_flag(std::string_view key) const {
  std::optional<bool> v;
  std::string_view which;
  int t = push(key, &which);
  if (t == LUA_TBOOLEAN) {
    v = lua_toboolean(L_, -1) != 0;
  } else if (t != LUA_TNIL) {
    fail(fn_, "option '" + std::string(which) + "' must be a boolean, got " +
                  luaL_typename(L_, -1));
  }
  lua_pop(L_, 1);
  return v;
}

std::optional<long long> Options::integer(std::string_view key) const {
  std::optional<long long> v;
  std::string_view which;
  int t = push(key, &which);
  if (t != LUA_TNIL) {
    int ok = 0;
    lua_Integer n = t == LUA_TNUMBER ? lua_tointegerx(L_, -1, &ok) : 0;
    if (!ok) {
      fail(fn_, "option '" + std::string(which) + "' must be an integer, got " +
                    (t == LUA_TNUMBER ? "a fraction" : luaL_typename(L_, -1)));
    }
    v = static_cast<long long>(n);
  }
  lua_pop(L_, 1);
  return v;
}

std::optional<std::optional<std::string>> Options::string_or_false(std::string_view key) const {
  std::optional<std::optional<std::string>> v;
  std::string_view which;
  int t = push(key, &which);
  if (t == LUA_TSTRING) {
    v = to_std(L_, -1);
  } else if (t == LUA_TBOOLEAN && !lua_toboolean(L_, -1)) {
    v = std::optional<std::string>();
  } else if (t != LUA_TNIL) {
    fail(fn_, "option '" + std::string(which) + "' must be a string or false, got " +
                  (t == LUA_TBOOLEAN ? "true" : luaL_typename(L_, -1)));
  }
  lua_pop(L_, 1);
  return v;
}

}  // namespace strata::lua::opapi
