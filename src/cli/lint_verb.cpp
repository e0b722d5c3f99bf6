// `strata lint [RANGE]`: lints revision scripts (lint/linter.h) and prints
// one line per finding on stdout — `file:line: RULE severity: message (fix:
// ...)` — and a summary on stderr; `--json` prints one object instead.
// Exit 1 when an error-severity finding remains. Never connects: the
// dialect is --dialect, else the configured URL's (which is only parsed).
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/project.h"
#include "cli/lint_verb.h"
#include "lint/linter.h"
#include "lint/registry.h"
#include "strata/error.h"

namespace strata::cli {
namespace {

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

nlohmann::json to_json(const lint::LintReport& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const lint::Finding& f : report.findings) {
    findings.push_back({{"file", f.file},
                        {"line", f.line},
                        {"rule", f.rule},
                        {"severity", std::string(lint::severity_name(f.severity))},
                        {"message", f.message},
                        {"fix", f.fix},
                        {"revision", f.revision}});
  }
  return {{"dialect", report.dialect},
          {"revisions", report.revisions},
          {"findings", findings},
          {"summary",
           {{"error", report.count(lint::Severity::kError)},
            {"warning", report.count(lint::Severity::kWarning)},
            {"info", report.count(lint::Severity::kInfo)},
            {"suppressed", report.suppressed}}}};
}

}  // namespace

CLI::App* add_lint_verb(CLI::App& app, LintArgs& args) {
  auto* lint = app.add_subcommand(
      "lint", "Check revision scripts for risky operations (lock risks, destructive and "
              "data-dependent changes, renames, missing downgrades); never connects");
  lint->add_option("range", args.range,
                   "Revisions to lint: a:b (after a, up to b), a: or :b, or one revision "
                   "(default: base:heads)");
  lint->add_option("--dialect", args.dialect,
                   "postgresql, sqlite, mysql or mssql (default: the configured URL's)");
  lint->add_flag("--json", args.json,
                 "JSON output: {dialect, revisions, findings: [{file, line, rule, severity, "
                 "message, fix, revision}], summary}");
  return lint;
}

int run_lint(const GlobalOptions& g, const LintArgs& a) {
  app::ProjectOptions options = project_options(g);
  app::Project project(options);
  const config::Config& config = project.config();

  lint::LintOptions lint_options;
  lint_options.dialect = lint_dialect(project, a.dialect);
  lint_options.disable = config.lint_disable;
  lint_options.severity = config.lint_severity;
  lint_options.config_name = g.config_path;
  lint_options.env.module_roots = project.lua_module_roots();
  lint_options.env.instruction_limit = config.script_instruction_limit;
  lint_options.env.memory_limit_mb = config.script_memory_limit_mb;
  lint_options.env.instruction_limit_setting = "strata.toml script_instruction_limit";
  lint_options.env.memory_limit_setting = "strata.toml script_memory_limit_mb";
  lint_options.x_args = options.x_args;

  const script::RevisionMap& map = project.revisions();
  lint::LintReport report =
      lint::lint(map, lint::revisions_in_range(map, a.range), lint_options);

  const int errors = report.count(lint::Severity::kError);
  if (a.json) {
    std::cout << to_json(report).dump(2) << std::endl;
  } else {
    for (const lint::Finding& f : report.findings) std::cout << lint::format_finding(f) << "\n";
    std::cout.flush();
    if (!g.quiet) {
      std::cerr << "lint (" << report.dialect << "): " << report.revisions << " revision"
                << (report.revisions == 1 ? "" : "s") << ", " << errors << " error"
                << (errors == 1 ? "" : "s") << ", " << report.count(lint::Severity::kWarning)
                << " warning" << (report.count(lint::Severity::kWarning) == 1 ? "" : "s") << ", "
                << report.count(lint::Severity::kInfo) << " info, " << report.suppressed
                << " suppressed" << std::endl;
    }
  }
  return errors > 0 ? 1 : 0;
}

}  // namespace strata::cli
