// No CLI output ever shows a password (issue 8, §9/§10 "password leak").
//
// Every verb `strata --help` lists (read from its output at run time, so a
// verb added later is covered without editing this file) runs with database
// URLs that carry a distinctive password in many broken and working shapes:
// an unencoded '?', '#', '/' or '@' in the password, a missing '@', a broken
// scheme with `?password=`, percent-encoded passwords, malformed escapes,
// unknown query keys, an unreachable port on 127.0.0.1, libpq conninfo text
// instead of a URL, and a wrong password against the live test PostgreSQL
// and MariaDB. Each URL is given three ways: --url, `url` in strata.toml, and
// `url = "${VAR}"` in strata.toml with VAR in the environment. The test
// asserts that no 6-character piece of the password tokens appears in stdout
// or stderr, that no run dies on a signal, and that the broken shapes fail.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/live_db.h"
#include "support/test_support.h"

namespace strata::testing {
namespace {

// The password tokens: random-looking, so any 6-character piece of them in
// the output can only come from the URL.
constexpr const char* kTokenA = "Kq7Zr2Wm";
constexpr const char* kTokenB = "Vx4Pn8Ts";

struct Shape {
  std::string name;
  std::string url;
  bool must_fail = true;  // false: the server accepts it (some verbs succeed)
};

// gtest prints a parameter in failure messages: the name only.
void PrintTo(const Shape& shape, std::ostream* os) { *os << shape.name; }

std::string A() { return kTokenA; }
std::string B() { return kTokenB; }

// Unreachable: nothing listens on port 1 of the loopback.
const std::string kHost = "127.0.0.1:1";

std::vector<Shape> offline_shapes() {
  const std::string h = kHost;
  return {
      {"unencoded_question_mark", "postgresql://alice:" + A() + "?" + B() + "@" + h + "/db"},
      {"unencoded_hash", "postgresql://alice:" + A() + "#" + B() + "@" + h + "/db"},
      {"unencoded_slash", "postgresql://alice:" + A() + "/" + B() + "@" + h + "/db"},
      {"unencoded_at", "postgresql://alice:" + A() + "@" + B() + "@" + h + "/db"},
      {"missing_at", "postgresql://alice:" + A() + h + "/db"},
      {"missing_at_and_host", "postgresql://alice:" + A()},
      {"missing_at_port_like", "postgresql://alice:" + A() + "/db"},
      {"broken_scheme_query_password", "postgresql//alice@" + h + "/db?password=" + A()},
      {"single_slash_scheme", "postgresql:/alice:" + A() + "@" + h + "/db"},
      {"no_slash_scheme", "postgresql:alice:" + A() + "@" + h + "/db"},
      {"space_in_scheme", "postgres ql://alice:" + A() + "@" + h + "/db"},
      {"percent_encoded_at", "postgresql://alice:" + A() + "%40" + B() + "@" + h + "/db"},
      {"percent_encoded_letter", "postgresql://alice:%4B" + A().substr(1) + "@" + h + "/db"},
      {"malformed_escape", "postgresql://alice:" + A() + "%zz" + B() + "@" + h + "/db"},
      {"unknown_query_key", "postgresql://alice:" + A() + "@" + h + "/db?foo=bar&sslmode=disable"},
      {"query_password", "postgresql://alice@" + h + "/db?password=" + A() + "&sslmode=disable"},
      {"query_password_encoded", "postgresql://alice@" + h + "/db?password=" + A() + "%26" + B()},
      {"unreachable_port", "postgresql://alice:" + A() + "@" + h + "/db"},
      {"bad_port", "postgresql://alice:" + A() + "@127.0.0.1:99999/db"},
      {"broken_ipv6", "postgresql://alice:" + A() + "@[::1:1/db"},
      {"unsupported_scheme", "pgsql://alice:" + A() + "@" + h + "/db"},
      {"driver_part", "postgresql+psycopg2://alice:" + A() + "@" + h + "/db"},
      {"sqlite_with_password", "sqlite://alice:" + A() + "@/x.db"},
      {"mysql_question_mark", "mysql://alice:" + A() + "?" + B() + "@" + h + "/db"},
      {"mysql_unreachable", "mysql://alice:" + A() + "@" + h + "/db"},
      {"mysql_query_password", "mysql://alice@" + h + "/db?password=" + A()},
      {"mariadb_hash", "mariadb://alice:" + A() + "#" + B() + "@" + h + "/db"},
      {"conninfo_not_url", "host=127.0.0.1 port=1 user=alice password=" + A()},
      {"conninfo_quoted", "host=127.0.0.1 port=1 password='" + A() + " " + B() + "'"},
  };
}

// Every 6-character piece of the tokens.
std::vector<std::string> secret_pieces() {
  std::vector<std::string> out;
  for (const std::string& token : {A(), B()}) {
    for (size_t i = 0; i + 6 <= token.size(); ++i) out.push_back(token.substr(i, 6));
  }
  return out;
}

std::string revision_script(const std::string& id, const std::string& down, const std::string& table) {
  return "-- add " + table + "\nrevision = \"" + id + "\"\ndown_revision = " + down +
         "\n\nfunction upgrade()\n  op.create_table(\"" + table +
         "\", op.column(\"id\", op.Integer, {primary_key = true}))\nend\n\n"
         "function downgrade()\n  op.drop_table(\"" + table + "\")\nend\n";
}

// The verbs `strata --help` lists.
std::vector<std::string> listed_verbs() {
  TempDir dir;
  CommandResult help = run_strata({"--help"}, dir.path());
  EXPECT_EQ(help.exit_code, 0) << help.err;
  std::vector<std::string> verbs;
  std::istringstream in(help.out);
  bool in_list = false;
  static const std::regex kVerbLine(R"(^  ([a-z][a-z_\-]*)\b.*)");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("SUBCOMMANDS", 0) == 0 || line.rfind("Subcommands", 0) == 0) {
      in_list = true;
      continue;
    }
    if (!in_list) continue;
    if (!line.empty() && line[0] != ' ') break;
    std::smatch m;
    if (std::regex_match(line, m, kVerbLine)) verbs.push_back(m[1]);
  }
  return verbs;
}

