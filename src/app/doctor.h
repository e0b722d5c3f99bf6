// Doctor: `strata doctor` as a library call — checks that the configured
// database lets strata (and the project's revisions) work, and says how to
// fix what does not, the way the migration guide's troubleshooting section
// does (a GRANT, or a configuration change).
//
// Checks (PostgreSQL, the main target; the others get what makes sense):
//  - schema-missing: the version table's schema, and every schema the
//    project works in, exists — or the user may create it (database CREATE).
//  - schema-usage / schema-create: USAGE and CREATE on each of those schemas
//    (has_schema_privilege). The schemas: the version table's (or the
//    default schema), strata.toml include_schemas — or, when it is unset,
//    the schemas the Lua model files declare plus the default schema.
//  - table-privileges: SELECT, INSERT, UPDATE, DELETE on the version table
//    and on the history table (strata_history, beside it) when they exist;
//    USAGE on a serial sequence of the history table's id.
//  - search-path-user-schema: a schema named like the user exists and
//    "$user" comes first in search_path, so unqualified names (the default
//    schema) resolve to it instead of public.
//  - search-path-order: another schema comes before public in search_path
//    (or no schema of search_path exists): the default schema is not first.
//  - unknown-revision: the version table holds a revision no script has.
//  - scripts: the revision scripts do not load (the error).
//  - unlisted-model-file: a .lua/.sql file beside the model files that no
//    `models` glob lists.
//  - lock-held: another session holds the migration lock (who:
//    runtime::MigrationLock::describe_holder()).
//  MariaDB/MySQL: privileges from information_schema (USER_PRIVILEGES,
//  SCHEMA_PRIVILEGES, TABLE_PRIVILEGES) for the current user; no
//  search_path. SQLite: the database file (and each attached schema file)
//  and its directory are writable; no privileges.
//
// Read-only: doctor never creates a database, schema or table, and takes
// no lock. A connection failure is an Error (not a problem).
#pragma once

#include <string>
#include <vector>

#include "app/project.h"

namespace strata::app {

struct DoctorProblem {
  std::string check;    // one of the ids above
  std::string message;  // what is wrong, one line
  std::string fix;      // the statement(s) or config change that fix it; may be empty
};

struct DoctorReport {
  std::string dialect;
  std::string url;   // redacted
  std::string user;  // the database user ("" for SQLite)
  std::vector<std::string> passed;  // one line per check that found nothing
  std::vector<DoctorProblem> problems;
  bool ok() const { return problems.empty(); }
};

// Runs every check. Throws strata::Error when the database cannot be reached
// or the configuration is unusable.
DoctorReport run_doctor(Project& project);

}  // namespace strata::app
