// Migrator's runs: upgrade / downgrade / stamp / ensure_version, online
// (RunReport from the RunContext) and offline (--sql, to a stream or a
// string), over app/commands.h.
#include <sstream>

#include "api/migrator_impl.h"

namespace strata {

Result<RunReport> Migrator::upgrade(const std::string& target, const RunOptions& run) {
  return impl_->call<RunReport>([&] {
    app::MigrateOptions m = impl_->migrate_options();
    m.resume = run.resume;
    m.verify_data = run.verify_data;
    app::upgrade(impl_->project(), target, m);
    return impl_->context().take_report();
  });
}

Result<RunReport> Migrator::downgrade(const std::string& target, const RunOptions& run) {
  return impl_->call<RunReport>([&] {
    app::MigrateOptions m = impl_->migrate_options();
    m.verify_data = run.verify_data;
    app::downgrade(impl_->project(), target, m);
    return impl_->context().take_report();
  });
}

Result<RunReport> Migrator::stamp(const std::vector<std::string>& revisions, bool purge) {
  return impl_->call<RunReport>([&] {
    app::stamp(impl_->project(), revisions, purge, impl_->migrate_options());
    return impl_->context().take_report();
  });
}

Status Migrator::ensure_version() {
  return impl_->call<Ok>([&] {
    app::ensure_version(impl_->project(), impl_->migrate_options());
    return Ok{};
  });
}

Status Migrator::upgrade_sql(const std::string& target, std::ostream& out) {
  return impl_->call<Ok>([&] {
    app::upgrade(impl_->project(), target, impl_->migrate_options(&out));
    return Ok{};
  });
}

Result<std::string> Migrator::upgrade_sql(const std::string& target) {
  std::ostringstream out;
  Status status = upgrade_sql(target, out);
  if (!status) return status.error();
  return out.str();
}

Status Migrator::downgrade_sql(const std::string& target, std::ostream& out) {
  return impl_->call<Ok>([&] {
    app::downgrade(impl_->project(), target, impl_->migrate_options(&out));
    return Ok{};
  });
}

Result<std::string> Migrator::downgrade_sql(const std::string& target) {
  std::ostringstream out;
  Status status = downgrade_sql(target, out);
  if (!status) return status.error();
  return out.str();
}

Status Migrator::stamp_sql(const std::vector<std::string>& revisions, std::ostream& out,
                           bool purge) {
  return impl_->call<Ok>([&] {
    app::stamp(impl_->project(), revisions, purge, impl_->migrate_options(&out));
    return Ok{};
  });
}

Result<std::string> Migrator::stamp_sql(const std::vector<std::string>& revisions) {
  std::ostringstream out;
  Status status = stamp_sql(revisions, out);
  if (!status) return status.error();
  return out.str();
}

Status Migrator::ensure_version_sql(std::ostream& out) {
  return impl_->call<Ok>([&] {
    app::ensure_version(impl_->project(), impl_->migrate_options(&out));
    return Ok{};
  });
}

}  // namespace strata
