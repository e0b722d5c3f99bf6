// op.reverse_upgrade(): a downgrade derived from the script's upgrade()
// (contract in op_api.h; reverse() itself in ops/reverse.h).
#include "lua/op_support.h"
#include "ops/reverse.h"
#include "strata/error.h"

namespace strata::lua::opapi {
namespace {

// Records the ops of an upgrade() that is being reversed instead of running
// them. There is no database behind it: op.query is refused.
class RecordingSink : public runtime::OpSink {
 public:
  explicit RecordingSink(const runtime::OpSink& real) : real_(real) {}
  std::string_view dialect_name() const override { return real_.dialect_name(); }
  void emit(const ops::Op& op) override { recorded.push_back(op); }
  driver::QueryResult query(const std::string&) override {
    throw Error(ErrorCode::kScript,
                "op.query cannot be reversed: op.reverse_upgrade runs upgrade() without a "
                "database");
  }
  std::optional<std::string> x_arg(const std::string& key) const override {
    return real_.x_arg(key);
  }

  std::vector<ops::Op> recorded;

 private:
  const runtime::OpSink& real_;
};

int reverse_upgrade_impl(lua_State* L) {
  constexpr std::string_view fn = "op.reverse_upgrade";
  if (lua_gettop(L) > 0) fail(fn, "takes no arguments");
  OpContext& ctx = context(L);
  if (ctx.reversing) fail(fn, "upgrade() calls op.reverse_upgrade; only downgrade() may");
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushliteral(L, "upgrade");
  lua_rawget(L, -2);
  lua_remove(L, -2);
  if (lua_type(L, -1) != LUA_TFUNCTION) fail(fn, "the script has no upgrade() function");

  RecordingSink recorder(*ctx.sink);
  runtime::OpSink* real = ctx.sink;
  int depth = ctx.autocommit_depth;
  ctx.sink = &recorder;
  ctx.reversing = true;
  ctx.autocommit_depth = 0;
  int status = lua_pcall(L, 0, 0, 0);
  ctx.sink = real;
  ctx.reversing = false;
  ctx.autocommit_depth = depth;
  if (status != LUA_OK) return kRaiseTop;  // positioned inside upgrade()

  std::vector<ops::Op> reversed;
  try {
    reversed = ops::reverse_all(recorder.recorded);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kScript) throw;
    fail(fn, e.message());
  }
  for (const ops::Op& op : reversed) real->emit(op);
  return 0;
}

const luaL_Reg kFunctions[] = {
    {"reverse_upgrade", guarded<reverse_upgrade_impl>},
};

}  // namespace

std::span<const luaL_Reg> reverse_functions() { return kFunctions; }

}  // namespace strata::lua::opapi
