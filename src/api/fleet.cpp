// strata::run_fleet and fleet_report_json (contract in strata/fleet.h) over
// src/fleet/: the targets read and expanded (fleet/targets.h), run by
// fleet::run_fleet (fleet/runner.h), each result copied into the public
// FleetTargetResult with the line `strata fleet` prints (fleet/report.h).
#include "strata/fleet.h"

#include <algorithm>
#include <chrono>

#include "api/as_result.h"
#include "fleet/report.h"
#include "fleet/runner.h"
#include "fleet/targets.h"
#include "fleet/tenant.h"

namespace strata {
namespace {

fleet::Command internal_command(FleetCommand command) {
  switch (command) {
    case FleetCommand::kUpgrade: return fleet::Command::kUpgrade;
    case FleetCommand::kDowngrade: return fleet::Command::kDowngrade;
    case FleetCommand::kCurrent: return fleet::Command::kCurrent;
    case FleetCommand::kCheck: return fleet::Command::kCheck;
    case FleetCommand::kVerify: return fleet::Command::kVerify;
  }
  return fleet::Command::kCurrent;
}

FleetStatus public_status(fleet::Status status) {
  switch (status) {
    case fleet::Status::kOk: return FleetStatus::kOk;
    case fleet::Status::kSkipped: return FleetStatus::kSkipped;
    case fleet::Status::kFailed: return FleetStatus::kFailed;
    case fleet::Status::kNotRun: return FleetStatus::kNotRun;
  }
  return FleetStatus::kNotRun;
}

bool takes_revision(FleetCommand c) {
  return c == FleetCommand::kUpgrade || c == FleetCommand::kDowngrade;
}

fleet::FleetOptions runner_options(const FleetOptions& options) {
  if (options.x_args.count(std::string(fleet::kTenantArg))) {
    throw Error(ErrorCode::kUsage,
                "fleet: -x tenant= is set per target (URL#tenant=NAME, --tenants, --tenant-pattern)");
  }
  if (options.command == FleetCommand::kDowngrade && options.revision.empty()) {
    throw Error(ErrorCode::kUsage, "fleet downgrade needs a revision (e.g. -1 or base)");
  }
  fleet::FleetOptions out;
  out.command = internal_command(options.command);
  out.revision = takes_revision(options.command)
                     ? (options.revision.empty() ? "head" : options.revision)
                     : "";
  out.jobs = std::max(options.jobs, 1);
  out.continue_on_error = options.continue_on_error;
  out.config_path = options.config_path;
  out.x_args = options.x_args;
  out.lock_timeout_seconds = options.lock_timeout_seconds;
  out.no_lock = options.no_lock;
  return out;
}

// The public form of a target (the result's fields left empty).
FleetTargetResult public_target(const fleet::Target& target) {
  FleetTargetResult out;
  out.target = target.redacted_url();
  out.tenant = target.tenant;
  out.label = target.label();
  return out;
}

FleetTargetResult public_result(FleetCommand command, const fleet::TargetResult& r) {
  FleetTargetResult out = public_target(r.target);
  out.status = public_status(r.status);
  out.reason = r.reason;
  out.from = r.from;
  out.to = r.to;
  out.duration_ms = r.duration_ms;
  out.error = r.error;
  out.warnings = r.warnings;
  out.text = fleet::result_line(command, out);
  return out;
}

FleetEvent event(FleetEvent::Kind kind, FleetTargetResult result, size_t index,
                 const fleet::FleetSummary& s) {
  FleetEvent e;
  e.kind = kind;
  e.result = std::move(result);
  e.index = index;
  e.total = s.total;
  e.done = s.done;
  e.running = s.running;
  e.ok = s.ok;
  e.skipped = s.skipped;
  e.failed = s.failed;
  return e;
}

FleetReport run(const FleetOptions& options) {
  const fleet::FleetOptions runner = runner_options(options);
  fleet::TenantSource tenants{options.tenants_file, options.tenant_pattern, options.tenants};
  std::vector<fleet::Target> targets =
      fleet::expand_tenants(fleet::read_targets(options.targets), tenants);

  using Callback = std::function<void(size_t, const fleet::TargetResult&, const fleet::FleetSummary&)>;
  Callback on_start, on_done;
  if (options.on_event) {
    on_start = [&](size_t i, const fleet::TargetResult& r, const fleet::FleetSummary& s) {
      options.on_event(event(FleetEvent::Kind::kStarted, public_target(r.target), i, s));
    };
    on_done = [&](size_t i, const fleet::TargetResult& r, const fleet::FleetSummary& s) {
      options.on_event(event(FleetEvent::Kind::kFinished, public_result(options.command, r), i, s));
    };
  }

  const auto started = std::chrono::steady_clock::now();
  std::vector<fleet::TargetResult> results = fleet::run_fleet(targets, runner, on_done, on_start);
  FleetReport report;
  report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  report.command = options.command;
  report.revision = runner.revision;
  report.jobs = runner.jobs;
  report.targets.reserve(results.size());
  for (const fleet::TargetResult& r : results) {
    report.targets.push_back(public_result(options.command, r));
  }
  report.summary = fleet::summary_line(report);
  return report;
}

}  // namespace

const char* fleet_command_name(FleetCommand command) {
  return fleet::command_name(internal_command(command));
}

const char* fleet_status_name(FleetStatus status) {
  switch (status) {
    case FleetStatus::kOk: return "ok";
    case FleetStatus::kSkipped: return "skipped";
    case FleetStatus::kFailed: return "failed";
    case FleetStatus::kNotRun: return "not_run";
  }
  return "?";
}

Result<FleetReport> run_fleet(const FleetOptions& options) {
  return api::as_result<FleetReport>([&] { return run(options); });
}

std::string fleet_report_json(const FleetReport& report) {
  return fleet::report_json(report).dump(2);
}

}  // namespace strata
