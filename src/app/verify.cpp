// `strata verify` (see verify.h): the scratch database, the step walk and
// the checks at head.
#include "app/verify.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <filesystem>
#include <memory>
#include <set>

#include "app/autogenerate.h"
#include "app/commands.h"
#include "autogen/compare.h"
#include "dialect/live.h"
#include "inspect/catalog_snapshot.h"
#include "inspect/inspect.h"
#include "models/dev_database.h"
#include "runtime/migration_runner.h"
#include "runtime/sql_emitter.h"
#include "script/migration_plan.h"
#include "strata/error.h"

namespace strata::app {
namespace {

namespace fs = std::filesystem;

// A URL as text that parse_url reads back to `u` (password included: this
// text is handed to a Project, never printed). Everything but unreserved
// characters is percent-encoded, so env interpolation (${...}) finds nothing.
std::string url_text(const config::Url& u) {
  std::string out = u.dialect;
  if (!u.driver.empty()) out += "+" + u.driver;
  out += "://";
  if (u.user || u.password) {
    if (u.user) out += config::percent_encode(*u.user);
    if (u.password) out += ":" + config::percent_encode(*u.password);
    out += '@';
  }
  if (u.host) {
    out += u.host->find(':') != std::string::npos ? "[" + *u.host + "]" : config::percent_encode(*u.host);
  }
  if (u.port) out += ":" + std::to_string(*u.port);
  out += "/" + (u.dialect == "sqlite" ? u.database : config::percent_encode(u.database));
  char sep = '?';
  for (const auto& [key, value] : u.query) {
    out += sep;
    sep = '&';
    out += config::percent_encode(key) + "=" + config::percent_encode(value);
  }
  return out;
}

// The scratch database: what it is, how to reach it, and its clean-up.
class Scratch {
 public:
  Scratch() = default;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    dev.reset();  // drops the scratch database(s)
    if (!sqlite_dir.empty()) {
      std::error_code ec;
      fs::remove_all(sqlite_dir, ec);
    }
  }

