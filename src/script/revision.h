// Revision: one revision script's identity and graph edges, as read from its
// header variables (never by running upgrade/downgrade).
#pragma once

#include "script/file_key.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace strata::script {

// A construct `strata import-alembic` could not translate, marked in the
// script by a line `-- strata:not-translated [upgrade|downgrade]: <construct>`
// (lua/script_header.h reads them). upgrade/downgrade refuse to run the
// revision in that direction (no direction: either) until a person edits the
// script and removes the marker (runtime/untranslated_guard.h).
struct UntranslatedMark {
  int line = 0;           // 1-based line of the marker in the script
  std::string direction;  // "upgrade", "downgrade" or "" (both)
  std::string construct;  // what was not translated, as the marker says
};

struct Revision {
  std::string revision;                     // id
  std::vector<std::string> down_revisions;  // empty: a base; >1: a merge
  std::vector<std::string> branch_labels;   // as declared in the script
  std::vector<std::string> depends_on;      // revision ids or branch labels, as declared
  std::string doc;                          // first docstring line ("message")
  std::string path;                         // script file
  std::string create_date;                  // from the header comment, may be empty
  // PostgreSQL lock safety (README "Online-safe plans"): header keys
  // `lock_timeout = "5s"` (SET LOCAL lock_timeout at the start of the
  // step's transaction; a duration: digits, optional fraction, optional
  // unit us|ms|s|min|h|d) and `lock_retries = N` (N >= 0: how often a step
  // whose statement hit lock_not_available is rolled back and run again;
  // runtime/lock_retry.h).
  std::optional<std::string> lock_timeout;
  std::optional<int> lock_retries;
  std::vector<UntranslatedMark> untranslated;  // see UntranslatedMark
  // The script file's key when the revisions were loaded (RevisionLoader);
  // lets a step use its compiled chunk without another stat
  // (lua/script_cache.h). Empty for revisions made otherwise.
  std::optional<FileKey> loaded_key;
};

}  // namespace strata::script
