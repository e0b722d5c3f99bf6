// libFuzzer target: the strata.toml reader (config::load_config, with the
// nesting bound of config/toml_nesting.h, ${VAR} interpolation and URL
// handling it does). The input is written to a private file under /dev/shm
// (or $TMPDIR) and loaded from there, as strata loads it.
//
// Checks: load_config throws nothing but strata::Error; a loaded config's
// directory helpers and url parse do not crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "config/config.h"
#include "strata/error.h"

namespace {

std::string config_path() {
  static const std::string path = [] {
    const char* base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string dir = std::string(base) + "/strata-fuzz-config-" + std::to_string(getpid());
    std::string cmd = "mkdir -p '" + dir + "'";
    if (std::system(cmd.c_str()) != 0) std::abort();
    return dir + "/strata.toml";
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  setenv("STRATA_FUZZ_URL", "postgresql://u:fuzzsecret@127.0.0.1:1/db", 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& path = config_path();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  try {
    strata::config::Config config = strata::config::load_config(path);
    (void)config.resolved_version_locations();
    (void)config.resolved_script_location();
    if (!config.url.empty()) (void)strata::config::parse_url(config.url);
  } catch (const strata::Error&) {
  }
  try {
    (void)strata::config::interpolate_env(std::string(reinterpret_cast<const char*>(data), size));
  } catch (const strata::Error&) {
  }
  return 0;
}