  std::string dialect;
  std::string url;          // full text, with the password: never printed
  std::string description;  // printable
  std::string mysql_database;
  std::unique_ptr<models::DevDatabase> dev;
  std::string sqlite_dir;
};

// DevDatabase words its refusals for SQL model files; say who asks here.
Error reworded(const Error& e) {
  std::string message = e.message();
  const std::string from = "SQL model files need";
  if (message.rfind(from, 0) == 0) message = "strata verify needs" + message.substr(from.size());
  return Error(e.code(), message);
}

std::unique_ptr<models::DevDatabase> open_dev(const config::Config& config,
                                              const std::string& dialect) {
  try {
    return models::DevDatabase::open(config, dialect, {});
  } catch (const Error& e) {
    throw reworded(e);
  }
}

void refuse_mysql_schemas(const config::Config& config, const std::string& database) {
  auto refuse = [](const std::string& schema, const std::string& where) {
    return Error(ErrorCode::kConfig,
                 "strata verify on MySQL/MariaDB runs in one scratch database on dev_url, but "
                 "schema `" + schema + "` (" + where + ") is a database of its own there that "
                 "revision scripts name directly and strata cannot map to a scratch name; "
                 "verify this project on PostgreSQL or SQLite");
  };
  if (config.version_table_schema && *config.version_table_schema != database) {
    throw refuse(*config.version_table_schema, "version_table_schema");
  }
  for (const std::string& schema : config.include_schemas) {
    if (schema != database) throw refuse(schema, "include_schemas");
  }
}

std::unique_ptr<Scratch> open_scratch(Project& project) {
  auto scratch = std::make_unique<Scratch>();
  const config::Url& target = project.url();
  scratch->dialect = target.dialect;
  config::Config config = project.config();
  if (project.options().url) config.url = config::interpolate_env(*project.options().url);

  if (target.dialect == "sqlite") {
    std::string pattern = (fs::temp_directory_path() / "strata-verify.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorCode::kIo, "cannot create a temporary directory for the scratch database");
    }
    scratch->sqlite_dir = pattern;
    config::Url url = target;
    url.database = pattern + "/scratch.db";
    url.query.clear();
    scratch->url = url_text(url);
    scratch->description = "temporary SQLite file " + url.database;
  } else if (target.dialect == "postgresql") {
    scratch->dev = open_dev(config, "postgresql");
    driver::QueryResult name = scratch->dev->conn().query("SELECT current_database()");
    config::Url url = config::parse_url(config.dev_url.empty() ? config.url : config.dev_url);
    url.database = name.rows.at(0).at(0).value_or("");
    scratch->url = url_text(url);
    scratch->description = "throwaway database " + url.redacted();
  } else if (target.dialect == "mysql") {
    if (config.dev_url.empty()) {
      throw Error(ErrorCode::kConfig,
                  "strata verify on MySQL/MariaDB needs `dev_url` in strata.toml: a server where "
                  "strata may create and drop scratch databases (e.g. dev_url = "
                  "\"mysql://root@127.0.0.1:3306/mysql\"); it never runs on the configured "
                  "database");
    }
    refuse_mysql_schemas(config, target.database);
    scratch->dev = open_dev(config, "mysql");
    config::Url url = config::parse_url(config.dev_url);
    url.database = scratch->dev->default_schema();
    scratch->mysql_database = url.database;
    scratch->url = url_text(url);
    scratch->description = "scratch database " + url.redacted();
  } else {
    throw Error(ErrorCode::kConfig, "strata verify needs a live database (postgresql, sqlite, "
                                    "mysql), not " + target.dialect);
  }
  return scratch;
}

// The table a snapshot line belongs to (`"<s>"."<t>": ...`), if any.
std::optional<std::string> line_table(const std::string& line) {
  auto quoted = [&](std::size_t& pos) -> std::optional<std::string> {
    if (pos >= line.size() || line[pos] != '"') return std::nullopt;
    std::string out;
    for (++pos; pos < line.size(); ++pos) {
      if (line[pos] == '"') {
        if (pos + 1 < line.size() && line[pos + 1] == '"') {
          out += '"';
          ++pos;
        } else {
          ++pos;
          return out;
        }
      } else {
        out += line[pos];
      }
    }
    return std::nullopt;
  };
  std::size_t pos = 0;
  if (!quoted(pos) || pos >= line.size() || line[pos] != '.') return std::nullopt;
  ++pos;
  std::optional<std::string> table = quoted(pos);
  if (!table || pos >= line.size() || line[pos] != ':') return std::nullopt;
  return table;
}

std::vector<std::string> snapshot(Project& scratch_project, const Scratch& scratch) {
  std::unique_ptr<driver::Connection> conn = scratch_project.connect();
  std::vector<std::string> schemas;
  if (scratch.dialect == "mysql") {
    schemas.push_back(scratch.mysql_database);
  } else {
    for (const std::string& s : inspect::list_schemas(*conn, scratch.dialect)) {
      if (s == "temp" || s == "information_schema" || s.rfind("pg_", 0) == 0) continue;
      schemas.push_back(s);
    }
  }
  std::vector<std::string> lines = inspect::catalog_snapshot(*conn, scratch.dialect, schemas);
  const std::set<std::string> hidden{scratch_project.config().version_table,
                                     scratch_project.config().history_table};
  std::erase_if(lines, [&](const std::string& line) {
    std::optional<std::string> table = line_table(line);
    return table && hidden.count(*table) > 0;
  });
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Runs exactly `step` on the scratch database (one transaction).
void run_step(Project& scratch_project, const script::MigrationStep& step) {
  const runtime::RunSettings settings = run_settings(scratch_project, MigrateOptions{});
  const dialect::Dialect& dialect = scratch_project.dialect();
  std::unique_ptr<driver::Connection> connection = scratch_project.connect();
  const std::unique_ptr<dialect::LiveApplier> live = dialect::make_live_applier(dialect);
  runtime::SqlEmitter emitter(dialect, *live, *connection, scratch_project.options().x_args);
  runtime::run_online(
      emitter, [&](const std::vector<std::string>&) { return std::vector{step}; }, settings);
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// Runs `fn`; on an error returns its message.
template <typename Fn>
std::optional<std::string> attempt(Fn&& fn) {
  try {
    fn();
    return std::nullopt;
  } catch (const Error& e) {
    return one_line(e.message());
  } catch (const std::exception& e) {
    return one_line(e.what());
  }
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

struct Range {
  std::optional<std::string> lower;
  std::string upper = "heads";
};

Range parse_range(const std::optional<std::string>& text) {
  Range range;
  if (!text) return range;
  std::size_t colon = text->find(':');
  std::string lower = text->substr(0, colon);
  std::string upper = colon == std::string::npos ? "" : text->substr(colon + 1);
  if (std::count(text->begin(), text->end(), ':') > 1) {
    throw Error(ErrorCode::kUsage, "verify -r " + *text + ": expected LOWER:UPPER");
  }
  if (!lower.empty() && lower != "base") range.lower = lower;
  if (!upper.empty() && upper != "head") range.upper = upper;
  return range;
}

}  // namespace

std::vector<std::string> snapshot_diff(const std::vector<std::string>& expected,
                                       const std::vector<std::string>& actual) {
  std::vector<std::string> out;
  std::size_t i = 0, j = 0;
  while (i < expected.size() || j < actual.size()) {
    if (j == actual.size() || (i < expected.size() && expected[i] < actual[j])) {
      out.push_back("- " + expected[i++]);
    } else if (i == expected.size() || actual[j] < expected[i]) {
      out.push_back("+ " + actual[j++]);
    } else {
      ++i;
      ++j;
    }
  }
  return out;
}

VerifyResult verify(Project& project, const VerifyOptions& options) {
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  Range range = parse_range(options.range);
  // A bad script or an unknown revision in the range fails here, before any
  // scratch database exists.
  const script::RevisionMap& project_map = project.revisions();
  if (range.lower) project_map.get_revisions(*range.lower);
  if (range.upper != "heads") project_map.get_revisions(range.upper);

  VerifyResult result;
  std::unique_ptr<Scratch> scratch = open_scratch(project);
  result.scratch = scratch->description;
  say("Verifying on " + scratch->description);

  ProjectOptions scratch_options;
  scratch_options.config_path = project.options().config_path;
  scratch_options.url = scratch->url;
  scratch_options.x_args = project.options().x_args;
  Project scratch_project(std::move(scratch_options));
  const script::RevisionMap& map = scratch_project.revisions();

  auto fail = [&](std::string revision, std::string phase, std::string message,
                  std::vector<std::string> diff = {}) {
    result.failure = VerifyFailure{std::move(revision), std::move(phase), std::move(message),
                                   std::move(diff)};
    return result;
  };

  ensure_version(scratch_project, MigrateOptions{});
  if (range.lower) {
    say("Upgrading the scratch database to " + *range.lower + " (not verified)");
    if (auto error = attempt([&] { upgrade(scratch_project, *range.lower, MigrateOptions{}); })) {
      return fail(*range.lower, "upgrade", "upgrading to " + *range.lower + " failed: " + *error);
    }
  }
  std::vector<script::MigrationStep> steps =
      script::plan_upgrade(map, range.upper, current_heads(scratch_project));

  for (const script::MigrationStep& up : steps) {
    const script::Revision& revision = *up.revision;
    const std::string& id = revision.revision;
    std::vector<std::string> before = snapshot(scratch_project, *scratch);
    if (auto error = attempt([&] { run_step(scratch_project, up); })) {
      return fail(id, "upgrade", "upgrade failed: " + *error);
    }
    std::vector<std::string> upgraded = snapshot(scratch_project, *scratch);
    script::MigrationStep down = script::make_revision_step(map, revision, false);
    if (auto error = attempt([&] { run_step(scratch_project, down); })) {
      return fail(id, "downgrade", "downgrade failed: " + *error);
    }
    std::vector<std::string> diff = snapshot_diff(before, snapshot(scratch_project, *scratch));
    if (!diff.empty()) {
      std::string message = "downgrade left the catalog different from before the upgrade (" +
                            std::to_string(diff.size()) + " line(s): + left behind, - missing)";
      return fail(id, "round_trip", message, std::move(diff));
    }
    if (auto error = attempt([&] { run_step(scratch_project, up); })) {
      return fail(id, "reupgrade", "upgrade after the downgrade failed: " + *error);
    }
    diff = snapshot_diff(upgraded, snapshot(scratch_project, *scratch));
    if (!diff.empty()) {
      std::string message =
          "upgrade after the downgrade made a different catalog than the first upgrade (" +
          std::to_string(diff.size()) + " line(s))";
      return fail(id, "reupgrade", message, std::move(diff));
    }
    result.verified.push_back(id);
    say("Verified " + up.describe());
  }

  if (range.upper != "heads") return result;
  result.heads_checked = true;
  std::vector<std::string> heads;
  for (const script::Revision* head : map.heads()) {
    if (head != nullptr) heads.push_back(head->revision);
  }
  if (heads.size() > 1) {
    return fail(join(heads, ", "), "heads",
                "the revision graph has " + std::to_string(heads.size()) + " heads: " +
                    join(heads, ", ") + " (join them with `strata merge heads`)");
  }
  if (!scratch_project.config().models.empty()) {
    result.models_checked = true;
    ModelComparison comparison = compare_models(scratch_project);
    result.warnings = comparison.warnings;
    std::vector<std::string> changes = autogen::describe_changes(comparison.diff);
    if (!changes.empty()) {
      std::string message = "the database at head differs from the models (" +
                            std::to_string(changes.size()) +
                            " change(s); `strata revision --autogenerate` writes them)";
      return fail(heads.empty() ? "base" : heads.front(), "models", message, std::move(changes));
    }
    say("Models match the database at head");
  }
  return result;
}

}  // namespace strata::app
