// strata::Migrator: opening a project (config, hooks, the lent connection)
// and the calls that create files (revision, merge, init). The other calls
// live beside it: runs.cpp, inspect.cpp, models.cpp, safety.cpp.
#include "api/as_result.h"
#include "api/migrator_impl.h"

#include "api/observed_connection.h"
#include "config/config.h"
#include "driver/mysql_connection.h"
#include "driver/postgres_connection.h"
#include "driver/sqlite_connection.h"

namespace strata {
namespace {

// The URL that names a lent connection's dialect (and, for SQLite, the file
// the schema files sit beside).
std::string lent_url(driver::Connection& connection, ExternalConnection::Kind kind) {
  if (kind == ExternalConnection::Kind::kSqlite) {
    driver::QueryResult r = connection.query("PRAGMA database_list");
    for (const driver::Row& row : r.rows) {
      if (row.size() >= 3 && row[1] && *row[1] == "main") {
        const std::string file = row[2].value_or("");
        return file.empty() ? "sqlite:///:memory:" : "sqlite:///" + file;
      }
    }
    return "sqlite:///:memory:";
  }
  if (kind == ExternalConnection::Kind::kMariadb) {
    driver::QueryResult r = connection.query("SELECT DATABASE()");
    const std::string database = r.rows.empty() ? "" : r.rows[0][0].value_or("");
    return "mysql:///" + config::percent_encode(database);
  }
  driver::QueryResult r = connection.query("SELECT current_database()");
  std::string database = r.rows.empty() ? "" : r.rows[0][0].value_or("");
  return "postgresql:///" + database;
}

}  // namespace

Migrator::Impl::Impl(MigratorOptions options)
    : options_(std::move(options)), context_(options_) {
  app::ProjectOptions project_options;
  project_options.config_path = options_.config_path;
  project_options.url = options_.url;
  project_options.x_args = options_.x_args;
  project_options.on_warning = [this](const std::string& line) { log(LogLevel::kWarning, line); };
  if (options_.connection) {
    const ExternalConnection& lent = *options_.connection;
    if (lent.handle() == nullptr) throw Error(ErrorCode::kConfig, "the lent connection is null");
    if (lent.kind() == ExternalConnection::Kind::kSqlite) {
      lent_ = std::make_unique<driver::SqliteConnection>(static_cast<sqlite3*>(lent.handle()),
                                                         driver::SqliteConnection::Borrow{});
    } else if (lent.kind() == ExternalConnection::Kind::kMariadb) {
      lent_ = std::make_unique<driver::MysqlConnection>(static_cast<st_mysql*>(lent.handle()),
                                                        driver::MysqlConnection::Borrow{});
    } else {
      lent_ = std::make_unique<driver::PostgresConnection>(static_cast<pg_conn*>(lent.handle()),
                                                           driver::PostgresConnection::Borrow{});
    }
    if (lent_->in_transaction()) {
      throw Error(ErrorCode::kConfig, "the lent connection has a transaction open; strata opens its own");
    }
    project_options.url = lent_url(*lent_, lent.kind());
  }
  project_options.connection_factory = [this](bool create) { return open_connection(create); };
  project_ = std::make_unique<app::Project>(std::move(project_options));
}

std::unique_ptr<driver::Connection> Migrator::Impl::open_connection(bool create) {
  if (lent_) return std::make_unique<api::ObservedConnection>(lent_.get(), nullptr, context_);
  std::unique_ptr<driver::Connection> own = driver::connect(project_->url(), create);
  driver::Connection* raw = own.get();
  return std::make_unique<api::ObservedConnection>(raw, std::move(own), context_);
}

app::MigrateOptions Migrator::Impl::migrate_options(std::ostream* sql_out) {
  app::MigrateOptions m;
  m.sql = sql_out != nullptr;
  m.sql_out = sql_out;
  m.lock_timeout_seconds = options_.lock_timeout_seconds;
  m.no_lock = options_.no_lock;
  m.progress = [this](const std::string& line) { log(LogLevel::kInfo, line); };
  m.warning = [this](const std::string& line) { log(LogLevel::kWarning, line); };
  m.on_plan = [this](size_t steps) { context_.planned(steps); };
  m.on_step = [this](const script::MigrationStep& step, bool finished) {
    context_.step(step, finished);
  };
  return m;
}

Migrator::Migrator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Migrator::~Migrator() = default;

Result<std::unique_ptr<Migrator>> Migrator::open(MigratorOptions options) {
  return api::as_result<std::unique_ptr<Migrator>>([&] {
    return std::unique_ptr<Migrator>(new Migrator(std::make_unique<Impl>(std::move(options))));
  });
}

namespace {

app::NewRevisionOptions to_app(const NewRevision& r) {
  app::NewRevisionOptions o;
  o.message = r.message;
  o.head = r.head;
  o.splice = r.splice;
  o.branch_labels = r.branch_labels;
  o.depends_on = r.depends_on;
  o.rev_id = r.rev_id;
  o.version_path = r.version_path;
  return o;
}

}  // namespace

Result<std::string> Migrator::revision(const NewRevision& options) {
  return impl_->call<std::string>([&] { return app::create_revision(impl_->project(), to_app(options)); });
}

Result<std::string> Migrator::merge(const std::vector<std::string>& revisions,
                                    const NewRevision& options) {
  return impl_->call<std::string>(
      [&] { return app::merge_revisions(impl_->project(), revisions, to_app(options)); });
}

Status Migrator::init(const std::string& directory, const std::string& template_name) {
  return api::as_result<Ok>([&] {
    app::init_project(directory, template_name);
    return Ok{};
  });
}

namespace api {
app::NewRevisionOptions new_revision_options(const NewRevision& r) { return to_app(r); }
}  // namespace api

}  // namespace strata
