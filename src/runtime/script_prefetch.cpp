// ScriptPrefetch (contract in runtime/script_prefetch.h).
#include "runtime/script_prefetch.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <variant>

#include "common/sql_nul.h"
#include "lua/sandbox.h"
#include "runtime/version_schema_guard.h"
#include "strata/error.h"

namespace strata::runtime {
namespace {

// Below this many scripts a worker's start (a thread, a Lua state) is not
// won back.
constexpr size_t kMinScripts = 64;
// Workers beside the step loop; the loop itself (SQL of the version table,
// writing) is the lighter half.
constexpr size_t kMaxWorkers = 2;
// STRATA_SCRIPT_WORKERS=N, for tests and measurements.
constexpr size_t kMaxForcedWorkers = 8;
// A worker wakes the loop once per this many of its records (and at its
// last or failing one), the loop a waiting worker once per this many steps:
// a wake-up per script costs more than the script on a VM.
constexpr size_t kWakeEvery = 32;

}  // namespace

// What the script's op calls send, recorded: rendered as the offline
// emitter renders (SqlEmitter::emit), kept for replay.
class ScriptPrefetch::RecordingSink : public OpSink {
 public:
  RecordingSink(const SqlEmitter& emitter, std::vector<Event>& events)
      : emitter_(emitter), events_(events) {}

  std::string_view dialect_name() const override { return emitter_.dialect_name(); }
  void emit(const ops::Op& op) override {
    if (std::holds_alternative<ops::AutocommitBegin>(op)) {
      events_.push_back({Event::Kind::kAutocommitBegin, {}});
      return;
    }
    if (std::holds_alternative<ops::AutocommitEnd>(op)) {
      events_.push_back({Event::Kind::kAutocommitEnd, {}});
      return;
    }
    for (std::string& statement : emitter_.dialect().render(op)) {
      reject_nul_sql(statement, ErrorCode::kScript);
      events_.push_back({Event::Kind::kStatement, std::move(statement)});
    }
  }
  driver::QueryResult query(const std::string&) override {
    throw Error(ErrorCode::kScript, "op.query is not available in --sql mode");
  }
  std::optional<std::string> x_arg(const std::string& key) const override {
    return emitter_.x_arg(key);
  }

 private:
  const SqlEmitter& emitter_;
  std::vector<Event>& events_;
};

size_t ScriptPrefetch::workers_for(const std::vector<script::MigrationStep>& steps) {
  const size_t scripts = static_cast<size_t>(
      std::count_if(steps.begin(), steps.end(),
                    [](const script::MigrationStep& s) { return !s.is_stamp && s.revision; }));
  if (scripts == 0) return 0;
  if (const char* forced = std::getenv("STRATA_SCRIPT_WORKERS"); forced && *forced) {
    return std::min<size_t>(std::strtoul(forced, nullptr, 10), kMaxForcedWorkers);
  }
  const unsigned cores = std::thread::hardware_concurrency();
  if (scripts < kMinScripts || cores < 2) return 0;
  return std::min<size_t>(kMaxWorkers, cores);
}

ScriptPrefetch::ScriptPrefetch(const std::vector<script::MigrationStep>& steps,
                               const SqlEmitter& emitter,
                               const dialect::VersionTableName& version_table,
                               lua::ScriptCache& scripts, const lua::ScriptEnv& env,
                               size_t workers)
    : steps_(steps),
      emitter_(emitter),
      version_table_(version_table),
      scripts_(scripts),
      env_(env),
      records_(steps.size()) {
  workers = std::max<size_t>(workers, 1);
  try {
    for (size_t w = 0; w < workers; ++w) workers_.emplace_back([this, w, workers] { work(w, workers); });
  } catch (...) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    advanced_.notify_all();
    for (std::thread& t : workers_) t.join();
    throw;
  }
}

ScriptPrefetch::~ScriptPrefetch() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  advanced_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void ScriptPrefetch::work(size_t first, size_t stride) {
  size_t made = 0;
  for (size_t i = first; i < steps_.size(); i += stride) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      const auto may_run = [&] { return stop_ || i < replayed_ + kWindow; };
      if (!may_run()) {
        ready_.notify_all();  // the loop may be waiting for a record not yet announced
        advanced_.wait(lock, may_run);
      }
      if (stop_) return;
    }
    Record record;
    const script::MigrationStep& step = steps_[i];
    if (!step.is_stamp && step.revision != nullptr) run_script(step, record);
    const bool failed = record.error != nullptr;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      record.ready = true;
      records_[i] = std::move(record);
    }
    const bool last = failed || i + stride >= steps_.size();
    if (++made % kWakeEvery == 0 || last) ready_.notify_all();
    if (failed) return;  // the loop stops at this step
  }
}

void ScriptPrefetch::run_script(const script::MigrationStep& step, Record& record) {
  lua::PrintSink print = [&record](std::string_view line) {
    record.events.push_back({Event::Kind::kPrint, std::string(line)});
  };
  lua::set_print_sink(&print);
  try {
    const std::optional<script::FileKey>& key = step.revision->loaded_key;
    const lua::ScriptSource script = scripts_.read(step.revision->path, key ? &*key : nullptr);
    record.checksum = script.checksum;
    RecordingSink sink(emitter_, record.events);
    VersionSchemaGuard guard(sink, version_table_, [&record](const std::string& note) {
      record.events.push_back({Event::Kind::kNote, note});
    });
    lua::run_migration(*step.revision, step.is_upgrade, guard, env_, script, &scripts_);
  } catch (...) {
    record.error = std::current_exception();
  }
  lua::set_print_sink(nullptr);
}

std::string ScriptPrefetch::replay(const script::MigrationStep& step, SqlEmitter& emitter,
                                   const std::function<void(const std::string&)>& note) {
  const size_t index = static_cast<size_t>(&step - steps_.data());
  Record record;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!records_[index].ready) {
      replayed_ = index;
      advanced_.notify_all();  // a worker may be waiting for a move not yet announced
      ready_.wait(lock, [&] { return records_[index].ready; });
    }
    record = std::move(records_[index]);
    records_[index] = Record{};
    replayed_ = index + 1;
  }
  if ((index + 1) % kWakeEvery == 0) advanced_.notify_all();
  for (const Event& event : record.events) {
    switch (event.kind) {
      case Event::Kind::kStatement:
        emitter.emit_sql(event.text);
        break;
      case Event::Kind::kNote:
        note(event.text);
        break;
      case Event::Kind::kAutocommitBegin:
        emitter.emit(ops::AutocommitBegin{});
        break;
      case Event::Kind::kAutocommitEnd:
        emitter.emit(ops::AutocommitEnd{});
        break;
      case Event::Kind::kPrint:
        std::fwrite(event.text.data(), 1, event.text.size(), stderr);
        break;
    }
  }
  if (record.error) std::rethrow_exception(record.error);
  return record.checksum;
}

}  // namespace strata::runtime
