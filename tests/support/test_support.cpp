#include "support/test_support.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace strata::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "strata-test.XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}


CommandResult run_command(const std::vector<std::string>& argv, const std::string& cwd,
                          const std::vector<std::string>& env) {
  // Output goes to temp files (not pipes) so large outputs cannot deadlock.
  TempDir io;
  const std::string out_path = io.file("out"), err_path = io.file("err");
  pid_t pid = fork();
  if (pid == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    for (const std::string& entry : env) putenv(const_cast<char*>(entry.c_str()));
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

CommandResult run_strata(const std::vector<std::string>& args, const std::string& cwd,
                         const std::vector<std::string>& env) {
  std::vector<std::string> argv{STRATA_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, cwd, env);
}

bool live_required(const std::string& backend) {
  if (std::getenv("CI") != nullptr) return true;
  const char* list = std::getenv("STRATA_REQUIRE_LIVE");
  return list != nullptr && std::string(list).find(backend) != std::string::npos;
}

std::optional<std::string> pg_url() {
  const char* url = std::getenv("STRATA_TEST_PG_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

std::string create_pg_database(const std::string& prefix) {
  static std::atomic<int> counter{0};
  const std::string base = *pg_url();
  const std::string name =
      prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  psql(base, "DROP DATABASE IF EXISTS " + name);
  psql(base, "CREATE DATABASE " + name);
  auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + name;
}

std::string psql(const std::string& url, const std::string& sql) {
  CommandResult r = run_command(
      {"psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql}, "");
  if (r.exit_code != 0) throw std::runtime_error("psql failed: " + r.err + " for: " + sql);
  return r.out;
}

}  // namespace strata::testing
