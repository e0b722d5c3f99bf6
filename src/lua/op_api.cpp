// install_op_api: assembles the `op` table from the implementation files
// (op_values, op_table_ops, op_constraint_ops, op_data_ops, op_batch,
// op_reverse, op_type_ops; shared internals in op_support.h).
#include "lua/op_api.h"

#include <cctype>
#include <lua.hpp>

#include "lua/op_support.h"
#include "lua/sandbox.h"
#include "runtime/op_sink.h"

namespace strata::lua {
namespace {

// op.<Unknown>: capitalised names are types, so a typo is an error.
int op_index(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING) {
    std::string key = opapi::to_std(L, 2);
    if (!key.empty() && std::isupper(static_cast<unsigned char>(key[0]))) {
      throw ArgError("unknown type '" + key + "' (op." + key + ")");
    }
  }
  lua_pushnil(L);
  return 1;
}

}  // namespace

void install_op_api(lua_State* L, runtime::OpSink& sink) {
  lua_createtable(L, 0, 64);
  int op = lua_gettop(L);
  opapi::install_values(L, op);

  void* mem = lua_newuserdatauv(L, sizeof(opapi::OpContext), 0);
  new (mem) opapi::OpContext{&sink};  // trivially destructible: no __gc
  int ctx = lua_gettop(L);
  for (auto functions : {opapi::value_functions(), opapi::table_functions(),
                         opapi::constraint_functions(), opapi::data_functions(),
                         opapi::block_functions(), opapi::reverse_functions(),
                         opapi::type_functions()}) {
    opapi::register_functions(L, op, ctx, functions);
  }
  lua_pop(L, 1);  // the context lives on as the closures' upvalue

  std::string dialect(sink.dialect_name());
  lua_pushlstring(L, dialect.data(), dialect.size());
  lua_setfield(L, op, "dialect");
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, guarded<op_index>);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, op);
  lua_setglobal(L, "op");
}

}  // namespace strata::lua
