// The structured results of the public API's commands (strata/migrator.h):
// runs (upgrade / downgrade / stamp), check and autogenerate, and the
// findings of verify / lint / validate.
//
// Contract: plain values copied out of strata's internals; they stay valid
// after the Migrator is gone. Each `text` field is the one line the CLI
// prints for that item, so a program can log exactly what `strata` shows.
//
// Thread-safety: values; distinct objects may be used from distinct threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace strata {

// One step of an online run that completed.
struct AppliedStep {
  std::string revision;   // the revision run (a stamp: its target rows, comma-joined)
  std::string direction;  // "upgrade", "downgrade" or "stamp"
  std::string step;       // "upgrade a -> b, message"
  long long duration_ms = 0;  // from the step's start to its end (statements and version rows)
};

// upgrade / downgrade / stamp (online).
struct RunReport {
  std::vector<AppliedStep> steps;  // in the order applied; empty: already at the target
  long long duration_ms = 0;       // the whole call, connecting included
};

// check: the models against the database.
struct CheckResult {
  bool clean = true;                  // nothing differs
  std::vector<std::string> changes;   // one line per op ("add_column core.users.tier")
  std::vector<std::string> warnings;  // model loading and the comparator
};

// autogenerate: a new revision with the ops that turn the database into the models.
struct AutogenerateResult {
  std::optional<std::string> path;    // the new script; nullopt: nothing differs, no file
  std::vector<std::string> changes;
  std::vector<std::string> warnings;
};

// One finding of lint or verify.
struct Finding {
  enum class Severity { kInfo, kWarning, kError };
  Severity severity = Severity::kError;
  std::string kind;      // lint: the rule id; verify: the phase (upgrade | downgrade | round_trip | reupgrade | heads | models)
  std::string revision;  // "" when not about one revision
  std::string file;      // the script, when known
  int line = 0;          // 1-based; 0 when unknown
  std::string message;   // one line
  std::string fix;       // lint: how to make the change safely; else empty
  std::vector<std::string> details;  // verify: "- line" / "+ line" snapshot diff, or model changes
  std::string text;      // the line `strata` prints for it
};

// lint over a range of revisions (never connects).
struct LintReport {
  std::string dialect;
  int revisions = 0;   // revisions linted
  int suppressed = 0;  // findings dropped by lint-ignore comments
  std::vector<Finding> findings;
  int count(Finding::Severity severity) const {
    int n = 0;
    for (const Finding& f : findings) n += f.severity == severity ? 1 : 0;
    return n;
  }
};

// validate: the applied history against the scripts (read-only).
struct ChecksumMismatch {
  std::string revision;
  std::string kind;                    // "changed" | "missing"
  std::string path;                    // the script (as recorded when missing)
  std::string recorded;                // checksum recorded when it was applied
  std::optional<std::string> current;  // the script's checksum now; nullopt when missing
  std::string text;                    // the line `strata validate` prints
};
struct FailedStep {
  std::string revision;
  std::string direction;  // "upgrade" | "downgrade"
  long long statements_done = 0;
  std::string error;
  std::string text;       // the line `strata validate` prints (without its hint)
};
struct ValidationReport {
  std::vector<ChecksumMismatch> problems;
  std::vector<FailedStep> failures;  // non-transactional steps that failed, not yet repaired
  bool ok() const { return problems.empty() && failures.empty(); }
};

// doctor: what stops strata (or the project's revisions) from working on the
// configured database, each with its fix (README "Permissions and layout").
struct DoctorProblem {
  std::string check;    // e.g. "schema-usage", "table-privileges", "search-path-order", "lock-held"
  std::string message;  // what is wrong, one line
  std::string fix;      // the GRANT or config change that fixes it; may be empty
};
struct DoctorReport {
  std::string dialect;
  std::string url;                  // password redacted
  std::string user;                 // the database user ("" for SQLite)
  std::vector<std::string> passed;  // one line per check that found nothing
  std::vector<DoctorProblem> problems;
  bool ok() const { return problems.empty(); }
};

// repair: what was recorded.
struct RepairReport {
  std::vector<std::string> checksums_updated;  // revisions whose current checksum was recorded
  std::vector<std::string> failures_cleared;   // revisions whose failed step was marked repaired
};

// verify: every rollback tested on a scratch database.
struct VerifyReport {
  std::string scratch;                // what was used, e.g. "temporary SQLite file"
  std::vector<std::string> verified;  // revisions whose round trip passed, in order
  bool heads_checked = false;
  bool models_checked = false;
  std::vector<std::string> warnings;
  std::optional<Finding> failure;     // the first failure; the walk stops there
  bool ok() const { return !failure; }
};

}  // namespace strata
