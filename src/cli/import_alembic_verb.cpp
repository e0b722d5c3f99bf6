// `strata import-alembic` (contract in cli/import_alembic_verb.h).
#include "cli/import_alembic_verb.h"

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "alembic_import/import_alembic.h"

namespace strata::cli {
namespace {

using alembic_import::ImportedFile;

const char* status_name(ImportedFile::Status s) {
  switch (s) {
    case ImportedFile::Status::kWritten: return "written";
    case ImportedFile::Status::kUpdated: return "updated";
    case ImportedFile::Status::kUnchanged: return "unchanged";
    case ImportedFile::Status::kKept: return "kept";
  }
  return "?";
}

std::string shown_path(const std::string& dest, const std::string& rel) {
  return (std::filesystem::path(dest) / rel).lexically_normal().string();
}

nlohmann::json to_json(const alembic_import::ImportReport& r) {
  nlohmann::json files = nlohmann::json::array();
  for (const ImportedFile& f : r.files) {
    nlohmann::json marks = nlohmann::json::array();
    for (const ImportedFile::Mark& m : f.untranslated) {
      marks.push_back({{"line", m.line}, {"direction", m.direction}, {"construct", m.construct}});
    }
    files.push_back({{"path", shown_path(r.dest, f.path)},
                     {"source", f.source},
                     {"revision", f.revision},
                     {"status", status_name(f.status)},
                     {"untranslated", marks}});
  }
  const int n = static_cast<int>(r.files.size());
  return {{"config", r.config_file},
          {"dest", r.dest},
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
  alembic_import::ImportOptions options;
  options.src = a.src;
  options.ini = alembic_ini;
  options.dest = a.dest;
  options.update = a.update;
  options.python = a.python;
  alembic_import::ImportReport report = alembic_import::import_alembic(options);
  if (a.json) {
    std::cout << to_json(report).dump(2) << std::endl;
    return 0;
  }
  const int n = static_cast<int>(report.files.size());
  std::cout << n << " revision" << (n == 1 ? "" : "s") << ", " << n - report.to_edit()
            << " translated whole, " << report.to_edit() << " to edit\n";
  for (const ImportedFile& f : report.files) {
    for (const ImportedFile::Mark& m : f.untranslated) {
      std::cout << shown_path(report.dest, f.path) << ":" << m.line
                << ": not translated: " << m.construct << "\n";
    }
  }
  if (!g.quiet) {
    int written = 0, updated = 0, unchanged = 0, kept = 0;
    for (const ImportedFile& f : report.files) {
      switch (f.status) {
        case ImportedFile::Status::kWritten: ++written; break;
        case ImportedFile::Status::kUpdated: ++updated; break;
        case ImportedFile::Status::kUnchanged: ++unchanged; break;
        case ImportedFile::Status::kKept: ++kept; break;
      }
    }
    std::cerr << "import-alembic: " << report.config_file << " -> " << report.dest << ": "
              << written << " written, " << updated << " updated, " << unchanged
              << " unchanged, " << kept << " kept (edited by hand)"
              << (report.strata_toml_written ? "; strata.toml written" : "") << "\n";
    for (const std::string& note : report.notes) std::cerr << "note: " << note << "\n";
  }
  std::cout.flush();
  return 0;
}

}  // namespace strata::cli
