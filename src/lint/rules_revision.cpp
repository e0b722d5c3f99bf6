// Rules about the revision as a whole: script-error and needs-database (the
// script could not be run to the end offline), missing-downgrade and
// irreversible (downgrade() does nothing, or op.reverse_upgrade fails).
#include "lint/registry.h"
#include "ops/reverse.h"
#include "strata/error.h"

namespace strata::lint {
namespace {

void report_failure(const ScriptFailure& failure, std::string_view function, Reporter& report) {
  if (failure.needs_database) {
    report.add("needs-database", failure.line,
               std::string(function) +
                   "() calls op.query, which needs a live database: not linted past this line");
  } else {
    report.add("script-error", failure.line,
               std::string(function) + "() fails offline: " + failure.message);
  }
}

}  // namespace

void check_revision(const RevisionRun& run, Reporter& report) {
  if (run.upgrade_failure) report_failure(*run.upgrade_failure, "upgrade", report);

  const std::optional<ScriptFailure>& down = run.downgrade_failure;
  if (down && down->message.find("cannot be reversed") != std::string::npos) {
    bool placed = false;
    for (const LintedOp& lop : run.upgrade) {
      try {
        (void)ops::reverse(lop.op);
      } catch (const Error& e) {
        if (e.code() != ErrorCode::kScript) throw;
        report.add("irreversible", lop.line,
                   e.message() + ", so downgrade() (op.reverse_upgrade) fails");
        placed = true;
      }
    }
    if (!placed) report.add("irreversible", down->line, "downgrade() fails: " + down->message);
  } else if (down && !(run.upgrade_failure && run.upgrade_failure->message == down->message)) {
    report_failure(*down, "downgrade", report);  // (the same error twice is reported once)
  } else if (!down && run.downgrade_ops == 0 && !run.upgrade.empty() && !run.upgrade_failure) {
    report.add("missing-downgrade", run.downgrade_line,
               "downgrade() does nothing while upgrade() has " +
                   std::to_string(run.upgrade.size()) + " op" +
                   (run.upgrade.size() == 1 ? "" : "s") + ": the revision cannot be undone");
  }
}

}  // namespace strata::lint
