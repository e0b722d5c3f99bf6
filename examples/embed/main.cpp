// A C++ service that migrates its own database at start-up: open the
// project's strata.toml, upgrade to head, report the revision, then go on
// with its work. Usage: strata_embed_example [path/to/strata.toml] [url]
// (docs/embedding.md walks through it).
#include <iostream>

#include "strata/migrator.h"

int main(int argc, char** argv) {
  strata::MigratorOptions options;
  if (argc > 1) options.config_path = argv[1];
  if (argc > 2) options.url = argv[2];
  options.log = [](strata::LogLevel, const std::string& line) {
    std::cerr << "[migrate] " << line << "\n";
  };

  auto migrator = strata::Migrator::open(options);
  if (!migrator) {
    std::cerr << "startup failed: " << migrator.error().message() << "\n";
    return 1;
  }
  if (auto run = migrator.value()->upgrade("head"); !run) {
    std::cerr << "startup failed: " << run.error().message() << "\n";
    return 1;
  }
  auto current = migrator.value()->current();
  if (!current) {
    std::cerr << "startup failed: " << current.error().message() << "\n";
    return 1;
  }
  std::cout << "database at";
  for (const strata::RevisionInfo& revision : current.value()) std::cout << " " << revision.id;
  std::cout << "\nservice ready\n";
  return 0;
}
