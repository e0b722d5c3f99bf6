#include "lua/script_runner.h"

#include <lua.hpp>

#include "lua/op_api.h"
#include "lua/sandbox.h"
#include "strata/error.h"

namespace strata::lua {

void run_migration(const script::Revision& revision, bool upgrade, runtime::OpSink& sink,
                   const ScriptEnv& env) {
  Sandbox sandbox(SandboxOptions{env.module_roots, env.instruction_limit, env.memory_limit_mb,
                                 env.instruction_limit_setting, env.memory_limit_setting});
  lua_State* L = sandbox.state();
  install_op_api(L, sink);
  sandbox.load_file(revision.path);
  sandbox.call(0, 0);

  const char* name = upgrade ? "upgrade" : "downgrade";
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushstring(L, name);
  lua_rawget(L, -2);
  lua_remove(L, -2);
  if (lua_type(L, -1) != LUA_TFUNCTION) {
    lua_pop(L, 1);
    throw Error(ErrorCode::kScript, revision.path + ": no " + name + "() function");
  }
  sandbox.call(0, 0);
  // The op API is inert once the function returned: a reference kept by the
  // script or a __gc finalizer raises instead of sending a statement. Every
  // finalizer runs now, before the step's version change; one that failed
  // fails the step.
  sandbox.seal(std::string("op.* called after ") + name + "() returned");
  sandbox.close();
}

}  // namespace strata::lua
