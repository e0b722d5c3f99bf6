// Sequences altered and PostgreSQL enum types in the op API: alter_sequence,
// create_enum, drop_enum, alter_enum, the `identity` column option that
// op.column reads and the identity / existing_identity changes of
// op.alter_column (contracts in op_api.h).
#include <set>

#include "lua/op_support.h"

namespace strata::lua::opapi {

namespace {

// The identity forms of option `key`; `with_false`: false = none (inner
// nullopt). Outer nullopt when the key is not given.
std::optional<std::optional<model::Identity>> read_identity_option(lua_State* L,
                                                                   const Options& o,
                                                                   std::string_view fn,
                                                                   std::string_view key,
                                                                   bool with_false) {
  std::optional<std::optional<model::Identity>> out;
  const std::string name(key);
  const std::string forms = with_false ? "\"always\", \"by_default\", a table or false"
                                       : "\"always\", \"by_default\" or a table";
  const int t = o.push(key);
  const int idx = lua_gettop(L);
  if (t == LUA_TSTRING) {
    const std::string kind = to_std(L, idx);
    if (kind != "always" && kind != "by_default") {
      fail(fn, name + " must be " + forms + ", got \"" + kind + "\"");
    }
    out = model::Identity{.always = kind == "always"};
  } else if (with_false && t == LUA_TBOOLEAN && !lua_toboolean(L, idx)) {
    out = std::optional<model::Identity>();
  } else if (t == LUA_TTABLE) {
    const std::string where = std::string(fn) + " " + name;  // outlives io
    Options io(L, idx, where, ops::table_spec("column.identity"));
    model::Identity identity;
    identity.always = io.flag("always");
    identity.start = io.integer("start");
    identity.increment = io.integer("increment");
    identity.minvalue = io.integer("minvalue");
    identity.maxvalue = io.integer("maxvalue");
    identity.cache = io.integer("cache");
    identity.cycle = io.flag("cycle");
    if (identity.increment == 0) fail(fn, name + " increment must not be 0");
    out = identity;
  } else if (t != LUA_TNIL) {
    fail(fn, name + " must be " + forms + ", got " +
                 (with_false && t == LUA_TBOOLEAN ? std::string("true") : luaL_typename(L, idx)));
  }
  lua_pop(L, 1);
  return out;
}

}  // namespace

std::optional<model::Identity> read_identity(lua_State* L, const Options& o,
                                             std::string_view fn) {
  return read_identity_option(L, o, fn, "identity", false).value_or(std::nullopt);
}

std::optional<std::optional<model::Identity>> read_identity_change(lua_State* L,
                                                                   const Options& o,
                                                                   std::string_view fn,
                                                                   std::string_view key) {
  return read_identity_option(L, o, fn, key, true);
}

namespace {

// An integer, or false = none (NO MINVALUE / NO MAXVALUE); outer nullopt
// when the key is not given.
std::optional<std::optional<long long>> integer_or_false(lua_State* L, const Options& o,
                                                         std::string_view key, std::string_view fn) {
  const int t = o.push(key);
  const bool is_false = t == LUA_TBOOLEAN && !lua_toboolean(L, -1);
  const bool is_true = t == LUA_TBOOLEAN && !is_false;
  lua_pop(L, 1);
  if (is_false) return std::optional<long long>();
  if (is_true) {
    fail(fn, "option '" + std::string(key) + "' must be an integer or false, got true");
  }
  if (std::optional<long long> v = o.integer(key)) return v;
  return std::nullopt;
}

// Enum values: a non-empty array of distinct strings.
std::vector<std::string> need_values(lua_State* L, int idx, std::string_view fn,
                                     std::string_view what) {
  std::vector<std::string> values = need_names(L, idx, fn, what);
  std::set<std::string> seen;
  for (const std::string& v : values) {
    if (!seen.insert(v).second) fail(fn, std::string(what) + ": '" + v + "' is listed twice");
  }
  return values;
}

// op.alter_sequence(name, {schema, increment, minvalue, maxvalue, cache,
// cycle, restart, existing = {start, increment, minvalue, maxvalue, cache,
// cycle}}).
int alter_sequence_impl(lua_State* L) {
  constexpr std::string_view fn = "op.alter_sequence";
  ops::AlterSequence op;
  op.name = need_string(L, 1, fn, "sequence name");
  Options o(L, 2, fn, ops::op_spec("alter_sequence"));
  op.schema = o.str("schema");
  op.increment = o.integer("increment");
  op.minvalue = integer_or_false(L, o, "minvalue", fn);
  op.maxvalue = integer_or_false(L, o, "maxvalue", fn);
  op.cache = o.integer("cache");
  op.cycle = o.opt_flag("cycle");
  op.restart = o.integer("restart");
  if (op.increment == 0) fail(fn, "increment must not be 0");
  if (!op.increment && !op.minvalue && !op.maxvalue && !op.cache && !op.cycle && !op.restart) {
    fail(fn, "nothing to change (give increment, minvalue, maxvalue, cache, cycle or restart)");
  }
  if (int t = o.push("existing"); t != LUA_TNIL) {
    if (t != LUA_TTABLE) {
      fail(fn, std::string("option 'existing' must be a table of sequence options, got ") +
                   luaL_typename(L, -1));
    }
    Options eo(L, lua_gettop(L), "op.alter_sequence 'existing'",
               ops::table_spec("alter_sequence.existing"));
    ops::CreateSequence was;
    was.schema = op.schema;
    was.name = op.name;
    was.start = eo.integer("start");
    was.increment = eo.integer("increment");
    was.minvalue = eo.integer("minvalue");
    was.maxvalue = eo.integer("maxvalue");
    was.cache = eo.integer("cache");
    was.cycle = eo.flag("cycle");
    op.existing = std::move(was);
  }
  lua_pop(L, 1);
  emit(L, std::move(op));
  return 0;
}

// op.create_enum(name, values, {schema, if_not_exists}).
int create_enum_impl(lua_State* L) {
  constexpr std::string_view fn = "op.create_enum";
  ops::CreateEnum op;
  op.name = need_string(L, 1, fn, "enum name");
  op.values = need_values(L, 2, fn, "values");
  Options o(L, 3, fn, ops::op_spec("create_enum"));
  op.schema = o.str("schema");
  op.if_not_exists = o.flag("if_not_exists");
  emit(L, std::move(op));
  return 0;
}

// op.drop_enum(name, {schema, if_exists, dropped = values}).
int drop_enum_impl(lua_State* L) {
  constexpr std::string_view fn = "op.drop_enum";
  ops::DropEnum op;
  op.name = need_string(L, 1, fn, "enum name");
  Options o(L, 2, fn, ops::op_spec("drop_enum"));
  op.schema = o.str("schema");
  op.if_exists = o.flag("if_exists");
  if (o.push("dropped") != LUA_TNIL) op.dropped = need_values(L, -1, fn, "option 'dropped'");
  lua_pop(L, 1);
  emit(L, std::move(op));
  return 0;
}

// op.alter_enum(name, values, {schema, existing_values, columns = {{table,
// column, schema, server_default}, ...}}).
int alter_enum_impl(lua_State* L) {
  constexpr std::string_view fn = "op.alter_enum";
  ops::AlterEnum op;
  op.name = need_string(L, 1, fn, "enum name");
  op.values = need_values(L, 2, fn, "values");
  Options o(L, 3, fn, ops::op_spec("alter_enum"));
  op.schema = o.str("schema");
  if (o.push("existing_values") == LUA_TNIL) {
    fail(fn, "existing_values (the type's values now) is required");
  }
  op.existing_values = need_values(L, -1, fn, "option 'existing_values'");
  lua_pop(L, 1);
  if (int t = o.push("columns"); t != LUA_TNIL) {
    const int list = lua_gettop(L);
    if (t != LUA_TTABLE) {
      fail(fn, std::string("option 'columns' must be an array of {table = ..., column = ...}, "
                           "got ") + luaL_typename(L, list));
    }
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, list));
    for (lua_Integer i = 1; i <= n; ++i) {
      const std::string where = std::string(fn) + " columns[" + std::to_string(i) + "]";
      if (lua_rawgeti(L, list, i) != LUA_TTABLE) {
        fail(where, std::string("must be a table {table = ..., column = ...}, got ") +
                        luaL_typename(L, -1));
      }
      Options co(L, lua_gettop(L), where, ops::table_spec("alter_enum.columns"));
      ops::EnumColumn column;
      co.push("table");
      column.table = need_string(L, -1, where, "table");
      co.push("column");
      column.column = need_string(L, -1, where, "column");
      lua_pop(L, 2);
      column.schema = co.str("schema");
      co.push("server_default");
      column.server_default = server_default(L, -1, where);
      lua_pop(L, 2);  // server_default, the entry
      op.columns.push_back(std::move(column));
    }
  }
  lua_pop(L, 1);
  emit(L, std::move(op));
  return 0;
}

const luaL_Reg kFunctions[] = {
    {"alter_sequence", guarded<alter_sequence_impl>},
    {"create_enum", guarded<create_enum_impl>},
    {"drop_enum", guarded<drop_enum_impl>},
    {"alter_enum", guarded<alter_enum_impl>},
};

}  // namespace

std::span<const luaL_Reg> type_functions() { return kFunctions; }

}  // namespace strata::lua::opapi
