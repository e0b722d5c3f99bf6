// Reading an Alembic project: configuration and every revision file,
// translated to Lua by strata's shipped translator (translator_source.h),
// run with python3 (the standard library only: no SQLAlchemy, no Alembic,
// no database, no network).
//
// Contract of read_alembic_project:
//  - `ini` is alembic.ini (may be empty when `pyproject` gives
//    [tool.alembic]); relative paths in it are taken from `src`, as Alembic
//    takes them from the working directory when run in the project;
//  - returns the project's settings (as strata.toml wants them) and one
//    TranslatedRevision per *.py revision file in Alembic 1.8's order;
//  - throws Error(kConfig) with one line: python3 cannot be run, alembic.ini
//    unreadable or without script_location, env.py or a revision file with
//    a syntax error or a computed header (`file:line: ...`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "script/revision.h"

namespace strata::alembic_import {

struct TranslatedRevision {
  std::string source;    // the .py file
  std::string revision;  // its id
  std::string lua;       // the whole Lua revision script
  std::string source_sha256;  // of the .py file's bytes (the --update manifest)
  std::vector<script::UntranslatedMark> untranslated;  // lines in `lua`
};

struct AlembicProject {
  std::string script_dir;                      // absolute
  std::vector<std::string> version_locations;  // absolute
  std::optional<std::string> file_template, truncate_slug_length, timezone, url;
  std::optional<std::string> version_table, version_table_schema;
  std::optional<bool> transaction_per_migration, include_schemas;
  std::vector<std::string> models;       // "module:attr" from env.py's target_metadata
  std::vector<std::string> python_path;  // prepend_sys_path, split and made absolute
  std::vector<std::string> notes;        // what strata.toml cannot say, one line each
  std::vector<TranslatedRevision> revisions;
};

AlembicProject read_alembic_project(const std::string& src, const std::string& ini,
                                    const std::string& pyproject, const std::string& python);

}  // namespace strata::alembic_import
