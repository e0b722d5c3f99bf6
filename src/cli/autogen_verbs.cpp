// The autogenerate verbs: `revision --autogenerate`, `check`, `models dump`,
// over the public API (strata/migrator.h).
// Output follows Alembic where it has the verb: "  Generating <path> ...
// done" on stdout, "No new upgrade operations detected." from check; model
// and comparator warnings go to stderr as "WARNING [strata] ...".
#include <filesystem>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/verbs.h"
#include "strata/error.h"

namespace strata::cli {
namespace {

template <typename T>
T take(Result<T> result) {
  if (!result) throw result.error();
  return std::move(result.value());
}

void warn(const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) std::cerr << "WARNING [strata] " << warning << "\n";
  std::cerr.flush();
}

}  // namespace

int run_autogenerate_revision(const GlobalOptions& g, const RevisionArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  AutogenerateResult result = take(migrator->autogenerate(new_revision(a), a.online));
  warn(result.warnings);
  if (!g.quiet) {
    for (const std::string& change : result.changes) {
      std::cerr << "INFO  [strata] Detected " << change << "\n";
    }
    std::cerr.flush();
  }
  if (!result.path) {
    std::cout << "No changes in schema detected." << std::endl;
    return 0;
  }
  const std::string* path = &*result.path;
  if (!g.quiet) std::cout << "  Generating " << *path << " ...  done" << std::endl;
  return 0;
}

int run_check(const GlobalOptions& g, const CheckArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const CheckResult comparison = take(migrator->check());
  warn(comparison.warnings);
  const std::vector<std::string>& lines = comparison.changes;
  if (a.json) {
    nlohmann::json out = {{"clean", lines.empty()}, {"changes", lines},
                          {"warnings", comparison.warnings}};
    std::cout << out.dump(2) << std::endl;
  } else if (lines.empty()) {
    std::cout << "No new upgrade operations detected." << std::endl;
  } else {
    std::cout << "New upgrade operations detected:" << std::endl;
    for (const std::string& line : lines) std::cout << "  " << line << "\n";
    std::cout.flush();
  }
  return lines.empty() ? 0 : 1;
}

int run_models_dump(const GlobalOptions& g, const DumpArgs& a) {
  std::unique_ptr<Migrator> migrator = open_migrator(g);
  const std::map<std::string, std::string> files = take(migrator->dump_models(a.format, a.from));
  if (!a.output_dir) {
    for (const auto& [name, text] : files) std::cout << text;
    std::cout.flush();
    return 0;
  }
  std::filesystem::create_directories(*a.output_dir);
  for (const auto& [name, text] : files) {
    std::string path = *a.output_dir + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw Error(ErrorCode::kIo, path + ": cannot write");
    if (!g.quiet) std::cout << "  Writing " << path << " ...  done" << std::endl;
  }
  return 0;
}

}  // namespace strata::cli