// The argument lists each verb runs with (one verb may run several ways);
// a verb this table does not know runs with no arguments.
std::vector<std::vector<std::string>> invocations(const std::string& verb) {
  if (verb == "upgrade") return {{"upgrade", "head"}, {"upgrade", "head", "--sql"}};
  if (verb == "downgrade") return {{"downgrade", "-1"}, {"downgrade", "bbbb2222:base", "--sql"}};
  if (verb == "stamp") return {{"stamp", "head"}, {"stamp", "head", "--sql"}};
  if (verb == "history") return {{"history", "-i"}, {"history"}};
  if (verb == "current") return {{"current"}, {"current", "-v"}};
  if (verb == "show") return {{"show", "head"}};
  if (verb == "revision") return {{"revision", "-m", "pw", "--autogenerate"}, {"revision", "-m", "pw"}};
  if (verb == "merge") return {{"merge", "heads", "-m", "m"}};
  if (verb == "models") return {{"models", "dump"}};
  if (verb == "ensure_version") return {{"ensure_version"}, {"ensure_version", "--sql"}};
  if (verb == "init") return {{"init", "newproject"}};
  if (verb == "edit") return {{"edit", "head"}};
  if (verb == "verify") return {{"verify"}, {"verify", "--json"}};
  if (verb == "validate") return {{"validate"}, {"validate", "--json"}};
  if (verb == "lint") return {{"lint"}, {"lint", "--json"}};
  return {{verb}};
}

enum class Via { kFlag, kToml, kEnv };

class PasswordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir.file("migrations/versions"));
    std::filesystem::create_directories(dir.file("models"));
    write_file(dir.file("migrations/versions/aaaa1111_a.lua"), revision_script("aaaa1111", "nil", "pw_a"));
    write_file(dir.file("migrations/versions/bbbb2222_b.lua"),
               revision_script("bbbb2222", "\"aaaa1111\"", "pw_b"));
    write_file(dir.file("models/m.lua"),
               "model.table(\"pw_a\", model.column(\"id\", model.Integer, {primary_key = true}))\n"
               "model.table(\"pw_b\", model.column(\"id\", model.Integer, {primary_key = true}))\n"
               "model.table(\"pw_c\", model.column(\"id\", model.Integer, {primary_key = true}))\n");
  }

  void write_config(const std::string& url_line) {
    write_file(dir.file("strata.toml"), "script_location = \"migrations\"\nmodels = [\"models/*.lua\"]\n" +
                                            url_line + "\n");
  }

  // Runs every invocation of every listed verb with `url` given `via`;
  // returns how many runs exited 0.
  int run_all(const std::string& url, Via via, const std::string& label) {
    std::vector<std::string> env = {"EDITOR=true", "VISUAL=true"};
    if (via == Via::kFlag) {
      write_config("");
    } else if (via == Via::kToml) {
      write_config("url = '" + url + "'");  // a TOML literal string: no escapes
    } else {
      write_config("url = \"${STRATA_PW_TEST_URL}\"");
      env.push_back("STRATA_PW_TEST_URL=" + url);
    }
    int ok = 0;
    for (const std::string& verb : verbs) {
      for (std::vector<std::string> args : invocations(verb)) {
        if (via == Via::kFlag) args.insert(args.begin(), {"--url", url});
        CommandResult r = run_strata(args, dir.path(), env);
        std::string what = label + " / " + args[via == Via::kFlag ? 2 : 0] + " (" +
                           std::to_string(args.size()) + " args)";
        EXPECT_GE(r.exit_code, 0) << what << ": did not exit normally\n" << r.err;
        EXPECT_LT(r.exit_code, 128) << what << ": killed by a signal\n" << r.err;
        for (const std::string& piece : pieces) {
          if (r.out.find(piece) != std::string::npos || r.err.find(piece) != std::string::npos) {
            ADD_FAILURE() << what << ": the output shows the password (" << piece << "):\n"
                          << r.out << r.err;
            break;
          }
        }
        ++runs;
        if (r.exit_code == 0) ++ok;
      }
    }
    return ok;
  }

  static std::string label(Via via) {
    return via == Via::kFlag ? "via --url" : via == Via::kToml ? "via strata.toml" : "via ${VAR}";
  }

  TempDir dir;
  std::vector<std::string> verbs = listed_verbs();
  std::vector<std::string> pieces = secret_pieces();
  int runs = 0;
};

