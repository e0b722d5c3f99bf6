// Micro-benchmark for reading revision headers (lua/script_header.h): the
// `strata history` budget is 100 ms per process for 10,000 scripts, so
// reading 10,000 small files must take about 30 ms or less.
//
// Setup writes 10,000 generated scripts (the built-in template plus a few
// op calls) to a temporary directory; files are then in the page cache.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.h"
#include "lua/sandbox.h"
#include "lua/script_header.h"
#include "script/script_directory.h"

namespace fs = std::filesystem;

namespace {

constexpr int kScripts = 10000;

std::string rev_id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012x", 0xa00000 + i);
  return buf;
}

std::string script_text(int i) {
  std::string down = i == 0 ? "nil" : "\"" + rev_id(i - 1) + "\"";
  return "-- add table t" + std::to_string(i) + "\n--\n-- Revision ID: " + rev_id(i) +
         "\n-- Revises: " + (i == 0 ? "" : rev_id(i - 1)) +
         "\n-- Create Date: 2025-01-01 00:00:00\n\nrevision = \"" + rev_id(i) +
         "\"\ndown_revision = " + down +
         "\nbranch_labels = nil\ndepends_on = nil\n\nfunction upgrade()\n"
         "  op.create_table(\"t" + std::to_string(i) + "\",\n"
         "    op.column(\"id\", op.Integer, {primary_key = true}),\n"
         "    op.column(\"name\", op.String(100), {nullable = false}),\n"
         "    {schema = \"bench\"})\n"
         "  op.create_index(\"ix_t" + std::to_string(i) + "_name\", \"t" + std::to_string(i) +
         "\", {\"name\"}, {schema = \"bench\"})\nend\n\n"
         "function downgrade()\n  op.drop_table(\"t" + std::to_string(i) +
         "\", {schema = \"bench\"})\nend\n";
}

struct Corpus {
  std::string root;
  std::vector<std::string> files;
  std::vector<std::string> texts;

  Corpus() {
    char tmpl[] = "/tmp/strata-header-bench.XXXXXX";
    root = mkdtemp(tmpl);
    fs::create_directories(root + "/migrations/versions");
    for (int i = 0; i < kScripts; ++i) {
      std::string path = root + "/migrations/versions/" + rev_id(i) + "_add_table.lua";
      texts.push_back(script_text(i));
      std::ofstream(path) << texts.back();
      files.push_back(path);
    }
  }
  ~Corpus() { fs::remove_all(root); }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

// Read + scan 10,000 files (one HeaderReader, as ScriptDirectory does).
void BM_ReadHeaders10k(benchmark::State& state) {
  Corpus& c = corpus();
  for (auto _ : state) {
    strata::lua::HeaderReader reader;
    for (const std::string& f : c.files) benchmark::DoNotOptimize(reader.read(f));
    if (reader.fallbacks() != 0) state.SkipWithError("unexpected Lua fallback");
  }
}
BENCHMARK(BM_ReadHeaders10k)->Unit(benchmark::kMillisecond);

// ScriptDirectory::load_revisions: listing + reading + scanning.
void BM_LoadRevisions10k(benchmark::State& state) {
  Corpus& c = corpus();
  strata::config::Config cfg;
  cfg.config_path = c.root + "/strata.toml";
  strata::script::ScriptDirectory sd(cfg);
  for (auto _ : state) {
    auto revs = sd.load_revisions();
    if (revs.size() != kScripts) state.SkipWithError("wrong count");
    benchmark::DoNotOptimize(revs);
  }
}
BENCHMARK(BM_LoadRevisions10k)->Unit(benchmark::kMillisecond);

// The scanner alone, from memory.
void BM_ScanOnly10k(benchmark::State& state) {
  Corpus& c = corpus();
  for (auto _ : state) {
    for (const std::string& t : c.texts) {
      benchmark::DoNotOptimize(strata::lua::scan_script_header(t, "x.lua"));
    }
  }
}
BENCHMARK(BM_ScanOnly10k)->Unit(benchmark::kMillisecond);

// For comparison: the Lua fallback for one script (fresh sandbox each time).
void BM_LuaFallbackOne(benchmark::State& state) {
  Corpus& c = corpus();
  for (auto _ : state) {
    benchmark::DoNotOptimize(strata::lua::eval_script_header(c.texts[1], "x.lua"));
  }
}
BENCHMARK(BM_LuaFallbackOne)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
