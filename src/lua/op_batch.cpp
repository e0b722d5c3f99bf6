// op.batch_alter_table and op.autocommit_block: the op API functions that run
// a script callback (contracts in op_api.h).
//
// Callbacks run through lua_pcall from the C function; an error is re-raised
// unchanged (kRaiseTop) after this file's bookkeeping, so the message keeps
// the position of the failing script line and C++ exceptions stored by inner
// guarded functions still reach Sandbox::call.
#include "lua/op_support.h"

namespace strata::lua::opapi {
namespace {

// A batch being collected. The `batch` object scripts get is this userdata,
// with a metatable of its own whose __index holds the methods (closures over
// the OpContext and this userdata).
struct BatchState {
  ops::BatchAlterTable batch;
  bool open = true;            // false once op.batch_alter_table has returned
  bool in_autocommit = false;  // the batch op will be emitted inside a block
};

// Method preamble: accepts batch.m(...) and batch:m(...) (drops the self
// argument), refuses a batch that is closed.
BatchState& self(lua_State* L, std::string_view fn) {
  auto* state = static_cast<BatchState*>(lua_touserdata(L, lua_upvalueindex(2)));
  if (lua_rawequal(L, 1, lua_upvalueindex(2))) lua_remove(L, 1);
  if (!state->open) fail(fn, "the batch is closed (op.batch_alter_table has returned)");
  return *state;
}

template <class Op>
Op table_op(const BatchState& s) {
  Op op;
  op.schema = s.batch.schema;
  op.table = s.batch.table;
  return op;
}

int add_column_m(lua_State* L) {
  constexpr std::string_view fn = "batch.add_column";
  BatchState& s = self(L, fn);
  auto op = table_op<ops::AddColumn>(s);
  const ColumnSpec* spec = test_column(L, 1);
  if (!spec) fail(fn, std::string("column must be op.column(...), got ") + luaL_typename(L, 1));
  if (spec->foreign_key) {
    fail(fn, "a column-level foreign_key is not supported here; use batch.create_foreign_key");
  }
  op.column = spec->column;
  op.if_not_exists = Options(L, 2, fn, ops::batch_spec("add_column")).flag("if_not_exists");
  s.batch.ops.push_back(std::move(op));
  return 0;
}

int drop_column_m(lua_State* L) {
  constexpr std::string_view fn = "batch.drop_column";
  BatchState& s = self(L, fn);
  auto op = table_op<ops::DropColumn>(s);
  op.column = need_string(L, 1, fn, "column name");
  read_drop_column(L, 2, fn, false, op);
  s.batch.ops.push_back(std::move(op));
  return 0;
}

int alter_column_m(lua_State* L) {
  constexpr std::string_view fn = "batch.alter_column";
  BatchState& s = self(L, fn);
  auto op = table_op<ops::AlterColumn>(s);
  op.column = need_string(L, 1, fn, "column name");
  read_alter_column(L, 2, fn, false, op);
  s.batch.ops.push_back(std::move(op));
  return 0;
}

template <class C>
int create_keyed_m(lua_State* L, std::string_view fn) {
  BatchState& s = self(L, fn);
  auto op = table_op<ops::AddConstraint>(s);
  C c;
  c.name = opt_string(L, 1, fn, "constraint name");
  c.columns = need_names(L, 2, fn, "columns");
  if (lua_gettop(L) > 2) fail(fn, "too many arguments");
  op.constraint = std::move(c);
  s.batch.ops.push_back(std::move(op));
  return 0;
}
int create_primary_key_m(lua_State* L) {
  return create_keyed_m<model::PrimaryKey>(L, "batch.create_primary_key");
}
int create_unique_constraint_m(lua_State* L) {
  return create_keyed_m<model::UniqueConstraint>(L, "batch.create_unique_constraint");
}

int create_check_constraint_m(lua_State* L) {
  constexpr std::string_view fn = "batch.create_check_constraint";
  BatchState& s = self(L, fn);
  auto op = table_op<ops::AddConstraint>(s);
  model::CheckConstraint ck;
  ck.name = opt_string(L, 1, fn, "constraint name");
  ck.sqltext = need_sql(L, 2, fn, "condition").first;
  if (lua_gettop(L) > 3) fail(fn, "too many arguments");
  op.not_valid = Options(L, 3, fn, ops::batch_spec("create_check_constraint")).flag("not_valid");
  op.constraint = std::move(ck);
  s.batch.ops.push_back(std::move(op));
  return 0;
}

int create_foreign_key_m(lua_State* L) {
  constexpr std::string_view fn = "batch.create_foreign_key";
  BatchState& s = self(L, fn);
  auto op = table_op<ops::AddConstraint>(s);
  model::ForeignKey fk;
  fk.name = opt_string(L, 1, fn, "constraint name");
  fk.ref_table = need_string(L, 2, fn, "referent table");
  fk.columns = need_names(L, 3, fn, "local columns");
  fk.ref_columns = need_names(L, 4, fn, "remote columns");
  read_foreign_key(L, 5, fn, false, op, fk);
  op.constraint = std::move(fk);
  s.batch.ops.push_back(std::move(op));
  return 0;
}

int drop_constraint_m(lua_State* L) {
  constexpr std::string_view fn = "batch.drop_constraint";
  BatchState& s = self(L, fn);
  auto op = table_op<ops::DropConstraint>(s);
  op.name = need_string(L, 1, fn, "constraint name");
  read_drop_constraint(L, 2, fn, false, op);
  s.batch.ops.push_back(std::move(op));
  return 0;
}

int create_index_m(lua_State* L) {
  constexpr std::string_view fn = "batch.create_index";
  BatchState& s = self(L, fn);
  ops::CreateIndex op;
  op.index.schema = s.batch.schema;
  op.index.table = s.batch.table;
  op.index.name = need_string(L, 1, fn, "index name");
  read_create_index(L, 2, 3, fn, false, s.in_autocommit, op);
  s.batch.ops.push_back(std::move(op));
  return 0;
}

int drop_index_m(lua_State* L) {
  constexpr std::string_view fn = "batch.drop_index";
  BatchState& s = self(L, fn);
  ops::DropIndex op;
  op.schema = s.batch.schema;
  op.table = s.batch.table;
  op.name = need_string(L, 1, fn, "index name");
  read_drop_index(L, 2, fn, false, false, s.in_autocommit, op);
  s.batch.ops.push_back(std::move(op));
  return 0;
}

const luaL_Reg kMethods[] = {
    {"add_column", guarded<add_column_m>},
    {"drop_column", guarded<drop_column_m>},
    {"alter_column", guarded<alter_column_m>},
    {"create_primary_key", guarded<create_primary_key_m>},
    {"create_unique_constraint", guarded<create_unique_constraint_m>},
    {"create_check_constraint", guarded<create_check_constraint_m>},
    {"create_foreign_key", guarded<create_foreign_key_m>},
    {"drop_constraint", guarded<drop_constraint_m>},
    {"create_index", guarded<create_index_m>},
    {"drop_index", guarded<drop_index_m>},
};

int batch_tostring(lua_State* L) {
  auto* s = static_cast<BatchState*>(lua_touserdata(L, 1));
  std::string name = (s->batch.schema ? *s->batch.schema + "." : "") + s->batch.table;
  lua_pushstring(L, ("batch_alter_table " + name).c_str());
  return 1;
}

// Pushes a new batch object for `batch`.
BatchState* push_batch(lua_State* L, BatchState state) {
  void* mem = lua_newuserdatauv(L, sizeof(BatchState), 0);
  auto* s = new (mem) BatchState(std::move(state));
  int ud = lua_gettop(L);
  lua_createtable(L, 0, 4);  // its metatable
  lua_createtable(L, 0, static_cast<int>(std::size(kMethods)));
  for (const luaL_Reg& m : kMethods) {
    lua_pushvalue(L, lua_upvalueindex(1));  // the OpContext
    lua_pushvalue(L, ud);
    lua_pushcclosure(L, m.func, 2);
    lua_setfield(L, -2, m.name);
  }
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, box_gc<BatchState>);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, batch_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, ud);
  return s;
}

