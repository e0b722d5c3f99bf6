#include "fleet/report.h"

#include <cstdio>

namespace strata::fleet {
namespace {

bool takes_revision(Command c) { return c == Command::kUpgrade || c == Command::kDowngrade; }

std::string heads_text(const std::vector<std::string>& heads) {
  if (heads.empty()) return "base";
  std::string out;
  for (const std::string& h : heads) out += (out.empty() ? "" : ",") + h;
  return out;
}

}  // namespace

nlohmann::json report_json(const FleetOptions& options, const std::vector<TargetResult>& results,
                           long long duration_ms) {
  nlohmann::json summary = {{"total", results.size()}, {"ok", 0}, {"skipped", 0},
                            {"failed", 0}, {"not_run", 0}};
  nlohmann::json targets = nlohmann::json::array();
  for (const TargetResult& r : results) {
    summary[status_name(r.status)] = summary[status_name(r.status)].get<int>() + 1;
    targets.push_back({
        {"target", r.target.redacted_url()},
        {"tenant", r.target.tenant ? nlohmann::json(*r.target.tenant) : nlohmann::json()},
        {"status", status_name(r.status)},
        {"reason", r.reason.empty() ? nlohmann::json() : nlohmann::json(r.reason)},
        {"from", r.from},
        {"to", r.to},
        {"duration_ms", r.duration_ms},
        {"error", r.status == Status::kFailed ? nlohmann::json(r.error) : nlohmann::json()},
        {"warnings", r.warnings},
    });
  }
  return {
      {"command", command_name(options.command)},
      {"revision", takes_revision(options.command) ? nlohmann::json(options.revision)
                                                   : nlohmann::json()},
      {"jobs", options.jobs},
      {"duration_ms", duration_ms},
      {"summary", summary},
      {"targets", targets},
  };
}

std::string result_line(const FleetOptions& options, const TargetResult& r) {
  const std::string ms = " (" + std::to_string(r.duration_ms) + " ms)";
  switch (r.status) {
    case Status::kFailed:
      return "failed   " + r.target.label() + ": " + r.error;
    case Status::kNotRun:
      return "not run  " + r.target.label();
    case Status::kSkipped:
      return "skipped: " + r.reason + "  " + r.target.label() + ": " + heads_text(r.to) + ms;
    case Status::kOk:
      if (takes_revision(options.command)) {
        return "ok       " + r.target.label() + ": " + heads_text(r.from) + " -> " +
               heads_text(r.to) + ms;
      }
      return "ok       " + r.target.label() + ": " + heads_text(r.to) + ms;
  }
  return "";
}

std::string summary_line(const FleetOptions& options, const std::vector<TargetResult>& results,
                         long long duration_ms) {
  size_t counts[4] = {0, 0, 0, 0};
  for (const TargetResult& r : results) ++counts[static_cast<int>(r.status)];
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(duration_ms) / 1000.0);
  return std::string("fleet ") + command_name(options.command) + ": " +
         std::to_string(results.size()) + " target(s) in " + seconds + " s: " +
         std::to_string(counts[static_cast<int>(Status::kOk)]) + " ok, " +
         std::to_string(counts[static_cast<int>(Status::kSkipped)]) + " skipped, " +
         std::to_string(counts[static_cast<int>(Status::kFailed)]) + " failed, " +
         std::to_string(counts[static_cast<int>(Status::kNotRun)]) + " not run";
}

}  // namespace strata::fleet
