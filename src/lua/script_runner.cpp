#include "lua/script_runner.h"

#include <lua.hpp>
#include <memory>
#include <optional>
#include <string>

#include "lua/op_api.h"
#include "lua/sandbox.h"
#include "lua/script_file.h"
#include "strata/error.h"

namespace strata::lua {
namespace {

// A state ready for the next script: libraries and the op API installed, the
// template saved. Reused only with the same settings and dialect.
struct Host {
  ScriptEnv env;
  std::string dialect;
  std::unique_ptr<Sandbox> sandbox;
};

bool same_env(const ScriptEnv& a, const ScriptEnv& b) {
  return a.module_roots == b.module_roots && a.instruction_limit == b.instruction_limit &&
         a.memory_limit_mb == b.memory_limit_mb &&
         a.instruction_limit_setting == b.instruction_limit_setting &&
         a.memory_limit_setting == b.memory_limit_setting;
}

thread_local std::unique_ptr<Host> t_idle;  // the state the last script left reusable

std::unique_ptr<Host> take_host(runtime::OpSink& sink, const ScriptEnv& env) {
  std::unique_ptr<Host> host = std::move(t_idle);
  if (host && same_env(host->env, env) && host->dialect == sink.dialect_name()) {
    rebind_op_api(host->sandbox->state(), sink);
    return host;
  }
  host.reset();  // closes a state made for other settings
  host = std::make_unique<Host>();
  host->env = env;
  host->dialect = std::string(sink.dialect_name());
  host->sandbox = std::make_unique<Sandbox>(SandboxOptions{
      env.module_roots, env.instruction_limit, env.memory_limit_mb,
      env.instruction_limit_setting, env.memory_limit_setting});
  install_op_api(host->sandbox->state(), sink);
  host->sandbox->save_template();
  return host;
}

}  // namespace

void run_migration(const script::Revision& revision, bool upgrade, runtime::OpSink& sink,
                   const ScriptEnv& env) {
  ScriptSource source;
  source.path = revision.path;
  source.text = read_file(revision.path);
  run_migration(revision, upgrade, sink, env, source, nullptr);
}

void run_migration(const script::Revision& revision, bool upgrade, runtime::OpSink& sink,
                   const ScriptEnv& env, const ScriptSource& source, ScriptCache* cache) {
  // On any exception the host (and its state) is destroyed here.
  std::unique_ptr<Host> host = take_host(sink, env);
  Sandbox& sandbox = *host->sandbox;
  lua_State* L = sandbox.state();
  sandbox.begin_script();
  if (source.bytecode.empty()) {
    sandbox.load_text(source.text, revision.path);
    if (cache != nullptr && source.recordable) {
      if (std::string chunk = sandbox.dump_top(); !chunk.empty()) {
        cache->remember(source, std::move(chunk));
      }
    }
  } else if (!sandbox.load_chunk(source.bytecode, revision.path)) {
    sandbox.load_file(revision.path);  // a chunk Lua refused: compile the script
  }
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
  // finalizer of the script runs now, before the step's version change; one
  // that failed fails the step. A script without Lua finalizers leaves
  // nothing that can run later, and its state serves the next script.
  sandbox.seal(std::string("op.* called after ") + name + "() returned");
  if (sandbox.end_script()) {
    t_idle = std::move(host);
    return;
  }
  sandbox.close();
}

}  // namespace strata::lua
