// `strata import-alembic` (contract in cli/import_alembic_verb.h), over the
// public strata::import_alembic (strata/import_alembic.h).
#include "cli/import_alembic_verb.h"

#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "strata/import_alembic.h"

namespace strata::cli {
namespace {

std::string shown_path(const std::string& dest, const std::string& rel) {
  return (std::filesystem::path(dest) / rel).lexically_normal().string();
}

nlohmann::json to_json(const ImportAlembicReport& r, const std::string& dest) {
  nlohmann::json files = nlohmann::json::array();
  for (const ImportedRevision& f : r.revisions) {
    nlohmann::json marks = nlohmann::json::array();
    for (const UntranslatedConstruct& m : f.untranslated) {
      marks.push_back({{"line", m.line}, {"direction", m.direction}, {"construct", m.construct}});
    }
    files.push_back({{"path", shown_path(dest, f.path)},
                     {"source", f.source},
                     {"revision", f.revision},
                     {"status", f.status},
                     {"untranslated", marks}});
  }
  const int n = static_cast<int>(r.revisions.size());
  return {{"config", r.config_file},
          {"dest", dest},
          {"strata_toml_written", r.strata_toml_written},
          {"revisions", n},
          {"translated_whole", n - r.to_edit()},
          {"to_edit", r.to_edit()},
          {"files", files},
          {"notes", r.notes}};
}

}  // namespace

CLI::App* add_import_alembic_verb(CLI::App& app, ImportAlembicArgs& args) {
  auto* verb = app.add_subcommand(
      "import-alembic",
      "Convert an Alembic project (alembic.ini, env.py, *.py revisions) into a strata project");
  verb->footer(
      "\nWrites DEST/strata.toml (from alembic.ini / pyproject.toml and env.py) and one Lua\n"
      "revision per Python one: same ids, graph, messages and file names. What cannot be\n"
      "translated stays as a commented Python block behind a `strata:not-translated` marker;\n"
      "upgrade/downgrade refuse that revision until a person edits it. Prints\n"
      "\"N revisions, M translated whole, K to edit\" and one file:line per marker.\n"
      "Needs python3 only (no database, SQLAlchemy or network). -c names alembic.ini\n"
      "(default: SRC/alembic.ini).\n\n"
      "Example:\n"
      "  strata import-alembic ../service -o ../service-strata\n"
      "  strata import-alembic ../service -o ../service-strata --update   # after new revisions");
  verb->add_option("src", args.src, "The Alembic project's directory")->required();
  verb->add_option("-o,--output", args.dest, "The strata project to write")->required();
  verb->add_flag("--update", args.update,
                 "Re-import into DEST: add new revisions, refresh files nobody edited, keep "
                 "edited ones");
  verb->add_flag("--json", args.json,
                 "JSON output: {revisions, translated_whole, to_edit, files: [{path, source, "
                 "revision, status, untranslated: [{line, direction, construct}]}], notes}");
  verb->add_option("--python", args.python, "The Python interpreter (default: python3)");
  return verb;
}

int run_import_alembic(const GlobalOptions& g, const std::string& alembic_ini,
                       const ImportAlembicArgs& a) {
  ImportAlembicOptions options;
  options.src = a.src;
  options.alembic_ini = alembic_ini;
  options.dest = a.dest;
  options.update = a.update;
  options.python = a.python;
  Result<ImportAlembicReport> result = import_alembic(options);
  if (!result) throw result.error();
  const ImportAlembicReport& report = result.value();
  if (a.json) {
    std::cout << to_json(report, a.dest).dump(2) << std::endl;
    return 0;
  }
  const int n = static_cast<int>(report.revisions.size());
  std::cout << n << " revision" << (n == 1 ? "" : "s") << ", " << n - report.to_edit()
            << " translated whole, " << report.to_edit() << " to edit\n";
  for (const ImportedRevision& f : report.revisions) {
    for (const UntranslatedConstruct& m : f.untranslated) {
      std::cout << shown_path(a.dest, f.path) << ":" << m.line << ": not translated: " << m.construct
                << "\n";
    }
  }
  if (!g.quiet) {
    std::map<std::string, int> counts;
    for (const ImportedRevision& f : report.revisions) ++counts[f.status];
    std::cerr << "import-alembic: " << report.config_file << " -> " << a.dest << ": "
              << counts["written"] << " written, " << counts["updated"] << " updated, "
              << counts["unchanged"] << " unchanged, " << counts["kept"]
              << " kept (edited by hand)"
              << (report.strata_toml_written ? "; strata.toml written" : "") << "\n";
    for (const std::string& note : report.notes) std::cerr << "note: " << note << "\n";
  }
  std::cout.flush();
  return 0;
}

}  // namespace strata::cli
