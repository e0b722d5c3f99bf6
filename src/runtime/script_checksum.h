// script_checksum: the checksum strata_history keeps for a revision script —
// SHA-256 (lower-case hex, 64 characters) of the file's bytes with every
// CRLF turned into LF, so a checkout with other line endings is no change.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::runtime {

// Of the text itself.
std::string checksum_of_text(std::string_view text);
// Of the file at `path`; nullopt when it cannot be read (missing).
std::optional<std::string> script_checksum(const std::string& path);

}  // namespace strata::runtime
