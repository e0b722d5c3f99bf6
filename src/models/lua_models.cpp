// The `model` table of Lua model files (contract in models/lua_models.h).
// Value constructors are the op API's own (lua/op_support.h); this file adds
// the declarations, which append to DeclaredModels instead of emitting ops.
#include "models/lua_models.h"

#include <algorithm>
#include <cctype>
#include <lua.hpp>
#include <set>

#include "lua/op_support.h"
#include "lua/sandbox.h"

namespace strata::models {
namespace {

using lua::ArgError;
using lua::guarded;
namespace opapi = lua::opapi;
using opapi::fail;
using opapi::need_string;
using opapi::Options;

// Per-state data of the declarations (upvalue 1 of each closure).
struct ModelContext {
  DeclaredModels* out;
  const LuaModelOptions* options;
};

ModelContext& model_context(lua_State* L) {
  return *static_cast<ModelContext*>(lua_touserdata(L, lua_upvalueindex(1)));
}

// "file:line" of the Lua code calling the running C function.
std::string origin(lua_State* L) {
  lua_Debug ar;
  if (lua_getstack(L, 1, &ar) == 0 || lua_getinfo(L, "Sl", &ar) == 0 || ar.currentline <= 0) {
    return "";
  }
  std::string file = ar.source != nullptr && ar.source[0] == '@' ? ar.source + 1 : ar.short_src;
  return file + ":" + std::to_string(ar.currentline);
}

std::string need_name(lua_State* L, int idx, std::string_view fn, std::string_view what) {
  std::string name = need_string(L, idx, fn, what);
  if (name.empty()) fail(fn, std::string(what) + " must not be empty");
  return name;
}

// The schema option, if given (non-empty).
std::optional<std::string> schema_option(const Options& o, std::string_view fn) {
  std::optional<std::string> schema = o.str("schema");
  if (schema && schema->empty()) {
    fail(fn, "schema must not be empty (leave it out for the default)");
  }
  return schema;
}

int schema_impl(lua_State* L) {
  std::string name = need_name(L, 1, "model.schema", "schema name");
  if (lua_gettop(L) > 1) fail("model.schema", "takes only the schema name");
  std::vector<std::string>& schemas = model_context(L).out->catalog.schemas;
  if (std::find(schemas.begin(), schemas.end(), name) == schemas.end()) schemas.push_back(name);
  return 0;
}

int enum_impl(lua_State* L) {
  constexpr std::string_view fn = "model.enum";
  model::Enum e;
  e.name = need_name(L, 1, fn, "enum name");
  e.values = opapi::need_names(L, 2, fn, "values");
  std::set<std::string> seen;
  for (const std::string& v : e.values) {
    if (!seen.insert(v).second) fail(fn, "value '" + v + "' is given twice");
  }
  e.schema = schema_option(Options(L, 3, fn, {"schema"}), fn);
  e.origin = origin(L);
  model_context(L).out->catalog.enums.push_back(std::move(e));
  return 0;
}

int sequence_impl(lua_State* L) {
  constexpr std::string_view fn = "model.sequence";
  model::Sequence s;
  s.name = need_name(L, 1, fn, "sequence name");
  Options o(L, 2, fn,
            {"schema", "start", "increment", "minvalue", "maxvalue", "cache", "cycle"});
  s.schema = schema_option(o, fn);
  s.start = o.integer("start");
  s.increment = o.integer("increment");
  s.minvalue = o.integer("minvalue");
  s.maxvalue = o.integer("maxvalue");
  s.cache = o.integer("cache");
  s.cycle = o.flag("cycle");
  if (s.increment == 0) fail(fn, "increment must not be 0");
  s.origin = origin(L);
  model_context(L).out->catalog.sequences.push_back(std::move(s));
  return 0;
}

// model.table(name, <column | constraint>..., {schema, comment, renamed_from}).
int table_impl(lua_State* L) {
  constexpr std::string_view fn = "model.table";
  model::Table table;
  table.name = need_name(L, 1, fn, "table name");
  int top = lua_gettop(L);
  int last_item = top;
  if (top >= 2 && lua_type(L, top) == LUA_TTABLE) {
    Options o(L, top, fn, {"schema", "comment", "renamed_from"});
    table.schema = schema_option(o, fn);
    table.comment = o.str("comment");
    table.renamed_from = o.str("renamed_from");
    const std::optional<std::string>& old = table.renamed_from;
    if (old && (old->empty() || old->front() == '.' || old->back() == '.' ||
                std::count(old->begin(), old->end(), '.') > 1)) {
      fail(fn, "renamed_from must be \"old_name\" or \"schema.old_name\", got '" + *old + "'");
    }
    last_item = top - 1;
  }
  opapi::read_table_items(L, 2, last_item, fn, table);
  table.origin = origin(L);
  model_context(L).out->catalog.tables.push_back(std::move(table));
  return 0;
}

// model.index(name | nil, table, elements, {schema, unique, where, include,
// using, ops}) — using / ops (PostgreSQL access method and per-column
// operator classes) are compared by autogenerate on PostgreSQL only.
int index_impl(lua_State* L) {
  constexpr std::string_view fn = "model.index";
  ModelContext& ctx = model_context(L);
  ops::CreateIndex op;
  if (lua_isnil(L, 1)) {
    if (!ctx.options->index_name_optional) {
      fail(fn, "the index needs a name: naming_convention in strata.toml has no 'ix' template");
    }
  } else {
    op.index.name = need_name(L, 1, fn, "index name");
  }
  op.index.table = need_name(L, 2, fn, "table name");
  // create_index's reader also takes if_not_exists / concurrently, which
  // mean nothing for a declaration: check the keys first.
  Options(L, 4, fn,
          {"schema", "unique", "where", "postgresql_where", "sqlite_where", "include",
           "postgresql_include", "using", "postgresql_using", "ops", "postgresql_ops"});
  opapi::read_create_index(L, 3, 4, fn, true, false, op);
  if (op.index.schema && op.index.schema->empty()) {
    fail(fn, "schema must not be empty (leave it out for the default)");
  }
  ctx.out->catalog.indexes.push_back(std::move(op.index));
  ctx.out->index_origins.push_back(origin(L));
  return 0;
}

int view_impl(lua_State* L) {
  constexpr std::string_view fn = "model.view";
  model::View v;
  v.name = need_name(L, 1, fn, "view name");
  v.definition = opapi::need_sql(L, 2, fn, "select_sql").first;
  if (v.definition.empty()) fail(fn, "select_sql must not be empty");
  v.schema = schema_option(Options(L, 3, fn, {"schema"}), fn);
  v.origin = origin(L);
  model_context(L).out->catalog.views.push_back(std::move(v));
  return 0;
}

// model.<Unknown>: capitalised names are types, so a typo is an error.
int model_index(lua_State* L) {
  if (lua_type(L, 2) == LUA_TSTRING) {
    std::string key = opapi::to_std(L, 2);
    if (!key.empty() && std::isupper(static_cast<unsigned char>(key[0]))) {
      throw ArgError("unknown type '" + key + "' (model." + key + ")");
    }
  }
  lua_pushnil(L);
  return 1;
}

const luaL_Reg kDeclarations[] = {
    {"schema", guarded<schema_impl>},     {"enum", guarded<enum_impl>},
    {"sequence", guarded<sequence_impl>}, {"table", guarded<table_impl>},
    {"index", guarded<index_impl>},       {"view", guarded<view_impl>},
};

// Sets the global `model`; `ctx` must outlive the state's use.
void install_model_api(lua_State* L, ModelContext& ctx) {
  lua_createtable(L, 0, 48);
  int model = lua_gettop(L);
  opapi::install_values(L, model);

  // The value constructors close over an OpContext, as in the op table; it
  // has no sink (they emit nothing) and marks the model form of op.column.
  void* mem = lua_newuserdatauv(L, sizeof(opapi::OpContext), 0);
  auto* op_ctx = new (mem) opapi::OpContext{};  // trivially destructible: no __gc
  op_ctx->model_values = true;
  opapi::register_functions(L, model, lua_gettop(L), opapi::value_functions());
  lua_pop(L, 1);

  // The declarations close over a pointer to `ctx` (owned by the caller).
  for (const luaL_Reg& f : kDeclarations) {
    lua_pushlightuserdata(L, &ctx);
    lua_pushcclosure(L, f.func, 1);
    lua_setfield(L, model, f.name);
  }

  const std::string& dialect = ctx.options->dialect;
  lua_pushlstring(L, dialect.data(), dialect.size());
  lua_setfield(L, model, "dialect");
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, guarded<model_index>);
  lua_setfield(L, -2, "__index");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, model);
  lua_setglobal(L, "model");
}

}  // namespace

void load_lua_model(const std::string& path, const LuaModelOptions& options,
                    DeclaredModels& out) {
  lua::Sandbox sandbox(lua::SandboxOptions{options.module_roots, options.instruction_limit});
  ModelContext ctx{&out, &options};
  install_model_api(sandbox.state(), ctx);
  sandbox.load_file(path);
  sandbox.call(0, 0);
}

}  // namespace strata::models
