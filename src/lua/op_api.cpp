// install_op_api: assembles the `op` table from the implementation files
// (op_values, op_table_ops, op_constraint_ops, op_data_ops, op_batch,
// op_reverse, op_type_ops; shared internals in op_support.h).
#include "lua/op_api.h"

#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <lua.hpp>

#include "lua/op_tenant.h"
#include "lua/op_support.h"
#include "lua/sandbox.h"
#include "runtime/op_sink.h"
#include "strata/error.h"

namespace strata::lua {
namespace {

int push_tenant(lua_State* L);

// op.<Unknown>: capitalised names are types, so a typo is an error.
int op_index(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING) {
    std::string key = opapi::to_std(L, 2);
    if (key == "tenant") return push_tenant(L);
    if (!key.empty() && std::isupper(static_cast<unsigned char>(key[0]))) {
      throw ArgError("unknown type '" + key + "' (op." + key + ")");
    }
  }
  lua_pushnil(L);
  return 1;
}

// op.x = v: the op API is read-only.
int op_newindex(lua_State* L) {
  std::string key = lua_type(L, 2) == LUA_TSTRING ? opapi::to_std(L, 2) : "?";
  throw ArgError("op is read-only (assigning op." + key + ")");
}

constexpr const char* kContextKey = "strata.op_context";

// op.tenant: the sink's `-x tenant` (lua/op_tenant.h), or nil. Looked up on
// each use: a reused state is rebound to another run's sink.
int push_tenant(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kContextKey);
  auto* ctx = static_cast<opapi::OpContext*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  std::optional<std::string> tenant;
  if (ctx != nullptr && ctx->sink != nullptr) tenant = ctx->sink->x_arg("tenant");
  if (tenant) {
    lua_pushlstring(L, tenant->data(), tenant->size());
  } else {
    lua_pushnil(L);
  }
  return 1;
}

// The state whose op.* call is emitting an op now (see emitting_op_line).
thread_local lua_State* t_emitting = nullptr;

}  // namespace

namespace opapi {

void emit(lua_State* L, ops::Op op) {
  struct Restore {
    lua_State* previous;
    ~Restore() { t_emitting = previous; }
  } restore{t_emitting};
  t_emitting = L;
  map_tenant_schemas(op, *context(L).sink);  // tenant schemas (lua/op_tenant.h)
  context(L).sink->emit(op);
}

}  // namespace opapi

int emitting_op_line() {
  lua_State* L = t_emitting;
  if (L == nullptr) return 0;
  std::vector<std::pair<std::string, int>> frames;  // Lua frames, innermost first
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar) != 0; ++level) {
    if (lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline <= 0) continue;  // C frames
    frames.emplace_back(ar.source, ar.currentline);
  }
  if (frames.empty()) return 0;
  const std::string& script = frames.back().first;
  for (const auto& [source, line] : frames) {
    if (source == script) return line;
  }
  return 0;
}

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
  lua_setfield(L, LUA_REGISTRYINDEX, kContextKey);  // for rebind_op_api; the closures' upvalue

  std::string dialect(sink.dialect_name());
  lua_pushlstring(L, dialect.data(), dialect.size());
  lua_setfield(L, op, "dialect");
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, guarded<op_index>);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, op);

  // The global `op` is a read-only view of that table: a userdata, so
  // neither `op.x = ...` nor rawset/setmetatable can change the op API the
  // script and its lib/ modules see (each script has its own state anyway).
  lua_newuserdatauv(L, 0, 0);
  lua_createtable(L, 0, 3);
  lua_pushvalue(L, op);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, guarded<op_newindex>);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_setglobal(L, "op");
  lua_pop(L, 1);  // the table lives on as the view's __index
}

void rebind_op_api(lua_State* L, runtime::OpSink& sink) {
  lua_getfield(L, LUA_REGISTRYINDEX, kContextKey);
  auto* ctx = static_cast<opapi::OpContext*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  if (ctx == nullptr) throw Error(ErrorCode::kInternal, "rebind_op_api: no op table in this state");
  ctx->sink = &sink;
  ctx->autocommit_depth = 0;
  ctx->reversing = false;
}

}  // namespace strata::lua
