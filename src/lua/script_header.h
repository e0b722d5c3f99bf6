// Reading a revision script's header without running upgrade()/downgrade().
//
// Header variables (top-level globals):
//   revision      = "id"                          required, a non-empty string
//   down_revision = nil | "id" | {"a", "b"}       nil/{}: a base; >1: a merge
//   branch_labels = nil | "label" | {"a", ...}
//   depends_on    = nil | "id" | {"a", ...}
//   lock_timeout  = nil | "5s"                    a duration: digits[.digits][us|ms|s|min|h|d]
//   lock_retries  = nil | 3                       an integer 0..9999
// Revision::doc is the first line of the leading `--` comment block (or the
// first non-empty line of a leading `--[[ ]]` block); Revision::create_date
// comes from a `-- Create Date: ...` line in that block. Revision::untranslated
// lists the `-- strata:not-translated [direction]: construct` lines anywhere
// in the file (both paths).
//
// Two paths that agree on every file both can read:
//   1. A strict scanner (a small Lua lexer): it accepts only files whose top
//      level consists of the four assignments above with literal values
//      (double/single-quoted strings without escapes, nil, one-level tables of
//      such strings), `function name(...) ... end` / `local function ...`
//      definitions, `local name = <such a literal or a decimal integer>`
//      (name not one of the header variables), comments and `;`. Costs
//      ~1 µs for a typical script.
//   2. Anything else (computed values, `local x = require(...)`, escapes,
//      long strings, any other statement, invalid values, lexer-level
//      errors) falls back to executing the chunk in a fresh sandbox with an
//      `op` table whose operations refuse to run, then reading the globals.
//      Functions are defined but never called.
// Limitation: the scanner does not parse function bodies beyond balancing
// blocks, so a syntax error inside a function body is reported when the
// script runs, not when its header is read.
//
// Errors: Error(kIo) "path: cannot read: reason"; Error(kScript) for
// `path:line: <Lua message>`, `path: missing 'revision'`,
// `path: 'revision' must be a string`, `path: 'revision' contains a NUL byte`,
// `path: 'revision' contains a line break` (\n or \r; any header id),
// `path: 'down_revision' must be nil, a string or a table of strings`
// (same for branch_labels and depends_on),
// `path: 'lock_timeout' must be a duration string such as "5s" or "200ms"`,
// `path: 'lock_retries' must be an integer from 0 to 9999`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lua/sandbox.h"
#include "script/revision.h"

namespace strata::lua {

// Reads headers one file after another, reusing its buffer.
class HeaderReader {
 public:
  // `options` are used only by the Lua fallback (module roots for require).
  explicit HeaderReader(SandboxOptions options = {});
  script::Revision read(const std::string& path);

  // Files read so far that needed the Lua fallback (diagnostics, tests).
  int fallbacks() const { return fallbacks_; }

 private:
  SandboxOptions options_;
  FileReader files_;
  int fallbacks_ = 0;
};

// Header of the script at `path`.
script::Revision read_script_header(const std::string& path, const SandboxOptions& options = {});

// Header from text; `path` names the script in messages and Revision::path.
script::Revision parse_script_header(std::string_view text, const std::string& path,
                                     const SandboxOptions& options = {});

// The scanner alone: nullopt when it does not fully understand the text or
// the values are invalid (the caller then falls back). Never throws.
std::optional<script::Revision> scan_script_header(std::string_view text,
                                                   const std::string& path);

// The Lua path alone.
script::Revision eval_script_header(std::string_view text, const std::string& path,
                                    const SandboxOptions& options = {});

}  // namespace strata::lua
