// ScriptPrefetch: an offline (--sql) run's revision scripts, run ahead of
// the step loop on worker threads. Each script's upgrade()/downgrade() runs
// into a record of what it sent — statements already rendered by the
// dialect, version-schema notes, autocommit markers, print() lines — which
// the step loop replays at the script's step (replay()), so the run writes
// exactly what running the script there would have written.
//
// Why this is safe offline only: an offline script cannot see the run's
// state (op.query is refused in --sql mode; the version table, transaction
// and comments are the step loop's), so when and on which thread it runs
// changes nothing it sees. Online scripts may query the database their
// earlier steps changed; they run at their step (apply_step).
//
// Contract:
//  - Steps run in order per worker: step i on worker i % workers; a worker
//    stays at most kWindow steps ahead of the step the loop replays, so the
//    records held stay bounded. Wake-ups are batched both ways (a thread
//    about to sleep first wakes the other side), since a wake-up per script
//    costs more than the script on a VM.
//  - A step's record holds its script's checksum, its events in the order
//    sent, and the exception the script (or reading it) ended with, if any;
//    replay() sends the events to the emitter, then rethrows that exception
//    — the same output and the same error, at the same point, as running the
//    script there. A worker stops at its first failing script.
//  - Rendering happens on the worker, inside the script's op call, so a
//    statement the dialect refuses (or one with a NUL) fails at the script's
//    line and can be caught by the script's pcall(), as when run in place.
//  - The destructor stops the workers and waits for them: destroy the
//    prefetch before the ScriptCache and ScriptEnv it was given.
//
// Thread-safety: the step loop (one thread) calls replay(); the workers use
// the dialect and the emitter's -x arguments (both immutable during the
// run), the ScriptCache (read()/remember() are thread-safe) and Lua states
// of their own.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dialect/dialect.h"
#include "lua/script_cache.h"
#include "lua/script_runner.h"
#include "runtime/sql_emitter.h"
#include "script/migration_plan.h"

namespace strata::runtime {

class ScriptPrefetch {
 public:
  // How far a worker runs ahead of the replayed step.
  static constexpr size_t kWindow = 256;

  // Worker threads worth starting for `steps` on this machine (0: run the
  // scripts in place): none for fewer than 64 scripts or a single core,
  // else up to 2. The environment variable STRATA_SCRIPT_WORKERS=N forces N
  // (0: in place) whenever there is a script, for tests and measurements.
  static size_t workers_for(const std::vector<script::MigrationStep>& steps);

  // Starts `workers` threads over `steps` (all outlive this object).
  ScriptPrefetch(const std::vector<script::MigrationStep>& steps, const SqlEmitter& emitter,
                 const dialect::VersionTableName& version_table, lua::ScriptCache& scripts,
                 const lua::ScriptEnv& env, size_t workers);
  ~ScriptPrefetch();
  ScriptPrefetch(const ScriptPrefetch&) = delete;
  ScriptPrefetch& operator=(const ScriptPrefetch&) = delete;

  // Waits for the record of `step` (an element of the `steps` given) and
  // replays it into `emitter`: each statement through emit_sql, each
  // version-schema note to `note` (as VersionSchemaGuard's note), each
  // autocommit marker through emit, each print() line to stderr. Returns the
  // script's checksum; rethrows the script's exception after the events it
  // sent before it. Once per step, in order; the record is freed after.
  std::string replay(const script::MigrationStep& step, SqlEmitter& emitter,
                     const std::function<void(const std::string&)>& note);

 private:
  struct Event {
    enum class Kind { kStatement, kNote, kAutocommitBegin, kAutocommitEnd, kPrint };
    Kind kind;
    std::string text;
  };
  struct Record {
    bool ready = false;
    std::string checksum;
    std::vector<Event> events;
    std::exception_ptr error;
  };
  class RecordingSink;

  void work(size_t first, size_t stride);
  void run_script(const script::MigrationStep& step, Record& record);

  const std::vector<script::MigrationStep>& steps_;
  const SqlEmitter& emitter_;
  const dialect::VersionTableName& version_table_;
  lua::ScriptCache& scripts_;
  const lua::ScriptEnv& env_;

  std::mutex mutex_;
  std::condition_variable ready_;     // a record became ready
  std::condition_variable advanced_;  // the loop moved on, or stop
  std::vector<Record> records_;       // one per step
  size_t replayed_ = 0;               // steps the loop has taken
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace strata::runtime
