// libFuzzer target: the strict revision-header scanner
// (lua::scan_script_header). It must never throw and never crash; when it
// accepts a text, the values it read must be valid (a non-empty revision id).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "lua/script_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<strata::script::Revision> rev = strata::lua::scan_script_header(text, "fuzz.lua");
  if (rev && rev->revision.empty()) __builtin_trap();  // accepted a header without an id
  return 0;
}
