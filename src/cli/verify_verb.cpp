// `strata verify` on the command line (the library call is
// Migrator::verify, strata/migrator.h).
// Progress ("INFO  [strata] Verified upgrade a -> b, msg") on stderr unless
// -q; the result on stdout: "Verified N step(s) ..." or the failing
// revision, phase and catalog difference; with --json one object:
//   {"ok", "scratch", "steps_verified", "verified": [ids], "heads_checked",
//    "models_checked", "warnings", "failure": null | {"revision", "phase",
//    "message", "diff": [lines]}}.
// Exit 0 when everything passed, 1 on the first failure (then one line
// "strata: error: verify failed at <revision> (<phase>): <message>" on
// stderr), as for any other error.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/verbs.h"

namespace strata::cli {

int run_verify(const GlobalOptions& g, const VerifyArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);  // progress as INFO lines unless -q
  Result<VerifyReport> verified = migrator->verify(a.range);
  if (!verified) throw verified.error();
  const VerifyReport& result = verified.value();
  for (const std::string& warning : result.warnings) {
    std::cerr << "WARNING [strata] " << warning << "\n";
  }
  std::cerr.flush();

  if (a.json) {
    nlohmann::json failure = nullptr;
    if (result.failure) {
      failure = {{"revision", result.failure->revision},
                 {"phase", result.failure->kind},
                 {"message", result.failure->message},
                 {"diff", result.failure->details}};
    }
    nlohmann::json out = {{"ok", result.ok()},
                          {"scratch", result.scratch},
                          {"steps_verified", result.verified.size()},
                          {"verified", result.verified},
                          {"heads_checked", result.heads_checked},
                          {"models_checked", result.models_checked},
                          {"warnings", result.warnings},
                          {"failure", failure}};
    std::cout << out.dump(2) << std::endl;
  } else if (result.ok()) {
    std::cout << "Verified " << result.verified.size()
              << " step(s): each upgrade, downgrade and upgrade again left the expected catalog";
    if (result.heads_checked) std::cout << "; one head";
    if (result.models_checked) std::cout << "; models match at head";
    std::cout << "." << std::endl;
  } else {
    const Finding& f = *result.failure;
    std::cout << "Verified " << result.verified.size() << " step(s), then FAILED at " << f.revision
              << " (" << f.kind << "): " << f.message << std::endl;
    for (const std::string& line : f.details) std::cout << "  " << line << "\n";
    std::cout.flush();
  }
  if (result.ok()) return 0;
  std::cerr << "strata: error: " << result.failure->text << std::endl;
  return 1;
}

}  // namespace strata::cli
