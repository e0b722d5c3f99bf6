// run_python_script (contract in common/python_process.h): fork/exec with
// stdout/stderr in temporary files (no pipes, so a chatty script can never
// block on a full pipe while we wait for it).
#include "common/python_process.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "strata/error.h"

namespace strata::common {
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

}  // namespace

PythonRun run_python_script(const std::string& python, const char* script_source,
                            const std::vector<std::string>& args) {
  TempFile script(".py");
  {
    std::ofstream f(script.path(), std::ios::binary);
    f << script_source;
    if (!f) throw Error(ErrorCode::kIo, "cannot write " + script.path());
  }
  TempFile out(".out"), err(".err");
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(python.c_str()));
  argv.push_back(const_cast<char*>(script.path().c_str()));
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
  PythonRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = out.read();
  r.err = err.read();
  return r;
}

std::string python_error_line(const PythonRun& run, const std::string& python) {
  std::string line = last_line(run.err);
  const std::string marker = "strata-python-error: ";
  if (line.rfind(marker, 0) == 0) line = line.substr(marker.size());
  if (line.empty()) line = "'" + python + "' exited with status " + std::to_string(run.exit_code);
  return line;
}

}  // namespace strata::common
