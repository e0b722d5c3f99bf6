// ScriptDirectory: the revision scripts of one project, as configured.
//
//   - script_files(): `*.lua` files directly inside each version location
//     (not recursive; names starting with '_' or '.' are skipped), sorted by
//     name within a location, locations in configured order. Alembic `*.py`
//     files there are counted (load_revisions' warnings), never read.
//   - load_revisions(): every script's header (lua/script_header.h); never
//     runs upgrade()/downgrade(). A script whose revision id is longer than
//     32 characters (Alembic's version_num VARCHAR(32)) is Error(kScript)
//     "<path>: revision id '<id>' is longer than 32 characters (the version
//     table's version_num)". Directories named `*.lua` are not listed; other
//     non-regular files are, and loading refuses them (revision_loader.h).
//   - generate_revision(): writes a new script from
//     `<script_location>/script.lua.tmpl` if present, else the built-in
//     template (the same text `strata init` writes).
//
// Script templates substitute `${name}` (display form: lists comma-joined
// with ", ", nil as "") and `${repr(name)}` (Lua literal: nil, "x" or
// {"a", "b"}) for: message, up_revision, down_revision, branch_labels,
// depends_on, create_date. A newline in the message continues as a new
// "-- " comment line. Trailing blanks are stripped from every line.
//
// Errors: Error(kIo) for unreadable/unwritable files and missing version
// locations, Error(kScript) from script headers, Error(kRevision) for an
// invalid or duplicate revision id, Error(kConfig) for a bad template or
// time zone, Error(kUsage) for an unknown init template.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "script/revision.h"

namespace strata::script {

class ListingCache;

struct GenerateOptions {
  std::string message;
  std::string rev_id;  // empty: 12 random hex digits (Alembic's uuid4().hex[-12:])
  std::vector<std::string> down_revisions;  // resolved by the caller; empty: a base
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string version_path;  // empty: the first version location
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  // The bodies of upgrade() and downgrade() (autogenerate): Lua statements,
  // each line indented and ending in '\n'; the template's ${upgrades} /
  // ${downgrades}, or, in a template without them, the lines right after
  // `function upgrade()` / `function downgrade()`.
  std::string upgrades;
  std::string downgrades;
};

class ScriptDirectory {
 public:
  explicit ScriptDirectory(const config::Config& config);

  std::string script_location() const;                // resolved
  std::vector<std::string> version_locations() const;  // resolved
  // require() roots for scripts: {"<script_location>/lib"}.
  std::vector<std::string> module_roots() const;

  // Throws Error(kIo) when a version location is not a directory.
  std::vector<std::string> script_files() const;
  // Headers of every script, through each location's HeaderCache
  // (script/header_cache.h): unchanged scripts are not re-read; an
  // unchanged location is not listed again (script/listing_cache.h). Loading and
  // its errors: script/revision_loader.h.
  // `warnings` (optional) receives one line per version location holding
  // Alembic `*.py` revisions (any `*.py` but __init__.py; never read):
  // "<location>: N Alembic .py revision(s) are ignored (strata reads .lua;
  // `strata import-alembic` converts them)".
  std::vector<Revision> load_revisions(std::vector<std::string>* warnings = nullptr) const;

  // "<config file's directory>/.strata-cache" (compiled scripts, listings);
  // "" without a config file.
  std::string cache_dir() const;

  // Writes the new script and returns its path. Rejects an id that is not
  // [A-Za-z0-9_]+ (Alembic forbids '@', '-', '+'), an id longer than 32
  // characters (Error(kRevision) "revision id '<id>' is longer than 32
  // characters (the version table's version_num)"), an id already used by a
  // script, and an existing target file.
  std::string generate_revision(const GenerateOptions& options) const;

 private:
  // Reads a freshly written script back; removes it and throws
  // Error(kScript) when the template dropped a requested field.
  void verify_generated(const std::string& path, const std::string& rev_id,
                        const GenerateOptions& options) const;
  // File names of every `*.lua` entry directly inside `dir` (names starting
  // with '.' or '_' excepted), sorted, whatever the entry is: the loader
  // refuses one that is not a regular file, naming it. The
  // views point into `blocks` (never moved, so moving a ScriptNames keeps
  // them valid), each followed by a NUL.
  struct ScriptNames {
    std::vector<std::unique_ptr<char[]>> blocks;
    std::vector<std::string_view> names;
    size_t python_files = 0;  // `*.py` beside them (not __init__.py)
  };
  static ScriptNames script_names_in(const std::string& dir);
  // The same, from `listings` when `dir` is unchanged since it was recorded
  // (and recorded there when it may be).
  static ScriptNames cached_script_names_in(const std::string& dir, ListingCache& listings);

  config::Config config_;
};

// Lua literal / display forms used by templates (exposed for tests).
std::string lua_literal(const std::vector<std::string>& ids);
// The built-in script template.
const std::string& builtin_script_template();
// "YYYY-MM-DD HH:MM:SS" for `now` in `timezone` ("" local, "UTC", IANA name),
// with the broken-down fields filled in `values` (for file_template).
std::string format_create_date(std::chrono::system_clock::time_point now,
                               const std::string& timezone, config::TemplateValues& values);

// `strata init`: creates `directory` with strata.toml (every key commented),
// .gitignore (ignoring .strata-cache), migrations/versions/, migrations/lib/,
// migrations/script.lua.tmpl and migrations/README. Templates: "generic" and "multischema" (version table in
// schema "core"). Refuses a directory that exists and is not empty.
void init_project(const std::string& directory, const std::string& template_name = "generic");

}  // namespace strata::script
