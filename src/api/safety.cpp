// Migrator's safety calls: verify (app/verify.h), lint (lint/linter.h, with
// the project's [lint] settings and script limits), validate and repair
// (app/history_commands.h), doctor (app/doctor.h), as the public report types.
#include "api/migrator_impl.h"
#include "app/doctor.h"
#include "app/history_commands.h"
#include "app/verify.h"
#include "lint/linter.h"

namespace strata {
namespace {

Finding::Severity to_public(lint::Severity s) {
  switch (s) {
    case lint::Severity::kInfo: return Finding::Severity::kInfo;
    case lint::Severity::kWarning: return Finding::Severity::kWarning;
    case lint::Severity::kError: break;
  }
  return Finding::Severity::kError;
}

// The dialect lint renders for: `flag`, else the configured URL's (parsed,
// never connected to).
std::string lint_dialect(app::Project& project, const std::string& flag) {
  std::string name = flag;
  if (name.empty()) {
    try {
      name = project.url().dialect;
    } catch (const Error& e) {
      throw Error(e.code(), e.message() + " (or give the dialect: strata lint --dialect NAME)");
    }
  }
  if (name == "postgres") name = "postgresql";
  if (name == "mariadb") name = "mysql";
  if (name != "postgresql" && name != "sqlite" && name != "mysql" && name != "mssql") {
    throw Error(ErrorCode::kUsage,
                "--dialect must be postgresql, sqlite, mysql (mariadb) or mssql, not '" + name + "'");
  }
  return name;
}

}  // namespace

Result<VerifyReport> Migrator::verify(const std::optional<std::string>& range) {
  return impl_->call<VerifyReport>([&] {
    app::VerifyOptions options;
    options.range = range;
    options.progress = [this](const std::string& line) { impl_->log(LogLevel::kInfo, line); };
    app::VerifyResult result = app::verify(impl_->project(), options);
    VerifyReport report;
    report.scratch = std::move(result.scratch);
    report.verified = std::move(result.verified);
    report.heads_checked = result.heads_checked;
    report.models_checked = result.models_checked;
    report.warnings = std::move(result.warnings);
    if (result.failure) {
      Finding f;
      f.severity = Finding::Severity::kError;
      f.kind = result.failure->phase;
      f.revision = result.failure->revision;
      f.message = result.failure->message;
      f.details = result.failure->diff;
      f.text = "verify failed at " + f.revision + " (" + f.kind + "): " + f.message;
      report.failure = std::move(f);
    }
    return report;
  });
}

Result<LintReport> Migrator::lint(const std::string& range, const std::string& dialect) {
  return impl_->call<LintReport>([&] {
    app::Project& project = impl_->project();
    const config::Config& config = project.config();
    lint::LintOptions options;
    options.dialect = lint_dialect(project, dialect);
    options.disable = config.lint_disable;
    options.severity = config.lint_severity;
    options.config_name = impl_->options().config_path;
    options.env.module_roots = project.lua_module_roots();
    options.env.instruction_limit = config.script_instruction_limit;
    options.env.memory_limit_mb = config.script_memory_limit_mb;
    options.env.instruction_limit_setting = "strata.toml script_instruction_limit";
    options.env.memory_limit_setting = "strata.toml script_memory_limit_mb";
    options.x_args = project.options().x_args;
    const script::RevisionMap& map = project.revisions();
    lint::LintReport found = lint::lint(map, lint::revisions_in_range(map, range), options);
    LintReport report;
    report.dialect = found.dialect;
    report.revisions = found.revisions;
    report.suppressed = found.suppressed;
    for (const lint::Finding& f : found.findings) {
      report.findings.push_back(Finding{.severity = to_public(f.severity),
                                        .kind = f.rule,
                                        .revision = f.revision,
                                        .file = f.file,
                                        .line = f.line,
                                        .message = f.message,
                                        .fix = f.fix,
                                        .details = {},
                                        .text = lint::format_finding(f)});
    }
    return report;
  });
}

Result<ValidationReport> Migrator::validate() {
  return impl_->call<ValidationReport>([&] {
    const app::ValidationReport found = app::validate(impl_->project());
    ValidationReport report;
    for (const runtime::ChecksumProblem& p : found.problems) {
      report.problems.push_back(ChecksumMismatch{.revision = p.revision,
                                                 .kind = p.kind,
                                                 .path = p.path,
                                                 .recorded = p.recorded,
                                                 .current = p.current,
                                                 .text = runtime::describe(p)});
    }
    for (const runtime::HistoryEntry& f : found.failures) {
      report.failures.push_back(FailedStep{.revision = f.revision,
                                           .direction = f.direction,
                                           .statements_done = f.statements_done,
                                           .error = f.error.value_or(""),
                                           .text = runtime::describe_failure(f)});
    }
    return report;
  });
}

Result<RepairReport> Migrator::repair() {
  return impl_->call<RepairReport>([&] {
    app::RepairReport done = app::repair(impl_->project(), impl_->migrate_options());
    return RepairReport{.checksums_updated = std::move(done.checksums_updated),
                        .failures_cleared = std::move(done.failures_cleared)};
  });
}

Result<DoctorReport> Migrator::doctor() {
  return impl_->call<DoctorReport>([&] {
    const app::DoctorReport found = app::run_doctor(impl_->project());
    DoctorReport report{found.dialect, found.url, found.user, found.passed, {}};
    for (const app::DoctorProblem& p : found.problems) {
      report.problems.push_back({p.check, p.message, p.fix});
    }
    return report;
  });
}

}  // namespace strata
