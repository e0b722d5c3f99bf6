// strata::import_alembic — `strata import-alembic` as a library call: an
// Alembic project (alembic.ini / pyproject.toml, env.py, *.py revisions)
// becomes a strata project that builds the same schema (README "Importing
// an Alembic project").
//
// Contract: writes DEST/strata.toml, one Lua revision per Python one and
// DEST/.strata-import.json; never connects to a database. Needs python3
// (options.python) — the translator ships inside libstrata. Errors come back
// as values (no exception crosses this API): the Alembic project unreadable
// (file:line in the message), DEST already imported without `update`, no
// earlier import with `update`; nothing is written on an error in the
// Alembic project. Constructs the translator cannot express are not errors:
// they are listed per file (ImportedRevision::untranslated) and make
// upgrade/downgrade refuse that revision until it is edited.
//
// Thread-safety: independent calls may run concurrently on distinct DESTs.
#pragma once

#include <string>
#include <vector>

#include "strata/error.h"
#include "strata/export.h"

namespace strata {

struct ImportAlembicOptions {
  std::string src;           // the Alembic project's directory
  std::string alembic_ini;   // empty: SRC/alembic.ini (or pyproject.toml's [tool.alembic])
  std::string dest;          // the strata project to write
  bool update = false;       // re-import into DEST (new revisions; edited files kept)
  std::string python = "python3";
};

struct UntranslatedConstruct {
  int line = 0;           // in the Lua file
  std::string direction;  // "upgrade", "downgrade", or "" (both)
  std::string construct;  // what was not translated
};

struct ImportedRevision {
  std::string path;       // the Lua file, DEST-relative
  std::string source;     // the Alembic .py file
  std::string revision;   // its id
  std::string status;     // "written", "updated", "unchanged", "kept" (edited by a person)
  std::vector<UntranslatedConstruct> untranslated;  // as the file now stands
};

struct ImportAlembicReport {
  std::string config_file;           // the Alembic config read
  bool strata_toml_written = false;
  std::vector<ImportedRevision> revisions;
  std::vector<std::string> notes;    // env.py settings strata.toml cannot carry
  int to_edit() const {
    int n = 0;
    for (const ImportedRevision& r : revisions) n += r.untranslated.empty() ? 0 : 1;
    return n;
  }
};

[[nodiscard]] STRATA_EXPORT Result<ImportAlembicReport> import_alembic(const ImportAlembicOptions& options);

}  // namespace strata
