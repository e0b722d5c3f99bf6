// The fleet report forms (contract in fleet/report.h).
#include "fleet/report.h"

#include <cstdio>

namespace strata::fleet {
namespace {

bool takes_revision(FleetCommand c) {
  return c == FleetCommand::kUpgrade || c == FleetCommand::kDowngrade;
}

std::string heads_text(const std::vector<std::string>& heads) {
  if (heads.empty()) return "base";
  std::string out;
  for (const std::string& h : heads) out += (out.empty() ? "" : ",") + h;
  return out;
}

}  // namespace

nlohmann::json report_json(const FleetReport& report) {
  nlohmann::json summary = {{"total", report.targets.size()}, {"ok", 0}, {"skipped", 0},
                            {"failed", 0}, {"not_run", 0}};
  nlohmann::json targets = nlohmann::json::array();
  for (const FleetTargetResult& r : report.targets) {
    const char* status = fleet_status_name(r.status);
    summary[status] = summary[status].get<int>() + 1;
    targets.push_back({
        {"target", r.target},
        {"tenant", r.tenant ? nlohmann::json(*r.tenant) : nlohmann::json()},
        {"status", status},
        {"reason", r.reason.empty() ? nlohmann::json() : nlohmann::json(r.reason)},
        {"from", r.from},
        {"to", r.to},
        {"duration_ms", r.duration_ms},
        {"error", r.status == FleetStatus::kFailed ? nlohmann::json(r.error) : nlohmann::json()},
        {"warnings", r.warnings},
    });
  }
  return {
      {"command", fleet_command_name(report.command)},
      {"revision", takes_revision(report.command) ? nlohmann::json(report.revision)
                                                  : nlohmann::json()},
      {"jobs", report.jobs},
      {"duration_ms", report.duration_ms},
      {"summary", summary},
      {"targets", targets},
  };
}

std::string result_line(FleetCommand command, const FleetTargetResult& r) {
  const std::string ms = " (" + std::to_string(r.duration_ms) + " ms)";
  switch (r.status) {
    case FleetStatus::kFailed:
      return "failed   " + r.label + ": " + r.error;
    case FleetStatus::kNotRun:
      return "not run  " + r.label;
    case FleetStatus::kSkipped:
      return "skipped: " + r.reason + "  " + r.label + ": " + heads_text(r.to) + ms;
    case FleetStatus::kOk:
      if (takes_revision(command)) {
        return "ok       " + r.label + ": " + heads_text(r.from) + " -> " + heads_text(r.to) + ms;
      }
      return "ok       " + r.label + ": " + heads_text(r.to) + ms;
  }
  return "";
}

std::string summary_line(const FleetReport& report) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(report.duration_ms) / 1000.0);
  return std::string("fleet ") + fleet_command_name(report.command) + ": " +
         std::to_string(report.targets.size()) + " target(s) in " + seconds + " s: " +
         std::to_string(report.count(FleetStatus::kOk)) + " ok, " +
         std::to_string(report.count(FleetStatus::kSkipped)) + " skipped, " +
         std::to_string(report.count(FleetStatus::kFailed)) + " failed, " +
         std::to_string(report.count(FleetStatus::kNotRun)) + " not run";
}

}  // namespace strata::fleet
