#include "api/run_context.h"

#include <regex>

namespace strata::api {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

long long ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace

void RunContext::reset() {
  start_ = std::chrono::steady_clock::now();
  total_ = index_ = done_ = 0;
  in_step_ = false;
  current_ = {};
  report_ = {};
  failed_statement_.reset();
  cancel_raised_ = false;
}

std::chrono::milliseconds RunContext::elapsed() const {
  return std::chrono::milliseconds(ms_since(start_));
}

void RunContext::emit(ProgressEvent event) const {
  if (!options_.on_progress) return;
  event.index = event.kind == ProgressEvent::Kind::kPlanned ? 0 : index_;
  event.total = total_;
  event.elapsed = elapsed();
  if (event.kind != ProgressEvent::Kind::kPlanned) {
    event.revision = current_.revision;
    event.step = current_.step;
    event.direction = current_.direction;
  }
  options_.on_progress(event);
}

void RunContext::planned(size_t steps) {
  total_ = done_ + steps;
  report_.steps.reserve(total_);
  emit(ProgressEvent{.kind = ProgressEvent::Kind::kPlanned});
}

void RunContext::step(const script::MigrationStep& step, bool finished) {
  if (!finished) {
    std::string text = step.describe();
    // A lock_timeout retry runs the same step again: one step, not two.
    if (in_step_ && text == current_.step) return;
    in_step_ = true;
    ++index_;
    if (index_ > total_) total_ = index_;
    current_ = AppliedStep{};
    current_.direction = step.is_stamp ? "stamp" : step.is_upgrade ? "upgrade" : "downgrade";
    current_.revision = step.revision != nullptr
                            ? step.revision->revision
                            : join(step.to_revisions.empty() ? step.from_revisions : step.to_revisions);
    current_.step = std::move(text);
    step_start_ = std::chrono::steady_clock::now();
    emit(ProgressEvent{.kind = ProgressEvent::Kind::kStepStarted});
    return;
  }
  in_step_ = false;
  ++done_;
  current_.duration_ms = ms_since(step_start_);
  emit(ProgressEvent{.kind = ProgressEvent::Kind::kStepFinished});
  report_.steps.push_back(std::move(current_));
}

void RunContext::before_statement(const std::string& sql, bool in_transaction) {
  if (options_.cancel != nullptr && options_.cancel->cancelled() &&
      (in_transaction || !cancel_raised_)) {
    cancel_raised_ = true;
    throw Error(ErrorCode::kCancelled, "cancelled" + (in_step_ ? " during " + current_.step : std::string()) +
                                           "; the open transaction was rolled back");
  }
  if (options_.on_progress) {
    ProgressEvent event{.kind = ProgressEvent::Kind::kStatement};
    event.statement = sql;
    emit(std::move(event));
  }
}

void RunContext::enrich(Error& error) const {
  if (!error.revision() && in_step_ && !current_.revision.empty()) {
    error.set_revision(current_.revision);
  }
  if (!error.statement() && failed_statement_ && error.code() == ErrorCode::kDatabase) {
    error.set_statement(*failed_statement_);
  }
  if (!error.file()) {
    // "path/x.lua:12: message", possibly after a prefix ("upgrade a -> b failed: ").
    static const std::regex kLocation(R"((?:^|: )([^\s:][^:]*\.(?:lua|py|sql)):(\d+): )");
    std::smatch m;
    const std::string message = error.message();
    if (std::regex_search(message, m, kLocation)) {
      error.set_location(m[1].str(), std::stoi(m[2].str()));
    }
  }
}

RunReport RunContext::take_report() {
  RunReport report = std::move(report_);
  report.duration_ms = ms_since(start_);
  report_ = {};
  return report;
}

}  // namespace strata::api
