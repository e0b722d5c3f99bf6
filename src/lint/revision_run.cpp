// record_revision: runs a script's upgrade() and downgrade() into a
// recording sink (contract in revision_run.h).
#include <cctype>
#include <fstream>
#include <sstream>
#include <type_traits>
#include <variant>

#include "lint/revision_run.h"
#include "lint/table_tracker.h"
#include "lua/op_api.h"
#include "runtime/op_sink.h"
#include "strata/error.h"

namespace strata::lint {
namespace {

class RecordingSink : public runtime::OpSink {
 public:
  explicit RecordingSink(const RecordOptions& options) : options_(options) {}

  std::string_view dialect_name() const override { return options_.dialect; }

  void emit(const ops::Op& op) override {
    if (std::holds_alternative<ops::AutocommitBegin>(op)) {
      ++autocommit_depth_;
      ++segment_;
      return;
    }
    if (std::holds_alternative<ops::AutocommitEnd>(op)) {
      if (autocommit_depth_ > 0) --autocommit_depth_;
      ++segment_;
      return;
    }
    const int line = lua::emitting_op_line();
    if (const auto* batch = std::get_if<ops::BatchAlterTable>(&op)) {
      for (const ops::TableOp& change : batch->ops) {
        recorded.push_back(LintedOp{ops::to_op(change), line, autocommit_depth_ > 0, false, false,
                                    batches_, segment_});
      }
      ++batches_;
      return;
    }
    recorded.push_back(LintedOp{op, line, autocommit_depth_ > 0, false, false, -1, segment_});
  }

  driver::QueryResult query(const std::string&) override {
    throw Error(ErrorCode::kScript, std::string(kNeedsDatabase));
  }

  std::optional<std::string> x_arg(const std::string& key) const override {
    auto it = options_.x_args.find(key);
    if (it == options_.x_args.end()) return std::nullopt;
    return it->second;
  }

  std::vector<LintedOp> recorded;

 private:
  const RecordOptions& options_;
  int autocommit_depth_ = 0;
  int batches_ = 0;
  int segment_ = 0;
};

// "path:12: message" -> {message, 12}.
ScriptFailure failure_of(const Error& e, const std::string& path) {
  ScriptFailure failure;
  std::string text = e.message();
  const std::string prefix = path + ":";
  if (text.rfind(prefix, 0) == 0) {
    size_t i = prefix.size();
    int line = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      line = line * 10 + (text[i] - '0');
      ++i;
    }
    if (i < text.size() && text[i] == ':') {
      failure.line = line;
      ++i;
      while (i < text.size() && text[i] == ' ') ++i;
      text = text.substr(i);
    }
  }
  failure.needs_database = text.find(kNeedsDatabase) != std::string::npos;
  failure.message = std::move(text);
  return failure;
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot read");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

RevisionRun record_revision(const script::Revision& revision, const RecordOptions& options) {
  RevisionRun run;
  run.revision = &revision;
  run.lines = read_lines(revision.path);
  run.has_lock_timeout = revision.lock_timeout.has_value();
  for (size_t i = 0; i < run.lines.size(); ++i) {
    const std::string& line = run.lines[i];
    std::string_view body = trim_left(line);
    if (run.downgrade_line == 0 && body.rfind("function downgrade", 0) == 0) {
      run.downgrade_line = static_cast<int>(i + 1);
    }
  }

  RecordingSink up(options);
  try {
    lua::run_migration(revision, true, up, options.env);
  } catch (const Error& e) {
    run.upgrade_failure = failure_of(e, revision.path);
  }
  run.upgrade = std::move(up.recorded);
  mark_new_tables(run.upgrade, options.dialect);

  RecordingSink down(options);
  try {
    lua::run_migration(revision, false, down, options.env);
  } catch (const Error& e) {
    run.downgrade_failure = failure_of(e, revision.path);
  }
  run.downgrade_ops = down.recorded.size();
  return run;
}

}  // namespace strata::lint
