// strata::import_alembic (contract in strata/import_alembic.h) over
// alembic_import/import_alembic.h.
#include "strata/import_alembic.h"

#include "alembic_import/import_alembic.h"
#include "api/as_result.h"

namespace strata {
namespace {

const char* status_name(alembic_import::ImportedFile::Status s) {
  using S = alembic_import::ImportedFile::Status;
  switch (s) {
    case S::kWritten: return "written";
    case S::kUpdated: return "updated";
    case S::kUnchanged: return "unchanged";
    case S::kKept: return "kept";
  }
  return "kept";
}

}  // namespace

Result<ImportAlembicReport> import_alembic(const ImportAlembicOptions& options) {
  return api::as_result<ImportAlembicReport>([&] {
    alembic_import::ImportOptions o;
    o.src = options.src;
    o.ini = options.alembic_ini;
    o.dest = options.dest;
    o.update = options.update;
    o.python = options.python;
    alembic_import::ImportReport r = alembic_import::import_alembic(o);
    ImportAlembicReport out;
    out.config_file = r.config_file;
    out.strata_toml_written = r.strata_toml_written;
    out.notes = r.notes;
    for (const alembic_import::ImportedFile& f : r.files) {
      ImportedRevision rev{f.path, f.source, f.revision, status_name(f.status), {}};
      for (const script::UntranslatedMark& m : f.untranslated) {
        rev.untranslated.push_back({m.line, m.direction, m.construct});
      }
      out.revisions.push_back(std::move(rev));
    }
    return out;
  });
}

}  // namespace strata
