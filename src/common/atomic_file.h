// Replacing a cache file whole, so that a reader sees the old file or the new
// one, never a part (the script and listing caches).
#pragma once

#include <string>
#include <string_view>

namespace strata {

// Writes `bytes` to a temporary file beside `path` (a name unique per process
// and call, so threads saving side by side never share one), then renames it
// over `path`. Creates `path`'s directory first (one level) when missing.
// Returns false on any failure, after removing the temporary file; `path` is
// then as it was.
bool replace_file(const std::string& path, std::string_view bytes);

}  // namespace strata
