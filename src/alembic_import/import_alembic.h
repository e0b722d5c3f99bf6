// `strata import-alembic`: an Alembic project (alembic.ini / pyproject.toml,
// env.py, *.py revisions) becomes a strata project that builds the same
// schema: DEST/strata.toml and one Lua revision per Python one (same ids,
// graph, messages, Create Dates and file names, bodies translated call by
// call; alembic_import/alembic_reader.h).
//
// Contract of import_alembic:
//  - The config: options.ini when given (relative to the working
//    directory, as Alembic's -c), else SRC/alembic.ini, else SRC/pyproject.toml
//    with [tool.alembic]; neither: Error(kConfig).
//  - Writes DEST/strata.toml, DEST/<script dir name>/versions/<name>.lua
//    (more version locations: DEST/<script dir name>/<location name>/) and
//    DEST/.strata-import.json (what was written, with SHA-256 of the
//    sources and of the written files) — nothing else, never the database.
//  - Without `update`, DEST must not hold a strata.toml or a previous
//    import (Error(kConfig) naming --update). With `update` (DEST from an
//    earlier import): new revisions are written; a file whose text is still
//    what the last import wrote is re-translated; a file a person has edited
//    or deleted is left alone (kKept); strata.toml likewise.
//  - A revision with constructs the translator could not express keeps the
//    Python as a comment beside a `-- strata:not-translated` marker, which
//    makes upgrade/downgrade refuse it (runtime/untranslated_guard.h); the
//    report lists every marker of every revision file under DEST as it
//    stands after the import (edited files included).
//  - Errors are one line (Error(kConfig) / Error(kIo)); on an error in the
//    Alembic project nothing is written.
#pragma once

#include <string>
#include <vector>

#include "alembic_import/alembic_reader.h"

namespace strata::alembic_import {

struct ImportOptions {
  std::string src;   // the Alembic project's directory
  std::string ini;   // -c: alembic.ini; empty: found in src
  std::string dest;  // the strata project to write
  bool update = false;
  std::string python = "python3";
};

struct ImportedFile {
  enum class Status { kWritten, kUpdated, kUnchanged, kKept };
  std::string path;      // the Lua file (DEST-relative)
  std::string source;    // the Alembic file
  std::string revision;
  Status status = Status::kWritten;
  // Markers in the file as it now stands (line in the Lua file).
  std::vector<script::UntranslatedMark> untranslated;
};

struct ImportReport {
  std::string dest;
  std::string config_file;  // the Alembic config read
  bool strata_toml_written = false;
  std::vector<ImportedFile> files;
  std::vector<std::string> notes;  // env.py settings strata.toml cannot carry
};

ImportReport import_alembic(const ImportOptions& options);

}  // namespace strata::alembic_import
