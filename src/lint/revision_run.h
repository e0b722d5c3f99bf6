// RevisionRun: one revision script run offline for lint — the ops its
// upgrade() emits, each with the script line that made it and whether its
// table (and column) is new in this revision, and how its downgrade() went.
//
// record_revision runs upgrade() and then downgrade() in a fresh sandbox
// each, into a recording OpSink (never a database): op.query fails there,
// and that failure is kept (ScriptFailure::needs_database) together with the
// ops recorded before it. Any other script error is kept too; nothing
// throws except reading the script file (Error kIo).
//
// "New" means created earlier in the same revision (create_table, followed
// through rename_table / move_table); every other table is existing, also
// one created by an earlier revision of the linted range.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lua/script_runner.h"
#include "ops/ops.h"
#include "script/revision.h"

namespace strata::lint {

struct LintedOp {
  ops::Op op;
  int line = 0;                // the script line of the op.* call (0: unknown)
  bool in_autocommit = false;  // inside op.autocommit_block
  bool table_new = false;      // its table was created earlier in this revision
  bool column_new = false;     // column ops: the column was added earlier in it
  // Changes of an op.batch_alter_table are listed one by one (each a
  // LintedOp on the batch's line); `batch` numbers the batch they came
  // from (-1: not from a batch).
  int batch = -1;
  // Numbers the stretches between autocommit block boundaries (each a
  // COMMIT): two ops outside blocks with the same number run in one
  // transaction.
  int segment = 0;
};

struct ScriptFailure {
  std::string message;  // without the "path:line: " prefix
  int line = 0;
  bool needs_database = false;  // op.query: the script needs a live database
};

struct RevisionRun {
  const script::Revision* revision = nullptr;
  std::vector<std::string> lines;  // the script's text, by line (lines[0] is line 1)
  std::vector<LintedOp> upgrade;
  std::optional<ScriptFailure> upgrade_failure;
  size_t downgrade_ops = 0;  // ops downgrade() emitted (autocommit markers excluded)
  std::optional<ScriptFailure> downgrade_failure;
  // The script sets a top-level `lock_timeout` (the revision header key).
  bool has_lock_timeout = false;
  int downgrade_line = 0;  // the line of `function downgrade` (0: not found)
};

struct RecordOptions {
  std::string dialect;  // what op.dialect says: "postgresql", "sqlite", ...
  lua::ScriptEnv env;
  std::map<std::string, std::string> x_args;  // -x key=value
};

RevisionRun record_revision(const script::Revision& revision, const RecordOptions& options);

// The message op.query fails with under lint.
inline constexpr std::string_view kNeedsDatabase =
    "op.query needs a live database (strata lint never connects)";

}  // namespace strata::lint
