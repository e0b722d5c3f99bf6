// The terminal-only polish of issue 10 §3 (src/cli/tty.h), through the real
// strata binary with stdout and/or stderr on pseudo-terminals
// (support/terminal_run.h), on a SQLite project of five revisions — the
// smallest run that gets a status line (ProgressLine::kMinSteps):
//  - on a terminal, colour: the status line cyan, "strata: error:" red;
//    none with NO_COLOR set (non-empty) or TERM=dumb;
//  - the status line "[n/N] revision  (1.2s)" for each step of a run of 5
//    or more, erased when the run ends or fails; none for shorter runs,
//    with -q, or when stderr is not a terminal;
//  - whatever goes to a pipe or file carries no escape sequence: stderr when
//    it is not a terminal (stdout a terminal or not), stdout always (its
//    text, --json included, is never coloured).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/terminal_run.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

const std::vector<std::string> kRevisions = {"r1", "r2", "r3", "r4", "r5"};

std::string script(const std::string& id, const std::string& down, const std::string& body) {
  return "-- " + id + " message\nrevision = \"" + id + "\"\ndown_revision = " + down +
         "\n\nfunction upgrade()\n" + body + "\nend\n\nfunction downgrade()\n  op.drop_table(\"t_" +
         id + "\")\nend\n";
}

std::string create(const std::string& id) {
  return "  op.create_table(\"t_" + id + "\", op.column(\"id\", op.Integer, {primary_key = true}))";
}

bool has_escape(const std::string& text) { return text.find('\033') != std::string::npos; }

// An SGR sequence (colour or reset): ESC [ digits/semicolons m.
bool has_colour(const std::string& text) {
  static const std::regex sgr("\033\\[[0-9;]*m");
  return std::regex_search(text, sgr);
}

// The status line of step `n` of `total` at revision `id`, with its elapsed
// seconds ("(0.0s)").
bool has_status_line(const std::string& text, size_t n, size_t total, const std::string& id) {
  const std::regex line("\\[" + std::to_string(n) + "/" + std::to_string(total) + "\\] " + id +
                        "  \\([0-9]+\\.[0-9]s\\)");
  return std::regex_search(text, line);
}

std::string without_carriage_returns(std::string text) {
  std::erase(text, '\r');
  return text;
}

class CliTty : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nurl = \"sqlite:///app.db\"\n");
    std::filesystem::create_directories(dir.file("migrations/versions"));
    std::string down = "nil";
    for (const std::string& id : kRevisions) {
      write_file(dir.file("migrations/versions/" + id + ".lua"), script(id, down, create(id)));
      down = "\"" + id + "\"";
    }
  }
  // strata `args` with stdout / stderr on terminals as asked; a terminal
  // that takes colour (TERM=xterm, NO_COLOR unset) unless `env` says else.
  TerminalRun strata(const std::vector<std::string>& args, bool stdout_terminal, bool stderr_terminal,
                     std::vector<std::string> env = {}) {
    std::vector<std::string> argv{STRATA_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    env.insert(env.begin(), "TERM=xterm");
    std::vector<std::string> unset;
    bool sets_no_color = false;
    for (const std::string& e : env) sets_no_color = sets_no_color || e.rfind("NO_COLOR=", 0) == 0;
    if (!sets_no_color) unset.push_back("NO_COLOR");
    return run_on_terminals(argv, dir.path(), stdout_terminal, stderr_terminal, env, unset);
  }
  TempDir dir;
};

TEST_F(CliTty, TerminalShowsAColouredStatusLinePerStepThenErasesIt) {
  TerminalRun r = strata({"upgrade", "head"}, true, true);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (size_t n = 1; n <= kRevisions.size(); ++n) {
    EXPECT_TRUE(has_status_line(r.err, n, kRevisions.size(), kRevisions[n - 1])) << n << ": " << r.err;
  }
  EXPECT_NE(r.err.find("\033[36m[1/5] r1  ("), std::string::npos) << r.err;
  // Alembic's progress lines are still there, each starting on a cleared line.
  EXPECT_NE(r.err.find("\r\033[KINFO  [strata] Running upgrade r4 -> r5, r5 message"), std::string::npos)
      << r.err;
  // Erased at the end: nothing but the erase follows the last status line.
  const size_t last = r.err.rfind("[5/5] r5  (");
  ASSERT_NE(last, std::string::npos);
  const size_t after = r.err.find("\033[0m", last);
  ASSERT_NE(after, std::string::npos);
  EXPECT_EQ(r.err.substr(after + 4), "\r\033[K") << r.err;
  EXPECT_FALSE(has_escape(r.out)) << r.out;
}

TEST_F(CliTty, TerminalErrorIsRedAndTheStatusLineIsErasedFirst) {
  write_file(dir.file("migrations/versions/r4.lua"),
             script("r4", "\"r3\"", "  op.execute(\"THIS IS NOT SQL\")"));
  TerminalRun r = strata({"upgrade", "head"}, true, true);
  ASSERT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has_status_line(r.err, 4, 5, "r4")) << r.err;
  EXPECT_FALSE(has_status_line(r.err, 5, 5, "r5")) << r.err;
  const size_t status = r.err.rfind("[4/5] r4  (");
  const size_t error = r.err.find("\033[31mstrata: error:\033[0m ");
  ASSERT_NE(error, std::string::npos) << r.err;
  ASSERT_LT(status, error);
  // The line is erased before the error is printed, so the error starts a line.
  EXPECT_NE(r.err.substr(status, error - status).find("\r\033[K"), std::string::npos) << r.err;
}

