// Running a revision script's upgrade() or downgrade().
//
// The whole file is loaded into a fresh sandbox environment (see
// lua/sandbox.h) with the `op` table bound to the sink (see lua/op_api.h);
// its top level runs, then the requested function is called. Operations
// reach the sink in call order. A step runs the ScriptSource it read through
// the run's ScriptCache (lua/script_cache.h): the cached chunk, or the text
// whose checksum it records, compiled here and offered to the cache.
//
// Isolation and reuse: each script gets globals, library tables, require()
// cache and math random state of its own. The Lua state under them is kept
// per thread and reused by the next script with the same ScriptEnv and
// dialect (Sandbox::begin_script/end_script), which saves building the
// libraries and the op API per script; it is closed and never reused after
// a script failed or gave a table a __gc metamethod (its finalizers then run
// before run_migration returns, as below).
//
// Errors:
//   - Error(kIo)      `path: cannot read: reason`
//   - Error(kScript)  `path:line: syntax error near 'end'` (Lua's message),
//                     `path: no upgrade() function` / `no downgrade() function`,
//                     `path:line: message` for a runtime error, positioned at
//                     the failing line of the script (or of a project module);
//                     `path:line: script exceeded N instructions (setting)` and
//                     `path:line: script exceeded the memory limit of N MiB
//                     (setting)` past ScriptEnv's limits.
//   - Error(kScript)  `path:line: op.* called after upgrade() returned (in a
//                     __gc finalizer)`: once the function returned, the op
//                     API raises (kept references, finalizers); every
//                     finalizer runs before run_migration returns, and one
//                     that failed fails the step. Messages are one line
//                     (lua::one_error_line).
//   - Error(kScript)  `path:line: op.* called after upgrade() returned (in a
//                     __gc finalizer)`: once the function returned, the op
//                     API raises (kept references, finalizers); every
//                     finalizer runs before run_migration returns, and one
//                     that failed fails the step. Messages are one line
//                     (lua::one_error_line).
//   - an exception thrown by the sink (e.g. Error(kDatabase) from a failed
//     statement) propagates unchanged, with its ErrorCode.
#pragma once

#include <string>
#include <vector>

#include "lua/script_cache.h"
#include "runtime/op_sink.h"
#include "script/revision.h"

namespace strata::lua {

struct ScriptEnv {
  // Directories require() searches, in order (ScriptDirectory::script_env()
  // gives `<script_location>/lib`).
  std::vector<std::string> module_roots;
  // Abort a script after about this many Lua VM instructions (0: no limit).
  long instruction_limit = 0;
  // Refuse Lua allocations past this many MiB (0: no limit).
  long memory_limit_mb = 0;
  // Where each limit came from, named in the error (see lua/sandbox.h);
  // e.g. "strata.toml script_instruction_limit".
  std::string instruction_limit_setting;
  std::string memory_limit_setting;
};

// Reads the script at revision.path itself.
void run_migration(const script::Revision& revision, bool upgrade, runtime::OpSink& sink,
                   const ScriptEnv& env);
// Runs `source` (ScriptCache::read of revision.path); a chunk compiled from
// its text is remembered in `cache` when not null.
void run_migration(const script::Revision& revision, bool upgrade, runtime::OpSink& sink,
                   const ScriptEnv& env, const ScriptSource& source, ScriptCache* cache);

}  // namespace strata::lua
