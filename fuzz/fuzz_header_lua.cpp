// libFuzzer target: the Lua header fallback (lua::eval_script_header: runs
// the chunk in a fresh sandbox with an `op` table that refuses to run) and
// parse_script_header (scanner first, then the fallback).
//
// Checks: only strata::Error escapes; and where the strict scanner accepts a
// text and the Lua path reads it too, both give the same header (the
// contract of lua/script_header.h: "two paths that agree on every file both
// can read").
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lua/script_header.h"
#include "strata/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  strata::lua::SandboxOptions options;
  options.instruction_limit = 200'000;  // keep endless loops cheap
  options.memory_limit_mb = 64;
  std::optional<strata::script::Revision> scanned = strata::lua::scan_script_header(text, "fuzz.lua");
  try {
    strata::script::Revision rev = strata::lua::eval_script_header(text, "fuzz.lua", options);
    if (scanned && (scanned->revision != rev.revision || scanned->down_revisions != rev.down_revisions ||
                    scanned->branch_labels != rev.branch_labels ||
                    scanned->depends_on != rev.depends_on || scanned->doc != rev.doc ||
                    scanned->create_date != rev.create_date)) {
      __builtin_trap();  // scanner and Lua disagree
    }
  } catch (const strata::Error&) {
  }
  try {
    (void)strata::lua::parse_script_header(text, "fuzz.lua", options);
  } catch (const strata::Error&) {
  }
  return 0;
}
