// one_error_line: how every script error becomes the one line the CLI
// prints (sandbox.h passes each Lua error through it).
#pragma once

#include <string>

namespace strata::lua {

// An error message as one line: newlines, CRs and NULs written as \n, \r,
// \0 (other control characters as '?'), a leading run of positions
// ("a.lua:6: a.lua:6: ... ") cut to its first and last, and, past `limit`
// characters, the middle cut out (" ... ") so the position and the cause stay.
std::string one_error_line(std::string msg, size_t limit = 1000);

}  // namespace strata::lua