TEST_F(CliTty, ShortRunsAndQuietRunsHaveNoStatusLine) {
  TerminalRun four = strata({"upgrade", "r4"}, true, true);
  ASSERT_EQ(four.exit_code, 0) << four.err;
  EXPECT_NE(four.err.find("Running upgrade r3 -> r4"), std::string::npos) << four.err;
  EXPECT_EQ(four.err.find("/4]"), std::string::npos) << four.err;
  EXPECT_FALSE(has_colour(four.err)) << four.err;

  TerminalRun quiet = strata({"-q", "downgrade", "base"}, true, true);
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  TerminalRun five_quiet = strata({"-q", "upgrade", "head"}, true, true);
  ASSERT_EQ(five_quiet.exit_code, 0) << five_quiet.err;
  EXPECT_EQ(five_quiet.err, "");
}

TEST_F(CliTty, NoColorOrDumbTerminalKeepsTheStatusLineWithoutColour) {
  for (const std::string env : {"NO_COLOR=1", "TERM=dumb"}) {
    TerminalRun r = strata({"upgrade", "head"}, true, true, {env});
    ASSERT_EQ(r.exit_code, 0) << env << ": " << r.err;
    EXPECT_TRUE(has_status_line(r.err, 3, 5, "r3")) << env << ": " << r.err;
    EXPECT_FALSE(has_colour(r.err)) << env << ": " << r.err;
    TerminalRun e = strata({"downgrade", "no_such_revision"}, true, true, {env});
    EXPECT_NE(e.exit_code, 0) << env;
    EXPECT_EQ(e.err.rfind("strata: error: ", 0), 0u) << env << ": " << e.err;
    EXPECT_FALSE(has_colour(e.err)) << env << ": " << e.err;
    ASSERT_EQ(strata({"-q", "downgrade", "base"}, false, false).exit_code, 0);
  }
  // An empty NO_COLOR does not count (no-color.org).
  TerminalRun e = strata({"downgrade", "no_such_revision"}, true, true, {"NO_COLOR="});
  EXPECT_EQ(e.err.rfind("\033[31mstrata: error:\033[0m ", 0), 0u) << e.err;
}

TEST_F(CliTty, WhatGoesToAPipeHasNoEscapes) {
  // Both streams piped: no colour, no status line.
  TerminalRun piped = strata({"upgrade", "head"}, false, false);
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_NE(piped.err.find("Running upgrade r4 -> r5"), std::string::npos) << piped.err;
  EXPECT_FALSE(has_escape(piped.err)) << piped.err;
  EXPECT_FALSE(has_escape(piped.out)) << piped.out;
  EXPECT_EQ(piped.err.find("[1/5]"), std::string::npos) << piped.err;
  TerminalRun error = strata({"downgrade", "no_such_revision"}, false, false);
  EXPECT_EQ(error.err.rfind("strata: error: ", 0), 0u) << error.err;
  ASSERT_EQ(strata({"-q", "downgrade", "base"}, false, false).exit_code, 0);

  // stdout on a terminal, stderr to a file or pipe (`2>log`): stderr plain.
  TerminalRun err_piped = strata({"upgrade", "head"}, true, false);
  ASSERT_EQ(err_piped.exit_code, 0) << err_piped.err;
  EXPECT_FALSE(has_escape(err_piped.err)) << err_piped.err;
  EXPECT_EQ(err_piped.err.find("[1/5]"), std::string::npos) << err_piped.err;
  ASSERT_EQ(strata({"-q", "downgrade", "base"}, false, false).exit_code, 0);

  // stdout piped (`| less`), stderr on the terminal: the pipe gets plain
  // text (offline SQL here) while the terminal keeps its status line.
  TerminalRun out_piped = strata({"upgrade", "head", "--sql"}, false, true);
  ASSERT_EQ(out_piped.exit_code, 0) << out_piped.err;
  EXPECT_NE(out_piped.out.find("t_r5"), std::string::npos) << out_piped.out;
  EXPECT_FALSE(has_escape(out_piped.out)) << out_piped.out;
}

TEST_F(CliTty, JsonNeverCarriesEscapes) {
  struct Case {
    bool stdout_terminal, stderr_terminal;
  };
  for (const Case c : {Case{true, true}, Case{false, true}, Case{true, false}, Case{false, false}}) {
    const std::string where = std::string("stdout ") + (c.stdout_terminal ? "tty" : "pipe") +
                              ", stderr " + (c.stderr_terminal ? "tty" : "pipe");
    TerminalRun up = strata({"upgrade", "head", "--json"}, c.stdout_terminal, c.stderr_terminal);
    ASSERT_EQ(up.exit_code, 0) << where << ": " << up.err;
    EXPECT_FALSE(has_escape(up.out)) << where << ": " << up.out;
    nlohmann::json j = nlohmann::json::parse(without_carriage_returns(up.out));
    EXPECT_EQ(j["steps"].size(), kRevisions.size()) << where;
    // The status line shows beside it exactly when stderr is a terminal.
    EXPECT_EQ(has_status_line(up.err, 5, 5, "r5"), c.stderr_terminal) << where << ": " << up.err;

    TerminalRun down = strata({"downgrade", "base", "--json"}, c.stdout_terminal, c.stderr_terminal);
    ASSERT_EQ(down.exit_code, 0) << where << ": " << down.err;
    EXPECT_FALSE(has_escape(down.out)) << where << ": " << down.out;
    EXPECT_EQ(nlohmann::json::parse(without_carriage_returns(down.out))["steps"].size(),
              kRevisions.size())
        << where;
  }
}

}  // namespace
}  // namespace strata::testing
