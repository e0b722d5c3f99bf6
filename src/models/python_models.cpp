// load_python_models (contract in models/python_models.h): write the shipped
// exporter to a temp file, run the interpreter with stdout/stderr captured
// in temp files, read the catalog document back.
#include "models/python_models.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/catalog_json.h"
#include "models/python_exporter.h"
#include "strata/error.h"

namespace strata::models {
namespace {

namespace fs = std::filesystem;

// A temporary file removed when it goes out of scope.
class TempFile {
 public:
  explicit TempFile(const char* suffix) {
    fs::path dir = fs::temp_directory_path();
    std::string tmpl = (dir / ("strata-python-XXXXXX" + std::string(suffix))).string();
    fd_ = ::mkstemps(tmpl.data(), static_cast<int>(std::strlen(suffix)));
    if (fd_ < 0) {
      throw Error(ErrorCode::kIo, "cannot create a temporary file in " + dir.string() + ": " +
                                      std::strerror(errno));
    }
    path_ = tmpl;
  }
  ~TempFile() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  std::string read() const {
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  int fd_ = -1;
  std::string path_;
};

std::string last_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  size_t nl = text.rfind('\n');
  return nl == std::string::npos ? text : text.substr(nl + 1);
}

struct RunResult {
  int exit_code = 0;  // 127: could not be started
  std::string out, err;
};

RunResult run(const std::string& python, const std::vector<std::string>& args) {
  TempFile out(".out"), err(".err");
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(python.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw Error(ErrorCode::kIo, std::string("cannot fork: ") + std::strerror(errno));
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(out.fd(), 1);
    ::dup2(err.fd(), 2);
    ::setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
    ::execvp(python.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = out.read();
  r.err = err.read();
  return r;
}

std::string config_name(const config::Config& config) {
  return config.config_path.empty() ? "strata.toml" : config.config_path;
}

}  // namespace

model::Catalog load_python_models(const config::Config& config, std::string_view dialect,
                                  const std::vector<std::string>& specs) {
  fs::path base = fs::absolute(fs::path(config.config_path)).parent_path();
  nlohmann::json path = nlohmann::json::array();
  for (const std::string& dir : config.python_path) {
    fs::path p(dir);
    path.push_back((p.is_absolute() ? p : base / p).lexically_normal().string());
  }
  nlohmann::json request = {{"path", path}, {"specs", specs}};

  TempFile script(".py");
  {
    std::ofstream f(script.path(), std::ios::binary);
    f << python_exporter_source();
    if (!f) throw Error(ErrorCode::kIo, "cannot write " + script.path());
  }
  const std::string& python = config.python;
  RunResult r = run(python, {script.path(), std::string(dialect), request.dump()});
  const std::string where = config_name(config) + ": models: python";
  if (r.exit_code == 127 && r.out.empty() && r.err.empty()) {
    throw Error(ErrorCode::kConfig, where + ": cannot run '" + python +
                                        "' (not found; install python3 or set `python` in "
                                        "strata.toml)");
  }
  if (r.exit_code != 0) {
    std::string line = last_line(r.err);
    const std::string marker = "strata-python-error: ";
    if (line.rfind(marker, 0) == 0) line = line.substr(marker.size());
    if (line.empty()) line = "'" + python + "' exited with status " + std::to_string(r.exit_code);
    throw Error(ErrorCode::kConfig, where + ": " + line);
  }
  return model::catalog_from_json(r.out, where + " exporter output");
}

}  // namespace strata::models
