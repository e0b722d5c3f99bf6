#include "strata/migrator.h"

#include <sstream>

#include "app/commands.h"
#include "app/project.h"

namespace strata {
namespace {

// Run `fn`, turning any strata::Error (or stray exception) into a value.
template <typename T, typename Fn>
Result<T> capture(Fn&& fn) {
  try {
    return fn();
  } catch (const Error& e) {
    return e;
  } catch (const std::exception& e) {
    return Error(ErrorCode::kInternal, e.what());
  }
}

}  // namespace

Migrator::Migrator(MigratorOptions options, std::unique_ptr<app::Project> project)
    : options_(std::move(options)), project_(std::move(project)) {}

Migrator::~Migrator() = default;

Result<std::unique_ptr<Migrator>> Migrator::open(MigratorOptions options) {
  return capture<std::unique_ptr<Migrator>>([&]() {
    app::ProjectOptions project_options;
    project_options.config_path = options.config_path;
    project_options.url = options.url;
    project_options.x_args = options.x_args;
    auto project = std::make_unique<app::Project>(std::move(project_options));
    return std::unique_ptr<Migrator>(new Migrator(std::move(options), std::move(project)));
  });
}

Status Migrator::upgrade(const std::string& target) {
  return capture<Ok>([&]() {
    app::upgrade(*project_, target, app::MigrateOptions{.progress = options_.progress});
    return Ok{};
  });
}

Status Migrator::downgrade(const std::string& target) {
  return capture<Ok>([&]() {
    app::downgrade(*project_, target, app::MigrateOptions{.progress = options_.progress});
    return Ok{};
  });
}

Result<std::string> Migrator::upgrade_sql(const std::string& target) {
  return capture<std::string>([&]() {
    std::ostringstream out;
    app::upgrade(*project_, target, app::MigrateOptions{.sql = true, .sql_out = &out});
    return out.str();
  });
}

Result<std::vector<std::string>> Migrator::current() {
  return capture<std::vector<std::string>>([&]() { return app::current_heads(*project_); });
}

Result<std::vector<std::string>> Migrator::heads() {
  return capture<std::vector<std::string>>([&]() {
    std::vector<std::string> ids;
    for (const script::Revision* r : project_->revisions().heads()) ids.push_back(r->revision);
    return ids;
  });
}

}  // namespace strata