TEST_F(PasswordTest, HelpListsTheVerbsThisTestRuns) {
  std::set<std::string> listed(verbs.begin(), verbs.end());
  for (const char* verb : {"upgrade", "downgrade", "stamp", "current", "history", "check", "revision",
                           "models", "ensure_version"}) {
    EXPECT_TRUE(listed.count(verb)) << verb << " missing from strata --help";
  }
}

// One test per shape (ctest runs them in parallel).
class BrokenUrl : public PasswordTest, public ::testing::WithParamInterface<Shape> {};

TEST_P(BrokenUrl, NeverShowsThePassword) {
  int ok = 0;
  for (Via via : {Via::kFlag, Via::kToml, Via::kEnv}) ok += run_all(GetParam().url, via, label(via));
  // Every way × verb ran (a verb list read wrongly would run none).
  EXPECT_GE(runs, 3 * 15);
  // Nothing reaches a server, so only verbs that never connect succeed
  // (offline SQL, lint, history, ...), never all of them.
  EXPECT_LT(ok, runs);
}

std::string shape_name(const ::testing::TestParamInfo<Shape>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(Shapes, BrokenUrl, ::testing::ValuesIn(offline_shapes()), shape_name);

// Shapes that reach the live servers with a wrong password. The test
// PostgreSQL trusts loopback connections, so there the commands run for real
// (and must still not echo the URL); MariaDB refuses the password.
std::optional<Shape> live_shape(const std::string& name) {
  if (name.rfind("pg_", 0) == 0) {
    if (!pg_url()) return std::nullopt;
    config::Url u = config::parse_url(create_pg_database("strata_pw"));
    std::string user = u.user.value_or("postgres");
    std::string at = "@" + *u.host + ":" + std::to_string(u.port.value_or(5432)) + "/" + u.database;
    if (name == "pg_wrong_password") return Shape{name, "postgresql://" + user + ":" + A() + at, false};
    if (name == "pg_query_password") {
      return Shape{name, "postgresql://" + user + at + "?password=" + A() + "&sslmode=disable", false};
    }
    if (name == "pg_unknown_query_key") {
      return Shape{name, "postgresql://" + user + ":" + A() + at + "?nosuchkey=1"};
    }
    return Shape{name, "postgresql://" + user + ":" + A() + "#" + B() + at};  // pg_hash_in_password
  }
  std::optional<std::string> my = mysql_test_url();
  if (!my) return std::nullopt;
  config::Url u = config::parse_url(*my);
  std::string at = "@" + *u.host + ":" + std::to_string(u.port.value_or(3306)) + "/" + u.database;
  std::string user = u.user.value_or("root");
  if (name == "mysql_wrong_password") return Shape{name, "mysql://" + user + ":" + A() + at};
  return Shape{name, "mysql://" + user + ":" + A() + at + "?nosuchkey=1"};  // mysql_unknown_query_key
}

class LiveUrl : public PasswordTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(LiveUrl, NeverShowsThePassword) {
  std::optional<Shape> shape = live_shape(GetParam());
  if (!shape) {
    if (std::getenv("CI") != nullptr) FAIL() << "no live server for " << GetParam() << " (CI runs every one)";
    GTEST_SKIP() << "STRATA_TEST_PG_URL / STRATA_TEST_MYSQL_URL is not set";
  }
  for (Via via : {Via::kFlag, Via::kToml, Via::kEnv}) {
    int ok = run_all(shape->url, via, label(via));
    // Where the server accepts the connection, the verbs really ran.
    if (!shape->must_fail) {
      EXPECT_GT(ok, 0) << label(via) << ": no verb succeeded against the live server";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, LiveUrl,
                         ::testing::Values("pg_wrong_password", "pg_query_password", "pg_unknown_query_key",
                                           "pg_hash_in_password", "mysql_wrong_password",
                                           "mysql_unknown_query_key"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace strata::testing
