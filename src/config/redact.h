// Password scrubbing for every message that may quote a connection's
// credentials: the one function each live driver (driver/*_connection.cpp)
// passes its error messages through.
//
// Contract:
// - secrets_of(url): the strings that must never be printed for `url`: its
//   password and the values of password-like query parameters
//   (is_secret_key), each also in its percent-encoded spellings (upper- and
//   lower-case hex), as a URL echoed back by a server would spell them.
//   Empty values are left out.
// - redact_message(message, secrets) returns `message` with
//   1. every occurrence of every secret (longest first) replaced by "***";
//   2. the value of every conninfo fragment `password=...`, `passwd=...`,
//      `sslpassword=...` (spaces allowed around '='; a 'quoted' value with
//      \-escapes, else up to whitespace, '&', ';', '"' or ')') replaced by
//      "***" — also in a URL's query string;
//   3. the password of every URL word in it masked (redact_passwords).
//   Everything else is kept byte for byte, including libpq's "password
//   authentication failed for user ..." and MySQL's "Access denied for user
//   'u'@'h' (using password: YES)".
// - is_secret_key: "password", "passwd", "sslpassword" (libpq keywords).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace strata::config {

bool is_secret_key(std::string_view key);
std::vector<std::string> secrets_of(const Url& url);
std::string redact_message(std::string message, const std::vector<std::string>& secrets);

}  // namespace strata::config