// op.batch_alter_table(table, [{schema}], function(batch) ... end)
int batch_alter_table_impl(lua_State* L) {
  constexpr std::string_view fn = "op.batch_alter_table";
  BatchState state;
  state.batch.table = need_string(L, 1, fn, "table name");
  int callback = 2;
  if (lua_type(L, 2) != LUA_TFUNCTION) {
    state.batch.schema = Options(L, 2, fn, ops::op_spec("batch_alter_table")).str("schema");
    callback = 3;
  }
  need_function(L, callback, fn, "the last argument");
  if (lua_gettop(L) > callback) fail(fn, "too many arguments");
  state.in_autocommit = context(L).autocommit_depth > 0;
  BatchState* s = push_batch(L, std::move(state));
  int ud = lua_gettop(L);
  lua_pushvalue(L, callback);
  lua_pushvalue(L, ud);
  int status = lua_pcall(L, 1, 0, 0);
  s->open = false;
  if (status != LUA_OK) return kRaiseTop;  // nothing emitted
  if (s->batch.ops.empty()) return 0;
  emit(L, std::move(s->batch));
  return 0;
}

// op.autocommit_block(function() ... end)
int autocommit_block_impl(lua_State* L) {
  constexpr std::string_view fn = "op.autocommit_block";
  need_function(L, 1, fn, "the block");
  if (lua_gettop(L) > 1) fail(fn, "takes one function");
  emit(L, ops::AutocommitBegin{});
  OpContext& ctx = context(L);
  ++ctx.autocommit_depth;
  lua_pushvalue(L, 1);
  int status = lua_pcall(L, 0, 0, 0);
  --ctx.autocommit_depth;
  // The block's end runs on an error too: a script that catches the error
  // (pcall) continues inside the revision's transaction, never outside any.
  emit(L, ops::AutocommitEnd{});
  if (status != LUA_OK) return kRaiseTop;
  return 0;
}

const luaL_Reg kFunctions[] = {
    {"batch_alter_table", guarded<batch_alter_table_impl>},
    {"autocommit_block", guarded<autocommit_block_impl>},
};

}  // namespace

std::span<const luaL_Reg> block_functions() { return kFunctions; }

}  // namespace strata::lua::opapi
