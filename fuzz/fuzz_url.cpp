// libFuzzer target: the database URL parser (src/config/url.cpp) and the
// password scrubbers (src/config/redact.h). Parses only; never connects.
//
// Checks beyond "no crash, no sanitizer report":
// - parse_url throws nothing but strata::Error;
// - a parsed URL's redacted() form does not depend on its secrets (the
//   password, password-like query values): it cannot print them;
// - redacted() parses again to the same dialect, host and port.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config.h"
#include "config/redact.h"
#include "strata/error.h"

using strata::config::Url;

namespace {

// `url` with every secret (password, password-like query values) replaced.
Url with_other_secrets(Url url) {
  if (url.password) url.password = *url.password + "-other";
  for (auto& [key, value] : url.query) {
    if (strata::config::is_secret_key(key)) value += "-other";
  }
  return url;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)strata::config::redact_passwords(text);
  Url url;
  try {
    url = strata::config::parse_url(text);
  } catch (const strata::Error&) {
    return 0;
  }
  std::string shown = url.redacted();
  if (with_other_secrets(url).redacted() != shown) {
    __builtin_trap();  // Url::redacted() depends on (prints) a secret
  }
  (void)strata::config::redact_message(text, strata::config::secrets_of(url));
  try {
    Url again = strata::config::parse_url(shown);
    if (again.dialect != url.dialect || again.host != url.host || again.port != url.port) {
      __builtin_trap();  // redacted() does not describe the same server
    }
  } catch (const strata::Error&) {
    // A redacted form may be unparseable (e.g. a database name that needs
    // quoting); that is not a crash.
  }
  return 0;
}
