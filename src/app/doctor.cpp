// run_doctor (contract in app/doctor.h): the checks every dialect shares —
// scripts, model files, the version rows, the migration lock — plus SQLite's
// file checks; PostgreSQL and MariaDB privileges live in doctor_postgres.cpp
// and doctor_mysql.cpp.
#include "app/doctor.h"

#include <unistd.h>

#include <filesystem>
#include <set>

#include "app/doctor_checks.h"
#include "common/sqlite_paths.h"
#include "dialect/live.h"
#include "models/model_files.h"
#include "runtime/migration_lock.h"
#include "runtime/migration_runner.h"
#include "runtime/sql_emitter.h"
#include "strata/error.h"

namespace strata::app {
namespace {

namespace fs = std::filesystem;

void problem(DoctorReport& report, std::string check, std::string message, std::string fix) {
  report.problems.push_back({std::move(check), std::move(message), std::move(fix)});
}

const script::RevisionMap* check_scripts(Project& project, DoctorReport& report) {
  try {
    const script::RevisionMap& map = project.revisions();
    report.passed.push_back("revision scripts load (" + std::to_string(map.size()) +
                            (map.size() == 1 ? " revision)" : " revisions)"));
    return &map;
  } catch (const Error& e) {
    problem(report, "scripts", "the revision scripts do not load: " + e.message(),
            "fix the script the error names");
    return nullptr;
  }
}

// The schemas the project works in: include_schemas, else the schemas the
// Lua model files declare (SQL model files would need a dev database: not
// read here). Reports unlisted model files.
std::vector<std::string> project_schemas(Project& project, DoctorReport& report) {
  const config::Config& config = project.config();
  std::set<std::string> schemas(config.include_schemas.begin(), config.include_schemas.end());
  if (config.models.empty()) return {schemas.begin(), schemas.end()};
  try {
    models::ModelFileList list = models::list_model_files(config);
    for (const std::string& warning : list.warnings) {
      problem(report, "unlisted-model-file", warning,
              "add it to `models` in " + config.config_path + " (or move it away)");
    }
    if (list.warnings.empty()) report.passed.push_back("every model file is listed in `models`");
    bool lua_only = true;
    for (const std::string& f : list.files) lua_only = lua_only && fs::path(f).extension() == ".lua";
    if (config.include_schemas.empty() && lua_only) {
      models::LoadedModels loaded = models::load_models(config, project.dialect().name());
      schemas.insert(loaded.catalog.schemas.begin(), loaded.catalog.schemas.end());
    }
  } catch (const Error& e) {
    problem(report, "models", "the model files do not load: " + e.message(),
            "fix `models` in " + config.config_path + " or the file the error names");
  }
  return {schemas.begin(), schemas.end()};
}

bool writable(const std::string& path) { return ::access(path.c_str(), W_OK) == 0; }

// SQLite: the database file, each schema file and their directory writable.
// Returns false when the main file does not exist (nothing to connect to).
bool check_sqlite(Project& project, const std::vector<std::string>& schemas,
                  DoctorReport& report) {
  const std::string& main = project.url().database;
  if (main.empty() || main == ":memory:" || main.rfind("file:", 0) == 0) return true;
  const fs::path dir = fs::absolute(main).parent_path();
  if (!writable(dir.string())) {
    problem(report, "file-writable",
            "directory " + dir.string() + " is not writable (SQLite writes its journal there)",
            "chmod u+w " + dir.string() + "  (or run strata as the directory's owner)");
  }
  std::vector<std::string> files{main};
  std::set<std::string> names(schemas.begin(), schemas.end());
  if (const auto& s = project.config().version_table_schema) names.insert(*s);
  for (const std::string& s : names) {
    if (s != "main") files.push_back(sqlite_paths::schema_file(main, s));
  }
  std::error_code ec;
  const bool exists = fs::exists(main, ec);
  for (const std::string& file : files) {
    if (!fs::exists(file, ec)) continue;
    if (writable(file)) {
      report.passed.push_back(file + " is writable");
    } else {
      problem(report, "file-writable", file + " is not writable",
              "chmod u+w " + file + "  (or run strata as the file's owner)");
    }
  }
  if (!exists) {
    report.passed.push_back(main + " does not exist yet (`strata upgrade` creates it)");
  }
  return exists;
}

void check_version_rows(Project& project, driver::Connection& connection,
                        const script::RevisionMap* map, DoctorReport& report) {
  if (map == nullptr) return;
  std::vector<std::string> rows;
  try {
    const std::unique_ptr<dialect::LiveApplier> live =
        dialect::make_live_applier(project.dialect());
    runtime::SqlEmitter emitter(project.dialect(), *live, connection, {});
    rows = runtime::read_version_rows(emitter, project.version_table());
  } catch (const Error&) {
    return;  // no SELECT on the version table: reported by the privilege checks
  }
  bool all_known = true;
  for (const std::string& row : rows) {
    if (map->find(row) != nullptr) continue;
    all_known = false;
    problem(report, "unknown-revision",
            "the database is at revision " + row + ", which no revision script has",
            "restore the script of " + row + " (another branch or checkout?), or, if the schema "
            "matches a revision you have, `strata stamp --purge <that revision>`");
  }
  if (all_known) {
    report.passed.push_back(rows.empty() ? "the database is at base"
                                         : "the database's revision(s) are in the scripts");
  }
}

void check_lock(Project& project, driver::Connection& connection, DoctorReport& report) {
  try {
    auto lock = runtime::make_migration_lock(project.dialect(), connection, project.version_table());
    std::optional<std::string> holder = lock->describe_holder();
    if (!holder) {
      report.passed.push_back("nobody holds the migration lock");
      return;
    }
    std::string fix = "wait for that run to finish";
    if (project.dialect().name() == std::string_view("postgresql")) {
      const std::string pid = holder->substr(4, holder->find(' ', 4) - 4);
      fix += "; if that process is stuck: SELECT pg_terminate_backend(" + pid + ");";
    }
    problem(report, "lock-held", "the migration lock is held by " + *holder, fix);
  } catch (const Error& e) {
    problem(report, "lock", "cannot tell who holds the migration lock: " + e.message(), "");
  }
}

}  // namespace

namespace doctor {

std::string join_words(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  }
  return out;
}

}  // namespace doctor

DoctorReport run_doctor(Project& project) {
  DoctorReport report;
  const config::Url& url = project.url();
  report.dialect = url.dialect;
  report.url = url.redacted();
  if (url.dialect == "mssql") {
    throw Error(ErrorCode::kConfig, "doctor needs a live database; " + report.url +
                                        " is for --sql output only");
  }
  const script::RevisionMap* map = check_scripts(project, report);
  std::vector<std::string> schemas = project_schemas(project, report);
  if (url.dialect == "sqlite" && !check_sqlite(project, schemas, report)) return report;

  std::unique_ptr<driver::Connection> connection = project.connect_read_only();
  doctor::Input input{project.dialect(), *connection, project.version_table(),
                      project.config().history_table,
                      schemas, project.config().include_schemas.empty()};
  if (url.dialect == "postgresql") doctor::check_postgres(input, report);
  if (url.dialect == "mysql") doctor::check_mysql(input, report);
  check_version_rows(project, *connection, map, report);
  check_lock(project, *connection, report);
  return report;
}

}  // namespace strata::app
